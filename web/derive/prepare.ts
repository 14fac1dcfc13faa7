import type { RunDigest } from '../../src/experiment/digest.js';
import { weeklyHistogram } from './caseload.js';
import { pooledSortedWaits } from './waiting.js';

/**
 * The per-replication work behind the charts' series, done as each replication arrives instead of
 * all at once when the charts are drawn: the caseload histogram of the new digest and the merge of
 * its waits into the side's pooled sorted waits (both kept by the derivations, keyed by digest, so
 * the charts then only pool what is ready). `digests` is one side's list, newest last, the same
 * list the charts will derive from. In Chromium on this 2-core machine the caseload and ECDF
 * series of a 3-replication comparison took 26-49 ms each when derived from cold digests after the
 * run; prepared, they take a few ms, and each preparation is a task of its own of a few ms.
 */
export function prepareDigests(digests: readonly RunDigest[]): void {
  if (digests.length === 0) return;
  weeklyHistogram(digests[digests.length - 1]);
  pooledSortedWaits(digests);
}
