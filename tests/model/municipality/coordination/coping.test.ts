import { describe, expect, it } from 'vitest';
import { CaseloadWeek } from '../../../../src/model/municipality/coordination/caseloadWeek.js';
import { CopingPolicies, creaming, delegating, queueing, rationing } from '../../../../src/model/municipality/coordination/coping.js';
import { drawProfile, effectiveThreshold } from '../../../../src/model/municipality/coordination/discretion.js';
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
    expect(delegating.times(w)).toBe(0); // nobody in the pool had room: nobody to ask
    w.colleagueHasRoom = true;
    expect(delegating.times(w)).toBe(1);
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

  it('creaming gives routine time short of the ask to the cases with the fewest services first, all else equal', () => {
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

  it("creaming follows the sources' rules: urgent first, then users living alone and families with children, then easy cases", () => {
    const w = caseload([
      [2, 0, 0, 1, false], // easy, with relatives, adult
      [2, 0, 0, 4, false], // complex child
      [2, 0, 0, 4, false], // complex, urgent
      [2, 0, 0, 3, false], // lives alone
      [2, 0, 0, 2, false], // lives alone, child
    ]);
    w.urgentCase.set([0, 0, 1, 0, 0]);
    w.child.set([0, 1, 0, 0, 1]);
    w.alone.set([0, 0, 0, 1, 1]);
    for (let i = 0; i < 5; i++) w.routine[i] = 2;
    w.routineAsked = 10;
    w.routineDone = 7;
    creaming.apply(w, spec);
    // Order: urgent (2), alone + child (4), then alone or child: fewer services first (3 before 1), then the easy case 0.
    expect([...w.share.subarray(0, 5)]).toEqual([0, 0.5, 1, 1, 1]);
    // Time for one case only: the urgent one, although the child living alone has fewer services.
    w.routineDone = 2;
    creaming.apply(w, spec);
    expect([...w.share.subarray(0, 5)]).toEqual([0, 0, 1, 0, 0]);
  });
});

describe('each coordinator\'s own discretion (discretion.ts)', () => {
  const cp = (raw: Record<string, unknown> = {}) => makeWorld({ pools: [{ id: 'p', count: 1 }], coping: raw }).spec.coping;

  it('coordinators differ: thresholds and propensities are drawn per post holder, within the spreads', () => {
    const spec = cp({ loadThreshold: 1, discretion: { thresholdSpread: 0.2, propensitySpread: 0.5 } });
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }] });
    const profiles = Array.from({ length: 200 }, () => drawProfile(spec, w.world.streams.discretion));
    const th = profiles.map((p) => p.threshold);
    expect(Math.min(...th)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...th)).toBeLessThan(1.2);
    expect(Math.max(...th) - Math.min(...th)).toBeGreaterThan(0.3);
    const pr = profiles.map((p) => p.propensity[0]);
    expect(Math.min(...pr)).toBeGreaterThanOrEqual(0.5);
    expect(new Set(pr).size).toBe(200);
    // No spread: everyone alike, the mean threshold and propensity 1.
    const same = drawProfile(cp({ loadThreshold: 1, discretion: { thresholdSpread: 0, propensitySpread: 0 } }), w.world.streams.discretion);
    expect(same.threshold).toBe(1);
    expect([...same.propensity].every((p) => p === 1)).toBe(true);
  });

  it('two coordinators at the same load cope differently', () => {
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }], coping: { policies: policies('rationing') } });
    const g = new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping, null, w.world.streams.discretion);
    for (let k = 0; k < 40; k++) g.addPost(k);
    const load = w.spec.coping.loadThreshold; // the mean threshold: about half cope
    const coping = Array.from({ length: 40 }, (_, k) => g.overloaded(k, load));
    expect(coping.filter(Boolean).length).toBeGreaterThan(8);
    expect(coping.filter(Boolean).length).toBeLessThan(32);
  });

  it('experience changes the choice: a novice holds out past the threshold (over-serves); strain makes a coordinator cope sooner', () => {
    const spec = cp({ loadThreshold: 1, discretion: { noviceHoldOut: 0.5, strainShift: 0.3 } });
    const p = { threshold: 1, propensity: new Float64Array(11).fill(1) };
    expect(effectiveThreshold(spec, p, 1, 0)).toBe(1);
    expect(effectiveThreshold(spec, p, 0, 0)).toBe(1.5);
    expect(effectiveThreshold(spec, p, 1, 1)).toBeCloseTo(0.7, 12);
    // Through the gate: at load 1.2 the experienced coordinator rations, the novice does not.
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }], coping: { loadThreshold: 1, policies: policies('rationing') } });
    const clarity = [1, 0];
    const g = new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping, { clarity: (k) => clarity[k], strain: () => 0 });
    g.addPost(0);
    g.addPost(1);
    expect(g.uses('rationing', 0, 1.2)).toBe(true);
    expect(g.uses('rationing', 1, 1.2)).toBe(false);
    expect(g.uses('rationing', 1, 1.6)).toBe(true);
  });

  it('a coordinator uses a mode whose condition holds with their own propensity', () => {
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }], coping: { policies: policies('rationing') } });
    const g = new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping);
    g.addPost(0);
    const profile = g.profileOf(0) as { propensity: Float64Array };
    profile.propensity[COPING_POLICIES.indexOf('rationing')] = 0.25;
    let used = 0;
    for (let i = 0; i < 4000; i++) if (g.chooses('rationing', 0)) used++;
    expect(used).toBeGreaterThan(900);
    expect(used).toBeLessThan(1100);
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
    expect(g.uses('rationing', 0, 0.9)).toBe(false);
    expect(g.uses('rationing', 0, 0.95, 4)).toBe(true);
    expect(counts[at('rationing')]).toBe(0);
    g.counting = true;
    expect(g.uses('rationing', 0, 2, 4)).toBe(true);
    expect(counts[at('rationing')]).toBe(4);
    expect(g.uses('queueing', 0, 2)).toBe(false); // switched off
  });

  it('supervision (managementControl) stops a share of the uses', () => {
    const never = gate({ policies: policies('rationing'), managementControl: 1 });
    never.g.counting = true;
    for (let i = 0; i < 20; i++) expect(never.g.uses('rationing', 0, 5)).toBe(false);
    expect(never.counts[at('rationing')]).toBe(0);
    const half = gate({ policies: policies('rationing'), managementControl: 0.5 });
    let used = 0;
    for (let i = 0; i < 2000; i++) if (half.g.uses('rationing', 0, 5)) used++;
    expect(used).toBeGreaterThan(850);
    expect(used).toBeLessThan(1150);
  });
});
