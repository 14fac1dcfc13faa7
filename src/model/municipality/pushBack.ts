/**
 * A specialist service with too few beds sends users back to the municipality. A referral it has no
 * room for (its hours are taken, or others already wait) is, with some chance, not queued but
 * returned: the municipality must hold the user ("storage with close follow-up from the
 * municipality") in a municipal service, with a decision as big as the bed would have been, and
 * without the treatment the user recovers less. Florell 2022 (nr 1: "more and more beds are closed in
 * the specialist service … bigger and bigger decisions, more and more users who are worse and worse";
 * nr 5: almost weekly, "a higher level of care in the municipality"). Cutting beds is cutting the
 * service's staffFte: how often it is full, and so how many are sent back, follows from its queue.
 * The chance, the hours and the lost gain are assumptions; docs/model.md §3.
 */
import { bernoulli } from '../../engine/distributions.js';
import type { Ports, Need, ServiceState, User, World } from './world.js';

export function pushBack(w: World, p: Ports): Pick<Ports, 'pushesBack'> {
  const { sim, rec, trace } = w;
  const rDecision = w.streams.decisions;

  /** Does `s` send the arriving need `n` back to the municipality? If so, it is on its way there. */
  const pushesBack = (u: User, n: Need, s: ServiceState): boolean => {
    const pb = s.spec.pushBack;
    if (pb === null || n.from === s.index) return false;
    const hours = p.legHours(n);
    const full = s.queue.length > 0 || (s.used > 0 && s.used + hours > s.capacity + 1e-9);
    if (!full || !bernoulli(rDecision, pb.probability)) return false;
    const to = w.serviceIndex.get(pb.to)!;
    const leg = p.legOf(n);
    n.route = [...n.route!.slice(0, n.leg), { service: to, activity: 'deliver', days: leg.days, hoursPerWeek: hours * pb.hoursFactor }, ...n.route!.slice(n.leg + 1)];
    n.gainFactor *= pb.gainFactor;
    rec.pushBacks.time.push(sim.now);
    rec.pushBacks.user.push(u.id);
    rec.pushBacks.service.push(s.index);
    trace.add(sim.now, u.id, 'pushedBack', s.index, n.index, to);
    p.sendReferral(u, n, s.index, to);
    return true;
  };

  return { pushesBack };
}
