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
 * Total order of TypedArray#sort: ascending, -0 before +0, NaN last. Merging by it gives exactly
 * the array that sorting the pooled waits gives.
 */
function before(a: number, b: number): boolean {
  if (a < b) return true;
  if (a > b || Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return a === 0 && b === 0 && Object.is(a, -0) && !Object.is(b, -0);
}

/** The two sorted arrays merged into one sorted array (stable: `a`'s equal values first). */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = before(b[j], a[i]) ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * Sorted arrays merged into one sorted array, in one pass with a heap of the arrays' heads (ties go
 * to the earlier array, as mergeSorted): one allocation, where merging them pairwise in turn
 * allocated an ever longer array per replication (20 ten-year replications: 20 arrays of up to
 * 1.2 MB when the charts are first drawn after the run).
 */
export function mergeAll(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) return mergeSorted(parts[0], parts[1]);
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  const at = new Int32Array(parts.length);
  // A binary min-heap of the indices of the arrays not yet used up, by head value, then index.
  const heap: number[] = [];
  const less = (a: number, b: number) => before(parts[a][at[a]], parts[b][at[b]]) || (!before(parts[b][at[b]], parts[a][at[a]]) && a < b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const c = l + 1 < heap.length && less(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!less(heap[c], heap[i])) return;
      [heap[c], heap[i]] = [heap[i], heap[c]];
      i = c;
    }
  };
  parts.forEach((p, i) => p.length > 0 && heap.push(i));
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let k = 0;
  while (heap.length > 0) {
    const p = heap[0];
    out[k++] = parts[p][at[p]++];
    if (at[p] === parts[p].length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    down(0);
  }
  return out;
}

// Digests never change once made, so each one's waits are sorted once, and the pooled sorted
// waits of a list of digests are kept under its first digest: when replications stream in, the
// list only grows, and the new digests are merged in (linear) instead of re-sorting every wait of
// every replication on each redraw. For 20 ten-year replications of the municipality (153,720
// waits a side) the ECDF took 55 ms sorting again and takes 1-1.6 ms merging (tsx, this 2-core
// machine); in the page the ECDF chart's redraw went from 45-53 ms to 3-7 ms, and it had been the
// longest script task while 20 replications streamed (npm run bench:browser -- --trace).
const sortedOf = new WeakMap<RunDigest, Float64Array>();
const pooledUnder = new WeakMap<RunDigest, { digests: readonly RunDigest[]; sorted: Float64Array }>();

/** Whether `xs` is in TypedArray#sort order. */
function isSorted(xs: Float64Array): boolean {
  for (let i = 1; i < xs.length; i++) if (before(xs[i], xs[i - 1])) return false;
  return true;
}

// digestOf sorts the waits in the worker, so here they are only checked (a linear pass, no copy):
// a sorted copy of every digest's waits on the page's thread cost 3-6 ms each, and in this sandbox
// allocating and filling fresh megabytes is slow (a 3 MB copy takes 15-40 ms in Chromium).
function sortedWaits(d: RunDigest): Float64Array {
  let s = sortedOf.get(d);
  if (!s) sortedOf.set(d, (s = isSorted(d.waits) ? d.waits : Float64Array.from(d.waits).sort()));
  return s;
}

/** The pooled waits of `digests`, sorted as `pooledWaits(digests).sort()` (a fresh array must not be changed: it may be cached). */
export function pooledSortedWaits(digests: readonly RunDigest[]): Float64Array {
  if (digests.length === 0) return new Float64Array(0);
  const kept = pooledUnder.get(digests[0]);
  let from = 0;
  let sorted: Float64Array;
  if (kept && kept.digests.length <= digests.length && kept.digests.every((d, i) => d === digests[i])) {
    from = kept.digests.length;
    sorted = kept.sorted;
  } else {
    from = 1;
    sorted = sortedWaits(digests[0]);
  }
  if (from < digests.length) sorted = mergeAll([sorted, ...digests.slice(from).map(sortedWaits)]);
  if (from < digests.length || !kept) pooledUnder.set(digests[0], { digests: digests.slice(), sorted });
  return sorted;
}

/**
 * Empirical CDF of days from referral to first service, pooling the waits of all replications
 * (so a replication weighs by its number of episodes). One point per distinct wait, thinned to at
 * most `maxPoints` by even spacing over those points; the first and last points are always kept,
 * so the curve still starts at the shortest wait and reaches 1 at the longest. Empty without waits.
 */
export function waitEcdf(digests: readonly RunDigest[], maxPoints = ECDF_MAX_POINTS): EcdfPoint[] {
  return ecdfOfSorted(pooledSortedWaits(digests), maxPoints);
}

/**
 * `waitEcdf` of waits already sorted. The distinct waits are counted first and only the points
 * kept are made: a point object per distinct wait (most waits are distinct) was most of the
 * garbage of a redraw.
 */
export function ecdfOfSorted(waits: Float64Array, maxPoints = ECDF_MAX_POINTS): EcdfPoint[] {
  const n = waits.length;
  // The last index of each run of equal waits is a point.
  const isLast = (i: number) => !(i + 1 < n && waits[i + 1] === waits[i]);
  let distinct = 0;
  for (let i = 0; i < n; i++) if (isLast(i)) distinct++;
  const points: EcdfPoint[] = [];
  const thin = distinct > maxPoints && maxPoints >= 2;
  // Indices among the distinct points that are kept: k (all of them), or evenly spaced.
  const target = (k: number) => (thin ? Math.round((k * (distinct - 1)) / (maxPoints - 1)) : k);
  let k = 0;
  let next = target(0);
  for (let i = 0, p = 0; i < n && k < (thin ? maxPoints : distinct); i++) {
    if (!isLast(i)) continue;
    if (p === next) {
      points.push({ x: waits[i], y: (i + 1) / n });
      next = target(++k);
    }
    p++;
  }
  return points;
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
