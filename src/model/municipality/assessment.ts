/**
 * Assessment and decision (vedtak): how long a service takes to assess, whether the user is
 * eligible (functional window, annual cap), and handing on at an age limit. docs/model.md §3.
 */
import { exponential } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import type { Design } from './routing/design.js';
import { NS, type Need, type Ports, type ServiceState, type User, type World } from './world.js';

/** Lost information makes the next assessment take 1.5 times as long (assumption, docs/model.md §9). */
const INFO_LOST_ASSESSMENT_FACTOR = 1.5;

export interface Assessment extends Pick<Ports, 'startAssessment'> {
  onDecided: Handler;
  onAgeLimit: Handler;
}

export function assessment(w: World, p: Ports, design: Design): Assessment {
  const { sim, spec, rec, trace, users, services } = w;
  const rReferral = w.streams.referral;

  const startAssessment = (s: ServiceState, u: User, n: Need) => {
    const leg = p.legOf(n);
    if (leg.activity !== 'decide' && !n.episodeServed) {
      n.episodeServed = true;
      const e = rec.episodes;
      e.user.push(u.id);
      e.service.push(s.index);
      e.referral.push(n.episodeReferral);
      e.firstService.push(sim.now);
      e.entryFunction.push(u.functionAt(sim.now));
    }
    const eff = design.effectiveness(s);
    let days = p.gammaDays(s.spec.assessmentDays, 0.5) * (n.infoLost ? INFO_LOST_ASSESSMENT_FACTOR : 1);
    days = days / eff + s.spec.decisionDelayDays;
    n.infoLost = false;
    n.assessing = true;
    n.handle = sim.schedule(days, w.ev.decided, u.id, n.index);
  };

  /** Refused after assessment: a later leg sends the need back; a first leg leaves it latent, to be referred again. */
  const reject = (u: User, n: Need, s: ServiceState, capped: boolean) => {
    const r = rec.rejections;
    r.time.push(sim.now);
    r.user.push(u.id);
    r.service.push(s.index);
    r.cap.push(capped);
    trace.add(sim.now, u.id, 'rejected', s.index, n.index, capped ? 1 : 0);
    p.release(n);
    if (n.leg > 0) {
      // The earlier legs' work stands. Nobody owns the need until it is sent to this leg again.
      p.setUnowned(u, n, 'unownedNeed', s.index, n.route![n.leg - 1].service);
      n.handle = sim.schedule(p.followUp(u, exponential(rReferral, spec.reapplyAfterDays)), w.ev.resend, u.id, n.index);
      p.tryAdmit(s);
      return;
    }
    n.state = NS.Latent;
    n.at = -1;
    n.episodeReferral = NaN;
    p.scheduleReferralCheck(u, n, exponential(rReferral, spec.reapplyAfterDays));
    // Until the user applies again the need may be met elsewhere or given up (lapse.ts).
    n.turnedDown = true;
    p.startLapse(u, n);
    p.tryAdmit(s);
    p.maybeRecover(u);
  };

  const onDecided: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    n.assessing = false;
    design.stationLeft(n);
    const f = u.functionAt(sim.now);
    const year = Math.floor(sim.now / 365);
    if (s.acceptedYear !== year) {
      s.acceptedYear = year;
      s.acceptedThisYear = 0;
    }
    const capped = s.spec.annualCap !== null && s.acceptedThisYear >= s.spec.annualCap;
    const eligible = f < s.spec.eligibleBelowFunction && f >= s.spec.eligibleAboveFunction;
    if (!eligible || capped) {
      reject(u, n, s, capped);
      return;
    }
    s.acceptedThisYear++;
    trace.add(sim.now, uid, 'accepted', s.index, ni);
    const leg = p.legOf(n);
    const mean = Number.isNaN(leg.days) ? n.spec.episodeDays : leg.days;
    let days = Number.isNaN(n.workRemaining) ? p.gammaDays(mean, n.spec.episodeCv) : n.workRemaining;
    n.workRemaining = NaN;
    days /= design.effectiveness(s);
    p.occupy(n, 'delivery');
    // Users who outgrow an age-limited service are handed on when they reach the limit.
    const maxAge = s.spec.maxAgeYears;
    if (maxAge !== null) {
      const tLimit = u.arrival + (maxAge - u.age0) * 365;
      if (tLimit < sim.now + days) {
        n.workRemaining = sim.now + days - Math.max(tLimit, sim.now);
        n.handle = sim.scheduleAt(Math.max(tLimit, sim.now), w.ev.ageLimit, uid, ni);
        return;
      }
    }
    n.handle = sim.schedule(days, w.ev.workDone, uid, ni);
  };

  /** The age limit (the age-18 split, Systad 2021): the rest of the work goes to the first service that fits. */
  const onAgeLimit: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    const type = n.spec.type;
    const age = u.ageAt(sim.now);
    const next = services.findIndex((x) => x.accepts.has(type) && (x.spec.maxAgeYears === null || x.spec.maxAgeYears > age));
    p.release(n);
    p.tryAdmit(s);
    if (next < 0) {
      n.workRemaining = NaN;
      p.setUnowned(u, n, 'transitionGap', s.index, -1);
      p.scheduleReapply(n);
      return;
    }
    n.route = [{ service: next, activity: 'deliver', days: n.workRemaining, hoursPerWeek: p.legOf(n).hoursPerWeek }, ...n.route!.slice(n.leg + 1)];
    n.leg = 0;
    n.workRemaining = NaN;
    p.sendReferral(u, n, s.index, next);
  };

  return { startAssessment, onDecided, onAgeLimit };
}
