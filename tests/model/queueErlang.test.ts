import { describe, expect, it } from 'vitest';
import { queueMetrics } from '../../src/model/queue/queueMetrics.js';
import { runQueue } from '../../src/model/queue/queueModel.js';
import { makeCalendar } from '../../src/model/calendarFromScenario.js';
import type { QueueScenario } from '../../src/scenario/schema.js';
import { parseScenario } from '../../src/scenario/validate.js';
import { mmc } from '../../src/stats/erlang.js';
import { summarize } from '../../src/stats/summary.js';
import { figure } from '../validation/figure.js';

/**
 * Domain brief §7 pattern 15: with every behavioural mechanism off, one service is a textbook
 * M/M/c queue. Each case simulates enough customer-days that the 95% interval of the estimate is
 * narrower than the tolerance (asserted), so agreement is a real test, not luck.
 */
function scenario(c: number, rho: number, years: number): QueueScenario {
  return parseScenario({
    formatVersion: 1,
    name: `M/M/${c} rho ${rho}`,
    model: 'queue',
    horizon: { years, warmupDays: 200 },
    calendar: { alwaysOpen: true },
    queue: { arrivalsPerDay: rho * c, meanServiceDays: 1, servers: c },
  }) as QueueScenario;
}

const REPS = 8;
const WAIT_TOL = 0.05; // relative, on the mean wait
const PWAIT_TOL = 0.02; // relative, on the probability of waiting

describe('M/M/c queue agrees with Erlang C', () => {
  const cases: Array<[c: number, rho: number, years: number]> = [
    [1, 0.5, 200],
    [3, 0.8, 300],
    [5, 0.9, 400],
    [2, 0.95, 2500],
  ];
  it.each(cases)('c = %i at load %f', (c, rho, years) => {
    const s = scenario(c, rho, years);
    const runs = Array.from({ length: REPS }, (_, r) => queueMetrics(runQueue(s, 1000 + r)));
    const theory = mmc({ lambda: rho * c, mu: 1, c });

    const wait = summarize(runs.map((m) => m['waitDays.mean']));
    const halfWidth = (wait.ci95[1] - wait.ci95[0]) / 2;
    figure({ pattern: 15, label: `M/M/${c} at load ${rho}: mean wait / Erlang C`, value: wait.mean / theory.meanWait, ci95: [wait.ci95[0] / theory.meanWait, wait.ci95[1] / theory.meanWait] });
    expect(halfWidth / theory.meanWait).toBeLessThan(WAIT_TOL);
    expect(Math.abs(wait.mean / theory.meanWait - 1)).toBeLessThan(WAIT_TOL);

    const pWait = summarize(runs.map((m) => m.probWait));
    expect((pWait.ci95[1] - pWait.ci95[0]) / 2 / theory.probWait).toBeLessThan(PWAIT_TOL);
    expect(Math.abs(pWait.mean / theory.probWait - 1)).toBeLessThan(PWAIT_TOL);

    const util = summarize(runs.map((m) => m.utilisation));
    expect(Math.abs(util.mean / rho - 1)).toBeLessThan(0.01);

    const p90 = summarize(runs.map((m) => m['waitDays.p90']));
    expect(Math.abs(p90.mean - theory.waitQuantile(0.9))).toBeLessThan(0.06 * Math.max(theory.waitQuantile(0.9), 0.2));
  });

  it("satisfies Little's law L = λW in every run", () => {
    for (const [c, rho] of [
      [1, 0.7],
      [4, 0.9],
    ]) {
      const s = scenario(c, rho, 50);
      for (let r = 0; r < 3; r++) {
        const m = queueMetrics(runQueue(s, r));
        const span = s.horizon.years * 365 - s.horizon.warmupDays;
        const lambdaObs = m.arrivals / span;
        expect(m.meanInSystem / (lambdaObs * m['systemDays.mean'])).toBeCloseTo(1, 2);
      }
    }
  });
});

describe('queue model mechanics', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const s = scenario(3, 0.8, 5);
    const a = runQueue(s, 7);
    const b = runQueue(s, 7);
    const c = runQueue(s, 8);
    expect(Buffer.from(a.end.buffer).equals(Buffer.from(b.end.buffer))).toBe(true);
    expect(a.eventsProcessed).toBe(b.eventsProcessed);
    expect(queueMetrics(a)).toEqual(queueMetrics(b));
    expect(queueMetrics(a)['waitDays.mean']).not.toEqual(queueMetrics(c)['waitDays.mean']);
  });

  it('shares arrival streams across scenarios that differ only in staffing (common random numbers)', () => {
    const base = scenario(3, 0.8, 2);
    const a = runQueue(base, 11);
    const b = runQueue({ ...base, queue: { ...base.queue, servers: 4 } }, 11);
    expect(Array.from(a.arrival)).toEqual(Array.from(b.arrival));
    // More staff, same demand: nobody waits longer on average.
    expect(queueMetrics(b)['waitDays.mean']).toBeLessThan(queueMetrics(a)['waitDays.mean']);
  });

  it('loses no user: every arrival is waiting, in service or completed at the horizon', () => {
    const s = scenario(2, 0.9, 3);
    const r = runQueue(s, 3);
    const T = r.horizonDays;
    let done = 0;
    let inService = 0;
    let waiting = 0;
    for (let i = 0; i < r.arrival.length; i++) {
      if (Number.isNaN(r.start[i])) waiting++;
      else if (r.end[i] <= T) done++;
      else inService++;
      if (!Number.isNaN(r.start[i])) expect(r.start[i]).toBeGreaterThanOrEqual(r.arrival[i]);
    }
    expect(done + inService + waiting).toBe(r.arrival.length);
    expect(inService).toBeLessThanOrEqual(2);
    // Each user departs once: departures plus arrivals are the events fired.
    expect(r.eventsProcessed).toBe(r.arrival.length + done);
  });

  it('serves only in working hours, with service measured in working time', () => {
    const s = parseScenario({
      formatVersion: 1,
      name: 'office hours',
      model: 'queue',
      horizon: { years: 2 },
      calendar: { startDate: '2026-01-01', workdayStartHour: 8, workdayEndHour: 16 },
      queue: { arrivalsPerDay: 1, meanServiceDays: 0.5, servers: 2 },
    }) as QueueScenario;
    const r = runQueue(s, 5);
    const cal = makeCalendar(s.calendar, r.horizonDays);
    let workHours = 0;
    let n = 0;
    for (let i = 0; i < r.arrival.length; i++) {
      const st = r.start[i];
      if (Number.isNaN(st) || r.end[i] > r.horizonDays) continue;
      const day = Math.floor(st);
      const hour = (st - day) * 24;
      const weekday = ((day + 3) % 7) + 1; // 2026-01-01 is a Thursday (ISO 4)
      expect(weekday).toBeLessThanOrEqual(5);
      expect(hour).toBeGreaterThanOrEqual(8 - 1e-6);
      expect(hour).toBeLessThan(16);
      n++;
      workHours += cal.workingHoursBetween(st, r.end[i]);
    }
    // Service is 0.5 working days of 8 hours on average: 4 working hours, however long it takes in elapsed time.
    expect(n).toBeGreaterThan(500);
    expect(workHours / n).toBeGreaterThan(4 * 0.9);
    expect(workHours / n).toBeLessThan(4 * 1.1);
    const m = queueMetrics(r);
    expect(m.arrivals).toBeGreaterThan(600);
  });
});
