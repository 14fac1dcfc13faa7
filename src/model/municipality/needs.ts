/**
 * Needs: a need opens, is referred by the user or GP (or spotted by case-finding), enters the
 * service system along its route, is re-applied for after a refusal, and may re-open. docs/model.md §3.
 */
import { exponential } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import type { Design } from './routing/design.js';
import { NS, type Need, type Ports, type User, type World } from './world.js';

export interface Needs extends Pick<Ports, 'scheduleReferralCheck' | 'enterSystem' | 'scheduleReapply' | 'addSetback' | 'followUp'> {
  onNeedOpen: Handler;
  onReferralCheck: Handler;
  onRefer: Handler;
  onReapply: Handler;
  onNeedReopen: Handler;
}

export function needs(w: World, p: Ports, design: Design): Needs {
  const { sim, spec, trace, users, routing, hooks, T } = w;
  const rReferral = w.streams.referral;

  /** Days until someone chases an unowned need: the usual delay, or a plug-in's (a coordinator), whichever comes first. */
  const followUp = (u: User, usualDays: number) => (hooks.chaseDelay === null ? usualDays : Math.min(usualDays, hooks.chaseDelay(u.id)));

  /** Latent need: schedule the earliest referral (memoryless), or a check when the function crosses a threshold. */
  const scheduleReferralCheck = (u: User, n: Need, minDelay = 0) => {
    sim.cancel(n.checkHandle);
    n.checkHandle = -1;
    if (u.gone || n.state !== NS.Latent) return;
    const now = sim.now + minDelay;
    const f = u.functionAt(now);
    const ref = u.g.referral;
    const cf = spec.caseFinding;
    let d = Infinity;
    if (!u.disengaged && f < ref.belowFunction) d = ref.meanDelayDays > 0 ? exponential(rReferral, ref.meanDelayDays) : 0;
    // Link persons who know less of the other services raise fewer cases (forums.ts; 1 unless forums are modelled).
    const cfRate = cf.enabled ? ((cf.contactsPerYear * cf.referralProbability) / 365) * (spec.forums === null ? 1 : p.knowledgeMean()) : 0;
    if (cfRate > 0 && f < cf.belowFunction) d = Math.min(d, exponential(rReferral, 1 / cfRate));
    let check = Infinity;
    if (!u.disengaged && f >= ref.belowFunction) check = Math.min(check, u.crossingTime(ref.belowFunction, now));
    if (cfRate > 0 && f >= cf.belowFunction) check = Math.min(check, u.crossingTime(cf.belowFunction, now));
    // A check never lands on the same instant twice (rounding at a crossing): step at least 1e-6 days.
    if (check <= now) check = now + 1e-6;
    if (now + d <= check && now + d <= T) n.checkHandle = sim.scheduleAt(now + d, w.ev.refer, u.id, n.index);
    else if (check <= T) n.checkHandle = sim.scheduleAt(check, w.ev.referralCheck, u.id, n.index);
  };

  /** A need enters the service system: a new episode along its route. */
  const enterSystem = (u: User, n: Need) => {
    hooks.needEntered?.(u.id, u.needs.length);
    if (Number.isNaN(n.episodeReferral)) n.episodeReferral = sim.now;
    n.episodeServed = false;
    n.route = routing.routeFor(n.spec.type, u.ageAt(sim.now));
    n.leg = 0;
    n.tried = [];
    n.infoLost = false;
    n.planStale = false;
    n.gainFactor = 1;
    n.turnedDown = false;
    p.stopLapse(n);
    if (n.route === null) {
      // Grey zone: no service's mandate covers this need, so re-applying would only restart the
      // same spell. It stays unowned until relatives or a coordinator re-raise it and the
      // leadership has it met (reRaise.ts), or it lapses (lapse.ts), or the user leaves.
      p.setUnowned(u, n, 'unownedNeed', -1, -1);
      p.startReRaise(u, n);
      return;
    }
    p.sendReferral(u, n, -1, n.route[0].service);
  };

  /** A refused or returned need is referred again after `reapplyAfterDays` (exponential mean). */
  const scheduleReapply = (n: Need) => {
    n.handle = sim.schedule(followUp(users[n.user], exponential(rReferral, spec.reapplyAfterDays)), w.ev.reapply, n.user, n.index);
  };

  /** A refusal at the door or a no-show; enough of them and the user drops out for good. */
  const addSetback = (u: User) => {
    u.setbacks++;
    if (u.setbacks >= u.g.disengageAfterSetbacks && !u.disengaged) {
      u.disengaged = true;
      trace.add(sim.now, u.id, 'disengaged');
      // Needs already without an owner are now kept there by the dropping out too.
      for (const n of u.needs) if (n.state === NS.Unowned && n.route !== null) p.keepSpell(n.spellRow, 'disengaged');
    }
  };

  const onNeedOpen: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    n.state = NS.Latent;
    trace.add(sim.now, uid, 'needOpen', -1, ni);
    sim.cancel(u.recoverHandle);
    scheduleReferralCheck(u, n);
  };

  const onReferralCheck: Handler = (uid, ni) => scheduleReferralCheck(users[uid], users[uid].needs[ni]);

  const onRefer: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    n.checkHandle = -1;
    if (u.gone || n.state !== NS.Latent) return;
    enterSystem(u, n);
    // A user who dropped out does not refer themselves: case-finding found them (reengagement.ts).
    if (u.disengaged) p.reengage(u);
  };

  const onReapply: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone || n.state !== NS.Unowned) return;
    // Nobody re-refers a user who dropped out, unless case-finding or a coordinator reaches out
    // (then the user is found again, reengagement.ts); a crisis may find them later.
    if (u.disengaged && !spec.caseFinding.enabled && !hooks.reachesOut?.(uid)) {
      n.handle = -1;
      return;
    }
    p.clearUnowned(u, n);
    enterSystem(u, n);
    if (u.disengaged) p.reengage(u);
  };

  const onNeedReopen: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone) return;
    trace.add(sim.now, uid, 'needReopen', -1, ni);
    sim.cancel(u.recoverHandle);
    n.episodeReferral = NaN;
    if (design.reopen(u, n)) return; // the design took it straight back (the team's follow-up window)
    n.state = NS.Latent;
    scheduleReferralCheck(u, n);
  };

  return { scheduleReferralCheck, enterSystem, scheduleReapply, addSetback, followUp, onNeedOpen, onReferralCheck, onRefer, onReapply, onNeedReopen };
}
