/**
 * News of a change reaching the owner of the plan. A crisis changes what a user in service needs;
 * the plan is adjusted only if the news reaches whoever owns the plan. In the relay the plan is the
 * deciding or assessing service's (the therapists in Nordkommunen: they map the situation and draw up the plan,
 * the carers deliver it and "cannot adjust the plan beyond the standardised programme"; Vabø 2019,
 * 2672–2690): the news must go back from the service that sees the user to the planner, over the same
 * channel as a referral, and can be lost on the way or arrive without what would make it matter. A
 * service that got the case without its information (lost at the handoff) cannot tell that the change
 * matters. The integrated team assesses, plans and delivers itself, so the news is already where the
 * plan is. A coordinator in contact with an active individual plan carries the news too (Model II).
 * docs/model.md §4.4. The rule is ours; its probabilities are the channel's.
 */
import { bernoulli } from '../../engine/distributions.js';
import type { Design } from './routing/design.js';
import type { Need, Ports, User, World } from './world.js';

export interface PlanNews {
  /** A crisis while `n` is in service: is its plan adjusted? Records the crisis, and the adjustment if any. */
  onCrisisInService(u: User, n: Need): boolean;
}

/**
 * The service that owns the need's plan now: the last leg so far that assessed or decided, else the
 * service holding it. A purchaser's decision (vedtak) is a fixed service package the provider delivers
 * and cannot change (Vabø 2019: the purchaser-provider split); an assessing service draws up the plan
 * that others carry out.
 */
export function planOwner(n: Need): number {
  const route = n.route!;
  for (let i = n.leg; i >= 0; i--) if (route[i].activity === 'assess' || route[i].activity === 'decide') return route[i].service;
  return n.at;
}

export function planNews(w: World, ports: Pick<Ports, 'lossMultiplier'>, design: Design): PlanNews {
  const { sim, spec, rec, trace, services, hooks } = w;
  const rNews = w.random.stream('planNews');

  /** Chance that news from `from` reaches the plan's owner `to` with what makes it matter. */
  const reaches = (u: User, n: Need, from: number, to: number): boolean => {
    if (n.infoLost) return false;
    const channel = spec.channels[design.channel];
    const mult = ports.lossMultiplier(u, from, to);
    const p = (1 - Math.min(1, channel.lostProbability * mult)) * (1 - Math.min(1, channel.infoLossProbability * mult));
    return bernoulli(rNews, p);
  };

  const onCrisisInService = (u: User, n: Need): boolean => {
    const at = n.at;
    const owner = services[at].isTeam ? at : planOwner(n);
    const adjusted = owner === at || hooks.adjustsPlan?.(u.id) === true || reaches(u, n, at, owner);
    const c = rec.crisesInService;
    c.time.push(sim.now);
    c.adjusted.push(adjusted);
    if (adjusted) {
      n.planStale = false;
      rec.planAdjustments.time.push(sim.now);
      rec.planAdjustments.user.push(u.id);
      trace.add(sim.now, u.id, 'planAdjusted', owner, n.index);
    }
    return adjusted;
  };

  return { onCrisisInService };
}
