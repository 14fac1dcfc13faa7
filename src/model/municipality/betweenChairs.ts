/**
 * Falling between chairs (faller mellom stolene): a need that is active and owned by nobody opens
 * a spell; past the threshold it is an event with a cause. Domain brief §5; docs/model.md §7.
 */
import { CAUSE_INDEX, type Cause } from './causes.js';
import { NS, type Need, type Ports, type User, type World } from './world.js';

export function betweenChairs(w: World): Pick<Ports, 'setUnowned' | 'clearUnowned' | 'recordBetweenChairs'> & {
  onThreshold(uid: number, need: number): void;
  closeAtHorizon(): void;
} {
  const { sim, spec, rec, trace, users, W, T } = w;

  const setUnowned = (u: User, n: Need, cause: Cause, a: number, b: number) => {
    n.state = NS.Unowned;
    n.at = -1;
    n.unownedSince = sim.now;
    n.unownedCause = u.disengaged && cause === 'unownedNeed' ? 'disengagement' : cause;
    n.unownedA = a;
    n.unownedB = b;
    if (u.unowned++ === 0) {
      u.spellStart = sim.now;
      trace.add(sim.now, u.id, 'betweenChairsStart', a, n.index, CAUSE_INDEX[n.unownedCause]);
    }
    n.bcHandle = sim.schedule(spec.unownedThresholdDays, w.ev.betweenChairsThreshold, u.id, n.index);
  };

  /** Relatives chase an unowned need: their hours over [since, until] inside the window (assumption: a flat rate). */
  const relativesHours = (since: number, until: number) => {
    const a = Math.max(since, W);
    const b = Math.min(until, T);
    if (b > a) rec.relativeHours += (spec.relativeHoursPerWeek * (b - a)) / 7;
  };

  const clearUnowned = (u: User, n: Need) => {
    if (n.state !== NS.Unowned) return;
    sim.cancel(n.bcHandle);
    if (u.relatives) relativesHours(n.unownedSince, sim.now);
    if (--u.unowned === 0) {
      rec.spells.user.push(u.id);
      rec.spells.start.push(u.spellStart);
      rec.spells.end.push(sim.now);
      trace.add(sim.now, u.id, 'betweenChairsEnd', -1, n.index);
    }
    n.state = NS.Latent; // the caller sets the next state
  };

  /** A between-chairs event now: for an unowned need past the threshold, or from the coordinators (need -1). */
  const recordBetweenChairs = (uid: number, need: number, cause: Cause, start: number, a: number, b: number) => {
    const bc = rec.betweenChairs;
    bc.time.push(sim.now);
    bc.start.push(start);
    bc.user.push(uid);
    bc.cause.push(CAUSE_INDEX[cause]);
    bc.serviceA.push(a);
    bc.serviceB.push(b);
    trace.add(sim.now, uid, 'betweenChairsEvent', a, need, CAUSE_INDEX[cause]);
  };

  const onThreshold = (uid: number, ni: number) => {
    const n = users[uid].needs[ni];
    if (n.state === NS.Unowned) recordBetweenChairs(uid, ni, n.unownedCause, n.unownedSince, n.unownedA, n.unownedB);
  };

  /** At the horizon: relatives' hours of needs still unowned, and the spells still open. */
  const closeAtHorizon = () => {
    for (const u of users) {
      if (u.relatives) for (const n of u.needs) if (n.state === NS.Unowned) relativesHours(n.unownedSince, T);
      if (u.unowned > 0) {
        rec.spells.user.push(u.id);
        rec.spells.start.push(u.spellStart);
        rec.spells.end.push(T);
      }
    }
  };

  return { setUnowned, clearUnowned, recordBetweenChairs, onThreshold, closeAtHorizon };
}
