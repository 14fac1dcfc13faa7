import { mean, stdDev } from '../stats/summary.js';
import { CAUSES, type RunDigest } from './digest.js';

/**
 * Welch's graphical method for choosing a warm-up period (Law & Kelton, "Simulation Modeling and
 * Analysis", ch. 9): run n replications from the empty-ish start, average each time bin across
 * replications, smooth the averages with a centred moving average, and delete the bins before the
 * curve has flattened out. Pure: digests in, arrays out; the CLI runs the model and prints.
 */

/** The series a warm-up analysis can follow, one value per digest time bin. */
export const WARMUP_SERIES = ['waitDays', 'betweenChairs', 'userDaysBetweenChairs', 'activeUsers', 'caseload'] as const;
export type WarmupSeries = (typeof WARMUP_SERIES)[number];

/** What each series measures per bin (for help text and table headings). */
export const WARMUP_SERIES_LABELS: Record<WarmupSeries, string> = {
  waitDays: 'mean days from referral to first service, of episodes starting service in the bin',
  betweenChairs: 'between-chairs events in the bin, all causes',
  userDaysBetweenChairs: 'user-days between chairs in the bin',
  activeUsers: 'users present at the middle of the bin',
  caseload: 'mean caseload of the coordinator-weeks starting in the bin',
};

/** The queue model has no needs, chairs or coordinators: only these series mean anything there. */
export const QUEUE_WARMUP_SERIES: readonly WarmupSeries[] = ['waitDays', 'activeUsers'];

export function isWarmupSeries(name: string): name is WarmupSeries {
  return (WARMUP_SERIES as readonly string[]).includes(name);
}

/**
 * One value per bin of `digest` for the named series. `caseload` is NaN everywhere without
 * coordinators, and NaN in bins with no coordinator-week; `waitDays` is NaN in bins where no
 * episode started service. Digests only count waits and coordinator-weeks after the run's
 * warm-up, so digest a run with `horizon.warmupDays = 0` for this analysis.
 */
export function seriesOf(digest: RunDigest, name: WarmupSeries): Float64Array {
  const bins = digest.bins;
  if (digest.model === 'queue' && !QUEUE_WARMUP_SERIES.includes(name)) {
    throw new RangeError(`series "${name}" needs a municipality run; a queue run has only ${QUEUE_WARMUP_SERIES.join(', ')}`);
  }
  switch (name) {
    case 'waitDays':
      return Float64Array.from(digest.waitByBin);
    case 'betweenChairs': {
      const out = new Float64Array(bins);
      for (let c = 0; c < CAUSES.length; c++) for (let b = 0; b < bins; b++) out[b] += digest.betweenChairsByCause[c * bins + b];
      return out;
    }
    case 'userDaysBetweenChairs':
      return Float64Array.from(digest.betweenChairsUserDays);
    case 'activeUsers':
      return Float64Array.from(digest.activeUsers);
    case 'caseload': {
      const out = new Float64Array(bins).fill(NaN);
      const w = digest.coordination?.weeks;
      if (!w) return out;
      const sum = new Float64Array(bins);
      const n = new Float64Array(bins);
      for (let i = 0; i < w.time.length; i++) {
        // Same binning as digestOf: a week belongs to the bin its start falls in.
        const b = Math.min(bins - 1, Math.max(0, Math.floor(w.time[i] / digest.binDays)));
        sum[b] += w.caseload[i];
        n[b]++;
      }
      for (let b = 0; b < bins; b++) if (n[b] > 0) out[b] = sum[b] / n[b];
      return out;
    }
  }
}

export interface WelchResult {
  /** Number of time bins m. */
  bins: number;
  /** Window w of the moving average. */
  window: number;
  /** Per-bin mean across replications, ignoring NaN; NaN where every replication is NaN. */
  mean: Float64Array;
  /**
   * The moving average Ybar_i(w), i = 0 .. m - w - 1 (length m - w): the last w bins have no
   * centred window and are left out, as in Law & Kelton. NaN where the window holds no value.
   */
  smoothed: Float64Array;
}

/**
 * Welch's procedure (Law & Kelton ch. 9): `series` holds one array per replication, all of the
 * same length m. With 0-based i,
 *   smoothed[i] = mean of mean[i-w .. i+w]   (2w+1 values)   for w <= i < m - w,
 *   smoothed[i] = mean of mean[0 .. 2i]      (2i+1 values)   for i < w,
 * so the window shrinks near the start instead of reaching before bin 0. NaN means (bins with
 * no observation in any replication) are skipped inside a window.
 */
export function welch(series: readonly Float64Array[], window: number): WelchResult {
  if (series.length === 0) throw new RangeError('welch needs at least one replication series');
  const bins = series[0].length;
  series.forEach((s, r) => {
    if (s.length !== bins) throw new RangeError(`every replication needs the same number of bins: replication 0 has ${bins}, replication ${r} has ${s.length}`);
  });
  if (!Number.isInteger(window) || window < 1 || window >= bins / 2) {
    throw new RangeError(`window must be an integer >= 1 and < bins/2 (bins = ${bins}), got ${window}`);
  }

  const binMean = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    let sum = 0;
    let n = 0;
    for (const s of series) {
      const x = s[b];
      if (Number.isNaN(x)) continue;
      if (!Number.isFinite(x)) throw new RangeError(`series values must be finite or NaN (no data); bin ${b} is ${x}`);
      sum += x;
      n++;
    }
    binMean[b] = n > 0 ? sum / n : NaN;
  }

  const smoothed = new Float64Array(bins - window);
  for (let i = 0; i < smoothed.length; i++) {
    const half = Math.min(i, window);
    let sum = 0;
    let n = 0;
    for (let j = i - half; j <= i + half; j++) {
      if (Number.isNaN(binMean[j])) continue;
      sum += binMean[j];
      n++;
    }
    smoothed[i] = n > 0 ? sum / n : NaN;
  }
  return { bins, window, mean: binMean, smoothed };
}

/**
 * A suggested warm-up, in bins: the smallest k such that smoothed[j] stays within
 * ±tolerance of the reference level for every j >= k, where the reference is the mean of the last
 * half of the smoothed curve (j >= floor(length / 2)) and the band is tolerance x |reference|
 * (or tolerance x max |smoothed| when the reference is 0, so a curve settling at zero still gets
 * one). NaN points (no data) are skipped. Deleting bins 0 .. k-1, i.e. a warm-up of k bin widths,
 * is the suggestion; 0 means the curve is flat from the start, and -1 that it leaves the band
 * again at the very end (no warm-up fits: run longer, add replications or widen the window).
 *
 * This is a rule of thumb to read the plot by, not a statistical test: it assumes the second half
 * of the run is steady (a warm-up past the midpoint is a sign the run is too short), and noise
 * wider than the band pushes the suggestion late. Look at the curve before using it.
 */
export function suggestWarmup(smoothed: Float64Array, tolerance = 0.05): number {
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new RangeError(`tolerance must be a finite number > 0, got ${tolerance}`);
  const n = smoothed.length;
  const ref = lastHalfLevel(smoothed).mean;
  let maxAbs = 0;
  for (let j = 0; j < n; j++) if (!Number.isNaN(smoothed[j])) maxAbs = Math.max(maxAbs, Math.abs(smoothed[j]));
  const band = tolerance * (ref !== 0 ? Math.abs(ref) : maxAbs);
  let settled = false;
  for (let j = n - 1; j >= 0; j--) {
    const x = smoothed[j];
    if (Number.isNaN(x)) continue;
    if (Math.abs(x - ref) > band) return settled ? j + 1 : -1;
    settled = true;
  }
  return 0;
}

/**
 * Mean and sample sd (0 if fewer than 2 values) of the non-NaN values in the last half of the
 * smoothed curve (j >= floor(length / 2)): the level `suggestWarmup` settles to, and how much the
 * curve still moves there (noise and drift), to compare with the tolerance band.
 */
export function lastHalfLevel(smoothed: Float64Array): { mean: number; sd: number; n: number } {
  const n = smoothed.length;
  if (n === 0) throw new RangeError('the smoothed series is empty');
  const tail: number[] = [];
  for (let j = 0; j < n; j++) {
    const x = smoothed[j];
    if (Number.isNaN(x)) continue;
    if (!Number.isFinite(x)) throw new RangeError(`smoothed[${j}] is ${x}; the series must be finite or NaN`);
    if (j >= Math.floor(n / 2)) tail.push(x);
  }
  if (tail.length === 0) throw new RangeError('the last half of the smoothed series is all NaN: no reference level to settle to');
  return { mean: mean(tail), sd: stdDev(tail), n: tail.length };
}
