import { describe, expect, it } from 'vitest';
import { CaseloadWeek } from '../../../../src/model/municipality/coordination/caseloadWeek.js';
import { CopingPolicies } from '../../../../src/model/municipality/coordination/coping.js';
import { IndividualPlan, Plans } from '../../../../src/model/municipality/coordination/plan.js';
import type { Ports } from '../../../../src/model/municipality/coordination/ports.js';
import { fakeHost, makeWorld, policies } from './harness.js';

describe('an individual plan (plan.ts)', () => {
  it('none -> drafted when its hours are spent -> active at the first review write-up -> stale without revision', () => {
    const ip = new IndividualPlan();
    ip.startDraft(6, false);
    expect(ip.workOnDraft(4, 10)).toBe(4);
    expect(ip.state).toBe('none');
    expect(ip.workOnDraft(5, 17)).toBe(2);
    expect(ip.state).toBe('drafted');
    expect(ip.nextReviewAt).toBe(17); // the responsibility group is convened at once
    ip.reviewConvened();
    ip.reviewHeld(40, 120);
    expect(ip.revisionPending).toBe(true);
    ip.revised(47, 120);
    expect(ip.state).toBe('active');
    expect(ip.nextReviewAt).toBe(167);
    ip.age(47 + 240, 240);
    expect(ip.state).toBe('active');
    ip.age(47 + 241, 240);
    expect(ip.state).toBe('stale');
  });

  it('only an active plan protects at handoffs, a light plan half as much', () => {
    const ip = new IndividualPlan();
    expect(ip.protection(0.5)).toBe(0);
    ip.startDraft(1, false);
    ip.workOnDraft(1, 0);
    expect(ip.protection(0.5)).toBe(0); // drafted, not yet reviewed
    ip.revised(1, 120);
    expect(ip.protection(0.5)).toBe(0.5);
    ip.light = true;
    expect(ip.protection(0.5)).toBe(0.25);
    ip.postHoc(2, 120);
    expect(ip.protection(0.5)).toBe(0); // written after the fact: documents, does not guide
  });
});

/** Plans for users 1 (a draft to write) and 2 (a review write-up pending); the week's documentation hours are given. */
function writeUpWeek(coping: Record<string, unknown>, hours: number, load: number) {
  const w = makeWorld({ pools: [{ id: 'p', count: 1 }], individualPlan: { draftHours: 6, reviseHours: 2 }, coping });
  const unbooked: number[] = [];
  const booked: number[] = [];
  const ports = {
    host: fakeHost(w),
    coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
    week: { bookDocumentation: (_k: number, h: number) => booked.push(h), unbookDocumentation: (_k: number, h: number) => unbooked.push(h) },
    assignment: { hasCoordinator: () => true },
    eligibility: { ipOffered: () => true },
    contact: { attention: () => 1 },
  } as unknown as Ports;
  const plans = new Plans(w.world, ports);
  plans.enrol(1);
  plans.enrol(2);
  plans.draftAfterFirstContact(0, 1, true);
  // User 2's plan is active and its review was held: a write-up is due.
  plans.draftAfterFirstContact(0, 2, true);
  const cw = new CaseloadWeek();
  cw.reserve(2);
  cw.n = 2;
  cw.uid[0] = 2;
  cw.uid[1] = 1;
  plans.writeUp(0, cw, 6, 0); // user 2 drafts in full first
  plans.reviewHeld(2);
  booked.length = 0;
  plans.writeUp(0, cw, hours, load);
  return { plans, unbooked, booked, rec: w.rec };
}

describe('the plans at work (plan.ts)', () => {
  it('documentation hours go to drafts first, then review write-ups', () => {
    const { plans } = writeUpWeek({ policies: policies() }, 7, 0);
    expect(plans.view(1).state).toBe('drafted'); // 6 h of the 7 went to the draft
    expect(plans.view(2).revisionPending).toBe(true); // 1 h left: the write-up waits
    expect(plans.view(2).state).toBe('drafted');
    const enough = writeUpWeek({ policies: policies() }, 8, 0).plans;
    expect(enough.view(2).state).toBe('active');
  });

  it('postHocPlans: a write-up without hours is written after the fact', () => {
    const { plans } = writeUpWeek({ policies: policies('postHocPlans'), postHocShare: 1 }, 7, 0);
    expect(plans.view(2).state).toBe('postHoc');
    expect(plans.view(2).revisionPending).toBe(false);
  });

  it('lightIp: an overloaded coordinator drafts a template plan with lightIpFactor of the hours', () => {
    const { plans, unbooked } = writeUpWeek({ policies: policies('lightIp'), lightIpFactor: 0.5, loadThreshold: 0.9 }, 3, 2);
    expect(plans.view(1).state).toBe('drafted'); // 3 h were enough for a light plan
    expect(plans.view(1).light).toBe(true);
    expect(unbooked).toEqual([3]);
    const calm = writeUpWeek({ policies: policies('lightIp'), lightIpFactor: 0.5, loadThreshold: 0.9 }, 3, 0.5).plans;
    expect(calm.view(1).light).toBe(false);
    expect(calm.view(1).draftRemaining).toBe(3);
  });

  it('a plan is drafted only after the first contact, only once, and only if the family is offered it', () => {
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }], individualPlan: { draftHours: 6 } });
    const booked: number[] = [];
    let offered = false;
    const plans = new Plans(w.world, { week: { bookDocumentation: (_k: number, h: number) => booked.push(h) }, eligibility: { ipOffered: () => offered } } as unknown as Ports);
    plans.enrol(1);
    plans.draftAfterFirstContact(0, 1, false);
    expect(plans.view(1).drafting).toBe(false);
    plans.draftAfterFirstContact(0, 1, true); // the coordinator kept quiet about the IP (eligibility.ts)
    expect(plans.view(1).drafting).toBe(false);
    offered = true; // e.g. the relatives asked
    plans.draftAfterFirstContact(0, 1, true);
    plans.draftAfterFirstContact(0, 1, true);
    expect(booked).toEqual([6]);
  });

  it('a coordinator adjusts an active plan after a crisis only with attention of at least 0.5', () => {
    const w = makeWorld({ pools: [{ id: 'p', count: 1 }] });
    let attention = 0.5;
    const ports = {
      host: fakeHost(w),
      coping: new CopingPolicies(w.spec.coping, w.world.streams.coordination, w.rec.coping),
      week: { bookDocumentation: () => {} },
      assignment: { hasCoordinator: (u: number) => u === 1 },
      eligibility: { ipOffered: () => true },
      contact: { attention: () => attention },
    } as unknown as Ports;
    const plans = new Plans(w.world, ports);
    plans.enrol(1);
    expect(plans.adjustsPlan(1)).toBe(false); // no plan yet
    const cw = new CaseloadWeek();
    cw.reserve(1);
    cw.n = 1;
    cw.uid[0] = 1;
    plans.draftAfterFirstContact(0, 1, true);
    plans.writeUp(0, cw, 6, 0);
    plans.reviewHeld(1);
    plans.writeUp(0, cw, 2, 0);
    expect(plans.view(1).state).toBe('active');
    expect(plans.adjustsPlan(1)).toBe(true);
    attention = 0.4;
    expect(plans.adjustsPlan(1)).toBe(false);
    expect(plans.adjustsPlan(2)).toBe(false); // not owed a plan
  });
});
