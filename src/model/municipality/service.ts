/**
 * Services: capacity in hours per week, the intake queue's priority rule, admitting a need into
 * free hours, no-shows, and each leg's work to the episode's end. docs/model.md §3 and §5.
 */
import { bernoulli, exponential, gamma } from '../../engine/distributions.js';
import type { Handler } from '../../engine/scheduler.js';
import type { Design } from './routing/design.js';
import type { Activity } from './record.js';
import { NS, type Need, type Ports, type ServiceState, type World } from './world.js';

const NO_SHOW_RETRY_DAYS = 7; // assumption: outreach services try again after a week
const STALE_PLAN_GAIN_FACTOR = 0.5; // assumption: an unadjusted plan yields half the gain

export interface Service extends Pick<Ports, 'tryAdmit' | 'occupy' | 'release' | 'legOf' | 'legHours' | 'gammaDays'> {
  onNoShowRetry: Handler;
  onWorkDone: Handler;
}

export function service(w: World, p: Ports, design: Design): Service {
  const { sim, trace, users, services } = w;
  const rService = w.streams.service;

  const legOf = (n: Need) => n.route![n.leg];
  const legHours = (n: Need) => {
    const h = legOf(n).hoursPerWeek;
    return Number.isNaN(h) ? n.spec.hoursPerWeek : h;
  };
  /** Gamma-distributed days with the given mean and coefficient of variation (the mean itself for cv 0). */
  const gammaDays = (mean: number, cv: number) => {
    if (!(mean > 0)) return 0;
    if (cv <= 0) return mean;
    const shape = 1 / (cv * cv);
    return gamma(rService, shape, mean / shape);
  };

  /** The priority rule: FIFO, most urgent first, or best function first (creaming). An escalated need goes first. */
  const pick = (s: ServiceState): number => {
    const q = s.queue;
    if (s.escalated > 0) return q.findIndex((n) => n.escalated);
    if (s.spec.priority === 'fifo' || q.length < 2) return 0;
    let best = 0;
    if (s.spec.priority === 'urgency') {
      // The scan below keeps the first need of the highest urgency (strictly greater replaces), so
      // once the counts name the highest urgency queued, its first need is the choice: the same
      // need, found without looking further. In the 700k city that need was always the first in
      // the queue (175 k admissions, queues up to 1,141 long), and the scan was 2% of the profile
      // (service.ts 7.4% -> 4.0% of the city's, 2 years, with the shift() in removeQueuedAt; the
      // bench resolves only the day's changes together: 700k 24.8 -> 24.1 CPU s, docs/performance.md).
      const top = s.topUrgency();
      if (!Number.isNaN(top)) {
        while (best < q.length && q[best].spec.urgency !== top) best++;
        if (best < q.length) return best;
        best = 0; // the counts were wrong (--check says so): the scan still chooses right
      }
      for (let i = 1; i < q.length; i++) if (q[i].spec.urgency > q[best].spec.urgency) best = i;
    } else {
      let bf = -1;
      for (let i = 0; i < q.length; i++) {
        const f = users[q[i].user].functionAt(sim.now);
        if (f > bf) {
          bf = f;
          best = i;
        }
      }
    }
    return best;
  };

  const tryAdmit = (s: ServiceState) => {
    while (s.queue.length > 0) {
      if (s.capacity <= 0) return;
      const i = pick(s);
      const n = s.queue[i];
      const h = legHours(n);
      if (s.used > 0 && s.used + h > s.capacity + 1e-9) return;
      s.removeQueuedAt(i);
      admit(s, n, h);
    }
  };

  /** Books the hours of the activity the need leaves and starts counting the next. */
  const occupy = (n: Need, activity: Activity) => {
    if (n.occupyActivity !== activity) {
      p.addHours(n.at, n.occupyActivity, n.occupySince, sim.now, n.occupyHours);
      n.occupyActivity = activity;
      n.occupySince = sim.now;
    }
  };

  const release = (n: Need) => {
    const s = services[n.at];
    p.addHours(n.at, n.occupyActivity, n.occupySince, sim.now, n.occupyHours);
    s.used -= n.occupyHours;
    if (s.used < 1e-9) s.used = 0;
    s.occupying--;
    n.occupyHours = 0;
  };

  const admit = (s: ServiceState, n: Need, hours: number) => {
    const uid = n.user;
    const u = users[uid];
    design.dequeued(n, s);
    n.state = NS.Occupying;
    n.occupyHours = hours;
    n.occupyActivity = 'assessment';
    n.occupySince = sim.now;
    s.used += hours;
    s.occupying++;
    trace.add(sim.now, uid, 'admitted', s.index, n.index);
    const leg = legOf(n);
    if (leg.activity !== 'decide' && u.g.noShowProbability > 0 && bernoulli(rService, u.g.noShowProbability)) {
      trace.add(sim.now, uid, 'noShow', s.index, n.index);
      if (s.spec.outreach) {
        n.handle = sim.schedule(NO_SHOW_RETRY_DAYS, w.ev.noShowRetry, uid, n.index);
        return;
      }
      release(n);
      design.stationLeft(n);
      // A no-show is a setback; it is disengagement only once the user has dropped out
      // (disengageAfterSetbacks). Before that the service let the need go: unownedNeed.
      p.addSetback(u);
      p.setUnowned(u, n, u.disengaged ? 'disengagement' : 'unownedNeed', s.index, -1);
      p.scheduleReapply(n);
      return; // the caller, tryAdmit, goes on admitting into the freed hours
    }
    p.startAssessment(s, u, n);
  };

  const onNoShowRetry: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    p.startAssessment(services[n.at], u, n);
  };

  /** A leg's work is done: on to the next leg, or the episode ends (gain, maybe re-opening later). */
  const onWorkDone: Handler = (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    release(n);
    trace.add(sim.now, uid, 'legDone', s.index, ni);
    tryAdmit(s);
    if (n.leg + 1 < n.route!.length) {
      n.leg++;
      p.sendReferral(u, n, s.index, n.route![n.leg].service);
      return;
    }
    n.state = NS.Closed;
    n.at = -1;
    n.closedAt = sim.now;
    n.episodeReferral = NaN;
    const gain = n.spec.functionGain * (n.planStale ? STALE_PLAN_GAIN_FACTOR : 1) * n.gainFactor;
    if (gain > 0) {
      u.gains += gain;
      p.scheduleExit(u);
    }
    trace.add(sim.now, uid, 'episodeDone', s.index, ni);
    if (n.spec.reopenProbability > 0 && bernoulli(rService, n.spec.reopenProbability)) {
      n.handle = sim.schedule(exponential(rService, n.spec.reopenAfterDays), w.ev.needReopen, uid, ni);
    }
    p.maybeRecover(u);
  };

  return { tryAdmit, occupy, release, legOf, legHours, gammaDays, onNoShowRetry, onWorkDone };
}
