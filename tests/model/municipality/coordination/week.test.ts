import { describe, expect, it } from 'vitest';
import { Coordinator } from '../../../../src/model/municipality/coordination/coordinator.js';
import { ASK_COPING, CopingPolicies, SHARE_COPING } from '../../../../src/model/municipality/coordination/coping.js';
import { COORD_ACTIVITIES, COPING_POLICIES } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import { allocateWeek, emptyWeekHours, Week } from '../../../../src/model/municipality/coordination/week.js';
import { fakeHost, makeWorld, policies } from './harness.js';

const A = (a: (typeof COORD_ACTIVITIES)[number]) => COORD_ACTIVITIES.indexOf(a);

describe('allocateWeek (the drop order)', () => {
  const asked = { urgent: 2, meetings: 3, routine: 10, documentation: 4, networking: 1 };

  it('with the drop order protects urgent work, then meetings, routine, documentation, networking last', () => {
    const done = allocateWeek(asked, 12, true, emptyWeekHours());
    expect(done).toEqual({ urgent: 2, meetings: 3, routine: 7, documentation: 0, networking: 0 });
    expect(allocateWeek(asked, 17.5, true, emptyWeekHours())).toEqual({ urgent: 2, meetings: 3, routine: 10, documentation: 2.5, networking: 0 });
    const little = allocateWeek(asked, 4, true, emptyWeekHours());
    expect(little).toEqual({ urgent: 2, meetings: 2, routine: 0, documentation: 0, networking: 0 });
  });

  it('without it cuts every class by the same share, and never hands out more than asked', () => {
    const done = allocateWeek(asked, 10, false, emptyWeekHours());
    for (const k of ['urgent', 'meetings', 'routine', 'documentation', 'networking'] as const) expect(done[k]).toBeCloseTo(asked[k] / 2, 12);
    expect(allocateWeek(asked, 100, true, emptyWeekHours())).toEqual(asked);
    expect(allocateWeek(asked, 100, false, emptyWeekHours())).toEqual(asked);
    expect(allocateWeek(asked, -5, true, emptyWeekHours()).urgent).toBe(0);
  });
});

/**
 * One dedicated coordinator (7.5 h a week) with three cases, each asking 1 h direct, 0.5 h travel,
 * 0.25 h per each of its 2 services, 0.5 h notes; case 10 is in crisis (2 urgent hours); 1 meeting
 * hour is booked; networking 3 h. Asked: 2 + 1 + 6 + 1.5 + 3 = 13.5 h, load 1.8.
 */
function oneCoordinatorWeek(opts: { on: Parameters<typeof policies>; ages?: Record<number, number>; maxUserAgeYears?: number | null }) {
  const w = makeWorld({
    pools: [{ id: 'p', homeService: null, count: 1, coordinationShare: 0.2, roleClarity: 1, maxUserAgeYears: opts.maxUserAgeYears ?? null }],
    work: { directHoursPerCase: 1, travelHoursPerCase: 0.5, coordinationHoursPerService: 0.25, urgentHoursPerCase: 2, absorbHoursPerNeed: 0, documentationHoursPerCase: 0.5, networkingHoursPerWeek: 3, firstContactHours: 0, overServe: 0 },
    coping: { policies: policies(...opts.on), loadThreshold: 0.9 },
  });
  const host = fakeHost(w, { userAge: (uid) => opts.ages?.[uid] ?? 40 });
  const k = new Coordinator(0, 0, w.spec.pools[0], 0, 5);
  const owner = new Map([10, 11, 12].map((u) => [u, 0]));
  const calls = { contacted: new Map<number, number>(), networking: [] as number[], writeUp: [] as number[], strain: [] as number[][], ageSplit: [] as number[], reviewsDue: 0 };
  const ports = {
    host,
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
    roster: { posts: [k], homeIndex: [-1] },
    assignment: {
      caseload: () => [...owner].filter(([, o]) => o === 0).map(([u]) => u),
      coordinatorOf: (u: number) => owner.get(u) ?? -1,
      ageSplit: (u: number) => {
        owner.set(u, -1);
        calls.ageSplit.push(u);
      },
    },
    contact: {
      view: (u: number) => ({ firstContact: true, attention: 1, assignedAt: 0, urgentUntil: u === 10 ? 100 : -Infinity }),
      contacted: (u: number, d: number) => calls.contacted.set(u, d),
    },
    plans: {
      draftAfterFirstContact: () => {},
      view: () => ({ state: 'active', drafting: false, draftRemaining: NaN, light: false, revisionPending: false, nextReviewAt: Infinity }),
      writeUp: (_k: number, _w: unknown, hours: number) => calls.writeUp.push(hours),
    },
    meetings: { services: () => [0, 1], reviewsDue: () => calls.reviewsDue++ },
    ties: { caseContact: () => {}, networking: (_k: number, hours: number) => calls.networking.push(hours) },
    strain: { weekly: (...a: number[]) => calls.strain.push(a), strainOf: () => 0, modeOf: () => 'normal' },
  } as unknown as Ports;
  ports.coping.counting = true; // inside the observation window
  const week = new Week(w.world, ports, { ask: ASK_COPING, share: SHARE_COPING });
  week.addPost(0);
  week.bookMeeting(0, 1);
  week.run(true);
  return { ...w, week, calls };
}

describe('a coordinator week (week.ts)', () => {
  it('load is hours asked over hours available, before coping', () => {
    const { week, calls, rec } = oneCoordinatorWeek({ on: ['dropOrder'] });
    expect(week.loadOf(0)).toBeCloseTo(13.5 / 7.5, 12);
    expect(calls.strain[0][1]).toBeCloseTo(1.8, 12); // the load strain sees
    expect(calls.strain[0][2]).toBe(3); // caseload
    expect(rec.weeks.available).toEqual([7.5]);
    expect(rec.weeks.demanded[0]).toBeCloseTo(13.5, 12);
    expect(rec.weeks.done[0]).toBeCloseTo(7.5, 12);
  });

  it('under overload with the drop order networking and documentation go, urgent work and meetings are kept', () => {
    const { calls, rec } = oneCoordinatorWeek({ on: ['dropOrder'] });
    expect(calls.networking).toEqual([0]);
    expect(calls.writeUp).toEqual([0]);
    expect(rec.urgentHours).toEqual({ demanded: 2, done: 2 });
    expect(rec.hours[A('meetings')]).toBe(1);
    // 4.5 routine hours left for 6 asked: every case gets three quarters of its direct work.
    for (const u of [10, 11, 12]) expect(calls.contacted.get(u)).toBeCloseTo(0.75, 12);
    expect(rec.hours[A('direct')]).toBeCloseTo(2 + 3 * 0.75, 12);
    expect(rec.demandedHours[A('direct')]).toBe(5);
    expect(rec.coping[COPING_POLICIES.indexOf('dropOrder')]).toBe(1);
  });

  it('without the drop order every class gets the same share', () => {
    const { calls, rec } = oneCoordinatorWeek({ on: [] });
    const f = 7.5 / 13.5;
    expect(calls.networking[0]).toBeCloseTo(3 * f, 12);
    expect(calls.writeUp[0]).toBeCloseTo(1.5 * f, 12);
    expect(rec.urgentHours.done).toBeCloseTo(2 * f, 12);
    expect(rec.coping.every((c) => c === 0)).toBe(true);
  });

  it('rationing (phone, no travel) lowers what the routine asks before the hours are handed out', () => {
    const { calls, rec } = oneCoordinatorWeek({ on: ['rationing', 'dropOrder'] });
    // Rationed: 0.5 direct + 0 travel + 0.5 coordination per case = 3 h, all done; 1.5 h left for notes.
    expect(rec.demandedHours[A('travel')]).toBe(0);
    for (const u of [10, 11, 12]) expect(calls.contacted.get(u)).toBeCloseTo(0.5, 12);
    expect(calls.writeUp[0]).toBeCloseTo(1.5, 12);
    expect(calls.networking[0]).toBe(0);
    expect(rec.coping[COPING_POLICIES.indexOf('rationing')]).toBe(3); // one use per case
  });

  it('a user who outgrew the pool goes back to the KE and is not part of the week', () => {
    const { calls, rec } = oneCoordinatorWeek({ on: ['dropOrder'], maxUserAgeYears: 18, ages: { 10: 12, 11: 18.2, 12: 9 } });
    expect(calls.ageSplit).toEqual([11]);
    expect(rec.weeks.caseload).toEqual([2]);
    expect(calls.contacted.has(11)).toBe(false);
    expect(calls.reviewsDue).toBe(1);
  });
});
