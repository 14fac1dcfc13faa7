import { quantileSorted } from '../../stats/summary.js';
import type { QueueRecord } from './queueModel.js';

/**
 * Metrics of one queue run, pure functions of its record (public names: see README "Metrics").
 * Observation window [warmupDays, horizonDays]: users are counted if they arrive in it, and time
 * averages integrate over it. A wait is counted once the user has started service.
 */
export const QUEUE_METRICS = [
  'arrivals',
  'completed',
  'waitDays.mean',
  'waitDays.p90',
  'probWait',
  'utilisation',
  'meanInSystem',
  'systemDays.mean',
  'throughputPerDay',
  'eventsProcessed',
] as const;

export type QueueMetricName = (typeof QUEUE_METRICS)[number];

export function queueMetrics(r: QueueRecord): Record<QueueMetricName, number> {
  const w0 = r.warmupDays;
  const w1 = r.horizonDays;
  const span = w1 - w0;
  const n = r.arrival.length;
  let arrivals = 0;
  let completed = 0;
  let started = 0;
  let waited = 0;
  let waitSum = 0;
  let sojournSum = 0;
  let sojournCount = 0;
  let busyTime = 0;
  let inSystemTime = 0;
  const waits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = r.arrival[i];
    const s = r.start[i];
    const e = r.end[i];
    // Time averages: overlap of [arrival, end) and [start, end) with the window.
    const leave = Number.isNaN(e) ? Infinity : e;
    inSystemTime += overlap(a, leave, w0, w1);
    if (!Number.isNaN(s)) busyTime += overlap(s, e, w0, w1);
    if (e >= w0 && e <= w1) completed++;
    if (a < w0 || a > w1) continue;
    arrivals++;
    if (!Number.isNaN(s) && s <= w1) {
      const w = s - a;
      waits[started++] = w;
      waitSum += w;
      if (w > 0) waited++;
    }
    if (e <= w1) {
      sojournSum += e - a;
      sojournCount++;
    }
  }
  const sorted = waits.subarray(0, started).sort();
  return {
    arrivals,
    completed,
    'waitDays.mean': started > 0 ? waitSum / started : NaN,
    'waitDays.p90': started > 0 ? quantileSorted(sorted, 0.9) : NaN,
    probWait: started > 0 ? waited / started : NaN,
    utilisation: span > 0 ? busyTime / (r.servers * span) : NaN,
    meanInSystem: span > 0 ? inSystemTime / span : NaN,
    'systemDays.mean': sojournCount > 0 ? sojournSum / sojournCount : NaN,
    throughputPerDay: span > 0 ? completed / span : NaN,
    eventsProcessed: r.eventsProcessed,
  };
}

function overlap(a: number, b: number, lo: number, hi: number): number {
  const x = Math.max(a, lo);
  const y = Math.min(b, hi);
  return y > x ? y - x : 0;
}
