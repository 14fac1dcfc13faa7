import type { RunDigest } from '../../src/experiment/digest.js';
import { pairedDifference } from '../../src/stats/summary.js';
import { estimate, type Estimate } from './estimate.js';

/** The metrics of the first screen, in display order. Units are those of the metric (README). */
export const HEADLINE_METRICS = [
  'betweenChairs.per100UserYears',
  'waitDays.mean',
  'usersServed',
  'betweenChairs.userDays',
  'caseload.mean',
  'caseload.max',
  'strain.mean',
  'referralsLost',
] as const;

/**
 * Which direction is better for each headline metric: a suggestion for `verdict`, which the
 * dashboard may override. Judgement, not model output: fewer falls, shorter waits, more users
 * served, lighter caseloads, less strain and fewer lost referrals are taken as better.
 */
export const BETTER_WHEN: Record<(typeof HEADLINE_METRICS)[number], 'lower' | 'higher'> = {
  'betweenChairs.per100UserYears': 'lower',
  'waitDays.mean': 'lower',
  usersServed: 'higher',
  'betweenChairs.userDays': 'lower',
  'caseload.mean': 'lower',
  'caseload.max': 'lower',
  'strain.mean': 'lower',
  referralsLost: 'lower',
};

export interface HeadlineRow {
  name: string;
  /** Mean over each side's replications (NaN values left out), with 95 % interval. */
  a: Estimate;
  b: Estimate;
  /** Paired difference B − A over replications with the same seed, with 95 % interval. */
  diff: { mean: number; ci95: [number, number] };
  /** Number of pairs behind `diff`. */
  n: number;
  /** b.mean / a.mean; NaN when a.mean is 0 or either mean is NaN. */
  ratio: number;
}

function bySeed(side: string, digests: readonly RunDigest[]): Map<number, RunDigest> {
  const m = new Map<number, RunDigest>();
  for (const d of digests) {
    // Two runs with one seed would make the pairing ambiguous: common random numbers need 1:1.
    if (m.has(d.seed)) throw new RangeError(`side ${side} has two replications with seed ${d.seed}`);
    m.set(d.seed, d);
  }
  return m;
}

/**
 * The comparison table: for each metric that every replication of both sides reports, each side's
 * mean and the paired difference B − A. Replications are paired by equal `seed` (common random
 * numbers), not by position, and only seeds present on both sides enter the difference; a pair
 * where either value is NaN is left out.
 */
export function headline(a: readonly RunDigest[], b: readonly RunDigest[], metrics: readonly string[] = HEADLINE_METRICS): HeadlineRow[] {
  if (a.length === 0 || b.length === 0) return [];
  const aBySeed = bySeed('A', a);
  bySeed('B', b);
  const seeds = b.map((d) => d.seed).filter((s) => aBySeed.has(s)).sort((x, y) => x - y);
  const bBySeed = new Map(b.map((d) => [d.seed, d]));
  const rows: HeadlineRow[] = [];
  for (const name of metrics) {
    if (!a.every((d) => name in d.metrics) || !b.every((d) => name in d.metrics)) continue;
    const pa: number[] = [];
    const pb: number[] = [];
    for (const s of seeds) {
      const va = aBySeed.get(s)!.metrics[name];
      const vb = bBySeed.get(s)!.metrics[name];
      if (Number.isNaN(va) || Number.isNaN(vb)) continue;
      pa.push(va);
      pb.push(vb);
    }
    const ea = estimate(a.map((d) => d.metrics[name]));
    const eb = estimate(b.map((d) => d.metrics[name]));
    const diff = pairedDifference(pb, pa);
    rows.push({ name, a: ea, b: eb, diff, n: pa.length, ratio: ea.mean !== 0 ? eb.mean / ea.mean : NaN });
  }
  return rows;
}

/**
 * Which design the paired difference favours: 'B' when the whole 95 % interval of B − A lies on
 * the better side of 0, 'A' when it lies on the worse side, 'unclear' when it contains 0, when
 * there are fewer than 2 pairs or when no direction is better (`betterWhen` null).
 */
export function verdict(row: HeadlineRow, betterWhen: 'lower' | 'higher' | null): 'A' | 'B' | 'unclear' {
  const [lo, hi] = row.diff.ci95;
  if (betterWhen === null || row.n < 2 || !(lo <= hi)) return 'unclear';
  if (lo <= 0 && hi >= 0) return 'unclear';
  const bLower = hi < 0;
  return bLower === (betterWhen === 'lower') ? 'B' : 'A';
}
