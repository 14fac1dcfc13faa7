import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../../../src/engine/random.js';
import { Scheduler } from '../../../../src/engine/scheduler.js';
import { CoordinationLayer } from '../../../../src/model/municipality/coordination/coordinationLayer.js';
import { Coordination } from '../../../../src/scenario/coordinationSchema.js';
import { COPING_POLICIES } from '../../../../src/scenario/coordinationSchema.js';
import { fakeHost, policies } from './harness.js';

/** The facade over a fake Model I: ten adults owed an IP, two pools, a year of weeks. */
function layerRun() {
  const sim = new Scheduler();
  const random = new RandomSource(3);
  const host = fakeHost({ sim, random }, { horizonDays: 365, userHasRelatives: () => true });
  const spec = Coordination.parse({
    pools: [
      { id: 'home', homeService: 'home', count: 2, coordinationShare: 0.3 },
      { id: 'office', homeService: null, count: 1, coordinationShare: 1 },
    ],
    coordinatingUnit: { assignment: 'meetings', cadenceDays: 14, reportProbability: 1 },
    coping: { informBase: 1 },
  });
  const layer = new CoordinationLayer(spec, host);
  for (let u = 0; u < 10; u++) layer.onNeedEntered(u, 3);
  return { sim, host, layer };
}

/**
 * Two coordinators in one municipality (Rorgemoen 2020: the coordinator withholds the IP because of
 * *their own* workload): a busy add-on role with 0.75 h a week for adults, an idle dedicated post for
 * children. Every eligible user is reported; a family is always told unless its coordinator withholds.
 */
function ownLoadRun() {
  const sim = new Scheduler();
  const random = new RandomSource(5);
  const host = fakeHost({ sim, random }, { horizonDays: 365, userGroup: (u) => (u >= 10 ? 1 : 0), largestNeedService: () => -1 });
  const spec = Coordination.parse({
    pools: [
      { id: 'busy', homeService: null, count: 1, coordinationShare: 0.02, niche: ['adults'] },
      { id: 'idle', homeService: null, count: 1, coordinationShare: 1, niche: ['children'] },
    ],
    coordinatingUnit: { assignment: 'continuous', reportProbability: 1 },
    coping: { informBase: 1, informUnderLoad: 0, loadThreshold: 0.9, policies: policies('withholdIp') },
    turnover: { hazardPerYear: 0 },
  });
  const layer = new CoordinationLayer(spec, host);
  return { sim, host, layer };
}

describe('withholding the IP is the coordinator\'s act (eligibility.ts, plan.ts)', () => {
  it('an overloaded coordinator withholds the IP but the user keeps the coordinator; an idle one in the same municipality tells', () => {
    const { sim, host, layer } = ownLoadRun();
    const adults = [0, 1, 2, 3, 4];
    const children = [10, 11, 12, 13, 14];
    for (const u of adults) layer.onNeedEntered(u, 3);
    sim.runUntil(30);
    // The busy coordinator has the adults and is overloaded: no plan, an unmetRight spell each ...
    for (const u of adults) expect(layer.hasCoordinator(u), `adult ${u}`).toBe(true);
    expect(host.traces.filter((t) => t.kind === 'ipDrafted' && adults.includes(t.uid))).toEqual([]);
    expect(host.spells.filter((x) => x.cause === 'unmetRight').map((x) => x.uid)).toEqual(adults);
    expect(layer.rec.coping[COPING_POLICIES.indexOf('withholdIp')]).toBe(5);
    // ... while the children who become eligible now, in the same municipality, go to the idle
    // coordinator (whatever the mean load) and their families are told: plans are drafted.
    for (const u of children) layer.onNeedEntered(u, 3);
    sim.runUntil(90);
    for (const u of children) expect(layer.hasCoordinator(u), `child ${u}`).toBe(true);
    expect(new Set(host.traces.filter((t) => t.kind === 'ipDrafted').map((t) => t.uid))).toEqual(new Set(children));
    expect(host.spells.filter((x) => children.includes(x.uid))).toEqual([]);
  });
});

describe('CoordinationLayer (the facade)', () => {
  it('routes the public hooks to the mechanisms and keeps the books consistent over a run', () => {
    const { sim, layer } = layerRun();
    expect(layer.rec.eligibleUsers).toBe(10);
    expect(layer.hasCoordinator(0)).toBe(false); // the KE meets at day 0, when the run starts
    sim.runUntil(200);
    const inPost = layer.inPost();
    expect(inPost.map((k) => k.pool).sort()).toEqual([0, 0, 1]);
    expect(inPost.reduce((s, k) => s + k.caseload, 0)).toBe(10);
    for (let u = 0; u < 10; u++) {
      expect(layer.hasCoordinator(u)).toBe(true);
      expect(inPost.map((k) => k.id)).toContain(layer.coordinatorOf(u));
    }
    expect(layer.rec.weeks.time.length).toBe(3 * 29); // weeks at days 0, 7, ..., 196
    expect(layer.rec.meetings.user.length).toBeGreaterThan(0);
    expect(layer.handoffFactors(0, 0, 1).loss).toBeLessThanOrEqual(1);
    expect(layer.turfFactor(99, 0, 1)).toBeLessThanOrEqual(1); // not owed an IP: ties only
    expect(layer.chaseDelay(99)).toBe(Infinity);
    for (let u = 0; u < 10; u++) layer.onUserExit(u);
    expect(layer.inPost().every((k) => k.caseload === 0)).toBe(true);
    expect(layer.check()).toEqual([]);
  });

  it('registers the eight Model II events under their names, once', () => {
    const { sim } = layerRun();
    for (const name of ['coordinationWeek', 'keMeeting', 'responsibilityGroupMeeting', 'assignmentReturned', 'orphanToKe', 'postFilled', 'relativesAskForIp', 'keAssignOnce']) {
      expect(() => sim.register(name, () => {})).toThrow(/registered twice/);
    }
  });
});
