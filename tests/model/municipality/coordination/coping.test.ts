import { describe, expect, it } from 'vitest';
import { CaseloadWeek } from '../../../../src/model/municipality/coordination/caseloadWeek.js';
import { CopingPolicies, creaming, delegating, queueing, rationing } from '../../../../src/model/municipality/coordination/coping.js';
import { COPING_POLICIES } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import { makeWorld, policies } from './harness.js';

/** A caseload of hand-made cases: direct, travel, coordination hours, services, waiting for first contact. */
function caseload(rows: [direct: number, travel: number, coord: number, services: number, waiting: boolean][]): CaseloadWeek {
  const w = new CaseloadWeek();
  w.reserve(rows.length);
  w.n = rows.length;
  rows.forEach(([d, t, c, s, wait], i) => {
    w.uid[i] = 100 + i;
    w.direct[i] = d;
    w.travel[i] = t;
    w.coord[i] = c;
    w.delegated[i] = 0;
    w.services[i] = s;
    w.waiting[i] = wait ? 1 : 0;
  });
  return w;
}

const spec = makeWorld({ pools: [{ id: 'p', count: 1 }], coping: { rationFactor: 0.4, delegateShare: 0.25 } }).spec.coping;

describe('caseload coping modes (coping.ts)', () => {
  it('rationing keeps rationFactor of direct work and drops travel (phone instead of visits), once per case', () => {
    const w = caseload([
      [1, 0.5, 0.2, 2, false],
      [2, 0.5, 0.2, 1, false],
    ]);
    expect(rationing.times(w)).toBe(2);
    rationing.apply(w, spec);
    expect([...w.direct.subarray(0, 2)]).toEqual([0.4, 0.8]);
    expect([...w.travel.subarray(0, 2)]).toEqual([0, 0]);
    expect([...w.coord.subarray(0, 2)]).toEqual([0.2, 0.2]);
  });

  it('delegating hands delegateShare of the visits to a colleague: direct work and travel shrink, the delegated part is kept apart', () => {
    const w = caseload([[2, 0.4, 0.1, 1, false]]);
    delegating.apply(w, spec);
    expect(w.delegated[0]).toBe(0.5);
    expect(w.direct[0]).toBe(1.5);
    expect(w.travel[0]).toBeCloseTo(0.3, 12);
  });

  it('queueing lets new cases wait for their first contact, except the longest-waiting one', () => {
    const w = caseload([
      [1, 1, 1, 1, false],
      [1, 1, 1, 1, true],
      [1, 1, 1, 1, true],
      [1, 1, 1, 1, false],
      [1, 1, 1, 1, true],
    ]);
    expect(queueing.times(w)).toBe(2);
    queueing.apply(w, spec);
    expect([...w.direct.subarray(0, 5)]).toEqual([1, 1, 0, 1, 0]);
    expect([...w.travel.subarray(0, 5)]).toEqual([1, 1, 0, 1, 0]);
    expect([...w.coord.subarray(0, 5)]).toEqual([1, 1, 0, 1, 0]);
    expect(queueing.times(caseload([[1, 1, 1, 1, true]]))).toBe(0); // one new case: it is taken
  });

  it('creaming gives routine time short of the ask to the cases with the fewest services first', () => {
    const w = caseload([
      [2, 0, 0, 3, false],
      [2, 0, 0, 1, false],
      [2, 0, 0, 2, false],
      [2, 0, 0, 1, false],
    ]);
    for (let i = 0; i < 4; i++) w.routine[i] = 2;
    w.routineAsked = 8;
    w.routineDone = 5;
    expect(creaming.times(w)).toBe(1);
    creaming.apply(w, spec);
    // Cases 1 and 3 (one service) in full, case 2 gets the last hour, case 0 nothing.
    expect([...w.share.subarray(0, 4)]).toEqual([0, 1, 0.5, 1]);
    w.routineDone = 8;
    expect(creaming.times(w)).toBe(0); // nothing short: nothing to cream
  });
});

describe('the discretion gate (CopingPolicies)', () => {
  const gate = (raw: Record<string, unknown>) => {
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }], coping: raw });
    const g = new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping);
    return { g, counts: w.rec.coping };
  };
  const at = (p: (typeof COPING_POLICIES)[number]) => COPING_POLICIES.indexOf(p);

  it('an enabled policy is used only above the load threshold, and counted only inside the window', () => {
    const { g, counts } = gate({ policies: policies('rationing'), loadThreshold: 0.9 });
    expect(g.uses('rationing', 0.9)).toBe(false);
    expect(g.uses('rationing', 0.95, 4)).toBe(true);
    expect(counts[at('rationing')]).toBe(0);
    g.counting = true;
    expect(g.uses('rationing', 2, 4)).toBe(true);
    expect(counts[at('rationing')]).toBe(4);
    expect(g.uses('queueing', 2)).toBe(false); // switched off
  });

  it('supervision (managementControl) stops a share of the uses', () => {
    const never = gate({ policies: policies('rationing'), managementControl: 1 });
    never.g.counting = true;
    for (let i = 0; i < 20; i++) expect(never.g.uses('rationing', 5)).toBe(false);
    expect(never.counts[at('rationing')]).toBe(0);
    const half = gate({ policies: policies('rationing'), managementControl: 0.5 });
    let used = 0;
    for (let i = 0; i < 2000; i++) if (half.g.uses('rationing', 5)) used++;
    expect(used).toBeGreaterThan(850);
    expect(used).toBeLessThan(1150);
  });
});
