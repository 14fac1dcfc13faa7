import type { RunRecord } from '../model/registry.js';
import { CAUSES } from '../model/municipality/causes.js';
import { COORD_ACTIVITIES, COPING_POLICIES, IP_STATES } from '../model/municipality/coordination/coordinationRecord.js';
import { ACTIVITIES, type MunicipalityRecord } from '../model/municipality/record.js';
import type { QueueRecord } from '../model/queue/queueModel.js';

/**
 * What the dashboard keeps of one replication: its metrics and compact series, binned in time.
 * A pure function of the record, so the browser and the CLI digest the same run identically; the
 * record itself (trace, per-user columns) never crosses the worker boundary. Big columns are typed
 * arrays so they can be transferred.
 */
export interface RunDigest {
  model: 'queue' | 'municipality';
  seed: number;
  horizonDays: number;
  warmupDays: number;
  metrics: Record<string, number>;
  /** Width of a time bin in days (a month for runs of a year or more, else a week). */
  binDays: number;
  /** Number of bins covering [0, horizonDays]. */
  bins: number;
  serviceIds: string[];
  /**
   * Days from referral to first service, one per episode whose first service is in the window, in
   * ascending order (sorted in the worker: the page pools and plots them sorted).
   */
  waits: Float64Array;
  /** Mean wait of episodes whose first service falls in each bin; NaN where there is none. */
  waitByBin: Float64Array;
  /** Between-chairs events per cause and bin, row-major: index `cause * bins + bin` (CAUSES order). */
  betweenChairsByCause: Int32Array;
  /** User-days between chairs (an active need without an owner) in each bin. */
  betweenChairsUserDays: Float64Array;
  /** Users present at the middle of each bin. */
  activeUsers: Int32Array;
  /** Staff hours per service and activity in the window, row-major: `service * ACTIVITIES.length + activity`. */
  staffHours: Float64Array;
  /** Referrals sent in the window, aggregated by (from, to); from = -1 is the entry referral (user, GP). */
  handoffs: { from: Int16Array; to: Int16Array; count: Int32Array; lost: Int32Array };
  coordination: CoordinationDigest | null;
}

export interface CoordinationDigest {
  /** One row per coordinator-week in the window: week start (days), coordinator id, caseload, strain. */
  weeks: { time: Float64Array; coordinator: Int32Array; caseload: Int32Array; strain: Float32Array };
  /**
   * The same rows counted per week: how many coordinators held 0, 1, 2, ... cases. Counted here,
   * in the worker, because on the page it was the longest task of a run of the 700,000-inhabitant
   * city (524,000 coordinator-weeks a replication: 83 ms in Chromium). Optional: a digest made by
   * hand may leave it out, and the page counts it with the same function.
   */
  caseloadHistogram?: CaseloadHistogram;
  caseloadCollapse: number;
  /** Hours worked and asked for by COORD_ACTIVITIES, in the window. */
  hours: Float64Array;
  demandedHours: Float64Array;
  /** Coping uses by COPING_POLICIES, in the window. */
  coping: Float64Array;
  /** User-weeks by IP_STATES. */
  ipWeeks: Float64Array;
}

export { ACTIVITIES, CAUSES, COORD_ACTIVITIES, COPING_POLICIES, IP_STATES };

/** Coordinators by caseload, week by week: `counts[week * width + caseload]`, weeks in time order. */
export interface CaseloadHistogram {
  /** Week starts, days, ascending. */
  times: Float64Array;
  /** Caseloads 0 .. width - 1. */
  width: number;
  counts: Int32Array;
}

/** The caseload histogram of coordinator-week rows (in any order). */
export function caseloadHistogramOf(w: { time: ArrayLike<number>; caseload: ArrayLike<number> }): CaseloadHistogram {
  const n = w.time.length;
  // The record writes its rows week by week, so a row's week is found by comparing with the row
  // before; rows out of time order (a hand-made digest) are placed through a sorted list of weeks.
  let sorted = true;
  let width = 1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && w.time[i] < w.time[i - 1]) sorted = false;
    if (w.caseload[i] + 1 > width) width = w.caseload[i] + 1;
  }
  const times: number[] = [];
  const row = new Int32Array(n);
  if (sorted) {
    for (let i = 0, k = -1; i < n; i++) {
      if (i === 0 || w.time[i] !== w.time[i - 1]) k = times.push(w.time[i]) - 1;
      row[i] = k;
    }
  } else {
    const index = new Map<number, number>();
    for (const t of [...new Set(Array.from(w.time))].sort((a, b) => a - b)) index.set(t, times.push(t) - 1);
    for (let i = 0; i < n; i++) row[i] = index.get(w.time[i])!;
  }
  const counts = new Int32Array(times.length * width);
  for (let i = 0; i < n; i++) counts[row[i] * width + w.caseload[i]]++;
  return { times: Float64Array.from(times), width, counts };
}

/** Bin width for a horizon: a month (365/12 days) for a year or more, a week below. */
export function binDaysFor(horizonDays: number): number {
  return horizonDays >= 365 ? 365 / 12 : 7;
}

/** `metrics` are `metricsOf(record)`, passed in so this module stays free of the model (the dashboard imports its constants). */
export function digestOf(record: RunRecord, metrics: Record<string, number>): RunDigest {
  // The charts read rows; a streamed run folded them away (recordFold.ts): a bug in the caller, not bad input.
  if (record.model === 'municipality' && record.folded !== undefined) throw new Error('digestOf: a streamed run (RunOptions.stream) keeps no rows to chart; run it lean instead');
  return record.model === 'queue' ? queueDigest(record, metrics) : municipalityDigest(record, metrics);
}

function frame(horizonDays: number) {
  const binDays = binDaysFor(horizonDays);
  const bins = Math.max(1, Math.ceil(horizonDays / binDays - 1e-9));
  const binOf = (t: number) => Math.min(bins - 1, Math.max(0, Math.floor(t / binDays)));
  return { binDays, bins, binOf };
}

function meanByBin(bins: number, binOf: (t: number) => number, times: ArrayLike<number>, values: ArrayLike<number>, keep: (i: number) => boolean): Float64Array {
  const sum = new Float64Array(bins);
  const n = new Float64Array(bins);
  for (let i = 0; i < times.length; i++) {
    if (!keep(i)) continue;
    const b = binOf(times[i]);
    sum[b] += values[i];
    n[b]++;
  }
  return sum.map((s, b) => (n[b] > 0 ? s / n[b] : NaN));
}

function queueDigest(r: QueueRecord, metrics: Record<string, number>): RunDigest {
  const { binDays, bins, binOf } = frame(r.horizonDays);
  const inWindow = (t: number) => t >= r.warmupDays && t <= r.horizonDays;
  const waits: number[] = [];
  const waitOf = new Float64Array(r.arrival.length);
  for (let i = 0; i < r.arrival.length; i++) {
    waitOf[i] = r.start[i] - r.arrival[i];
    if (inWindow(r.start[i])) waits.push(waitOf[i]);
  }
  const active = new Int32Array(bins);
  for (let i = 0; i < r.arrival.length; i++) {
    const end = Number.isNaN(r.end[i]) ? Infinity : r.end[i];
    for (let b = binOf(r.arrival[i]); b < bins; b++) {
      const mid = (b + 0.5) * binDays;
      if (mid >= end) break;
      if (mid >= r.arrival[i]) active[b]++;
    }
  }
  return {
    model: 'queue',
    seed: r.seed,
    horizonDays: r.horizonDays,
    warmupDays: r.warmupDays,
    metrics,
    binDays,
    bins,
    serviceIds: ['servers'],
    waits: Float64Array.from(waits).sort(),
    waitByBin: meanByBin(bins, binOf, r.start, waitOf, (i) => inWindow(r.start[i])),
    betweenChairsByCause: new Int32Array(CAUSES.length * bins),
    betweenChairsUserDays: new Float64Array(bins),
    activeUsers: active,
    staffHours: new Float64Array(ACTIVITIES.length),
    handoffs: { from: new Int16Array(0), to: new Int16Array(0), count: new Int32Array(0), lost: new Int32Array(0) },
    coordination: null,
  };
}

function municipalityDigest(r: MunicipalityRecord, metrics: Record<string, number>): RunDigest {
  const { binDays, bins, binOf } = frame(r.horizonDays);
  const W = r.warmupDays;
  const T = r.horizonDays;
  const inWindow = (t: number) => t >= W && t <= T;

  const e = r.episodes;
  const waits: number[] = [];
  const waitOf = new Float64Array(e.user.length);
  for (let i = 0; i < e.user.length; i++) {
    waitOf[i] = e.firstService[i] - e.referral[i];
    if (inWindow(e.firstService[i])) waits.push(waitOf[i]);
  }

  const bcByCause = new Int32Array(CAUSES.length * bins);
  const bc = r.betweenChairs;
  for (let i = 0; i < bc.time.length; i++) bcByCause[bc.cause[i] * bins + binOf(bc.time[i])]++;

  // Spells spread their days over the bins they overlap.
  const bcDays = new Float64Array(bins);
  for (let i = 0; i < r.spells.start.length; i++) {
    const a = r.spells.start[i];
    const z = Math.min(r.spells.end[i], T);
    for (let b = binOf(a); b < bins && b * binDays < z; b++) {
      const lo = Math.max(a, b * binDays);
      const hi = Math.min(z, (b + 1) * binDays);
      if (hi > lo) bcDays[b] += hi - lo;
    }
  }

  const active = new Int32Array(bins);
  const u = r.users;
  for (let i = 0; i < u.arrival.length; i++) {
    const end = Number.isNaN(u.exitTime[i]) ? Infinity : u.exitTime[i];
    for (let b = binOf(u.arrival[i]); b < bins; b++) {
      const mid = (b + 0.5) * binDays;
      if (mid >= end) break;
      if (mid >= u.arrival[i]) active[b]++;
    }
  }

  const staff = new Float64Array(r.serviceIds.length * ACTIVITIES.length);
  r.staffHours.forEach((row, s) => row.forEach((h, a) => (staff[s * ACTIVITIES.length + a] = h)));

  const pairs = new Map<number, { from: number; to: number; count: number; lost: number }>();
  const h = r.handoffs;
  for (let i = 0; i < h.time.length; i++) {
    if (!inWindow(h.time[i])) continue;
    const key = (h.from[i] + 1) * 65536 + h.to[i];
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { from: h.from[i], to: h.to[i], count: 0, lost: 0 }));
    p.count++;
    if (h.lost[i]) p.lost++;
  }
  const sorted = [...pairs.entries()].sort((x, y) => x[0] - y[0]).map(([, p]) => p);

  return {
    model: 'municipality',
    seed: r.seed,
    horizonDays: T,
    warmupDays: W,
    metrics,
    binDays,
    bins,
    serviceIds: [...r.serviceIds],
    waits: Float64Array.from(waits).sort(),
    waitByBin: meanByBin(bins, binOf, e.firstService, waitOf, (i) => inWindow(e.firstService[i])),
    betweenChairsByCause: bcByCause,
    betweenChairsUserDays: bcDays,
    activeUsers: active,
    staffHours: staff,
    handoffs: {
      from: Int16Array.from(sorted, (p) => p.from),
      to: Int16Array.from(sorted, (p) => p.to),
      count: Int32Array.from(sorted, (p) => p.count),
      lost: Int32Array.from(sorted, (p) => p.lost),
    },
    coordination: r.coordination === null ? null : coordinationDigest(r),
  };
}

function coordinationDigest(r: MunicipalityRecord): CoordinationDigest {
  const c = r.coordination!;
  const w = c.weeks;
  return {
    weeks: {
      time: Float64Array.from(w.time),
      coordinator: Int32Array.from(w.coordinator),
      caseload: Int32Array.from(w.caseload),
      strain: Float32Array.from(w.strain),
    },
    caseloadHistogram: caseloadHistogramOf(w),
    caseloadCollapse: c.caseloadCollapse,
    hours: Float64Array.from(c.hours),
    demandedHours: Float64Array.from(c.demandedHours),
    coping: Float64Array.from(c.coping),
    ipWeeks: Float64Array.from(c.ipWeeks),
  };
}

/** The typed arrays of a digest, for `postMessage` transfer lists. */
export function digestTransferables(d: RunDigest): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    d.waits,
    d.waitByBin,
    d.betweenChairsByCause,
    d.betweenChairsUserDays,
    d.activeUsers,
    d.staffHours,
    d.handoffs.from,
    d.handoffs.to,
    d.handoffs.count,
    d.handoffs.lost,
  ];
  if (d.coordination) {
    const c = d.coordination;
    arrays.push(c.weeks.time, c.weeks.coordinator, c.weeks.caseload, c.weeks.strain, c.hours, c.demandedHours, c.coping, c.ipWeeks);
    if (c.caseloadHistogram) arrays.push(c.caseloadHistogram.times, c.caseloadHistogram.counts);
  }
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
