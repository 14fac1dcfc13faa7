import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../../../src/engine/random.js';
import { Scheduler } from '../../../../src/engine/scheduler.js';
import { CoordinationLayer } from '../../../../src/model/municipality/coordination/coordinationLayer.js';
import { Coordination } from '../../../../src/scenario/coordinationSchema.js';
import { fakeHost } from './harness.js';

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
