/**
 * Handoffs: a referral over a channel (paper, message, shared log) that may be delayed, lose
 * information or be lost, more often across a boundary. Vabø 2019 (stafettløp); docs/model.md §4.
 */
import { bernoulli, exponential } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import type { Design } from './routing/design.js';
import { NS, type Need, type Ports, type User, type World } from './world.js';

export interface Handoff extends Pick<Ports, 'sendReferral' | 'lossMultiplier'> {
  onResend: Handler;
  onRediscover: Handler;
}

export function handoff(w: World, p: Ports, design: Design): Handoff {
  const { sim, spec, rec, trace, users, serviceSpecs, hooks } = w;
  const rHandoff = w.streams.handoff;

  /** A boundary: between levels (specialist / municipal) or out of an age-limited service. */
  const isBoundary = (u: User, from: number, to: number) =>
    from >= 0 && (serviceSpecs[from].level !== serviceSpecs[to].level || (serviceSpecs[from].maxAgeYears !== null && u.ageAt(sim.now) >= serviceSpecs[from].maxAgeYears!));

  /** A sender that knows less of the others loses more (forums.ts): 1 + lossRise x lost knowledge. */
  const knowledgeFactor = (from: number) => (from < 0 ? 1 : 1 + spec.forums!.lossRise * (1 - p.knowledge(from)));

  /** The one rule for the multiplier on a channel's loss probabilities: the boundary, then a plug-in's factor (ties, an active plan), then what the sender knows. */
  const combine = (boundary: boolean, hookLoss: number, from: number): number => {
    let mult = boundary ? spec.boundaryLossMultiplier : 1;
    mult *= hookLoss;
    if (spec.forums !== null) mult *= knowledgeFactor(from);
    return mult;
  };

  /** The multiplier for news from `from` to `to` (planNews.ts): the same rule as a referral's. */
  const lossMultiplier = (u: User, from: number, to: number): number => combine(isBoundary(u, from, to), hooks.handoff === null ? 1 : hooks.handoff(u.id, from, to).loss, from);

  const sendReferral = (u: User, n: Need, from: number, to: number) => {
    if (from === to) {
      // Not a handoff: after a deflection or an age split two legs in a row fall to one service,
      // which passes the work on inside itself, with no channel to lose it and no door to refuse it.
      n.state = NS.Transit;
      n.at = to;
      n.from = from;
      n.handle = sim.schedule(0, w.ev.referralArrived, u.id, n.index);
      return;
    }
    const adoption = spec.sharedLog.adoption;
    const senderLog = adoption > 0 && bernoulli(rHandoff, adoption);
    const receiverLog = adoption > 0 && bernoulli(rHandoff, adoption);
    const channel = senderLog && receiverLog ? spec.channels.sharedLog : spec.channels[design.channel];
    const boundary = isBoundary(u, from, to);
    // Ties and an active individual plan cut loss and delay (Model II).
    const f = hooks.handoff === null ? null : hooks.handoff(u.id, from, to);
    const mult = combine(boundary, f === null ? 1 : f.loss, from);
    const delayMult = f === null ? 1 : f.delay;
    const lost = bernoulli(rHandoff, Math.min(1, channel.lostProbability * mult));
    const infoLost = !lost && bernoulli(rHandoff, Math.min(1, channel.infoLossProbability * mult));
    const delay = channel.delayDays > 0 ? exponential(rHandoff, channel.delayDays) * delayMult : 0;
    const h = rec.handoffs;
    h.time.push(sim.now);
    h.user.push(u.id);
    h.from.push(from);
    h.to.push(to);
    h.boundary.push(boundary);
    h.lost.push(lost);
    h.infoLost.push(infoLost);
    p.bookAdmin(from, 'handoff', channel.adminHours / 2);
    p.bookAdmin(to, 'handoff', channel.adminHours / 2);
    if (senderLog !== receiverLog) p.bookAdmin(senderLog ? from : to, 'documentation', spec.sharedLog.doubleWorkHours);
    trace.add(sim.now, u.id, 'referralSent', to, n.index, from);
    if (lost) {
      trace.add(sim.now, u.id, 'referralLost', to, n.index, from);
      p.setUnowned(u, n, boundary ? 'transitionGap' : 'droppedBaton', from, to, 'lostReferral');
      n.at = to; // whom to re-send to once the loss is noticed
      const disc = spec.lostReferralDiscoveryDays;
      // Relatives notice sooner, unless carrying it all has exhausted them (relatives.ts).
      const mean = design.lostReferralNoticedDays(p.relativesChase(u) ? disc.withRelatives : disc.withoutRelatives, to);
      n.handle = sim.schedule(p.followUp(u, exponential(rHandoff, mean)), w.ev.rediscover, u.id, n.index);
      return;
    }
    if (infoLost) {
      n.infoLost = true;
      trace.add(sim.now, u.id, 'infoLost', to, n.index, from);
    }
    n.state = NS.Transit;
    n.at = to;
    n.from = from;
    n.handle = sim.schedule(delay, w.ev.referralArrived, u.id, n.index);
  };

  /** A later leg refused: the earlier leg sends the need to it again. */
  const onResend: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone || n.state !== NS.Unowned) return;
    p.clearUnowned(u, n);
    sendReferral(u, n, n.route![n.leg - 1].service, n.route![n.leg].service);
  };

  /** A lost referral is noticed (by relatives, the sender, or a station owner) and sent again. */
  const onRediscover: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone || n.state !== NS.Unowned) return;
    const to = n.at;
    const from = n.unownedA;
    p.clearUnowned(u, n);
    sendReferral(u, n, from, to);
  };

  return { sendReferral, lossMultiplier, onResend, onRediscover };
}
