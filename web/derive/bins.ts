import type { RunDigest } from '../../src/experiment/digest.js';
import type { Estimate } from './estimate.js';

/** The time bins of a set of digests, which must agree on them to be averaged bin by bin. */
export interface BinFrame {
  /** Bin width in days. */
  binDays: number;
  bins: number;
  warmupDays: number;
  horizonDays: number;
}

/** An estimate for one time bin: `t` is the bin start and `width` its length, both in days. */
export interface BinEstimate extends Estimate {
  t: number;
  width: number;
}

/**
 * The bins shared by `digests`; null when there are none. Throws when the digests disagree, since
 * averaging bin b of a monthly run with bin b of a weekly run would silently mix different times.
 */
export function binFrame(digests: readonly RunDigest[]): BinFrame | null {
  if (digests.length === 0) return null;
  const d0 = digests[0];
  for (const d of digests) {
    if (d.binDays !== d0.binDays || d.bins !== d0.bins || d.horizonDays !== d0.horizonDays || d.warmupDays !== d0.warmupDays) {
      throw new RangeError(
        `digests disagree on their time bins: seed ${d0.seed} has ${d0.bins} × ${d0.binDays} d (warm-up ${d0.warmupDays}, horizon ${d0.horizonDays}), ` +
          `seed ${d.seed} has ${d.bins} × ${d.binDays} d (warm-up ${d.warmupDays}, horizon ${d.horizonDays})`,
      );
    }
  }
  return { binDays: d0.binDays, bins: d0.bins, warmupDays: d0.warmupDays, horizonDays: d0.horizonDays };
}

/** Start of bin `b`, in days. */
export function binStart(frame: BinFrame, b: number): number {
  return b * frame.binDays;
}

/** Length of bin `b` in days: the last bin stops at the horizon. */
export function binWidth(frame: BinFrame, b: number): number {
  return Math.min(frame.binDays, frame.horizonDays - binStart(frame, b));
}
