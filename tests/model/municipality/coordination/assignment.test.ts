import { describe, expect, it } from 'vitest';
import { rankPools, refusalProbability } from '../../../../src/model/municipality/coordination/assignment.js';
import { REQUEST_KINDS } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import { policies, rosterAndKe } from './harness.js';

// Services of the fake host: 0 home, 1 nav, 2 gp. Pool 0 sits in the home unit (add-on role),
// pool 1 in the KE's office (dedicated, no unit leader to refuse).
const twoPools = (ke: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  pools: [
    { id: 'home', homeService: 'home', count: 1, coordinationShare: 0.5 },
    { id: 'office', homeService: null, count: 1, coordinationShare: 1 },
  ],
  coordinatingUnit: { assignment: 'continuous', refuseBase: 0, ...ke },
  ...extra,
});
const FULL_BACKLOG = 4; // fullBacklogWeeks' default: a unit with this much waiting refuses every assignment

describe('the KE rules (assignment.ts)', () => {
  it('unit leaders refuse more as work waits in their queue, every assignment at a full backlog', () => {
    expect(refusalProbability(0.05, 3, 0)).toBe(0.05);
    expect(refusalProbability(0.05, 3, 0.5)).toBeGreaterThan(0.05);
    expect(refusalProbability(0.05, 3, 0.5)).toBeLessThan(refusalProbability(0.05, 3, 0.8));
    expect(refusalProbability(0.05, 3, 3)).toBe(1);
  });

  it('candidates: the pool whose home carries the largest need, then the niche, then the least loaded', () => {
    const c = (pool: number, homeService: number, inNiche: boolean, lowestCaseload: number) => ({ pool, homeService, inNiche, lowestCaseload });
    const order = (largest: number, ...cs: ReturnType<typeof c>[]) => rankPools(cs, largest).map((x) => x.pool);
    expect(order(1, c(0, 0, true, 0), c(1, 1, false, 5))).toEqual([1, 0]);
    expect(order(-1, c(0, 0, false, 0), c(1, 1, true, 5))).toEqual([1, 0]);
    expect(order(-1, c(0, 0, true, 0.2), c(1, 1, true, 0.1))).toEqual([1, 0]);
  });
});

describe('the coordinating unit at work (assignment.ts)', () => {
  it('continuous assignment places a request at once, with the pool of the largest need, and the coordinator takes up unowned needs', () => {
    const ke = rosterAndKe(twoPools(), { largestNeedService: () => 0 });
    ke.request(7);
    expect(ke.assignment.coordinatorOf(7)).toBe(0);
    expect(ke.assignment.caseload(0)).toEqual([7]);
    expect(ke.host.chased).toEqual([7]);
    expect(ke.rec.requests.assigned).toEqual([0]);
  });

  it('without a fitting home unit the least loaded pool per weekly hour takes the case', () => {
    const ke = rosterAndKe(twoPools(), { largestNeedService: () => 1 });
    ke.request(7, 8);
    expect(ke.assignment.coordinatorOf(7)).toBe(0); // a tie: pool order
    expect(ke.assignment.coordinatorOf(8)).toBe(1); // 0 cases beat 1 case per 18.75 h
  });

  it('a home unit with a full backlog refuses; the request comes back and goes to another coordinator', () => {
    const ke = rosterAndKe(twoPools(), { largestNeedService: () => 0, serviceBacklog: (s) => (s === 0 ? FULL_BACKLOG : 0) });
    ke.request(7);
    expect(ke.assignment.coordinatorOf(7)).toBe(-1);
    expect(ke.rec.refusals.service).toEqual([0]);
    expect(ke.rec.refusals.overridden).toEqual([false]);
    ke.sim.runUntil(365);
    expect(ke.assignment.coordinatorOf(7)).toBe(1);
    expect(ke.rec.requests.refusals).toEqual([1]);
    expect(ke.rec.requests.assigned[0]).toBeGreaterThan(0);
  });

  it('a council duty stops refusals', () => {
    const ke = rosterAndKe(twoPools({ councilDuty: true }), { largestNeedService: () => 0, serviceBacklog: () => FULL_BACKLOG });
    ke.request(7);
    expect(ke.assignment.coordinatorOf(7)).toBe(0);
    expect(ke.rec.refusals.time).toEqual([]);
  });

  it('KE authority overrides a refusal: the assignment stands and the coordinator starts strained', () => {
    const ke = rosterAndKe(twoPools({ authority: true }), { largestNeedService: () => 0, serviceBacklog: () => FULL_BACKLOG });
    ke.request(7);
    expect(ke.assignment.coordinatorOf(7)).toBe(0);
    expect(ke.rec.refusals.overridden).toEqual([true]);
    expect(ke.overruled).toEqual([0]);
  });

  it('the returnedEventAfter-th refusal of a request opens one returnedAssignment spell, which ends when a coordinator takes the case', () => {
    const raw = twoPools();
    raw.pools = [raw.pools[0]];
    let backlog = FULL_BACKLOG;
    const ke = rosterAndKe(raw, { serviceBacklog: () => backlog });
    ke.request(7);
    ke.sim.runUntil(2000);
    expect(ke.rec.refusals.time.length).toBeGreaterThanOrEqual(3);
    const second = ke.rec.refusals.time[1];
    expect(ke.host.spells).toEqual([{ uid: 7, cause: 'returnedAssignment', start: second, end: NaN, a: 0, b: -1 }]);
    backlog = 0; // the unit has room again: the next return is taken, and the spell ends
    ke.sim.runUntil(4000);
    expect(ke.assignment.coordinatorOf(7)).toBe(0);
    expect(ke.host.spells[0].end).toBe(ke.rec.requests.assigned[0]);
  });

  it('an overloaded coordinator refuses a case outside the niche (nicheRefusal); not when the policy is off', () => {
    const raw = (on: boolean) => ({ pools: [{ id: 'children', homeService: null, count: 1, coordinationShare: 1, niche: ['children'] }], coordinatingUnit: { assignment: 'continuous' }, coping: { policies: on ? policies('nicheRefusal') : policies() } });
    const refusing = rosterAndKe(raw(true), {}, 2);
    refusing.request(7);
    expect(refusing.assignment.coordinatorOf(7)).toBe(-1);
    expect(refusing.rec.refusals.service).toEqual([-1]);
    const taking = rosterAndKe(raw(false), {}, 2);
    taking.request(7);
    expect(taking.assignment.coordinatorOf(7)).toBe(0);
  });

  it('at KE meetings orphaned cases go before new ones; a caseload cap keeps the rest waiting', () => {
    const ke = rosterAndKe({ pools: [{ id: 'office', homeService: null, count: 1, coordinationShare: 1, caseloadCap: 1 }], coordinatingUnit: { assignment: 'meetings', cadenceDays: 14 } });
    ke.request(1);
    ke.assignment.enrol(2);
    ke.assignment.request(2, 'orphaned');
    expect(ke.assignment.coordinatorOf(1)).toBe(-1); // nothing happens before the meeting
    ke.sim.runUntil(0);
    expect(ke.assignment.coordinatorOf(2)).toBe(0);
    expect(ke.assignment.coordinatorOf(1)).toBe(-1);
    expect(ke.assignment.check()).toEqual([]);
  });

  it('an age split hands the user back to the KE and opens a transitionGap spell until a new coordinator takes over', () => {
    let age = 12;
    const ke = rosterAndKe({ pools: [{ id: 'children', homeService: null, count: 1, coordinationShare: 1, maxUserAgeYears: 18 }], coordinatingUnit: { assignment: 'continuous' } }, { userAge: () => age });
    ke.request(7);
    expect(ke.assignment.coordinatorOf(7)).toBe(0);
    age = 18;
    ke.assignment.ageSplit(7);
    expect(ke.assignment.coordinatorOf(7)).toBe(-1);
    expect(ke.rec.orphans.kind).toEqual([REQUEST_KINDS.indexOf('transition')]);
    expect(ke.rec.requests.kind).toEqual([REQUEST_KINDS.indexOf('new'), REQUEST_KINDS.indexOf('transition')]);
    ke.sim.runUntil(100);
    expect(ke.host.spells).toEqual([{ uid: 7, cause: 'transitionGap', start: 0, end: NaN, a: -1, b: -1 }]); // nobody for adults here
  });

  it('a user who leaves is dropped from the queue and from the caseload', () => {
    const ke = rosterAndKe({ pools: [{ id: 'office', homeService: null, count: 1, coordinationShare: 1, caseloadCap: 1 }], coordinatingUnit: { assignment: 'continuous' } });
    ke.request(1, 2);
    expect(ke.assignment.coordinatorOf(1)).toBe(0);
    ke.assignment.onUserExit(2);
    ke.assignment.onUserExit(1);
    expect(ke.assignment.caseload(0)).toEqual([]);
    ke.sim.runUntil(100);
    expect(ke.assignment.coordinatorOf(2)).toBe(-1);
    expect(ke.assignment.check()).toEqual([]);
  });
});
