/**
 * Population: a user's attributes at arrival, crises, and leaving (death, moving, ageing out,
 * institution, recovery). When users arrive is arrivals.ts. docs/model.md §2.
 */
import { bernoulli, exponential, uniform } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import { EXIT_REASONS, type ExitReason } from './record.js';
import type { Design } from './routing/design.js';
import { Need, NS, User, type Ports, type World } from './world.js';

export interface Population extends Pick<Ports, 'createUser' | 'scheduleExit' | 'exitUser' | 'maybeRecover'> {
  onExit: Handler;
  onRecovered: Handler;
  onCrisis: Handler;
}

export function population(w: World, p: Ports, design: Design): Population {
  const { sim, spec, rec, trace, users, services, hooks, T } = w;
  const rUsers = w.streams.users;

  /** Days to an event with a constant yearly rate; Infinity when the rate is (practically) zero. */
  const yearlyHazard = (ratePerYear: number) => {
    const mean = 365 / ratePerYear;
    return Number.isFinite(mean) && mean > 0 ? exponential(rUsers, mean) : Infinity;
  };

  const createUser = (group: number, initial: boolean) => {
    const g = spec.userGroups[group];
    const id = users.length;
    const now = sim.now;
    const age0 = uniform(rUsers, g.ageYears.min, Math.max(g.ageYears.min, g.ageYears.max) + 1e-9);
    const f0 = uniform(rUsers, g.function.initialMin, Math.max(g.function.initialMin, g.function.initialMax) + 1e-9);
    const relatives = bernoulli(rUsers, g.relativeCoordinates);
    const crises: number[] = [];
    for (let t = now + yearlyHazard(g.function.crisisRatePerYear); t <= T; t += yearlyHazard(g.function.crisisRatePerYear)) crises.push(t);
    // Death hazard rises as function falls: r x (2 - f0) per year (assumption).
    const deathT = now + yearlyHazard(g.exits.deathRatePerYear * (2 - f0));
    const moveT = now + yearlyHazard(g.exits.moveRatePerYear);
    const ageOutT = g.ageOutAtYears !== null ? now + Math.max(0, (g.ageOutAtYears - age0) * 365) : Infinity;
    const u = new User(id, group, g, now, { age0, f0, relatives, crises, deathT, moveT, ageOutT });
    // Which needs this user has: each with its probability; at least one (users have complex needs).
    const has = g.needs.map((ns) => bernoulli(rUsers, ns.probability));
    if (!has.some(Boolean)) has[g.needs.reduce((best, ns, i) => (ns.probability > g.needs[best].probability ? i : best), 0)] = true;
    const opens = g.needs.map((ns) => (ns.opensAfterDays > 0 ? exponential(rUsers, ns.opensAfterDays) : 0));
    users.push(u);
    rec.users.arrival.push(now);
    rec.users.group.push(group);
    rec.users.exitTime.push(NaN);
    rec.users.exitReason.push(-1);
    rec.users.initial.push(initial);
    rec.users.functionEnd.push(NaN);
    trace.add(now, id, 'arrive', -1, -1, group);
    g.needs.forEach((ns, i) => {
      if (!has[i]) return;
      const n = new Need(id, u.needs.length, ns);
      u.needs.push(n);
      n.handle = sim.schedule(opens[i], w.ev.needOpen, id, n.index);
    });
    if (crises.length > 0) sim.scheduleAt(crises[0], w.ev.crisis, id);
    scheduleExit(u);
  };

  /** The earliest of death, moving, ageing out and entering an institution (function below its threshold). */
  const scheduleExit = (u: User) => {
    sim.cancel(u.exitHandle);
    let t = u.deathT;
    let reason: ExitReason = 'died';
    if (u.moveT < t) {
      t = u.moveT;
      reason = 'moved';
    }
    if (u.ageOutT < t) {
      t = u.ageOutT;
      reason = 'agedOut';
    }
    const inst = u.g.exits.institutionBelowFunction;
    if (inst > 0) {
      const ti = u.crossingTime(inst, sim.now);
      if (ti < t) {
        t = ti;
        reason = 'institution';
      }
    }
    if (t <= T) u.exitHandle = sim.scheduleAt(Math.max(t, sim.now), w.ev.exit, u.id, EXIT_REASONS.indexOf(reason));
  };

  // A lean run releases users who left (User.release), but not within the event that saw them
  // leave: its handler may still read the needs it just closed. Each exit releases those who left
  // at an earlier event.
  const leftEarlier: User[] = [];
  let leftAtEvent = -1;
  const releaseEarlier = () => {
    if (sim.eventsProcessed === leftAtEvent) return;
    for (const v of leftEarlier) v.release();
    leftEarlier.length = 0;
    leftAtEvent = sim.eventsProcessed;
  };

  const exitUser = (u: User, reason: ExitReason) => {
    if (u.gone) return;
    const touched = new Set<number>();
    for (const n of u.needs) {
      sim.cancel(n.handle);
      sim.cancel(n.checkHandle);
      design.stationLeft(n);
      if (n.state === NS.Unowned) p.clearUnowned(u, n);
      if (n.state === NS.Queued) {
        const s = services[n.at];
        s.removeQueuedAt(s.queue.indexOf(n));
        design.dequeued(n, s);
      } else if (n.state === NS.Occupying) {
        touched.add(n.at);
        p.release(n);
      }
      n.state = NS.Gone;
      n.at = -1;
    }
    sim.cancel(u.recoverHandle);
    sim.cancel(u.exitHandle);
    hooks.userLeft?.(u.id);
    u.exitTime = sim.now;
    u.exitReason = EXIT_REASONS.indexOf(reason);
    rec.users.exitTime[u.id] = sim.now;
    rec.users.exitReason[u.id] = u.exitReason;
    rec.users.functionEnd[u.id] = u.functionAt(sim.now);
    trace.add(sim.now, u.id, 'exit', -1, -1, u.exitReason);
    for (const s of touched) p.tryAdmit(services[s]);
    if (w.lean) {
      releaseEarlier();
      leftEarlier.push(u);
    }
  };

  const allClosed = (u: User) => u.needs.every((n) => n.state === NS.Closed && !sim.isPending(n.handle));

  const maybeRecover = (u: User) => {
    sim.cancel(u.recoverHandle);
    if (allClosed(u)) u.recoverHandle = sim.schedule(u.g.exits.recoveredAfterDays, w.ev.recovered, u.id);
  };

  const onExit: Handler = (uid, reason) => exitUser(users[uid], EXIT_REASONS[reason]);

  const onRecovered: Handler = (uid) => {
    const u = users[uid];
    if (allClosed(u)) exitUser(u, 'recovered');
  };

  const onCrisis: Handler = (uid) => {
    const u = users[uid];
    if (u.gone) return;
    u.crisisIndex++;
    trace.add(sim.now, uid, 'crisis');
    hooks.crisis?.(uid);
    // A crisis brings a user who dropped out back into contact (reengagement.ts), which re-checks
    // their latent needs itself.
    const found = u.disengaged && spec.spellEndings.crisisFindsDisengaged;
    if (found) p.reengage(u);
    for (const n of u.needs) {
      if (n.state === NS.Latent && !found) p.scheduleReferralCheck(u, n);
      else if (n.state === NS.Occupying && p.legOf(n).activity !== 'decide') {
        // The plan is adjusted if the news reaches its owner (planNews.ts); otherwise it goes stale.
        // A need still under a purchaser's decision has no plan yet to adjust: the decision is taken
        // on the function at that time (assessment.ts), so its crisis is not a crisis in service.
        if (!p.planNews.onCrisisInService(u, n)) n.planStale = true;
      }
    }
    const inst = u.g.exits.institutionBelowFunction;
    if (inst > 0 && u.functionAt(sim.now) < inst) exitUser(u, 'institution');
    if (u.crisisIndex < u.crises.length && !u.gone) sim.scheduleAt(u.crises[u.crisisIndex], w.ev.crisis, uid);
  };

  return { createUser, scheduleExit, exitUser, maybeRecover, onExit, onRecovered, onCrisis };
}
