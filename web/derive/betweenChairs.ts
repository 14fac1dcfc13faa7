import { CAUSES, type RunDigest } from '../../src/experiment/digest.js';
import { binFrame, binStart, binWidth, type BinEstimate } from './bins.js';
import { estimate } from './estimate.js';

/** Between-chairs events in one time bin, mean per replication, by cause. */
export interface BetweenChairsBin {
  /** Bin start and length, in days. */
  t: number;
  width: number;
  /** Mean events per replication for each cause, in CAUSES order; they sum to `total`. */
  byCause: number[];
  /** Mean events per replication in the bin. */
  total: number;
}

/**
 * Falls between chairs per bin and cause, averaged over replications, for stacked bars. Bins cover
 * the whole run [0, horizon], warm-up included: the metric `betweenChairs.events` counts only the
 * window [warmup, horizon], so it equals the sum over the bins inside the window (when the warm-up
 * ends on a bin edge). Empty without digests.
 */
export function betweenChairsStack(digests: readonly RunDigest[]): BetweenChairsBin[] {
  const frame = binFrame(digests);
  if (!frame) return [];
  const reps = digests.length;
  const out: BetweenChairsBin[] = [];
  for (let b = 0; b < frame.bins; b++) {
    const byCause = CAUSES.map((_, c) => {
      let sum = 0;
      for (const d of digests) sum += d.betweenChairsByCause[c * frame.bins + b];
      return sum / reps;
    });
    // Summed from the same per-cause means, so the stack's top is exactly the reported total.
    const total = byCause.reduce((s, x) => s + x, 0);
    out.push({ t: binStart(frame, b), width: binWidth(frame, b), byCause, total });
  }
  return out;
}

/**
 * User-days between chairs (an active need without an owner) per bin: mean over replications with
 * a 95 % interval. Bins cover the whole run, like `betweenChairsStack`. Empty without digests.
 */
export function betweenChairsUserDays(digests: readonly RunDigest[]): BinEstimate[] {
  const frame = binFrame(digests);
  if (!frame) return [];
  const out: BinEstimate[] = [];
  for (let b = 0; b < frame.bins; b++) {
    out.push({ t: binStart(frame, b), width: binWidth(frame, b), ...estimate(digests.map((d) => d.betweenChairsUserDays[b])) });
  }
  return out;
}
