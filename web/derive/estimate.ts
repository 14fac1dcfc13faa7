import type { RunDigest } from '../../src/experiment/digest.js';
import { ci95, mean } from '../../src/stats/summary.js';

/**
 * A mean across replications with its 95 % Student-t interval, in the unit of the values.
 * `ci95` is [NaN, NaN] with fewer than 2 values (no spread can be estimated from one run).
 */
export interface Estimate {
  mean: number;
  ci95: [number, number];
  /** Number of values used (NaN values are left out). */
  n: number;
}

/**
 * Mean and 95 % interval of per-replication values, leaving NaN out: a NaN marks "nothing to
 * measure in this run" (e.g. no episode started in a bin), not a zero.
 */
export function estimate(values: ArrayLike<number>): Estimate {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  return { mean: mean(kept), ci95: ci95(kept), n: kept.length };
}

/**
 * Length of a digest's observation window [warmupDays, horizonDays] in years of 365 days; totals
 * over the window divided by this are per-year rates comparable across horizons.
 */
export function windowYears(d: RunDigest): number {
  return (d.horizonDays - d.warmupDays) / 365;
}
