/**
 * Intake: a referral reaches a service, whose turf (shaped by the governance regime) may refuse it
 * at the door or deflect it to another service; otherwise it joins the intake queue. docs/model.md §5.
 */
import { bernoulli } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import type { Design } from './routing/design.js';
import { NS, type Ports, type World } from './world.js';

export function intake(w: World, p: Ports, design: Design): { onReferralArrived: Handler } {
  const { sim, spec, trace, users, services, hooks } = w;
  const rDecision = w.streams.decisions;

  const onReferralArrived: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    trace.add(sim.now, uid, 'referralArrived', s.index, ni);
    // Governance: a network regime scales turf by networkTurfFactor (docs/model.md §4.2).
    // A service does not refuse work it passes on inside itself (two legs in a row at one service).
    let turf = n.from === s.index ? 0 : spec.governance.regime === 'network' ? s.spec.turf * spec.governance.networkTurfFactor : s.spec.turf;
    if (hooks.turfFactor !== null && turf > 0) turf = Math.min(1, turf * hooks.turfFactor(uid, n.from, s.index));
    if (turf > 0 && bernoulli(rDecision, turf)) {
      hooks.refused?.(uid);
      n.tried.push(s.index);
      p.addSetback(u);
      const type = n.spec.type;
      const alt = services.findIndex((x) => x.accepts.has(type) && !n.tried.includes(x.index) && x.index !== s.index);
      if (alt >= 0 && !u.disengaged) {
        trace.add(sim.now, uid, 'deflected', s.index, ni, alt);
        n.route = [{ ...n.route![n.leg], service: alt }, ...n.route!.slice(n.leg + 1)];
        n.leg = 0;
        p.sendReferral(u, n, s.index, alt);
      } else {
        trace.add(sim.now, uid, 'refused', s.index, ni);
        p.setUnowned(u, n, 'unownedNeed', s.index, -1);
        p.scheduleReapply(n);
      }
      return;
    }
    // A specialist service with too few beds may send it back to the municipality instead (pushBack.ts).
    if (s.spec.pushBack !== null && p.pushesBack(u, n, s)) return;
    n.state = NS.Queued;
    s.enqueue(n);
    trace.add(sim.now, uid, 'queued', s.index, ni, s.queue.length);
    design.queued(n, s);
    p.tryAdmit(s);
  };

  return { onReferralArrived };
}
