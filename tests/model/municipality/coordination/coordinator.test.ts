import { describe, expect, it } from 'vitest';
import { Coordinator, roleClarity, weeklyTurnoverProbability } from '../../../../src/model/municipality/coordination/coordinator.js';
import { REQUEST_KINDS } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import { makeWorld, rosterAndKe } from './harness.js';

describe('a coordinator post (coordinator.ts)', () => {
  const pool = (p: Record<string, unknown>) => makeWorld({ pools: [{ id: 'p', count: 1, ...p }] }).spec.pools[0];

  it('an add-on role loses homeReclaim x home load of its hours; a dedicated or office-based post keeps them', () => {
    const addOn = new Coordinator(0, 0, pool({ homeService: 'home', postFte: 1, coordinationShare: 0.2 }), 0, 1);
    expect(addOn.nominalHours()).toBe(7.5);
    expect(addOn.availableHours(0, 0.5)).toBe(7.5);
    expect(addOn.availableHours(1, 0.5)).toBe(3.75);
    expect(addOn.availableHours(3, 0.5)).toBe(3.75); // load is clipped at 1
    expect(new Coordinator(0, 0, pool({ homeService: 'home', coordinationShare: 1 }), 0, 1).availableHours(1, 0.5)).toBe(37.5);
    expect(new Coordinator(0, 0, pool({ homeService: null, coordinationShare: 0.2 }), 0, 1).availableHours(1, 0.5)).toBe(7.5);
  });

  it('tenure grows in post and role clarity rises from the novice level towards 1', () => {
    const k = new Coordinator(0, 0, pool({ roleClarity: 0.3 }), 365, 2);
    expect(k.tenureYears(365 + 730)).toBe(4);
    expect(roleClarity(0.3, 0)).toBeCloseTo(0.3, 12);
    expect(roleClarity(0.3, 2)).toBeGreaterThan(roleClarity(0.3, 1));
    expect(roleClarity(0.3, 30)).toBeGreaterThan(0.99);
  });

  it('mentoring (fadderordning): a novice gains experience faster for noviceYears, then at the pace of tenure; without a scheme experience is tenure', () => {
    const plain = new Coordinator(0, 0, pool({ roleClarity: 0.3 }), 0, 0);
    const mentored = new Coordinator(1, 0, pool({ roleClarity: 0.3, mentoring: { noviceYears: 2, speedUp: 1, hoursPerWeek: 1 } }), 0, 0);
    expect(plain.experienceYears(365)).toBe(1);
    expect(plain.mentored(365)).toBe(false);
    expect(mentored.experienceYears(365)).toBe(2); // twice as fast while a novice
    expect(mentored.mentored(365)).toBe(true);
    expect(mentored.experienceYears(5 * 365)).toBe(7); // 5 years of tenure + 2 mentored years again
    expect(mentored.mentored(5 * 365)).toBe(false);
    expect(mentored.clarity(365)).toBeCloseTo(roleClarity(0.3, 2), 12);
    expect(mentored.clarity(365)).toBeGreaterThan(plain.clarity(365));
  });

  it('the weekly chance of leaving rises linearly in strain up to strainMultiplier x the yearly hazard', () => {
    const t = { hazardPerYear: 0.15, strainMultiplier: 3 };
    const p0 = weeklyTurnoverProbability(t, 0);
    expect(p0).toBeCloseTo(1 - Math.exp((-0.15 * 7) / 365), 12);
    expect(weeklyTurnoverProbability(t, 1)).toBeCloseTo(1 - Math.exp((-0.45 * 7) / 365), 12);
    expect(weeklyTurnoverProbability(t, 0.5)).toBeGreaterThan(p0);
  });
});

describe('turnover and vacancies (coordinator.ts with the KE)', () => {
  it('a leaver orphans every case at once; the cases return to the KE and a novice who fills the post takes them', () => {
    const ke = rosterAndKe({
      pools: [{ id: 'office', homeService: null, count: 1, coordinationShare: 1, tenureYears: { min: 3, max: 5 } }],
      coordinatingUnit: { assignment: 'continuous', reassignmentDelayDays: 14, vacancyDays: 60 },
      turnover: { hazardPerYear: 1e6 },
    });
    ke.request(1, 2, 3);
    expect(ke.assignment.caseload(0)).toEqual([1, 2, 3]);
    expect(ke.roster.posts[0].tenureAtStart).toBeGreaterThanOrEqual(3);
    ke.roster.turnoverWeek();
    expect(ke.roster.posts[0].gone).toBe(true);
    expect(ke.assignment.caseload(0)).toEqual([]);
    expect(ke.rec.exits.caseload).toEqual([3]);
    expect(ke.rec.orphans.user).toEqual([1, 2, 3]);
    expect(ke.rec.orphans.kind).toEqual([1, 1, 1].map(() => REQUEST_KINDS.indexOf('orphaned')));
    expect(ke.host.spells.map((e) => [e.uid, e.cause, e.start, e.end])).toEqual([
      [1, 'orphanedCase', 0, NaN],
      [2, 'orphanedCase', 0, NaN],
      [3, 'orphanedCase', 0, NaN],
    ]);
    expect(ke.assignment.check()).toEqual([]);
    ke.sim.runUntil(3000);
    // The post was filled by a novice, who took every orphaned case.
    expect(ke.roster.posts.length).toBe(2);
    expect(ke.roster.posts[1].tenureAtStart).toBe(0);
    for (const u of [1, 2, 3]) expect(ke.assignment.coordinatorOf(u)).toBe(1);
    for (let i = 0; i < 3; i++) expect(ke.rec.orphans.end[i]).toBeGreaterThan(0);
    // The successor's takeover ends each spell (Model I's rule books an event only past the threshold).
    expect(ke.host.spells.map((e) => e.end)).toEqual([0, 1, 2].map((i) => ke.rec.orphans.end[i]));
    expect(ke.rec.requests.kind.filter((k) => k === REQUEST_KINDS.indexOf('orphaned')).length).toBe(3);
  });

  it('nobody leaves at zero hazard', () => {
    const ke = rosterAndKe({ pools: [{ id: 'office', homeService: null, count: 3, coordinationShare: 1 }], coordinatingUnit: { assignment: 'continuous' }, turnover: { hazardPerYear: 0 } });
    for (let week = 0; week < 100; week++) ke.roster.turnoverWeek();
    expect(ke.roster.posts.every((k) => !k.gone)).toBe(true);
  });
});
