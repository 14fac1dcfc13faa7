import { bernoulli, exponential, gamma, uniform } from '../../engine/distributions.js';
import { RandomSource } from '../../engine/random.js';
import { Scheduler, type EventHandle } from '../../engine/scheduler.js';
import type { MunicipalityScenario, NeedSpecT, ServiceSpec, UserGroupSpec } from '../../scenario/schema.js';
import { CAUSE_INDEX, CAUSES, type Cause } from './causes.js';
import { USER_STATES, type MunicipalitySnapshot } from './snapshot.js';
import { checkInvariants } from './invariants.js';
import { ACTIVITIES, EXIT_REASONS, type Activity, type ExitReason, type MunicipalityRecord } from './record.js';
import { Routing, type LegPlan } from './routes.js';
import { TraceLog, type TraceEntry } from './trace.js';
import { makeCalendar } from '../calendarFromScenario.js';
import { CoordinationLayer } from './coordination/coordinationLayer.js';
import { cos, pow } from '../../engine/detmath.js';

/**
 * Model I: users with complex needs, services with mandates and capacity, referrals over
 * channels, and a coordination design (relay, integrated team, pathway). Records who falls
 * between chairs, and why.
 *
 * Time is in days. Staff capacity is hours per week of case work; a need occupies its hours per
 * week at a service from intake to the end of its leg. See docs/model.md for the rules and the
 * source of each.
 */

const HOURS_PER_FTE_WEEK = 37.5; // Norwegian full-time week (general knowledge)
const NO_SHOW_RETRY_DAYS = 7; // assumption: outreach services try again after a week
const STALE_PLAN_GAIN_FACTOR = 0.5; // assumption: an unadjusted plan yields half the gain

const enum NS {
  Pending, // not yet opened
  Latent, // open, not (yet) referred: not active, nobody is asked
  Transit, // referral on its way: the baton is in flight
  Queued, // in a service's intake queue
  Occupying, // assessment, decision or work at a service
  Unowned, // active and nobody owns it: between chairs
  Closed, // episode done (may re-open)
  Gone, // user left
}

class Need {
  readonly user: number;
  readonly index: number;
  readonly spec: NeedSpecT;
  state = NS.Pending;
  route: LegPlan[] | null = null;
  leg = 0;
  /** Service holding the need (queued/occupying) or receiving it (transit); -1 otherwise. */
  at = -1;
  /** Service that sent the referral in transit (-1 = the user or GP). */
  from = -1;
  /** Services that refused at the door in this round. */
  tried: number[] = [];
  handle: EventHandle = -1; // the need's pending process event
  checkHandle: EventHandle = -1; // pending referral check
  bcHandle: EventHandle = -1; // pending between-chairs threshold
  episodeReferral = NaN;
  episodeServed = false;
  occupyHours = 0;
  occupyActivity: Activity = 'assessment';
  occupySince = 0;
  workRemaining = NaN;
  infoLost = false;
  planStale = false;
  unownedSince = NaN;
  unownedCause: Cause = 'unownedNeed';
  unownedA = -1;
  unownedB = -1;
  closedAt = -Infinity;

  constructor(user: number, index: number, spec: NeedSpecT) {
    this.user = user;
    this.index = index;
    this.spec = spec;
  }
}

class User {
  readonly id: number;
  readonly group: number;
  readonly g: UserGroupSpec;
  readonly arrival: number;
  readonly age0: number;
  readonly f0: number;
  readonly relatives: boolean;
  readonly crises: number[];
  readonly deathT: number;
  readonly moveT: number;
  readonly ageOutT: number;
  readonly needs: Need[] = [];
  gains = 0;
  setbacks = 0;
  disengaged = false;
  exitTime = NaN;
  exitReason = -1;
  unowned = 0;
  spellStart = NaN;
  exitHandle: EventHandle = -1;
  recoverHandle: EventHandle = -1;
  crisisIndex = 0;

  constructor(id: number, group: number, g: UserGroupSpec, arrival: number, a: { age0: number; f0: number; relatives: boolean; crises: number[]; deathT: number; moveT: number; ageOutT: number }) {
    this.id = id;
    this.group = group;
    this.g = g;
    this.arrival = arrival;
    this.age0 = a.age0;
    this.f0 = a.f0;
    this.relatives = a.relatives;
    this.crises = a.crises;
    this.deathT = a.deathT;
    this.moveT = a.moveT;
    this.ageOutT = a.ageOutT;
  }

  get gone(): boolean {
    return !Number.isNaN(this.exitTime);
  }

  ageAt(t: number): number {
    return this.age0 + (t - this.arrival) / 365;
  }

  /** Functional level at t: starting level plus gains, minus linear decline and decaying crisis drops. */
  functionAt(t: number): number {
    const fn = this.g.function;
    let f = this.f0 + this.gains - (fn.declinePerYear * (t - this.arrival)) / 365;
    for (let i = 0; i < this.crisisIndex; i++) {
      const tc = this.crises[i];
      f -= fn.crisisDrop * pow(2, -(t - tc) / fn.crisisHalfLifeDays);
    }
    return f < 0 ? 0 : f > 1 ? 1 : f;
  }

  /** Earliest time >= now at which the crisis-free trajectory falls below `thr` (Infinity if never). */
  crossingTime(thr: number, now: number): number {
    const d = this.g.function.declinePerYear;
    if (this.functionAt(now) < thr) return now;
    if (d <= 0) return Infinity;
    // Exact for the clamped trajectory min(1, f0 + gains - decline * years), since thr < 1 here.
    const t = this.arrival + ((this.f0 + this.gains - thr) * 365) / d;
    return t > now ? t : now;
  }
}

class ServiceState {
  readonly index: number;
  readonly spec: ServiceSpec;
  readonly accepts: Set<string>;
  readonly isTeam: boolean;
  baseCapacity: number;
  capacity: number;
  used = 0;
  queue: Need[] = [];
  occupying = 0;
  acceptedYear = -1;
  acceptedThisYear = 0;

  constructor(index: number, spec: ServiceSpec, capacity: number, isTeam: boolean) {
    this.index = index;
    this.spec = spec;
    this.accepts = new Set(spec.accepts);
    this.baseCapacity = capacity;
    this.capacity = capacity;
    this.isTeam = isTeam;
  }
}

/** Working time in the observation window, in nominal working weeks: holidays reduce capacity. */
function workingWeeks(scenario: MunicipalityScenario, w0: number, w1: number): number {
  const cal = makeCalendar(scenario.calendar, w1);
  return cal.workingHoursBetween(w0, w1) / cal.workingHoursPerWeekNominal();
}

export interface MunicipalityRunOptions {
  horizonDays?: number;
}

/**
 * A municipality run that can be driven step by step (the live view) or straight to its horizon
 * (`finish`). Driving it in pieces fires exactly the events a straight run fires, in the same
 * order, so the record is the same.
 */
export interface MunicipalityRun {
  readonly horizonDays: number;
  /** Simulated day reached. */
  readonly now: number;
  /** True once the run reached its horizon (after `finish` or `advanceTo(horizonDays)`). */
  readonly done: boolean;
  readonly eventsProcessed: number;
  /** Time of the next event, +Infinity if none before the horizon. */
  nextEventTime(): number;
  /** Fires every event up to day `t` (clamped to the horizon). */
  advanceTo(t: number): void;
  /** Fires at most `n` events (never past the horizon). Returns the number fired. */
  stepEvents(n: number): number;
  snapshot(): MunicipalitySnapshot;
  /** A user's trace so far, with who the user is (null for an unknown id). */
  userTrace(uid: number): { entries: TraceEntry[]; complete: boolean; group: string; arrival: number; needTypes: string[] } | null;
  /** Runs to the horizon, closes the books, checks invariants and returns the record (once). */
  finish(): MunicipalityRecord;
}

export function runMunicipality(scenario: MunicipalityScenario, seed: number, options: MunicipalityRunOptions = {}): MunicipalityRecord {
  return startMunicipality(scenario, seed, options).finish();
}

export function startMunicipality(scenario: MunicipalityScenario, seed: number, options: MunicipalityRunOptions = {}): MunicipalityRun {
  const spec = scenario.municipality;
  const T = options.horizonDays ?? scenario.horizon.years * 365;
  const W = scenario.horizon.warmupDays;
  if (W >= T) throw new RangeError(`warm-up (${W} days) must be shorter than the horizon (${T} days)`);
  const design = spec.design;
  const team = design.kind === 'team' ? design.team : null;

  // Services; the integrated team is a service of its own, built from its members.
  const serviceSpecs: ServiceSpec[] = [...spec.services];
  if (team) {
    const members = team.memberFte.reduce((a, b) => a + b, 0);
    serviceSpecs.push({
      id: team.id,
      label: 'Integrated team',
      level: 'municipal',
      accepts: team.needTypes,
      staffFte: members,
      directShare: team.directShare,
      priority: 'fifo',
      assessmentDays: team.jointAssessmentDays,
      decisionDelayDays: 0,
      eligibleBelowFunction: team.eligibleBelowFunction,
      eligibleAboveFunction: team.eligibleAboveFunction,
      annualCap: null,
      turf: 0,
      maxAgeYears: null,
      outreach: true,
    });
  }
  const serviceIndex = new Map(serviceSpecs.map((s, i) => [s.id, i]));
  const teamMeetingHoursPerWeek = team ? (team.meetingHours * team.memberFte.length * 7) / team.meetingEveryDays : 0;
  const services = serviceSpecs.map((s, i) => {
    const isTeam = team !== null && s.id === team.id;
    const cap = s.staffFte * HOURS_PER_FTE_WEEK * s.directShare - (isTeam ? teamMeetingHoursPerWeek : 0);
    return new ServiceState(i, s, Math.max(0, cap), isTeam);
  });
  const routing = new Routing({ ...spec, services: serviceSpecs }, serviceIndex);
  const teamIndex = routing.teamService;
  const meanMemberShare = team ? team.memberFte.reduce((a, b) => a + b, 0) / team.memberFte.length : 1;
  const rampDays = team ? team.rampUpDays / meanMemberShare : 0;

  const random = new RandomSource(seed);
  const rUsers = random.stream('users');
  const rReferral = random.stream('referral');
  const rHandoff = random.stream('handoff');
  const rService = random.stream('service');
  const rDecision = random.stream('decisions');
  const rTeam = random.stream('team');

  const sim = new Scheduler(4096);
  const trace = new TraceLog(spec.trace.maxEntries);
  const users: User[] = [];

  // The record's columns.
  const rec: MunicipalityRecord = {
    model: 'municipality',
    seed,
    horizonDays: T,
    warmupDays: W,
    serviceIds: serviceSpecs.map((s) => s.id),
    serviceCapacityHoursPerWeek: services.map((s) => s.baseCapacity),
    workingWeeksInWindow: workingWeeks(scenario, W, T),
    groupIds: spec.userGroups.map((g) => g.id),
    users: { arrival: [], group: [], exitTime: [], exitReason: [], initial: [] },
    episodes: { user: [], service: [], referral: [], firstService: [], entryFunction: [] },
    rejections: { time: [], user: [], service: [], cap: [] },
    handoffs: { time: [], user: [], from: [], to: [], boundary: [], lost: [], infoLost: [] },
    betweenChairs: { time: [], start: [], user: [], cause: [], serviceA: [], serviceB: [] },
    spells: { user: [], start: [], end: [] },
    planAdjustments: { time: [], user: [] },
    staffHours: services.map(() => ACTIVITIES.map(() => 0)),
    relativeHours: 0,
    eventsProcessed: 0,
    trace,
    coordination: null,
  };
  /** Model II: coordinators, when the scenario has a `coordination` section (created below). */
  let coord: CoordinationLayer | null = null;
  /** Days until someone chases an unowned need: the usual delay, or the coordinator's, whichever comes first. */
  const followUp = (u: User, usualDays: number) => (coord === null ? usualDays : Math.min(usualDays, coord.chaseDelay(u.id)));
  const ACT = Object.fromEntries(ACTIVITIES.map((a, i) => [a, i])) as Record<Activity, number>;
  /** Adds hours/week x [t0, t1] clipped to the observation window. */
  // Weekly hours are worked in working time: an interval counts its working weeks, as capacity does.
  const calendar = makeCalendar(scenario.calendar, T);
  const nominalWeek = calendar.workingHoursPerWeekNominal();
  const addHours = (service: number, activity: Activity, t0: number, t1: number, hoursPerWeek: number) => {
    const a = Math.max(t0, W);
    const b = Math.min(t1, T);
    if (b > a && hoursPerWeek > 0) rec.staffHours[service][ACT[activity]] += (hoursPerWeek * calendar.workingHoursBetween(a, b)) / nominalWeek;
  };
  const addLumpHours = (service: number, activity: Activity, t: number, hours: number) => {
    if (service >= 0 && t >= W && t <= T && hours > 0) rec.staffHours[service][ACT[activity]] += hours;
  };
  const gammaDays = (mean: number, cv: number, r = rService) => {
    if (!(mean > 0)) return 0;
    if (cv <= 0) return mean;
    const shape = 1 / (cv * cv);
    return gamma(r, shape, mean / shape);
  };
  const effectiveness = (s: ServiceState) => (s.isTeam && rampDays > 0 ? Math.min(1, 0.5 + (0.5 * sim.now) / rampDays) : 1);

  // ---------------------------------------------------------------------------------------------
  // Between chairs: a need that is active (referred) and has no owner.

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
    n.bcHandle = sim.schedule(spec.unownedThresholdDays, BC_THRESHOLD, u.id, n.index);
  };

  const clearUnowned = (u: User, n: Need) => {
    if (n.state !== NS.Unowned) return;
    sim.cancel(n.bcHandle);
    if (u.relatives) {
      const a = Math.max(n.unownedSince, W);
      const b = Math.min(sim.now, T);
      if (b > a) rec.relativeHours += (spec.relativeHoursPerWeek * (b - a)) / 7;
    }
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

  const BC_THRESHOLD = sim.register('betweenChairsThreshold', (uid, ni) => {
    const n = users[uid].needs[ni];
    if (n.state === NS.Unowned) recordBetweenChairs(uid, ni, n.unownedCause, n.unownedSince, n.unownedA, n.unownedB);
  });

  // ---------------------------------------------------------------------------------------------
  // Users: arrival, attributes, function, exits.

  /** Days to an event with a constant yearly rate; Infinity when the rate is (practically) zero. */
  const yearlyHazard = (ratePerYear: number) => {
    const mean = 365 / ratePerYear;
    return Number.isFinite(mean) && mean > 0 ? exponential(rUsers, mean) : Infinity;
  };

  const createUser = (group: number, initial: boolean) => {
    const g = spec.userGroups[group];
    const id = users.length;
    const now = sim.now;
    const age0 = uniform(rUsers, g.ageYears.min, Math.max(g.ageYears.min, g.ageYears.max) + 1e-9);
    const f0 = uniform(rUsers, g.function.initialMin, Math.max(g.function.initialMin, g.function.initialMax) + 1e-9);
    const relatives = bernoulli(rUsers, g.relativeCoordinates);
    const crises: number[] = [];
    for (let t = now + yearlyHazard(g.function.crisisRatePerYear); t <= T; t += yearlyHazard(g.function.crisisRatePerYear)) crises.push(t);
    // Death hazard rises as function falls: r x (2 - f0) per year (assumption).
    const deathT = now + yearlyHazard(g.exits.deathRatePerYear * (2 - f0));
    const moveT = now + yearlyHazard(g.exits.moveRatePerYear);
    const ageOutT = g.ageOutAtYears !== null ? now + Math.max(0, (g.ageOutAtYears - age0) * 365) : Infinity;
    const u = new User(id, group, g, now, { age0, f0, relatives, crises, deathT, moveT, ageOutT });
    // Which needs this user has: each with its probability; at least one (users have complex needs).
    const has = g.needs.map((ns) => bernoulli(rUsers, ns.probability));
    if (!has.some(Boolean)) has[g.needs.reduce((best, ns, i) => (ns.probability > g.needs[best].probability ? i : best), 0)] = true;
    const opens = g.needs.map((ns) => (ns.opensAfterDays > 0 ? exponential(rUsers, ns.opensAfterDays) : 0));
    users.push(u);
    rec.users.arrival.push(now);
    rec.users.group.push(group);
    rec.users.exitTime.push(NaN);
    rec.users.exitReason.push(-1);
    rec.users.initial.push(initial);
    trace.add(now, id, 'arrive', -1, -1, group);
    g.needs.forEach((ns, i) => {
      if (!has[i]) return;
      const n = new Need(id, u.needs.length, ns);
      u.needs.push(n);
      n.handle = sim.schedule(opens[i], NEED_OPEN, id, n.index);
    });
    if (crises.length > 0) sim.scheduleAt(crises[0], CRISIS, id);
    scheduleExit(u);
  };

  const scheduleExit = (u: User) => {
    sim.cancel(u.exitHandle);
    let t = u.deathT;
    let reason: ExitReason = 'died';
    if (u.moveT < t) {
      t = u.moveT;
      reason = 'moved';
    }
    if (u.ageOutT < t) {
      t = u.ageOutT;
      reason = 'agedOut';
    }
    const inst = u.g.exits.institutionBelowFunction;
    if (inst > 0) {
      const ti = u.crossingTime(inst, sim.now);
      if (ti < t) {
        t = ti;
        reason = 'institution';
      }
    }
    if (t <= T) u.exitHandle = sim.scheduleAt(Math.max(t, sim.now), EXIT, u.id, EXIT_REASONS.indexOf(reason));
  };

  const exitUser = (u: User, reason: ExitReason) => {
    if (u.gone) return;
    const touched = new Set<number>();
    for (const n of u.needs) {
      sim.cancel(n.handle);
      sim.cancel(n.checkHandle);
      if (n.state === NS.Unowned) clearUnowned(u, n);
      if (n.state === NS.Queued) {
        const s = services[n.at];
        s.queue.splice(s.queue.indexOf(n), 1);
      } else if (n.state === NS.Occupying) {
        touched.add(n.at);
        release(n);
      }
      n.state = NS.Gone;
      n.at = -1;
    }
    sim.cancel(u.recoverHandle);
    sim.cancel(u.exitHandle);
    coord?.onUserExit(u.id);
    u.exitTime = sim.now;
    u.exitReason = EXIT_REASONS.indexOf(reason);
    rec.users.exitTime[u.id] = sim.now;
    rec.users.exitReason[u.id] = u.exitReason;
    trace.add(sim.now, u.id, 'exit', -1, -1, u.exitReason);
    for (const s of touched) tryAdmit(services[s]);
  };

  const EXIT = sim.register('exit', (uid, reason) => exitUser(users[uid], EXIT_REASONS[reason]));

  const RECOVER = sim.register('recovered', (uid) => {
    const u = users[uid];
    if (u.needs.every((n) => n.state === NS.Closed && !sim.isPending(n.handle))) exitUser(u, 'recovered');
  });

  const maybeRecover = (u: User) => {
    sim.cancel(u.recoverHandle);
    if (u.needs.every((n) => n.state === NS.Closed && !sim.isPending(n.handle))) u.recoverHandle = sim.schedule(u.g.exits.recoveredAfterDays, RECOVER, u.id);
  };

  const CRISIS = sim.register('crisis', (uid) => {
    const u = users[uid];
    if (u.gone) return;
    u.crisisIndex++;
    trace.add(sim.now, uid, 'crisis');
    coord?.onCrisis(uid);
    for (const n of u.needs) {
      if (n.state === NS.Latent) scheduleReferralCheck(u, n);
      else if (n.state === NS.Occupying) {
        // The team adjusts the plan at once, as does a coordinator with an active individual plan;
        // otherwise a relay plan stays as it was written.
        if (services[n.at].isTeam || coord?.adjustsPlan(uid)) {
          rec.planAdjustments.time.push(sim.now);
          rec.planAdjustments.user.push(uid);
          trace.add(sim.now, uid, 'planAdjusted', n.at, n.index);
        } else n.planStale = true;
      }
    }
    const inst = u.g.exits.institutionBelowFunction;
    if (inst > 0 && u.functionAt(sim.now) < inst) exitUser(u, 'institution');
    if (u.crisisIndex < u.crises.length && !u.gone) sim.scheduleAt(u.crises[u.crisisIndex], CRISIS, uid);
  });

  // ---------------------------------------------------------------------------------------------
  // Needs: opening, referral (self/GP or case-finding), re-opening.

  const NEED_OPEN = sim.register('needOpen', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    n.state = NS.Latent;
    trace.add(sim.now, uid, 'needOpen', -1, ni);
    sim.cancel(u.recoverHandle);
    scheduleReferralCheck(u, n);
  });

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
    const cfRate = cf.enabled ? (cf.contactsPerYear * cf.referralProbability) / 365 : 0;
    if (cfRate > 0 && f < cf.belowFunction) d = Math.min(d, exponential(rReferral, 1 / cfRate));
    let check = Infinity;
    if (!u.disengaged && f >= ref.belowFunction) check = Math.min(check, u.crossingTime(ref.belowFunction, now));
    if (cfRate > 0 && f >= cf.belowFunction) check = Math.min(check, u.crossingTime(cf.belowFunction, now));
    // A check never lands on the same instant twice (rounding at a crossing): step at least 1e-6 days.
    if (check <= now) check = now + 1e-6;
    if (now + d <= check && now + d <= T) n.checkHandle = sim.scheduleAt(now + d, REFER, u.id, n.index);
    else if (check <= T) n.checkHandle = sim.scheduleAt(check, CHECK, u.id, n.index);
  };

  const CHECK = sim.register('referralCheck', (uid, ni) => scheduleReferralCheck(users[uid], users[uid].needs[ni]));

  const REFER = sim.register('refer', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    n.checkHandle = -1;
    if (u.gone || n.state !== NS.Latent) return;
    enterSystem(u, n);
  });

  /** A need enters the service system: a new episode along its route. */
  const enterSystem = (u: User, n: Need) => {
    coord?.onNeedEntered(u.id, u.needs.length);
    if (Number.isNaN(n.episodeReferral)) n.episodeReferral = sim.now;
    n.episodeServed = false;
    n.route = routing.routeFor(n.spec.type, u.ageAt(sim.now));
    n.leg = 0;
    n.tried = [];
    n.infoLost = false;
    n.planStale = false;
    if (n.route === null) {
      // Grey zone: no service's mandate covers this need. It stays unowned, one spell, until the
      // user leaves; re-applying would only restart the same spell.
      setUnowned(u, n, 'unownedNeed', -1, -1);
      return;
    }
    sendReferral(u, n, -1, n.route[0].service);
  };

  /** A refused or returned need is referred again after `reapplyAfterDays` (exponential mean). */
  const scheduleReapply = (n: Need) => {
    n.handle = sim.schedule(followUp(users[n.user], exponential(rReferral, spec.reapplyAfterDays)), REAPPLY, n.user, n.index);
  };

  /** A refusal at the door or a no-show; enough of them and the user drops out for good. */
  const addSetback = (u: User) => {
    u.setbacks++;
    if (u.setbacks >= u.g.disengageAfterSetbacks && !u.disengaged) {
      u.disengaged = true;
      trace.add(sim.now, u.id, 'disengaged');
    }
  };

  const REAPPLY = sim.register('reapply', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone || n.state !== NS.Unowned) return;
    // Nobody re-refers a user who dropped out, unless case-finding or a coordinator reaches out.
    if (u.disengaged && !spec.caseFinding.enabled && !coord?.hasCoordinator(uid)) return;
    clearUnowned(u, n);
    enterSystem(u, n);
  });

  const REOPEN = sim.register('needReopen', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone) return;
    trace.add(sim.now, uid, 'needReopen', -1, ni);
    sim.cancel(u.recoverHandle);
    n.episodeReferral = NaN;
    // Within the team's follow-up window the team adjusts the plan: no referral, no new intake.
    if (teamIndex >= 0 && team && services[teamIndex].accepts.has(n.spec.type) && sim.now - n.closedAt <= team.followUpDays) {
      rec.planAdjustments.time.push(sim.now);
      rec.planAdjustments.user.push(uid);
      trace.add(sim.now, uid, 'planAdjusted', teamIndex, ni);
      n.episodeReferral = sim.now;
      n.episodeServed = false;
      const route = routing.routeFor(n.spec.type, u.ageAt(sim.now))!;
      n.route = route.slice(Math.max(0, route.findIndex((l) => l.service === teamIndex))); // no purchaser decision for an adjustment
      n.leg = 0;
      n.tried = [];
      n.planStale = false;
      n.infoLost = false;
      n.state = NS.Queued;
      n.at = teamIndex;
      services[teamIndex].queue.unshift(n);
      tryAdmit(services[teamIndex]);
      return;
    }
    n.state = NS.Latent;
    scheduleReferralCheck(u, n);
  });

  // ---------------------------------------------------------------------------------------------
  // Handoffs: a referral over a channel, which may be delayed, lose information or be lost.

  const isBoundary = (u: User, from: number, to: number) =>
    from >= 0 && (serviceSpecs[from].level !== serviceSpecs[to].level || (serviceSpecs[from].maxAgeYears !== null && u.ageAt(sim.now) >= serviceSpecs[from].maxAgeYears!));

  const sendReferral = (u: User, n: Need, from: number, to: number) => {
    const adoption = spec.sharedLog.adoption;
    const senderLog = adoption > 0 && bernoulli(rHandoff, adoption);
    const receiverLog = adoption > 0 && bernoulli(rHandoff, adoption);
    const channel = senderLog && receiverLog ? spec.channels.sharedLog : spec.channels[design.channel];
    const boundary = isBoundary(u, from, to);
    let mult = boundary ? spec.boundaryLossMultiplier : 1;
    let delayMult = 1;
    if (coord !== null) {
      // Ties and an active individual plan cut loss and delay (Model II).
      coord.onReferral(u.id, to);
      const f = coord.handoffFactors(u.id, from, to);
      mult *= f.loss;
      delayMult = f.delay;
    }
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
    addLumpHours(from, 'handoff', sim.now, channel.adminHours / 2);
    addLumpHours(to, 'handoff', sim.now, channel.adminHours / 2);
    if (senderLog !== receiverLog) addLumpHours(senderLog ? from : to, 'documentation', sim.now, spec.sharedLog.doubleWorkHours);
    trace.add(sim.now, u.id, 'referralSent', to, n.index, from);
    if (lost) {
      trace.add(sim.now, u.id, 'referralLost', to, n.index, from);
      setUnowned(u, n, boundary ? 'transitionGap' : 'droppedBaton', from, to);
      n.at = to; // whom to re-send to once the loss is noticed
      const disc = spec.lostReferralDiscoveryDays;
      let mean = u.relatives ? disc.withRelatives : disc.withoutRelatives;
      if (design.kind === 'pathway') mean = Math.min(mean, design.stationTargetDays);
      n.handle = sim.schedule(followUp(u, exponential(rHandoff, mean)), REDISCOVER, u.id, n.index);
      return;
    }
    if (infoLost) {
      n.infoLost = true;
      trace.add(sim.now, u.id, 'infoLost', to, n.index, from);
    }
    n.state = NS.Transit;
    n.at = to;
    n.from = from;
    n.handle = sim.schedule(delay, ARRIVE_AT, u.id, n.index);
  };

  const RESEND = sim.register('resend', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone || n.state !== NS.Unowned) return;
    clearUnowned(u, n);
    sendReferral(u, n, n.route![n.leg - 1].service, n.route![n.leg].service);
  });

  const REDISCOVER = sim.register('rediscover', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    if (u.gone || n.state !== NS.Unowned) return;
    const to = n.at;
    const from = n.unownedA;
    clearUnowned(u, n);
    sendReferral(u, n, from, to);
  });

  /** A referral reaches a service: turf may refuse or deflect it; otherwise it joins the intake queue. */
  const ARRIVE_AT = sim.register('referralArrived', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    trace.add(sim.now, uid, 'referralArrived', s.index, ni);
    let turf = spec.governance.regime === 'network' ? s.spec.turf * spec.governance.networkTurfFactor : s.spec.turf;
    if (coord !== null && turf > 0) turf = Math.min(1, turf * coord.turfFactor(uid, n.from, s.index));
    if (turf > 0 && bernoulli(rDecision, turf)) {
      coord?.onRefused(uid);
      n.tried.push(s.index);
      addSetback(u);
      const type = n.spec.type;
      const alt = services.findIndex((x) => x.accepts.has(type) && !n.tried.includes(x.index) && x.index !== s.index);
      if (alt >= 0 && !u.disengaged) {
        trace.add(sim.now, uid, 'deflected', s.index, ni, alt);
        n.route = [{ ...n.route![n.leg], service: alt }, ...n.route!.slice(n.leg + 1)];
        n.leg = 0;
        sendReferral(u, n, s.index, alt);
      } else {
        trace.add(sim.now, uid, 'refused', s.index, ni);
        setUnowned(u, n, 'unownedNeed', s.index, -1);
        scheduleReapply(n);
      }
      return;
    }
    n.state = NS.Queued;
    s.queue.push(n);
    trace.add(sim.now, uid, 'queued', s.index, ni, s.queue.length);
    tryAdmit(s);
  });

  // ---------------------------------------------------------------------------------------------
  // Services: intake queue, capacity, assessment and decision, work.

  const legOf = (n: Need) => n.route![n.leg];
  const legHours = (n: Need) => {
    const h = legOf(n).hoursPerWeek;
    return Number.isNaN(h) ? n.spec.hoursPerWeek : h;
  };

  const pick = (s: ServiceState): number => {
    const q = s.queue;
    if (s.spec.priority === 'fifo' || q.length < 2) return 0;
    let best = 0;
    if (s.spec.priority === 'urgency') {
      for (let i = 1; i < q.length; i++) if (q[i].spec.urgency > q[best].spec.urgency) best = i;
    } else {
      let bf = -1;
      for (let i = 0; i < q.length; i++) {
        const f = users[userOf(q[i])].functionAt(sim.now);
        if (f > bf) {
          bf = f;
          best = i;
        }
      }
    }
    return best;
  };
  const userOf = (n: Need) => n.user;

  const tryAdmit = (s: ServiceState) => {
    while (s.queue.length > 0) {
      if (s.capacity <= 0) return;
      const i = pick(s);
      const n = s.queue[i];
      const h = legHours(n);
      if (s.used > 0 && s.used + h > s.capacity + 1e-9) return;
      s.queue.splice(i, 1);
      admit(s, n, h);
    }
  };

  const occupy = (n: Need, activity: Activity) => {
    if (n.occupyActivity !== activity) {
      addHours(n.at, n.occupyActivity, n.occupySince, sim.now, n.occupyHours);
      n.occupyActivity = activity;
      n.occupySince = sim.now;
    }
  };

  const release = (n: Need) => {
    const s = services[n.at];
    addHours(n.at, n.occupyActivity, n.occupySince, sim.now, n.occupyHours);
    s.used -= n.occupyHours;
    if (s.used < 1e-9) s.used = 0;
    s.occupying--;
    n.occupyHours = 0;
  };

  const admit = (s: ServiceState, n: Need, hours: number) => {
    const uid = userOf(n);
    const u = users[uid];
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
        n.handle = sim.schedule(NO_SHOW_RETRY_DAYS, NO_SHOW_RETRY, uid, n.index);
        return;
      }
      release(n);
      addSetback(u);
      setUnowned(u, n, 'disengagement', s.index, -1);
      scheduleReapply(n);
      return; // the caller, tryAdmit, goes on admitting into the freed hours
    }
    startAssessment(s, u, n);
  };

  const NO_SHOW_RETRY = sim.register('noShowRetry', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    startAssessment(services[n.at], u, n);
  });

  const startAssessment = (s: ServiceState, u: User, n: Need) => {
    const leg = legOf(n);
    if (leg.activity !== 'decide' && !n.episodeServed) {
      n.episodeServed = true;
      const e = rec.episodes;
      e.user.push(u.id);
      e.service.push(s.index);
      e.referral.push(n.episodeReferral);
      e.firstService.push(sim.now);
      e.entryFunction.push(u.functionAt(sim.now));
    }
    const eff = effectiveness(s);
    let days = gammaDays(s.spec.assessmentDays, 0.5) * (n.infoLost ? 1.5 : 1);
    days = days / eff + s.spec.decisionDelayDays;
    n.infoLost = false;
    n.handle = sim.schedule(days, DECIDED, u.id, n.index);
  };

  const DECIDED = sim.register('decided', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    const f = u.functionAt(sim.now);
    const year = Math.floor(sim.now / 365);
    if (s.acceptedYear !== year) {
      s.acceptedYear = year;
      s.acceptedThisYear = 0;
    }
    const capped = s.spec.annualCap !== null && s.acceptedThisYear >= s.spec.annualCap;
    const eligible = f < s.spec.eligibleBelowFunction && f >= s.spec.eligibleAboveFunction;
    if (!eligible || capped) {
      const r = rec.rejections;
      r.time.push(sim.now);
      r.user.push(uid);
      r.service.push(s.index);
      r.cap.push(capped);
      trace.add(sim.now, uid, 'rejected', s.index, ni, capped ? 1 : 0);
      release(n);
      if (n.leg > 0) {
        // A later leg refuses: the referral goes back and the earlier legs' work stands. Nobody owns
        // the need until it is sent to this leg again.
        setUnowned(u, n, 'unownedNeed', s.index, n.route![n.leg - 1].service);
        n.handle = sim.schedule(followUp(u, exponential(rReferral, spec.reapplyAfterDays)), RESEND, uid, ni);
        tryAdmit(s);
        return;
      }
      n.state = NS.Latent;
      n.at = -1;
      n.episodeReferral = NaN;
      scheduleReferralCheck(u, n, exponential(rReferral, spec.reapplyAfterDays));
      tryAdmit(s);
      maybeRecover(u);
      return;
    }
    s.acceptedThisYear++;
    trace.add(sim.now, uid, 'accepted', s.index, ni);
    const leg = legOf(n);
    const mean = Number.isNaN(leg.days) ? n.spec.episodeDays : leg.days;
    let days = Number.isNaN(n.workRemaining) ? gammaDays(mean, n.spec.episodeCv) : n.workRemaining;
    n.workRemaining = NaN;
    days /= effectiveness(s);
    occupy(n, 'delivery');
    // Users who outgrow an age-limited service are handed on when they reach the limit.
    const maxAge = s.spec.maxAgeYears;
    if (maxAge !== null) {
      const tLimit = u.arrival + (maxAge - u.age0) * 365;
      if (tLimit < sim.now + days) {
        n.workRemaining = sim.now + days - Math.max(tLimit, sim.now);
        n.handle = sim.scheduleAt(Math.max(tLimit, sim.now), AGE_LIMIT, uid, ni);
        return;
      }
    }
    n.handle = sim.schedule(days, WORK_DONE, uid, ni);
  });

  const AGE_LIMIT = sim.register('ageLimit', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    const type = n.spec.type;
    const age = u.ageAt(sim.now);
    const next = services.findIndex((x) => x.accepts.has(type) && (x.spec.maxAgeYears === null || x.spec.maxAgeYears > age));
    release(n);
    tryAdmit(s);
    if (next < 0) {
      n.workRemaining = NaN;
      setUnowned(u, n, 'transitionGap', s.index, -1);
      scheduleReapply(n);
      return;
    }
    n.route = [{ service: next, activity: 'deliver', days: n.workRemaining, hoursPerWeek: legOf(n).hoursPerWeek }, ...n.route!.slice(n.leg + 1)];
    n.leg = 0;
    n.workRemaining = NaN;
    sendReferral(u, n, s.index, next);
  });

  const WORK_DONE = sim.register('workDone', (uid, ni) => {
    const u = users[uid];
    const n = u.needs[ni];
    const s = services[n.at];
    release(n);
    trace.add(sim.now, uid, 'legDone', s.index, ni);
    tryAdmit(s);
    if (n.leg + 1 < n.route!.length) {
      n.leg++;
      sendReferral(u, n, s.index, n.route![n.leg].service);
      return;
    }
    // Episode done.
    n.state = NS.Closed;
    n.at = -1;
    n.closedAt = sim.now;
    n.episodeReferral = NaN;
    const gain = n.spec.functionGain * (n.planStale ? STALE_PLAN_GAIN_FACTOR : 1);
    if (gain > 0) {
      u.gains += gain;
      scheduleExit(u);
    }
    trace.add(sim.now, uid, 'episodeDone', s.index, ni);
    if (n.spec.reopenProbability > 0 && bernoulli(rService, n.spec.reopenProbability)) {
      n.handle = sim.schedule(exponential(rService, n.spec.reopenAfterDays), REOPEN, uid, ni);
    }
    maybeRecover(u);
  });

  // ---------------------------------------------------------------------------------------------
  // The integrated team: weekly meetings (a cost) and members pulled back by their home units.

  if (team && teamIndex >= 0) {
    const ts = services[teamIndex];
    const memberHours = team.memberFte.map((fte) => fte * HOURS_PER_FTE_WEEK * team.directShare);
    const TEAM_WEEK = sim.register('teamWeek', () => {
      addLumpHours(teamIndex, 'meetings', sim.now, teamMeetingHoursPerWeek);
      let pulled = 0;
      for (let m = 0; m < team.memberFte.length; m++) {
        const share = team.memberFte[m];
        if (share < 1 && bernoulli(rTeam, team.pullBackPerWeek * (1 - share))) pulled += memberHours[m];
      }
      ts.capacity = Math.max(0, ts.baseCapacity - pulled);
      tryAdmit(ts);
      if (sim.now + 7 <= T) sim.schedule(7, TEAM_WEEK);
    });
    sim.schedule(0, TEAM_WEEK);
  }

  // ---------------------------------------------------------------------------------------------
  // Model II: coordinators, the coordinating unit, individual plans, responsibility groups.

  if (spec.coordination !== null) {
    coord = new CoordinationLayer(spec.coordination, {
      sim,
      random,
      horizonDays: T,
      warmupDays: W,
      serviceIds: serviceSpecs.map((s) => s.id),
      groupIds: spec.userGroups.map((g) => g.id),
      unownedThresholdDays: spec.unownedThresholdDays,
      serviceLoad: (i) => {
        const s = services[i];
        return s.capacity > 0 ? s.used / s.capacity : 1;
      },
      serviceBacklog: (i) => {
        const s = services[i];
        let h = 0;
        for (const n of s.queue) h += legHours(n);
        return s.capacity > 0 ? h / s.capacity : 1;
      },
      chaseUnowned: (uid) => {
        // A new coordinator takes up the needs nobody owns, even for a user who had given up.
        const u = users[uid];
        for (const n of u.needs) {
          if (n.state !== NS.Unowned || n.route === null || sim.isPending(n.handle)) continue;
          const d = coord!.chaseDelay(uid);
          if (Number.isFinite(d)) n.handle = sim.schedule(d, REAPPLY, uid, n.index);
        }
      },
      userGroup: (uid) => users[uid].group,
      userAge: (uid) => users[uid].ageAt(sim.now),
      userHasRelatives: (uid) => users[uid].relatives,
      unownedNeeds: (uid) => users[uid].needs.reduce((k, n) => k + (n.state === NS.Unowned ? 1 : 0), 0),
      largestNeedService: (uid) => {
        const u = users[uid];
        let best: Need | null = null;
        for (const n of u.needs) if (n.state !== NS.Gone && (best === null || n.spec.hoursPerWeek > best.spec.hoursPerWeek)) best = n;
        const route = best === null ? null : routing.routeFor(best.spec.type, u.ageAt(sim.now));
        if (route === null) return -1;
        return (route.find((l) => l.activity === 'deliver') ?? route[route.length - 1]).service;
      },
      addBetweenChairs: (uid, cause, start, a, b) => recordBetweenChairs(uid, -1, cause, start, a, b),
      trace: (uid, kind, service = -1, detail = 0) => trace.add(sim.now, uid, kind, service, -1, detail),
    });
    rec.coordination = coord.rec;
  }

  // ---------------------------------------------------------------------------------------------
  // Arrivals: Poisson per group with yearly seasonality (thinning), plus the initial stock.

  spec.userGroups.forEach((g, gi) => {
    const rate = (g.incidencePer1000PerYear * spec.inhabitants) / 1000 / 365;
    const stream = random.stream(`arrivals:${g.id}`);
    const amp = g.seasonality.amplitude;
    const peak = g.seasonality.peakDayOfYear;
    const maxRate = rate * (1 + amp);
    const ARRIVE = sim.register(`arrive:${g.id}`, () => {
      createUser(gi, false);
      scheduleNext();
    });
    const scheduleNext = () => {
      if (maxRate <= 0) return;
      let t = sim.now;
      for (;;) {
        t += exponential(stream, 1 / maxRate);
        if (t > T) return;
        const lambda = rate * (1 + amp * cos((2 * Math.PI * (t - peak)) / 365));
        if (amp === 0 || stream.next() * maxRate < lambda) break;
      }
      sim.scheduleAt(t, ARRIVE);
    };
    const stock = Math.round((g.initialStockPer1000 * spec.inhabitants) / 1000);
    for (let i = 0; i < stock; i++) createUser(gi, true);
    scheduleNext();
  });

  // ---------------------------------------------------------------------------------------------
  // Live view: a compact snapshot (aggregates and one row per present user).

  const STATE_RANK: Record<number, number> = { [NS.Unowned]: 4, [NS.Transit]: 3, [NS.Queued]: 2, [NS.Occupying]: 1 };
  const STATE_CODE: Record<number, number> = {
    [NS.Unowned]: USER_STATES.indexOf('betweenChairs'),
    [NS.Transit]: USER_STATES.indexOf('transit'),
    [NS.Queued]: USER_STATES.indexOf('queued'),
    [NS.Occupying]: USER_STATES.indexOf('seated'),
  };
  const snapshotOf = (): MunicipalitySnapshot => {
    const present = users.filter((u) => !u.gone);
    const k = present.length;
    const out: MunicipalitySnapshot = {
      t: sim.now,
      horizonDays: T,
      warmupDays: W,
      eventsProcessed: sim.eventsProcessed,
      done: finished !== null || sim.now >= T,
      services: {
        queued: Int32Array.from(services, (s) => s.queue.length),
        seated: Int32Array.from(services, (s) => s.occupying),
        usedHours: Float64Array.from(services, (s) => s.used),
        capacityHours: Float64Array.from(services, (s) => s.capacity),
      },
      users: {
        id: new Int32Array(k),
        state: new Uint8Array(k),
        service: new Int16Array(k).fill(-1),
        from: new Int16Array(k).fill(-1),
        cause: new Int8Array(k).fill(-1),
        since: new Float64Array(k).fill(NaN),
        coordinator: new Int32Array(k).fill(-1),
      },
      betweenChairsEvents: new Int32Array(CAUSES.length),
      referralsSent: rec.handoffs.time.length,
      referralsLost: rec.handoffs.lost.reduce((a, l) => a + (l ? 1 : 0), 0),
      coordinators: null,
    };
    for (const c of rec.betweenChairs.cause) out.betweenChairsEvents[c]++;
    const us = out.users;
    present.forEach((u, i) => {
      us.id[i] = u.id;
      let best: Need | null = null;
      for (const n of u.needs) if ((STATE_RANK[n.state] ?? 0) > (best ? STATE_RANK[best.state] : 0)) best = n;
      if (coord) us.coordinator[i] = coord.coordinatorOf(u.id);
      if (best === null) return; // at home: state 0
      us.state[i] = STATE_CODE[best.state];
      if (best.state === NS.Unowned) {
        us.service[i] = best.unownedA;
        us.from[i] = best.unownedB;
        us.cause[i] = CAUSE_INDEX[best.unownedCause];
        us.since[i] = best.unownedSince;
      } else {
        us.service[i] = best.at;
        if (best.state === NS.Transit) us.from[i] = best.from;
      }
    });
    if (coord) {
      const ks = coord.inPost();
      out.coordinators = {
        id: Int32Array.from(ks, (x) => x.id),
        pool: Int16Array.from(ks, (x) => x.pool),
        caseload: Int32Array.from(ks, (x) => x.caseload),
        strain: Float32Array.from(ks, (x) => x.strain),
      };
    }
    return out;
  };

  let finished: MunicipalityRecord | null = null;
  const finish = (): MunicipalityRecord => {
    if (finished) return finished;
    sim.runUntil(T);

      // Close the books at the horizon: ongoing hours, open spells and relatives' time.
      for (const u of users) {
        for (const n of u.needs) {
          if (n.state === NS.Occupying) addHours(n.at, n.occupyActivity, n.occupySince, T, n.occupyHours);
          if (n.state === NS.Unowned && u.relatives) {
            const a = Math.max(n.unownedSince, W);
            if (T > a) rec.relativeHours += (spec.relativeHoursPerWeek * (T - a)) / 7;
          }
        }
        if (u.unowned > 0) {
          rec.spells.user.push(u.id);
          rec.spells.start.push(u.spellStart);
          rec.spells.end.push(T);
        }
      }
      rec.eventsProcessed = sim.eventsProcessed;
      checkInvariants(rec, {
        activeUsers: users.filter((u) => !u.gone).length,
        queueLengths: services.map((s) => s.queue.length),
        used: services.map((s) => s.used),
        occupyingByService: services.map((s) => s.occupying),
        occupyingCounted: services.map((s) => users.reduce((k, u) => k + u.needs.filter((n) => n.state === NS.Occupying && n.at === s.index).length, 0)),
        queuedCounted: services.map((s) => users.reduce((k, u) => k + u.needs.filter((n) => n.state === NS.Queued && n.at === s.index).length, 0)),
        unownedOpen: users.reduce((k, u) => k + (u.unowned > 0 ? 1 : 0), 0),
        now: sim.now,
        coordinationProblems: coord?.check() ?? [],
      });
    finished = rec;
    return rec;
  };

  return {
    horizonDays: T,
    get now() {
      return sim.now;
    },
    get done() {
      return finished !== null || sim.now >= T;
    },
    get eventsProcessed() {
      return sim.eventsProcessed;
    },
    nextEventTime: () => {
      const t = sim.peekTime();
      return t <= T ? t : Infinity;
    },
    advanceTo: (t: number) => {
      if (finished) return;
      sim.runUntil(Math.min(Math.max(t, sim.now), T));
    },
    stepEvents: (n: number) => {
      let k = 0;
      while (!finished && k < n && sim.peekTime() <= T) {
        sim.step();
        k++;
      }
      return k;
    },
    snapshot: () => snapshotOf(),
    userTrace: (uid: number) => {
      const u = users[uid];
      if (!Number.isInteger(uid) || u === undefined) return null;
      return { entries: trace.userPath(uid), complete: trace.isComplete(uid), group: u.g.id, arrival: u.arrival, needTypes: u.needs.map((n) => n.spec.type) };
    },
    finish,
  };
}
