import { describe, expect, it } from 'vitest';
import { CaseloadWeek } from '../../../../src/model/municipality/coordination/caseloadWeek.js';
import { CopingPolicies } from '../../../../src/model/municipality/coordination/coping.js';
import { bilateralProbability, meanMeetingDelayDays, Meetings } from '../../../../src/model/municipality/coordination/meetings.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import type { StrainMode } from '../../../../src/model/municipality/coordination/strain.js';
import { fakeHost, makeWorld, policies } from './harness.js';

describe('the meeting-size law and bilateral drift (meetings.ts)', () => {
  const law = { baseDelayDays: 1, delayExponent: 2.16 };

  it('two people meet tomorrow, nine wait about three months, and every extra person adds to the wait', () => {
    expect(meanMeetingDelayDays(2, law)).toBe(1);
    expect(meanMeetingDelayDays(9, law)).toBeGreaterThan(80);
    expect(meanMeetingDelayDays(9, law)).toBeLessThan(100);
    for (let n = 3; n <= 12; n++) expect(meanMeetingDelayDays(n, law)).toBeGreaterThan(meanMeetingDelayDays(n - 1, law));
  });

  it('the bilateral share is the base at normal load; with drift it rises to 1 at 0.5 above the threshold', () => {
    expect(bilateralProbability(0.2, 0.5, 0.9, true)).toBe(0.2);
    expect(bilateralProbability(0.2, 1.15, 0.9, true)).toBeCloseTo(0.6, 12);
    expect(bilateralProbability(0.2, 1.4, 0.9, true)).toBeCloseTo(1, 12);
    expect(bilateralProbability(0.2, 2, 0.9, true)).toBe(1);
    expect(bilateralProbability(0.2, 3, 0.9, false)).toBe(0.2);
  });
});

/** One coordinator (id 0) whose case, user 5, has three services in its group and a review due. */
function groupWorld(opts: { mode?: StrainMode; coping?: Record<string, unknown>; load?: number } = {}) {
  const w = makeWorld({
    pools: [{ id: 'p', count: 1 }],
    responsibilityGroup: { meetingHours: 1.5, organiseHoursPerParticipant: 0.25, bilateralHours: 0.5, bilateralBase: 0 },
    individualPlan: { reviseHours: 2, reviewEveryDays: 120 },
    coping: opts.coping ?? { policies: policies() },
  });
  const log: string[] = [];
  const booked = { meeting: 0, documentation: 0 };
  let ties: [number[], number, boolean] | null = null;
  const ports = {
    host: fakeHost(w),
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
    assignment: { coordinatorOf: () => 0, isGone: () => false },
    plans: {
      age: () => {},
      reviewDue: () => true,
      reviewConvened: () => log.push('convened'),
      reviewSkipped: () => log.push('skipped'),
      reviewHeld: () => log.push('held'),
    },
    strain: { modeOf: () => opts.mode ?? 'normal' },
    week: { loadOf: () => opts.load ?? 0, bookMeeting: (_k: number, h: number) => (booked.meeting += h), bookDocumentation: (_k: number, h: number) => (booked.documentation += h) },
    ties: { meetingContact: (_k: number, s: readonly number[], h: number, full: boolean) => (ties = [[...s], h, full]) },
  } as unknown as Ports;
  const meetings = new Meetings(w.world, ports);
  w.on.meeting = (uid) => meetings.held(uid);
  meetings.enrol(5);
  for (const s of [0, 1, 2, 1]) meetings.addService(5, s);
  const cw = new CaseloadWeek();
  cw.reserve(1);
  cw.n = 1;
  cw.uid[0] = 5;
  return { ...w, meetings, cw, log, booked, ties: () => ties };
}

describe('responsibility-group reviews (meetings.ts)', () => {
  it('a due review is a full meeting of services + 2 people, booking its hours and building ties when held', () => {
    const g = groupWorld();
    expect(g.meetings.services(5)).toEqual([0, 1, 2]);
    g.meetings.reviewsDue(0, g.cw);
    g.meetings.reviewsDue(0, g.cw); // already pending: not convened twice
    expect(g.log).toEqual(['convened']);
    g.sim.runUntil(10_000);
    expect(g.log).toEqual(['convened', 'held']);
    expect(g.rec.meetings.participants).toEqual([5]);
    expect(g.rec.meetings.mode).toEqual([0]);
    expect(g.booked.meeting).toBe(1.5 + 0.25 * 5);
    expect(g.booked.documentation).toBe(2);
    expect(g.ties()).toEqual([[0, 1, 2], 2.75, true]);
    expect(g.rec.meetings.held[0]).toBeGreaterThan(g.rec.meetings.requested[0]);
  });

  it('under overload with bilateralDrift the review becomes a bilateral round: cheaper, no service-service ties', () => {
    const g = groupWorld({ coping: { policies: policies('bilateralDrift'), loadThreshold: 0.9 }, load: 5 });
    g.meetings.reviewsDue(0, g.cw);
    g.sim.runUntil(10_000);
    expect(g.rec.meetings.mode).toEqual([1]);
    expect(g.rec.meetings.participants).toEqual([2]);
    expect(g.booked.meeting).toBe(0.5 * 3);
    expect(g.ties()?.[2]).toBe(false);
  });

  it('the wait for a date follows the law: about (n - 1)^b days for a full group of n, a day for a bilateral round', () => {
    const waits = (drift: boolean) => {
      const g = drift ? groupWorld({ coping: { policies: policies('bilateralDrift'), loadThreshold: 0.9 }, load: 5 }) : groupWorld();
      const cw = new CaseloadWeek();
      cw.reserve(400);
      cw.n = 400;
      for (let u = 100; u < 500; u++) {
        g.meetings.enrol(u);
        for (const s of [0, 1, 2]) g.meetings.addService(u, s);
        cw.uid[u - 100] = u;
      }
      g.meetings.reviewsDue(0, cw);
      g.sim.runUntil(100_000);
      const m = g.rec.meetings;
      return m.held.reduce((s, h, i) => s + h - m.requested[i], 0) / m.held.length;
    };
    const full = meanMeetingDelayDays(5, { baseDelayDays: 1, delayExponent: 2.16 });
    expect(waits(false)).toBeGreaterThan(0.9 * full);
    expect(waits(false)).toBeLessThan(1.1 * full);
    expect(waits(true)).toBeGreaterThan(0.9);
    expect(waits(true)).toBeLessThan(1.1);
  });

  it('a coordinator in flight skips the review; a cancelled review is never held', () => {
    const fleeing = groupWorld({ mode: 'flight' });
    fleeing.meetings.reviewsDue(0, fleeing.cw);
    expect(fleeing.log).toEqual(['skipped']);
    expect(fleeing.sim.pending).toBe(0);
    const moved = groupWorld();
    moved.meetings.reviewsDue(0, moved.cw);
    moved.meetings.cancel(5);
    moved.sim.runUntil(10_000);
    expect(moved.log).toEqual(['convened']);
    expect(moved.rec.meetings.user).toEqual([]);
  });
});
