// A coordinator's week: the hours the post gives against the hours the caseload asks, coping, and where the hours go.
// Sources: Vik & Aarseth 2019, Florell 2022 (hours reclaimed, complex cases); Mathisen 2020, Florell 2022 (the drop order); hours per case: assumption.
import { COORD_ACTIVITIES, STRAIN_MODES } from './coordinationRecord.js';
import type { Coordinator } from './coordinator.js';
import { CaseloadWeek, sumOf } from './caseloadWeek.js';
import type { CaseloadCoping } from './coping.js';
import type { Ports, WeekPort } from './ports.js';
import type { CoordinationWorld } from './world.js';

/** Below this age a user is a child: the case is a family with children (creaming's rule; Norwegian age of majority). */
const CHILD_AGE_YEARS = 18;
const DIRECT = COORD_ACTIVITIES.indexOf('direct');
const TRAVEL = COORD_ACTIVITIES.indexOf('travel');
const COORDINATION = COORD_ACTIVITIES.indexOf('coordination');
const MEETINGS = COORD_ACTIVITIES.indexOf('meetings');
const DOCUMENTATION = COORD_ACTIVITIES.indexOf('documentation');
const NETWORKING = COORD_ACTIVITIES.indexOf('networking');

/** A coordinator's week in hours, by the priority classes of the drop order. */
export interface WeekHours {
  urgent: number;
  meetings: number;
  routine: number;
  documentation: number;
  networking: number;
}

export function emptyWeekHours(): WeekHours {
  return { urgent: 0, meetings: 0, routine: 0, documentation: 0, networking: 0 };
}

/**
 * Hands out `available` hours into `done`. With the drop order (coping mode `dropOrder`;
 * Mathisen 2020, Florell 2022) urgent contact is protected first, then committed meetings, routine
 * contact and coordination, documentation, and networking and system work last, so under overload
 * they are cut first. Without it every class is cut by the same share.
 */
export function allocateWeek(asked: WeekHours, available: number, dropOrder: boolean, done: WeekHours): WeekHours {
  if (dropOrder) {
    let left = Math.max(0, available);
    done.urgent = Math.min(asked.urgent, left);
    left -= done.urgent;
    done.meetings = Math.min(asked.meetings, left);
    left -= done.meetings;
    done.routine = Math.min(asked.routine, left);
    left -= done.routine;
    done.documentation = Math.min(asked.documentation, left);
    left -= done.documentation;
    done.networking = Math.min(asked.networking, left);
  } else {
    let total = 0;
    total += asked.urgent;
    total += asked.meetings;
    total += asked.routine;
    total += asked.documentation;
    total += asked.networking;
    const f = total > 0 ? Math.min(1, Math.max(0, available) / total) : 1;
    done.urgent = asked.urgent * f;
    done.meetings = asked.meetings * f;
    done.routine = asked.routine * f;
    done.documentation = asked.documentation * f;
    done.networking = asked.networking * f;
  }
  return done;
}

/**
 * Every 7 days each coordinator in post gets the post's hours (an add-on role loses some to its
 * home unit) and the caseload asks for hours in five classes (docs/model.md §11, "The week"):
 * urgent work, meetings booked since last week, routine contact (direct, travel, coordination),
 * documentation, networking. Load = asked / available; above the threshold the coordinator copes
 * (coping.ts); the hours are handed out (`allocateWeek`); routine hours done become each case's
 * contact (contact.ts) and ties (ties.ts); documentation hours go to the plans (plan.ts); reviews
 * due are convened (meetings.ts); then strain (strain.ts). Owns each coordinator's load and the
 * hours booked into next week; writes `rec.hours`, `rec.demandedHours`, `rec.urgentHours`,
 * `rec.weeks`, `rec.otherSchemeHours`.
 */
export class Week implements WeekPort {
  private readonly load: number[] = [];
  /** Meeting hours booked for the coming week. */
  private readonly meetingHours: number[] = [];
  /** Documentation work that arrived since the last week (drafts begun, reviews to write up). */
  private readonly newDocHours: number[] = [];
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'roster' | 'assignment' | 'contact' | 'plans' | 'meetings' | 'ties' | 'strain' | 'coping' | 'host'>;
  private readonly askModes: readonly CaseloadCoping[];
  private readonly shareModes: readonly CaseloadCoping[];
  // Scratch, reused so that a week allocates nothing.
  private readonly cw = new CaseloadWeek();
  private readonly asked = emptyWeekHours();
  private readonly done = emptyWeekHours();
  private readonly perPool: Int32Array;
  /** Coordinators in post per pool whose load last week was below 1: colleagues with room. */
  private readonly roomPerPool: Int32Array;
  /** This week's mentored novices and possible mentors (the others in post) per pool (mentoring). */
  private readonly menteesPerPool: Int32Array;
  private readonly mentorsPerPool: Int32Array;

  constructor(
    world: CoordinationWorld,
    ports: Pick<Ports, 'roster' | 'assignment' | 'contact' | 'plans' | 'meetings' | 'ties' | 'strain' | 'coping' | 'host'>,
    /** The caseload coping modes, plugged in by name order (coping.ts: ASK_COPING, SHARE_COPING). */
    modes: { ask: readonly CaseloadCoping[]; share: readonly CaseloadCoping[] },
  ) {
    this.world = world;
    this.ports = ports;
    this.askModes = modes.ask;
    this.shareModes = modes.share;
    this.perPool = new Int32Array(world.spec.pools.length);
    this.roomPerPool = new Int32Array(world.spec.pools.length);
    this.menteesPerPool = new Int32Array(world.spec.pools.length);
    this.mentorsPerPool = new Int32Array(world.spec.pools.length);
  }

  addPost(k: number): void {
    if (k !== this.load.length) throw new Error(`week: coordinator ${k} hired out of order`);
    this.load.push(0);
    this.meetingHours.push(0);
    this.newDocHours.push(0);
  }

  loadOf(k: number): number {
    return this.load[k];
  }

  bookMeeting(k: number, hours: number): void {
    this.meetingHours[k] += hours;
  }

  bookDocumentation(k: number, hours: number): void {
    this.newDocHours[k] += hours;
  }

  unbookDocumentation(k: number, hours: number): void {
    this.newDocHours[k] -= hours;
  }

  /** The week of every coordinator in post, in roster order. */
  run(inWindow: boolean): void {
    const posts = this.ports.roster.posts;
    // Peers: another coordinator in post in the same pool.
    // Colleagues with room: load below 1 last week (before this week's work changes it).
    const perPool = this.perPool;
    const room = this.roomPerPool;
    perPool.fill(0);
    room.fill(0);
    this.menteesPerPool.fill(0);
    this.mentorsPerPool.fill(0);
    const now = this.world.sim.now;
    for (const k of posts) {
      if (k.gone) continue;
      perPool[k.pool]++;
      if (this.load[k.id] < 1) room[k.pool]++;
      if (k.spec.mentoring !== null) {
        if (k.mentored(now)) this.menteesPerPool[k.pool]++;
        else this.mentorsPerPool[k.pool]++;
      }
    }
    for (const k of posts) {
      if (k.gone) continue;
      this.cw.colleagueHasRoom = room[k.pool] - (this.load[k.id] < 1 ? 1 : 0) > 0;
      this.coordinatorWeek(k, perPool[k.pool] > 1, inWindow);
    }
  }

  private coordinatorWeek(k: Readonly<Coordinator>, hasPeers: boolean, inW: boolean): void {
    const now = this.world.sim.now;
    const w = this.world.spec.work;
    const home = this.ports.roster.homeIndex[k.pool];
    const H = k.availableHours(home >= 0 ? this.ports.host.serviceLoad(home) : 0, w.homeReclaim);
    const clarity = k.clarity(now);
    const cw = this.cw;
    this.gatherCases(k);
    const total = this.ask(k, clarity, inW);
    const load = H > 0 ? total / H : total > 0 ? Infinity : 0;
    this.load[k.id] = load;
    const done = this.cope(k.id, H, load);
    this.spend(k.id, inW);
    this.ports.ties.networking(k.id, done.networking);
    this.ports.plans.writeUp(k.id, cw, done.documentation, load);
    this.ports.meetings.reviewsDue(k.id, cw);
    this.ports.strain.weekly(k.id, load, cw.n, cw.absorbed, hasPeers, clarity);
    if (inW) this.record(k, H, total);
    this.meetingHours[k.id] = 0;
    this.newDocHours[k.id] = 0;
  }

  /** The week's cases into `cw.uid`; a user who outgrew the pool goes back to the KE first (a transition). */
  private gatherCases(k: Readonly<Coordinator>): void {
    const { assignment, host } = this.ports;
    const cw = this.cw;
    const cases = assignment.caseload(k.id);
    const m = cases.length;
    cw.reserve(m);
    for (let i = 0; i < m; i++) cw.uid[i] = cases[i];
    const maxAge = k.spec.maxUserAgeYears;
    if (maxAge !== null) for (let i = 0; i < m; i++) if (host.userAge(cw.uid[i]) >= maxAge) assignment.ageSplit(cw.uid[i]);
    // Cases assigned during the split (continuous KE) wait for next week, as the split ones leave.
    let n = 0;
    for (let i = 0; i < m; i++) if (assignment.coordinatorOf(cw.uid[i]) === k.id) cw.uid[n++] = cw.uid[i];
    cw.n = n;
  }

  /** What the week asks for, case by case; returns the total hours asked, before coping. */
  private ask(k: Readonly<Coordinator>, clarity: number, inW: boolean): number {
    const { spec, sim, rec } = this.world;
    const { contact, plans, meetings, host } = this.ports;
    const now = sim.now;
    const w = spec.work;
    const kk = spec.parallelSchemes.count;
    const pairShare = (spec.parallelSchemes.pairHoursPerWeek * (kk - 1)) / 2;
    const reviseHours = spec.individualPlan.reviseHours;
    const cw = this.cw;
    const { urgent, direct, travel, coord, delegated } = cw;
    const n = cw.n;
    let absorbed = 0;
    let overServe = 0;
    let docAsk = 0;
    const over = w.overServe * (1 - clarity);
    for (let i = 0; i < n; i++) {
      const uid = cw.uid[i];
      const c = contact.view(uid);
      const services = meetings.services(uid).length;
      const unowned = host.unownedNeeds(uid);
      absorbed += unowned;
      urgent[i] = (c.urgentUntil > now || unowned > 0 ? w.urgentHoursPerCase : 0) + w.absorbHoursPerNeed * unowned;
      direct[i] = w.directHoursPerCase * (1 + over) + (c.firstContact ? 0 : w.firstContactHours);
      overServe += w.directHoursPerCase * over;
      travel[i] = w.travelHoursPerCase;
      coord[i] = (w.coordinationHoursPerService * services) / kk + pairShare;
      delegated[i] = 0;
      cw.services[i] = services;
      cw.waiting[i] = c.firstContact ? 0 : 1;
      cw.urgentCase[i] = urgent[i] > 0 ? 1 : 0;
      cw.alone[i] = host.userHasRelatives(uid) ? 0 : 1;
      cw.child[i] = host.userAge(uid) < CHILD_AGE_YEARS ? 1 : 0;
      plans.draftAfterFirstContact(k.id, uid, c.firstContact);
      const ip = plans.view(uid);
      docAsk += w.documentationHoursPerCase + (ip.drafting ? ip.draftRemaining : 0) + (ip.revisionPending ? reviseHours : 0);
      if (inW) rec.otherSchemeHours += (w.coordinationHoursPerService * services * (kk - 1)) / kk + spec.parallelSchemes.pairHoursPerWeek * ((kk * (kk - 1)) / 2) - pairShare;
    }
    cw.absorbed = absorbed;
    cw.overServe = overServe;
    const asked = this.asked;
    asked.urgent = sumOf(urgent, n);
    asked.meetings = this.meetingHours[k.id];
    asked.routine = sumOf(direct, n) + sumOf(travel, n) + sumOf(coord, n);
    asked.documentation = docAsk;
    asked.networking = w.networkingHoursPerWeek + k.spec.systemWorkHoursPerWeek + this.mentoringHours(k, now);
    return asked.urgent + asked.meetings + asked.routine + asked.documentation + asked.networking;
  }

  /**
   * Mentoring (fadderordning): a novice spends the scheme's hours with a mentor; the pool's other
   * coordinators share the same hours as mentors. With nobody experienced in post, the novices still
   * meet (someone outside the pool mentors them; assumption). Networking time: first to go under overload.
   */
  private mentoringHours(k: Readonly<Coordinator>, now: number): number {
    const m = k.spec.mentoring;
    if (m === null) return 0;
    if (k.mentored(now)) return m.hoursPerWeek;
    const mentors = this.mentorsPerPool[k.pool];
    return mentors > 0 ? (m.hoursPerWeek * this.menteesPerPool[k.pool]) / mentors : 0;
  }

  /** Coping, then the hours handed out: the caseload modes reshape the asks, the share modes the routine hours done. */
  private cope(k: number, H: number, load: number): WeekHours {
    const cp = this.world.spec.coping;
    const { coping, contact } = this.ports;
    const cw = this.cw;
    const n = cw.n;
    for (const mode of this.askModes) {
      const t = mode.times(cw);
      if (t > 0 && coping.uses(mode.policy, k, load, t)) mode.apply(cw, cp);
    }
    // A delegated visit was made by a colleague: the case's overview suffers (its next handoffs lose more).
    for (let i = 0; i < n; i++) if (cw.delegated[i] > 0) contact.delegated(cw.uid[i]);
    for (let i = 0; i < n; i++) cw.routine[i] = cw.direct[i] + cw.travel[i] + cw.coord[i];
    const asked = this.asked;
    asked.routine = sumOf(cw.routine, n);
    // The drop order is not a style but the order the sources give for what goes first when the
    // time is short (Mathisen 2020, Florell 2022): every overloaded coordinator follows it, unless
    // supervision stops it; no propensity.
    const done = allocateWeek(asked, H, coping.enabled('dropOrder') && coping.overloaded(k, load) && coping.allowed('dropOrder'), this.done);
    // Routine time per case: an equal share, unless a share mode (creaming) hands it out.
    const equal = asked.routine > 0 ? done.routine / asked.routine : 1;
    for (let i = 0; i < n; i++) cw.share[i] = equal;
    cw.routineAsked = asked.routine;
    cw.routineDone = done.routine;
    for (const mode of this.shareModes) {
      const t = mode.times(cw);
      if (t > 0 && coping.uses(mode.policy, k, load, t)) mode.apply(cw, cp);
    }
    return done;
  }

  /** Routine hours done, case by case: contact (attention, first contact) and ties to the case's services. */
  private spend(k: number, inW: boolean): void {
    const { contact, meetings, ties } = this.ports;
    const cw = this.cw;
    let directDone = 0;
    let travelDone = 0;
    let coordDone = 0;
    for (let i = 0; i < cw.n; i++) {
      const uid = cw.uid[i];
      const d = cw.direct[i] * cw.share[i];
      directDone += d;
      travelDone += cw.travel[i] * cw.share[i];
      const cd = cw.coord[i] * cw.share[i];
      coordDone += cd;
      contact.contacted(uid, d, inW);
      if (cd > 0) ties.caseContact(k, meetings.services(uid), cd);
    }
    cw.directDone = directDone;
    cw.travelDone = travelDone;
    cw.coordDone = coordDone;
  }

  private record(k: Readonly<Coordinator>, H: number, total: number): void {
    const { rec, spec, sim } = this.world;
    const cw = this.cw;
    const n = cw.n;
    const asked = this.asked;
    const done = this.done;
    const hrs = rec.hours;
    const dem = rec.demandedHours;
    hrs[DIRECT] += done.urgent + cw.directDone;
    hrs[TRAVEL] += cw.travelDone;
    hrs[COORDINATION] += cw.coordDone;
    hrs[MEETINGS] += done.meetings;
    hrs[DOCUMENTATION] += done.documentation;
    hrs[NETWORKING] += done.networking;
    dem[DIRECT] += asked.urgent + sumOf(cw.direct, n) + sumOf(cw.delegated, n);
    dem[TRAVEL] += sumOf(cw.travel, n);
    dem[COORDINATION] += sumOf(cw.coord, n);
    dem[MEETINGS] += asked.meetings;
    // New documentation work this week (notes, drafts begun, reviews to write up), not the backlog.
    dem[DOCUMENTATION] += spec.work.documentationHoursPerCase * n + this.newDocHours[k.id];
    dem[NETWORKING] += asked.networking;
    rec.urgentHours.demanded += asked.urgent;
    rec.urgentHours.done += done.urgent;
    const wk = rec.weeks;
    const strain = this.ports.strain;
    wk.time.push(sim.now);
    wk.coordinator.push(k.id);
    wk.caseload.push(n);
    wk.available.push(H);
    wk.demanded.push(total);
    wk.done.push(done.urgent + done.meetings + done.routine + done.documentation + done.networking);
    wk.strain.push(strain.strainOf(k.id));
    wk.overServe.push(cw.overServe * (asked.routine > 0 ? done.routine / asked.routine : 1));
    wk.mode.push(STRAIN_MODES.indexOf(strain.modeOf(k.id)));
    wk.tenure.push(k.tenureYears(sim.now));
  }
}
