import { bin } from 'd3';
import type { RunDigest } from '../../src/experiment/digest.js';
import { binFrame, binStart, binWidth, type BinEstimate } from './bins.js';
import { estimate } from './estimate.js';

/** A point of an empirical CDF: share `y` (0–1) of waits of at most `x` days. */
export interface EcdfPoint {
  x: number;
  y: number;
}

/** Share of waits in [x0, x1) days (the last bin includes x1); shares sum to 1. */
export interface WaitBin {
  x0: number;
  x1: number;
  share: number;
}

const ECDF_MAX_POINTS = 400;

function pooledWaits(digests: readonly RunDigest[]): Float64Array {
  const n = digests.reduce((s, d) => s + d.waits.length, 0);
  const all = new Float64Array(n);
  let k = 0;
  for (const d of digests) {
    all.set(d.waits, k);
    k += d.waits.length;
  }
  return all;
}

/**
 * Empirical CDF of days from referral to first service, pooling the waits of all replications
 * (so a replication weighs by its number of episodes). One point per distinct wait, thinned to at
 * most `maxPoints` by even spacing over those points; the first and last points are always kept,
 * so the curve still starts at the shortest wait and reaches 1 at the longest. Empty without waits.
 */
export function waitEcdf(digests: readonly RunDigest[], maxPoints = ECDF_MAX_POINTS): EcdfPoint[] {
  const waits = pooledWaits(digests).sort();
  const n = waits.length;
  const points: EcdfPoint[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && waits[i + 1] === waits[i]) continue;
    points.push({ x: waits[i], y: (i + 1) / n });
  }
  if (points.length <= maxPoints || maxPoints < 2) return points;
  const thinned: EcdfPoint[] = [];
  for (let k = 0; k < maxPoints; k++) thinned.push(points[Math.round((k * (points.length - 1)) / (maxPoints - 1))]);
  return thinned;
}

/**
 * Histogram of pooled waits (days), each bin's count divided by the number of waits. `thresholds`
 * is a bin count hint (as d3-array's `bin`; by default Sturges' rule on a nice domain) or ascending
 * bin edges in days; waits beyond the outer edges get one more bin reaching to them, so the
 * shares always sum to 1. Empty without waits.
 */
export function waitHistogram(digests: readonly RunDigest[], thresholds?: number | readonly number[]): WaitBin[] {
  const waits = pooledWaits(digests);
  if (waits.length === 0) return [];
  const binner = bin<number, number>();
  if (typeof thresholds === 'number') binner.thresholds(thresholds);
  else if (thresholds !== undefined && thresholds.length > 0) {
    // Outer edges become the domain (widened to the data, so every wait is counted) and only inner
    // edges are passed as thresholds: d3 would otherwise add an empty bin at an outer edge.
    let lo = thresholds[0];
    let hi = thresholds[thresholds.length - 1];
    for (const w of waits) {
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
    binner.domain([lo, hi]).thresholds(thresholds.filter((t) => t > lo && t < hi));
  }
  return binner(waits).map((b) => ({ x0: b.x0 ?? NaN, x1: b.x1 ?? NaN, share: b.length / waits.length }));
}

/**
 * Mean wait (days) of episodes whose first service falls in each bin: the mean across replications
 * of their bin means, leaving out replications with no such episode (NaN) and with a 95 % interval
 * across replications. Bins without any value have a NaN mean. Empty without digests.
 */
export function waitOverTime(digests: readonly RunDigest[]): BinEstimate[] {
  const frame = binFrame(digests);
  if (!frame) return [];
  const out: BinEstimate[] = [];
  for (let b = 0; b < frame.bins; b++) {
    out.push({ t: binStart(frame, b), width: binWidth(frame, b), ...estimate(digests.map((d) => d.waitByBin[b])) });
  }
  return out;
}
