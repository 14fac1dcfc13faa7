import { describe, expect, it } from 'vitest';
import { Coordinator } from '../../../../src/model/municipality/coordination/coordinator.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import { AgencyTies, strengthen, Ties, weeklyDecay } from '../../../../src/model/municipality/coordination/ties.js';
import { makeWorld } from './harness.js';

describe('tie arithmetic (ties.ts)', () => {
  it('contact raises a tie by gain x hours x (1 - tie), saturating at 1', () => {
    expect(strengthen(0.2, 2, 0.05)).toBeCloseTo(0.2 + 0.1 * 0.8, 12);
    expect(strengthen(0.9, 2, 0.05)).toBeLessThan(1);
    expect(strengthen(0.5, 1000, 0.05)).toBe(1);
  });

  it('a tie halves without contact every halfLifeDays', () => {
    let t = 0.8;
    for (let week = 0; week < 52; week++) t *= weeklyDecay(364);
    expect(t).toBeCloseTo(0.4, 12);
  });

  it('a full meeting ties every pair of its services, both ways, and no service to itself', () => {
    const a = new AgencyTies(4, 0);
    a.meet([0, 2], 0.5);
    expect(a.get(0, 2)).toBe(0.5);
    expect(a.get(2, 0)).toBe(0.5);
    expect(a.get(0, 1)).toBe(0);
    expect(a.get(0, 0)).toBe(0);
    expect(a.get(-1, 2)).toBe(0);
    expect(a.mean()).toBeCloseTo(1 / 12, 12);
  });
});

/** Coordinator 0 (legitimacy 2) coordinates user 1; user 2 has no coordinator; three services. */
function tiesWorld(protection = 0) {
  const w = makeWorld({
    pools: [{ id: 'p', count: 1, legitimacy: 2 }],
    ties: { initial: 0, gainPerHour: 0.1, meetingGain: 0.2, halfLifeDays: 365, turfReduction: 0.6, lossReduction: 0.5, delayReduction: 0.5 },
    bufferTurfIncrease: 0.2,
  });
  const k = new Coordinator(0, 0, w.spec.pools[0], 0, 1);
  const ports = {
    roster: { posts: [k], homeIndex: [-1] },
    assignment: { coordinatorOf: (u: number) => (u === 1 ? 0 : -1) },
    plans: { protection: (u: number) => (u === 1 ? protection : 0) },
  } as unknown as Ports;
  const ties = new Ties(w.world, 3, ports);
  ties.addPost(0);
  return { ...w, ties, k };
}

describe('boundary spanning (ties.ts)', () => {
  it("a coordinated user's handoff uses the coordinator's tie to the receiver when it beats the services' own", () => {
    const { ties } = tiesWorld();
    ties.caseContact(0, [1], 10); // 10 h with service 1: tie 0 -> 1 x (1 - 0) = 1
    expect(ties.row(0)[1]).toBe(1);
    const coordinated = ties.handoffFactors(1, 0, 1);
    const alone = ties.handoffFactors(2, 0, 1);
    expect(coordinated).toEqual({ loss: 0.5, delay: 0.5 });
    expect(alone).toEqual({ loss: 1, delay: 1 });
  });

  it('service-service ties built in full meetings help every user; an active plan cuts loss further', () => {
    const { ties } = tiesWorld(0.5);
    ties.meetingContact(0, [0, 1], 3, true);
    expect(ties.agencyTie(0, 1)).toBeCloseTo(0.2, 12);
    expect(ties.handoffFactors(2, 0, 1).loss).toBeCloseTo(1 - 0.5 * 0.2, 12);
    ties.meetingContact(0, [0, 2], 3, false); // bilateral: no service-service tie
    expect(ties.agencyTie(0, 2)).toBe(0);
    // User 1: own tie to service 1 from 1.5 meeting hours (0.15), agency tie 0.2, plan protection 0.5.
    expect(ties.handoffFactors(1, 0, 1).loss).toBeCloseTo((1 - 0.5 * 0.2) * 0.5, 12);
  });

  it('turf: ties cut it; for a coordinated user services lean on the coordinator (buffer) and legitimacy divides it', () => {
    const { ties } = tiesWorld();
    expect(ties.turfFactor(2, 0, 1)).toBe(1);
    expect(ties.turfFactor(1, 0, 1)).toBeCloseTo(1.2 / 2, 12);
    ties.networking(0, 30); // 10 h per service: every tie to 1
    expect(ties.turfFactor(1, 0, 2)).toBeCloseTo((0.4 * 1.2) / 2, 12);
  });

  it('ties decay every week for coordinators in post only, and the weekly means are recorded', () => {
    const { ties, k, rec, sim } = tiesWorld();
    ties.networking(0, 30);
    ties.decayWeek();
    expect(ties.row(0)[0]).toBeCloseTo(weeklyDecay(365), 12);
    ties.recordWeek(true);
    expect(rec.ties.coordinatorAgency[0]).toBeCloseTo(weeklyDecay(365), 12);
    k.gone = true;
    ties.decayWeek();
    expect(ties.row(0)[0]).toBeCloseTo(weeklyDecay(365), 12);
    ties.recordWeek(true);
    expect(rec.ties.coordinatorAgency[1]).toBeNaN();
    expect(rec.ties.time).toEqual([sim.now, sim.now]);
  });
});
