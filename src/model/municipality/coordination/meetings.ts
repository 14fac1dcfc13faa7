// Responsibility groups (ansvarsgruppe): reviews of the plan, the meeting-size law, bilateral rounds and their drift under load.
// Sources: Florell 2022 (9 people wait three months; drift to bilateral contact); Vik & Aarseth 2019 (parallel schemes); hours: assumption.
import { gamma } from '../../../engine/distributions.js';
import type { EventHandle } from '../../../engine/scheduler.js';
import type { Uniform } from '../../../engine/random.js';
import { pow } from '../../../engine/detmath.js';
import { ByUser } from './byUser.js';
import type { CaseloadWeek } from './caseloadWeek.js';
import type { MeetingsPort, Ports } from './ports.js';
import type { CoordinationWorld } from './world.js';

export interface MeetingLaw {
  baseDelayDays: number;
  delayExponent: number;
}

/**
 * Mean days to find a date when `participants` people must all be free: base x (n - 1)^b.
 * With base 1 day and b = 2.16, two people meet tomorrow and nine wait three months (Florell 2022).
 */
export function meanMeetingDelayDays(participants: number, law: MeetingLaw): number {
  return law.baseDelayDays * pow(Math.max(1, participants - 1), law.delayExponent);
}

/** A draw around the mean (gamma, coefficient of variation 0.5: dates are found sooner or later). */
export function drawMeetingDelayDays(rng: Uniform, participants: number, law: MeetingLaw): number {
  const mean = meanMeetingDelayDays(participants, law);
  return gamma(rng, 4, mean / 4);
}

/**
 * Chance that a review is done as bilateral contacts instead of a full meeting: the base share at
 * normal load; with drift, rising linearly to 1 as load goes from the coping threshold to 0.5 above it.
 */
export function bilateralProbability(base: number, load: number, threshold: number, drift: boolean): number {
  if (!drift || load <= threshold) return base;
  return base + (1 - base) * Math.min(1, (load - threshold) / 0.5);
}

/** One user's responsibility group: the services involved so far and the review under way. */
interface Group {
  readonly services: number[];
  handle: EventHandle;
  requested: number;
  bilateral: boolean;
}

/**
 * Every user's responsibility group. A review is due once the plan is drafted and then every
 * `reviewEveryDays`; it is a full meeting of n = services + 2 (the user or relatives and the
 * coordinator), held after `drawMeetingDelayDays(n)`, costing `meetingHours` +
 * `organiseHoursPerParticipant` x n; or a bilateral round (chance `bilateralBase`, rising with
 * load under the coping mode `bilateralDrift`) after a 2-person delay, costing `bilateralHours`
 * per service. A coordinator in flight mode skips reviews. Writes `rec.meetings` and
 * `rec.schemeTransfers` (k(k - 1)/2 transfers between k parallel schemes per review).
 */
export class Meetings implements MeetingsPort {
  private readonly byUser = new ByUser<Group>();
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'assignment' | 'plans' | 'strain' | 'week' | 'ties' | 'coping' | 'host'>;

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'assignment' | 'plans' | 'strain' | 'week' | 'ties' | 'coping' | 'host'>) {
    this.world = world;
    this.ports = ports;
  }

  enrol(uid: number): void {
    this.byUser.set(uid, { services: [], handle: -1, requested: NaN, bilateral: false });
  }

  /** A referral for the user is sent to `to`: the service joins the user's responsibility group. */
  addService(uid: number, to: number): void {
    const g = this.byUser.get(uid);
    if (g && to >= 0 && !g.services.includes(to)) g.services.push(to);
  }

  services(uid: number): readonly number[] {
    return this.byUser.get(uid)!.services;
  }

  reviewsDue(k: number, w: CaseloadWeek): void {
    const { plans } = this.ports;
    for (let i = 0; i < w.n; i++) {
      const uid = w.uid[i];
      plans.age(uid);
      const g = this.byUser.get(uid)!;
      if (plans.reviewDue(uid) && !this.world.sim.isPending(g.handle)) this.requestReview(uid, g, k);
    }
  }

  cancel(uid: number): void {
    const g = this.byUser.get(uid)!;
    this.world.sim.cancel(g.handle);
    g.handle = -1;
  }

  onUserExit(uid: number): void {
    const g = this.byUser.get(uid);
    if (g) this.world.sim.cancel(g.handle);
  }

  private requestReview(uid: number, g: Group, k: number): void {
    const { spec, sim, streams, events } = this.world;
    const { plans, coping } = this.ports;
    if (this.ports.strain.modeOf(k) === 'flight') {
      plans.reviewSkipped(uid); // withdrawn: no review, the plan drifts towards stale
      return;
    }
    const rg = spec.responsibilityGroup;
    const drift = coping.enabled('bilateralDrift');
    const p = bilateralProbability(rg.bilateralBase, this.ports.week.loadOf(k), coping.threshold(k), drift);
    const u = streams.meetings.next();
    let bilateral = u < rg.bilateralBase;
    // A bilateral round chosen only because of load is the drift's doing: supervision may stop it.
    if (!bilateral && u < p && coping.allowed('bilateralDrift')) bilateral = true;
    const n = g.services.length + 2; // the services, the user (or relatives) and the coordinator
    const delay = drawMeetingDelayDays(streams.meetings, bilateral ? 2 : n, rg);
    g.requested = sim.now;
    g.bilateral = bilateral;
    plans.reviewConvened(uid);
    g.handle = sim.schedule(delay, events.meeting, uid);
  }

  /** The review takes place: hours booked for next week, ties built, the write-up pending. */
  held(uid: number): void {
    const g = this.byUser.get(uid)!;
    g.handle = -1;
    const k = this.ports.assignment.coordinatorOf(uid);
    if (this.ports.assignment.isGone(uid) || k < 0) return;
    const { spec, sim, rec } = this.world;
    const rg = spec.responsibilityGroup;
    const nServ = Math.max(1, g.services.length);
    const n = g.services.length + 2;
    const hours = g.bilateral ? rg.bilateralHours * nServ : rg.meetingHours + rg.organiseHoursPerParticipant * n;
    this.ports.week.bookMeeting(k, hours);
    this.ports.week.bookDocumentation(k, spec.individualPlan.reviseHours);
    this.ports.ties.meetingContact(k, g.services, hours, !g.bilateral);
    this.ports.plans.reviewHeld(uid);
    const kk = spec.parallelSchemes.count;
    if (this.world.inWindow()) {
      const m = rec.meetings;
      m.user.push(uid);
      m.requested.push(g.requested);
      m.held.push(sim.now);
      m.mode.push(g.bilateral ? 1 : 0);
      m.participants.push(g.bilateral ? 2 : n);
      rec.schemeTransfers += (kk * (kk - 1)) / 2;
    }
    this.ports.host.trace(uid, 'meetingHeld', -1, g.bilateral ? 1 : 0);
  }
}
