// One test per mechanism of Model I on a small world built by hand: a tiny scenario, the real
// builder (run.ts buildWorld + installMechanisms), no arrivals started, users created and events
// stepped one by one. Each test checks what the mechanism's file says it does.
import { describe, expect, it } from 'vitest';
import { functionLevel, crossingTime } from '../../../src/model/municipality/functioning.js';
import { buildWorld, installMechanisms } from '../../../src/model/municipality/run.js';
import { CAUSE_INDEX } from '../../../src/model/municipality/causes.js';
import { REASON_INDEX, SPELL_ENDINGS } from '../../../src/model/municipality/spellReasons.js';
import { snapshotOf } from '../../../src/model/municipality/liveSnapshot.js';
import { NS, type Need } from '../../../src/model/municipality/world.js';
import { planOwner } from '../../../src/model/municipality/planNews.js';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { parseScenario } from '../../../src/scenario/validate.js';

const zero = { delayDays: 0, infoLossProbability: 0, lostProbability: 0, adminHours: 0 };

/** Two services that accept need `n` (a and b), one user group, no randomness that matters unless set. */
function tiny(edit: (m: Record<string, any>) => void = () => {}): MunicipalityScenario {
  const m: Record<string, any> = {
    inhabitants: 1000,
    userGroups: [
      {
        id: 'g',
        incidencePer1000PerYear: 0,
        needs: [{ type: 'n', hoursPerWeek: 2, episodeDays: 30, episodeCv: 0, urgency: 1 }],
        referral: { belowFunction: 1, meanDelayDays: 0 },
        exits: { deathRatePerYear: 0, moveRatePerYear: 0, recoveredAfterDays: 1 },
        function: { initialMin: 0.5, initialMax: 0.5, declinePerYear: 0 },
      },
    ],
    services: [
      { id: 'a', accepts: ['n'], staffFte: 4 / 37.5, directShare: 1, assessmentDays: 0 },
      { id: 'b', accepts: ['n'], staffFte: 4 / 37.5, directShare: 1, assessmentDays: 0 },
    ],
    channels: { paper: zero, message: zero, sharedLog: zero },
    design: { kind: 'relay', channel: 'paper' },
    unownedThresholdDays: 10,
  };
  edit(m);
  return parseScenario({ formatVersion: 1, name: 'tiny', model: 'municipality', horizon: { years: 2, warmupDays: 0 }, calendar: { alwaysOpen: true }, municipality: m }, 'tiny') as MunicipalityScenario;
}

function world(s: MunicipalityScenario) {
  const { w, design } = buildWorld(s, 1, 730);
  const m = installMechanisms(w, design);
  design.install(w, m.p);
  return { w, ...m };
}

/** A first user whose need a service refused: latent, routed to service 0, and unowned from now. */
function refusedNeed(w: ReturnType<typeof world>['w'], p: ReturnType<typeof world>['p']) {
  p.createUser(0, true);
  const u = w.users[0];
  const n = u.needs[0];
  w.sim.cancel(n.handle);
  n.state = NS.Latent;
  n.route = [{ service: 0, activity: 'deliver', days: 30, hoursPerWeek: NaN }];
  p.setUnowned(u, n, 'unownedNeed', 0, -1);
  return { u, n };
}

describe('Model I mechanisms on a small world', () => {
  it('functioning.ts: linear decline, crisis drops that halve, and the crossing time of the decline', () => {
    const { w, p } = world(tiny((m) => (m.userGroups[0].function = { initialMin: 0.8, initialMax: 0.8, declinePerYear: 0.1, crisisDrop: 0.2, crisisHalfLifeDays: 30 })));
    p.createUser(0, true);
    const u = w.users[0];
    expect(functionLevel(u, 365)).toBeCloseTo(0.7, 6);
    u.crises = [100];
    u.crisisIndex = 1;
    expect(functionLevel(u, 130)).toBeCloseTo(0.8 - (0.1 * 130) / 365 - 0.1, 6); // half the drop after one half-life
    u.crisisIndex = 0;
    expect(crossingTime(u, 0.5, 0)).toBeCloseTo(3 * 365, 3); // the crisis-free trajectory
  });

  it('betweenChairs.ts: an unowned need becomes an event only past the threshold, with its cause; an owned one ends the spell', () => {
    const { w, p } = world(tiny());
    p.createUser(0, true);
    const u = w.users[0];
    const n = u.needs[0];
    w.sim.cancel(n.handle); // the need's own opening: this test moves it by hand
    n.state = NS.Latent;
    p.setUnowned(u, n, 'droppedBaton', 0, 1);
    w.sim.runUntil(9.9);
    expect(w.rec.betweenChairs.time).toEqual([]);
    w.sim.runUntil(10.5);
    expect(w.rec.betweenChairs.cause).toEqual([1]); // droppedBaton
    expect(w.rec.betweenChairs.time).toEqual([10]);
    p.clearUnowned(u, n);
    expect(w.rec.spells).toEqual({ user: [0], start: [0], end: [10.5] });
    // Cleared before the threshold: a spell, no event.
    p.setUnowned(u, n, 'unownedNeed', -1, -1);
    w.sim.runUntil(15);
    p.clearUnowned(u, n);
    w.sim.runUntil(40);
    expect(w.rec.betweenChairs.time).toHaveLength(1);
    expect(w.rec.spells.user).toHaveLength(2);
  });

  it('betweenChairs.ts: one rule for every cause; a coordinators\' spell (no need) is an event only past the threshold, and the user is between chairs while any spell is open', () => {
    const { w, p } = world(tiny());
    p.createUser(0, true);
    const u = w.users[0];
    const n = u.needs[0];
    w.sim.cancel(n.handle);
    n.state = NS.Latent;
    // An orphaned case taken over in 5 days: a spell, no event.
    const quick = p.openSpell(0, -1, 'orphanedCase', 2, -1);
    w.sim.runUntil(5);
    p.closeSpell(quick);
    // An unmet right and, overlapping it, an unowned need: one user-level stretch, two causes.
    w.sim.runUntil(20);
    const unmet = p.openSpell(0, -1, 'unmetRight', -1, -1);
    w.sim.runUntil(25);
    p.setUnowned(u, n, 'droppedBaton', 0, 1);
    w.sim.runUntil(40);
    p.closeSpell(unmet); // 20 days: an event at day 30
    w.sim.runUntil(50);
    p.clearUnowned(u, n); // 25 days: an event at day 35
    expect(w.rec.betweenChairs.cause).toEqual([CAUSE_INDEX.unmetRight, CAUSE_INDEX.droppedBaton]);
    expect(w.rec.betweenChairs.time).toEqual([30, 35]);
    expect(w.rec.betweenChairs.start).toEqual([20, 25]);
    expect(w.rec.spells).toEqual({ user: [0, 0], start: [0, 20], end: [5, 50] });
    expect(w.rec.unownedSpells.cause).toEqual([CAUSE_INDEX.orphanedCase, CAUSE_INDEX.unmetRight, CAUSE_INDEX.droppedBaton]);
    expect(w.rec.unownedSpells.need).toEqual([-1, -1, 0]);
    expect(() => p.closeSpell(unmet)).toThrow(/closed twice/);
  });

  it('handoff.ts: a certain loss leaves the need unowned (dropped baton, or transition gap at a boundary); no loss puts it in transit', () => {
    const lossy = tiny((m) => (m.channels.paper = { ...zero, lostProbability: 1 }));
    let { w, p } = world(lossy);
    p.createUser(0, true);
    let u = w.users[0];
    p.sendReferral(u, u.needs[0], 0, 1);
    expect(u.needs[0].state).toBe(NS.Unowned);
    expect(u.needs[0].unownedCause).toBe('droppedBaton');
    ({ w, p } = world(tiny((m) => {
      m.channels.paper = { ...zero, lostProbability: 1 };
      m.services[1].level = 'specialist';
    })));
    p.createUser(0, true);
    u = w.users[0];
    p.sendReferral(u, u.needs[0], 0, 1);
    expect(u.needs[0].unownedCause).toBe('transitionGap');
    ({ w, p } = world(tiny()));
    p.createUser(0, true);
    u = w.users[0];
    p.sendReferral(u, u.needs[0], -1, 0);
    expect(u.needs[0].state).toBe(NS.Transit);
    expect(w.rec.handoffs.lost).toEqual([false]);
  });

  it('intake.ts: a service that always refuses deflects the need to the other service, and refuses it when none is left', () => {
    const { w, p } = world(tiny((m) => (m.services[0].turf = 1)));
    p.createUser(0, true);
    const u = w.users[0];
    const n = u.needs[0];
    n.state = NS.Latent;
    p.enterSystem(u, n); // routed to a (first accepting service)
    w.sim.runUntil(0);
    expect(n.tried).toEqual([0]);
    expect(n.at).toBe(1); // deflected to b
    expect([NS.Queued, NS.Occupying]).toContain(n.state);
    // Both refuse: after the deflection nobody is left, and the need is unowned.
    const both = world(tiny((m) => (m.services[0].turf = m.services[1].turf = 1)));
    both.p.createUser(0, true);
    const v = both.w.users[0];
    both.w.sim.cancel(v.needs[0].handle);
    v.needs[0].state = NS.Latent;
    both.p.enterSystem(v, v.needs[0]);
    both.w.sim.runUntil(0);
    expect(v.needs[0].tried).toEqual([0, 1]);
    expect(v.needs[0].state).toBe(NS.Unowned);
    expect(v.needs[0].unownedCause).toBe('unownedNeed');
  });

  it('pushBack.ts: a specialist with no room sends the user back to the municipal service, with the hours scaled and less gain; with room it queues', () => {
    const back = (full: boolean) => {
      const t = world(
        tiny((m) => {
          m.services[0].level = 'specialist';
          m.services[0].pushBack = { to: 'b', probability: 1, hoursFactor: 2, gainFactor: 0.25 };
        }),
      );
      t.p.createUser(0, true);
      const u = t.w.users[0];
      const n = u.needs[0];
      t.w.sim.cancel(n.handle);
      n.state = NS.Latent;
      if (full) t.w.services[0].used = t.w.services[0].capacity; // every bed taken
      t.p.enterSystem(u, n); // routed to a, the specialist
      t.w.sim.runUntil(0);
      return { t, n };
    };
    const { t, n } = back(true);
    expect(n.at).toBe(1);
    expect(n.route![0]).toMatchObject({ service: 1, activity: 'deliver', hoursPerWeek: 4 });
    expect(n.gainFactor).toBe(0.25);
    expect(t.w.rec.pushBacks.service).toEqual([0]);
    expect(t.w.rec.handoffs.from.at(-1)).toBe(0); // a handoff from the specialist: it can be lost
    const room = back(false);
    expect(room.n.at).toBe(0);
    expect(room.t.w.rec.pushBacks.time).toEqual([]);
  });

  it('forums.ts: knowledge is full while forums meet and wears away linearly after they end; handoffs from a service that knows less lose more', () => {
    const { w, p, forum } = world(tiny((m) => (m.forums = { everyDays: 30, hoursPerService: 2, stopAfterDays: 60, knowledgeLossPerYear: 0.5, lossRise: 1 })));
    forum.start();
    w.sim.runUntil(60);
    expect(p.knowledge(0)).toBe(1);
    w.sim.runUntil(60 + 365);
    expect(p.knowledge(0)).toBeCloseTo(0.5, 12);
    expect(p.knowledgeMean()).toBeCloseTo(0.5, 12);
    w.sim.runUntil(60 + 3 * 365);
    expect(p.knowledge(1)).toBe(0); // worn away, never below 0
    // Two forums (days 30 and 60), two services, 2 hours each.
    expect(w.rec.staffHours.reduce((a, row) => a + row[3], 0)).toBe(8);
    p.createUser(0, true);
    expect(p.lossMultiplier(w.users[0], 0, 1)).toBe(2); // 1 + lossRise x (1 - 0)
    expect(p.lossMultiplier(w.users[0], -1, 0)).toBe(1); // the user's own referral: nobody's knowledge
    // Without forums modelled, knowledge stays full.
    const none = world(tiny());
    none.w.sim.runUntil(1000);
    expect(none.p.knowledge(0)).toBe(1);
  });

  it('service.ts with needs.ts: a single no-show is not disengagement; the disengageAfterSetbacks-th setback is', () => {
    // Every first contact is missed, the service does not follow no-shows up, and a re-application
    // comes long after the threshold, so each no-show leaves the need unowned past the threshold.
    const { w, p } = world(
      tiny((m) => {
        m.userGroups[0].noShowProbability = 1;
        m.userGroups[0].disengageAfterSetbacks = 3;
        m.reapplyAfterDays = 1e6;
      }),
    );
    p.createUser(0, true);
    const u = w.users[0];
    const n = u.needs[0];
    w.sim.cancel(n.handle);
    n.state = NS.Latent;
    p.enterSystem(u, n);
    w.sim.runUntil(11); // the no-show at once, the threshold (10 days) passed
    expect(u.setbacks).toBe(1);
    expect(u.disengaged).toBe(false);
    expect(w.rec.betweenChairs.cause).toEqual([CAUSE_INDEX.unownedNeed]); // the service let the need go
    // Two more no-shows: the third setback is the drop-out, and only that spell is disengagement.
    for (let i = 0; i < 2; i++) {
      w.sim.cancel(n.handle);
      p.clearUnowned(u, n);
      p.enterSystem(u, n);
      w.sim.runUntil(w.sim.now + 11);
    }
    expect(u.disengaged).toBe(true);
    expect(w.rec.betweenChairs.cause).toEqual([CAUSE_INDEX.unownedNeed, CAUSE_INDEX.unownedNeed, CAUSE_INDEX.disengagement]);
  });

  it('service.ts: admission respects capacity, and an urgency queue admits the most urgent first', () => {
    const { w, p } = world(
      tiny((m) => {
        m.services[0].staffFte = 2 / 37.5; // room for one need of 2 h/week
        m.services[0].priority = 'urgency';
        m.userGroups[0].needs[0].urgency = 1;
      }),
    );
    for (let i = 0; i < 3; i++) p.createUser(0, true);
    const [first, low, high] = w.users.map((u) => u.needs[0]);
    (high as { spec: { urgency: number } }).spec = { ...high.spec, urgency: 3 };
    const s = w.services[0];
    for (const n of [first, low, high]) {
      n.route = [{ service: 0, activity: 'deliver', days: 30, hoursPerWeek: NaN }];
      n.state = NS.Queued;
      n.at = 0;
      s.enqueue(n);
    }
    p.tryAdmit(s);
    expect(s.occupying).toBe(1); // room for one
    expect(high.state).toBe(NS.Occupying); // urgency 3 first, though it came last
    expect(s.queue).toEqual([first, low]);
    p.release(high);
    high.state = NS.Closed;
    p.tryAdmit(s);
    expect(first.state).toBe(NS.Occupying); // equal urgency: first come, first served
    expect(low.state).toBe(NS.Queued);
  });

  it('assessment.ts: an ineligible user is rejected and the need goes back to latent; an annual cap rejects as capped', () => {
    const check = (edit: (m: Record<string, any>) => void, capped: boolean) => {
      const { w, p } = world(tiny(edit));
      p.createUser(0, true);
      const u = w.users[0];
      const n = u.needs[0];
      n.state = NS.Latent;
      p.enterSystem(u, n);
      w.sim.runUntil(1);
      expect(w.rec.rejections.cap).toEqual([capped]);
      expect(n.state).toBe(NS.Latent);
      expect(w.services[0].used).toBe(0);
    };
    check((m) => (m.services[0].eligibleBelowFunction = 0.4), false); // function 0.5 is too good
    check((m) => (m.services[0].annualCap = 0), true);
  });

  it('population.ts: a user who leaves frees the hours held and the queue place, and the books balance', () => {
    const { w, p } = world(tiny((m) => (m.services[0].staffFte = 2 / 37.5)));
    p.createUser(0, true);
    p.createUser(0, true);
    const [a, b] = w.users;
    for (const u of [a, b]) {
      u.needs[0].state = NS.Latent;
      p.enterSystem(u, u.needs[0]);
    }
    w.sim.runUntil(0.5);
    expect(w.services[0].occupying + w.services[1].occupying).toBeGreaterThan(0);
    for (const u of [a, b]) p.exitUser(u, 'moved');
    expect(w.services.map((s) => [s.used, s.occupying, s.queue.length])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(w.rec.users.exitReason).toEqual([2, 2]); // moved
  });

  it('adminTime.ts: a week\'s handoff administration and double work come off the next week\'s case-work capacity, then return', () => {
    const { w, p, admin } = world(tiny());
    const s = w.services[0];
    const base = s.baseCapacity;
    expect(s.capacity).toBe(base);
    p.bookAdmin(0, 'handoff', 1.5);
    p.bookAdmin(0, 'documentation', 0.5);
    p.bookAdmin(-1, 'handoff', 9); // the user's own referral: no service pays
    expect(s.capacity).toBe(base); // not before the week turns
    admin.onAdminWeek(0, 0);
    expect(s.capacity).toBe(base - 2);
    expect(w.services[1].capacity).toBe(base);
    p.bookAdmin(0, 'handoff', 100);
    admin.onAdminWeek(0, 0);
    expect(s.capacity).toBe(0); // never below zero
    admin.onAdminWeek(0, 0);
    expect(s.capacity).toBe(base);
  });

  it('planNews.ts: the plan belongs to the last leg that decided or assessed, else to the service holding the need', () => {
    const need = (acts: string[], leg: number, at: number) => ({ route: acts.map((activity, service) => ({ service, activity, days: 1, hoursPerWeek: 1 })), leg, at }) as unknown as Need;
    expect(planOwner(need(['decide', 'assess', 'deliver', 'evaluate'], 2, 2))).toBe(1); // the therapists, not the carers
    expect(planOwner(need(['decide', 'deliver', 'deliver'], 2, 2))).toBe(0); // the purchaser's package
    expect(planOwner(need(['deliver', 'evaluate'], 1, 1))).toBe(1); // nobody planned: the service holding it
    expect(planOwner(need(['assess', 'deliver'], 0, 0))).toBe(0);
  });

  it('relatives.ts: relatives who carry what nobody owns run out of strength and stop chasing, and recover with rest', () => {
    const s = tiny((m) => {
      m.userGroups[0].relativeCoordinates = 1;
      m.relativeHoursPerWeek = 3;
      m.relatives = { reserveHours: 6, recoveryHoursPerWeek: 1.5 };
    });
    const { w, p, chairs } = world(s);
    p.createUser(0, true);
    const u = w.users[0];
    expect(u.relatives).toBe(true);
    expect(p.relativesChase(u)).toBe(true);
    const row = p.openSpell(u.id, 0, 'unownedNeed', -1, -1);
    w.sim.runUntil(13);
    expect(p.relativesChase(u)).toBe(true); // 13 days at 3 h a week: 5.6 of 6 hours spent
    w.sim.runUntil(15);
    expect(p.relativesChase(u)).toBe(false); // exhausted after 14 days
    p.closeSpell(row);
    expect(w.rec.relativesExhausted.time).toEqual([14]);
    w.sim.runUntil(15 + 13);
    expect(p.relativesChase(u)).toBe(false); // 13 days of rest give back 2.8 hours: not yet half of 6
    w.sim.runUntil(15 + 14);
    expect(p.relativesChase(u)).toBe(true); // two weeks of rest: 3 hours, half the reserve
    // Model II's weekly coordination drains it too: 3 hours now exhaust them again.
    expect(p.relativesCarry(u, 3)).toBe(3);
    expect(p.relativesChase(u)).toBe(false);
    expect(p.relativesCarry(u, 3)).toBe(0); // exhausted relatives carry nothing
    chairs.closeAtHorizon();
    expect(w.rec.relativesExhausted.time).toEqual([14, 29]);
  });

  it('lapse.ts: a need nobody works on lapses (met elsewhere) and its spell ends; with lapseAfterDays null it waits', () => {
    const run = (lapseAfterDays: number | null) => {
      const { w, p } = world(
        tiny((m) => {
          m.reapplyAfterDays = 1e6; // nobody re-applies within the test
          m.userGroups[0].exits.recoveredAfterDays = 1e6; // the user stays to be looked at
          m.spellEndings = { lapseAfterDays };
        }),
      );
      const { n } = refusedNeed(w, p);
      p.scheduleReapply(n);
      w.sim.runUntil(700);
      return { w, n };
    };
    const lapsing = run(5);
    expect(lapsing.n.state).toBe(NS.Closed);
    expect(lapsing.w.rec.spellEndings.kind).toEqual([SPELL_ENDINGS.indexOf('lapsed')]);
    expect(lapsing.w.rec.unownedSpells.end[0]).toBeLessThan(700);
    const waiting = run(null);
    expect(waiting.n.state).toBe(NS.Unowned);
    expect(waiting.w.rec.spellEndings.time).toEqual([]);
  });

  it('lapse.ts with assessment.ts: a need turned down at its first leg may lapse before the user applies again', () => {
    const { w, p } = world(
      tiny((m) => {
        m.services[0].annualCap = 0; // every decision at a is capped
        m.reapplyAfterDays = 1e6;
        m.userGroups[0].exits.recoveredAfterDays = 1e6;
        m.spellEndings = { lapseAfterDays: 5 };
      }),
    );
    p.createUser(0, true);
    const u = w.users[0];
    const n = u.needs[0];
    w.sim.cancel(n.handle);
    n.state = NS.Latent;
    p.enterSystem(u, n);
    w.sim.runUntil(1);
    expect(n.state).toBe(NS.Latent);
    expect(n.turnedDown).toBe(true);
    w.sim.runUntil(200);
    expect(n.state).toBe(NS.Closed);
    expect(w.rec.spellEndings.kind).toEqual([SPELL_ENDINGS.indexOf('lapsed')]);
    expect(w.rec.handoffs.time).toHaveLength(1); // it never queued at the purchaser again
  });

  it('reRaise.ts: relatives re-raise a grey-zone need until the leadership has it met; without relatives or a coordinator nobody does', () => {
    const greyZone = (relatives: number, directedProbability: number) => {
      const { w, p } = world(
        tiny((m) => {
          m.userGroups[0].needs[0].type = 'nobodys'; // no service accepts it
          m.userGroups[0].relativeCoordinates = relatives;
          m.userGroups[0].exits.recoveredAfterDays = 1e6;
          m.spellEndings = { lapseAfterDays: null, reRaise: { relativesAfterDays: 10, directedProbability } };
        }),
      );
      p.createUser(0, true);
      const u = w.users[0];
      const n = u.needs[0];
      w.sim.cancel(n.handle);
      n.state = NS.Latent;
      p.enterSystem(u, n);
      expect(n.state).toBe(NS.Unowned);
      expect(w.rec.unownedSpells.keptBy).toEqual([REASON_INDEX.noMandate]);
      w.sim.runUntil(700);
      return { w, n };
    };
    const met = greyZone(1, 1);
    expect(met.n.state).toBe(NS.Closed);
    expect(met.w.rec.spellEndings.kind).toEqual([SPELL_ENDINGS.indexOf('reRaised'), SPELL_ENDINGS.indexOf('directed')]);
    const refusedEachTime = greyZone(1, 0);
    expect(refusedEachTime.n.state).toBe(NS.Unowned);
    expect(refusedEachTime.w.rec.spellEndings.kind.length).toBeGreaterThan(10); // raised again and again
    expect(refusedEachTime.w.rec.spellEndings.kind.every((k) => k === SPELL_ENDINGS.indexOf('reRaised'))).toBe(true);
    const alone = greyZone(0, 1);
    expect(alone.n.state).toBe(NS.Unowned);
    expect(alone.w.rec.spellEndings.time).toEqual([]);
    // The live view's list of longest spells says what keeps the user there.
    expect(snapshotOf(alone.w, false).users.keptBy[0]).toBe(REASON_INDEX.noMandate);
  });

  it('reengagement.ts: a crisis finds a user who dropped out, forgives the setbacks and sends the need again; the spell said what kept it', () => {
    const dropOut = (crisisFindsDisengaged: boolean) => {
      const { w, p } = world(
        tiny((m) => {
          m.services[0].turf = 1; // refuses at the door
          m.services[1].turf = 1;
          m.userGroups[0].disengageAfterSetbacks = 1;
          m.spellEndings = { lapseAfterDays: null, crisisFindsDisengaged };
        }),
      );
      p.createUser(0, true);
      const u = w.users[0];
      const n = u.needs[0];
      w.sim.cancel(n.handle);
      n.state = NS.Latent;
      p.enterSystem(u, n);
      w.sim.runUntil(0);
      expect(u.disengaged).toBe(true);
      expect(n.state).toBe(NS.Unowned);
      w.services[0].spec.turf = 0; // the service would take the user now
      w.sim.runUntil(200); // the re-application finds nobody to send it
      expect(n.state).toBe(NS.Unowned);
      w.sim.scheduleAt(300, w.ev.crisis, u.id);
      w.sim.runUntil(301);
      return { w, u, n };
    };
    const found = dropOut(true);
    expect(found.u.disengaged).toBe(false);
    expect(found.u.setbacks).toBe(0);
    expect(found.w.rec.handoffs.time).toEqual([0, 300]); // sent again at the crisis
    expect(found.w.rec.spellEndings.kind).toEqual([SPELL_ENDINGS.indexOf('reengaged')]);
    expect(found.w.rec.unownedSpells.keptBy[0]).toBe(REASON_INDEX.disengaged);
    expect(found.w.rec.unownedSpells.end[0]).toBe(300);
    const lost = dropOut(false);
    expect(lost.u.disengaged).toBe(true);
    expect(lost.n.state).toBe(NS.Unowned);
    expect(lost.w.rec.handoffs.time).toEqual([0]);
  });

  it('betweenChairs.ts with needs.ts: a refused need is kept by the refusal until the user drops out, then by the dropping out', () => {
    const { w, p } = world(tiny((m) => (m.userGroups[0].disengageAfterSetbacks = 2)));
    const { u, n } = refusedNeed(w, p);
    expect(w.rec.unownedSpells.keptBy).toEqual([REASON_INDEX.refused]);
    p.addSetback(u);
    p.addSetback(u);
    expect(w.rec.unownedSpells.keptBy).toEqual([REASON_INDEX.disengaged]);
  });
});
