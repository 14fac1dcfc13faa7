// The live view drives a run in pieces (a day, a week, one event at a time) and reads snapshots
// between them. That must not change the run: the record equals the straight run's, and every
// snapshot agrees with the model's own bookkeeping.
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../../src/model/municipality/causes.js';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import { runMunicipality, startMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import { USER_STATES, type MunicipalitySnapshot } from '../../../src/model/municipality/snapshot.js';
import { edit, loadScenario } from './helpers.js';

// Warm-up shortened so one simulated year has an observation window.
const RELAY = edit(loadScenario('scenarios/kommune-stafettlop-koordinator.json'), (d) => (d.horizon.warmupDays = 90));
const YEARS = 1;
const T = YEARS * 365;

function checkSnapshot(s: MunicipalitySnapshot): void {
  const n = s.users.id.length;
  const states = Array.from(s.users.state);
  // A user shows one state; the per-service totals count needs, which are at least the users shown there.
  for (let sv = 0; sv < s.services.queued.length; sv++) {
    let q = 0;
    let seated = 0;
    for (let i = 0; i < n; i++) {
      if (s.users.service[i] !== sv) continue;
      if (USER_STATES[states[i]] === 'queued') q++;
      if (USER_STATES[states[i]] === 'seated') seated++;
    }
    expect(q).toBeLessThanOrEqual(s.services.queued[sv]);
    expect(seated).toBeLessThanOrEqual(s.services.seated[sv]);
    expect(s.services.usedHours[sv]).toBeGreaterThanOrEqual(0);
    if (s.services.seated[sv] === 0) expect(s.services.usedHours[sv]).toBe(0);
  }
  for (let i = 0; i < n; i++) {
    const st = USER_STATES[states[i]];
    if (st === 'betweenChairs') {
      expect(s.users.cause[i]).toBeGreaterThanOrEqual(0);
      expect(s.users.cause[i]).toBeLessThan(CAUSES.length);
      expect(s.users.since[i]).toBeLessThanOrEqual(s.t);
    } else {
      expect(s.users.cause[i]).toBe(-1);
    }
    if (st === 'queued' || st === 'seated' || st === 'transit') expect(s.users.service[i]).toBeGreaterThanOrEqual(0);
    if (st === 'home') expect(s.users.service[i]).toBe(-1);
  }
  expect(new Set(s.users.id).size).toBe(n);
  if (s.coordinators) {
    const caseloads = Array.from(s.coordinators.caseload).reduce((a, b) => a + b, 0);
    const withCoordinator = Array.from(s.users.coordinator).filter((c) => c >= 0).length;
    expect(withCoordinator).toBe(caseloads);
    const ids = new Set(s.coordinators.id);
    for (const c of s.users.coordinator) if (c >= 0) expect(ids.has(c)).toBe(true);
  }
}

describe('a run driven in pieces (live view)', () => {
  it('gives the same record as a straight run, stepping by weeks and by events', () => {
    const straight = municipalityMetrics(runMunicipality(RELAY, 5, { horizonDays: T }));
    const run = startMunicipality(RELAY, 5, { horizonDays: T });
    let snapshots = 0;
    for (let t = 0; t < T; t += 7) {
      run.advanceTo(t);
      run.stepEvents(13);
      const s = run.snapshot();
      expect(s.t).toBeGreaterThanOrEqual(t);
      checkSnapshot(s);
      snapshots++;
    }
    expect(snapshots).toBeGreaterThan(50);
    const pieced = municipalityMetrics(run.finish());
    expect(pieced).toEqual(straight);
    expect(run.done).toBe(true);
    expect(run.finish()).toBe(run.finish()); // finishing twice returns the same record
  });

  it('never steps past the horizon and counts between-chairs events as the record does', () => {
    const run = startMunicipality(RELAY, 2, { horizonDays: 120 });
    while (run.stepEvents(1000) > 0);
    expect(run.now).toBeLessThanOrEqual(120);
    expect(run.nextEventTime()).toBe(Infinity);
    const s = run.snapshot();
    const rec = run.finish();
    expect(Array.from(s.betweenChairsEvents).reduce((a, b) => a + b, 0)).toBe(rec.betweenChairs.time.length);
    expect(s.referralsSent).toBe(rec.handoffs.time.length);
    expect(s.users.id.length).toBe(rec.users.exitTime.filter((x) => Number.isNaN(x)).length);
  });

  it('replays a user who fell between chairs from the trace, in time order', () => {
    const run = startMunicipality(RELAY, 3, { horizonDays: T });
    const rec = run.finish();
    expect(rec.betweenChairs.user.length).toBeGreaterThan(0);
    const uid = rec.betweenChairs.user[0];
    const { entries, complete, needTypes } = run.userTrace(uid)!;
    expect(needTypes.length).toBeGreaterThan(0);
    expect(run.userTrace(-1)).toBeNull();
    expect(complete).toBe(true);
    expect(entries[0].kind).toBe('arrive');
    expect(entries.some((e) => e.kind === 'betweenChairsEvent')).toBe(true);
    for (let i = 1; i < entries.length; i++) expect(entries[i].t).toBeGreaterThanOrEqual(entries[i - 1].t);
  });
});
