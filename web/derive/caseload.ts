import { caseloadHistogramOf, type RunDigest } from '../../src/experiment/digest.js';

/** Caseload (cases held by one coordinator) across all coordinators of all replications in one week. */
export interface CaseloadBandPoint {
  /** Week start, in days since the start of the run. */
  t: number;
  /** Cases per coordinator: mean, type-7 quantiles and maximum. */
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  max: number;
  /** Coordinator-weeks pooled into this point. */
  n: number;
}

export interface CaseloadBands {
  points: CaseloadBandPoint[];
  /** The scenario's collapse caseload, in cases (the first coordinated digest's). */
  caseloadCollapse: number;
}

/** One coordinator's caseload week by week (cases), for the hover overlay. */
export interface CaseloadLine {
  /** Coordinator id within its run. */
  id: number;
  points: { t: number; caseload: number }[];
}

/**
 * Distribution of caseloads per week, pooling every coordinator of every replication, at the
 * week start times present in the digests. Null when no digest has coordinators.
 */
export function caseloadBands(digests: readonly RunDigest[]): CaseloadBands | null {
  const hists = digests.map(weeklyHistogram).filter((h): h is WeeklyHistogram => h !== null);
  if (hists.length === 0) return null;
  const collapse = digests.find((d) => d.coordination)!.coordination!.caseloadCollapse;
  const times = [...new Set(hists.flatMap((h) => h.times))].sort((x, y) => x - y);
  const width = Math.max(...hists.map((h) => h.width));
  const counts = new Float64Array(width);
  const points = times.map((t) => {
    counts.fill(0);
    let n = 0;
    let sum = 0;
    for (const h of hists) {
      const w = h.index.get(t);
      if (w === undefined) continue;
      for (let c = 0; c < h.width; c++) {
        const k = h.counts[w * h.width + c];
        counts[c] += k;
        n += k;
        sum += k * c;
      }
    }
    let max = 0;
    for (let c = width - 1; c >= 0; c--) if (counts[c] > 0) {
      max = c;
      break;
    }
    return { t, mean: sum / n, p10: quantileOfCounts(counts, n, 0.1), p50: quantileOfCounts(counts, n, 0.5), p90: quantileOfCounts(counts, n, 0.9), max, n };
  });
  return { points, caseloadCollapse: collapse };
}

/** Per week, how many coordinators held 0, 1, 2, ... cases: caseloads are whole numbers. */
export interface WeeklyHistogram {
  times: number[];
  index: Map<number, number>;
  width: number;
  counts: Int32Array;
}

// Each digest is counted once and kept while it lives: redraws while replications stream in then
// cost weeks x caseload values per digest instead of sorting every coordinator-week again.
const histograms = new WeakMap<RunDigest, WeeklyHistogram | null>();

export function weeklyHistogram(d: RunDigest): WeeklyHistogram | null {
  if (histograms.has(d)) return histograms.get(d)!;
  const c = d.coordination;
  let h: WeeklyHistogram | null = null;
  if (c && c.weeks.time.length > 0) {
    // Counted in the worker (digest.ts); a hand-made digest without it is counted here the same way.
    const k = c.caseloadHistogram ?? caseloadHistogramOf(c.weeks);
    const times = Array.from(k.times);
    h = { times, index: new Map(times.map((t, i) => [t, i])), width: k.width, counts: k.counts };
  }
  histograms.set(d, h);
  return h;
}

/** Type-7 quantile (as quantileSorted) of n whole numbers given as counts per value. */
function quantileOfCounts(counts: ArrayLike<number>, n: number, p: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (let v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (rank < seen) return v;
    }
    return counts.length - 1;
  };
  const a = valueAt(lo);
  const b = lo + 1 < n ? valueAt(lo + 1) : a;
  return a + (h - lo) * (b - a);
}

// The lines are of the first replication, which stays the same while the others stream in: made
// once per digest instead of on every redraw. In the ten-year municipality (21,570 coordinator-
// weeks) that is 1.4 ms a redraw per side in Node, and it was a third of the caseload chart's
// script time in a CPU profile of npm run bench:browser (20 replications a side, HEAD 02a4545).
// Callers share the result and must not change it.
const linesOf = new WeakMap<RunDigest, CaseloadLine[]>();

/** One line per coordinator of one replication, by id, each in time order; empty without coordinators. */
export function caseloadLines(digest: RunDigest | undefined): CaseloadLine[] {
  const c = digest?.coordination;
  if (!digest || !c) return [];
  const kept = linesOf.get(digest);
  if (kept) return kept;
  const byId = new Map<number, CaseloadLine>();
  const w = c.weeks;
  for (let i = 0; i < w.time.length; i++) {
    let line = byId.get(w.coordinator[i]);
    if (!line) byId.set(w.coordinator[i], (line = { id: w.coordinator[i], points: [] }));
    line.points.push({ t: w.time[i], caseload: w.caseload[i] });
  }
  const lines = [...byId.values()].sort((x, y) => x.id - y.id);
  for (const l of lines) l.points.sort((x, y) => x.t - y.t);
  linesOf.set(digest, lines);
  return lines;
}
