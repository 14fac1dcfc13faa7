/**
 * The municipality's world: the users, their needs and the services, and what every mechanism is
 * handed (scheduler, random streams, record, window). docs/model.md §2-3; mechanisms own their state.
 */
import type { PlanNews } from './planNews.js';
import type { RandomSource, RandomStream } from '../../engine/random.js';
import type { EventHandle, Scheduler } from '../../engine/scheduler.js';
import type { WorkingCalendar } from '../../engine/calendar.js';
import type { MunicipalitySpec, NeedSpecT, ServiceSpec, UserGroupSpec } from '../../scenario/schema.js';
import type { Cause } from './causes.js';
import type { SpellEnding, SpellReason } from './spellReasons.js';
import { crossingTime, functionLevel } from './functioning.js';
import type { Hooks } from './hooks.js';
import type { Activity, ExitReason, MunicipalityRecord } from './record.js';
import type { LegPlan, Routing } from './routing/routes.js';
import type { TraceLog } from './trace.js';

/** Norwegian full-time week (general knowledge). */
export const HOURS_PER_FTE_WEEK = 37.5;

/** Where a need is. A plain object rather than an enum, so every mechanism file can share it. */
export const NS = {
  /** Not yet opened. */
  Pending: 0,
  /** Open, not (yet) referred: not active, nobody is asked. */
  Latent: 1,
  /** Referral on its way: the baton is in flight. */
  Transit: 2,
  /** In a service's intake queue. */
  Queued: 3,
  /** Assessment, decision or work at a service. */
  Occupying: 4,
  /** Active and nobody owns it: between chairs. */
  Unowned: 5,
  /** Episode done (may re-open). */
  Closed: 6,
  /** User left. */
  Gone: 7,
} as const;
export type NeedState = (typeof NS)[keyof typeof NS];

export class Need {
  readonly user: number;
  readonly index: number;
  readonly spec: NeedSpecT;
  state: NeedState = NS.Pending;
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
  /** Pathway: pending escalation of an overdue station (routing/pathway.ts). */
  escalationHandle: EventHandle = -1;
  /** Pathway: the station owner escalated this need, which now goes first in its queue. */
  escalated = false;
  /** Assessed and waiting for the decision (the pending event is `decided`). */
  assessing = false;
  episodeReferral = NaN;
  episodeServed = false;
  occupyHours = 0;
  occupyActivity: Activity = 'assessment';
  occupySince = 0;
  workRemaining = NaN;
  infoLost = false;
  planStale = false;
  /** Share of the need's gain this episode can still give (a specialist sent it back: pushBack.ts). */
  gainFactor = 1;
  unownedSince = NaN;
  /** Row of the need's open between-chairs spell in `rec.unownedSpells`, -1 if none. */
  spellRow = -1;
  unownedCause: Cause = 'unownedNeed';
  /** What keeps the need unowned apart from the user's dropping out (spellReasons.ts). */
  unownedWhy: SpellReason = 'refused';
  /** Pending lapse of a need nobody works on (lapse.ts), -1 if none. */
  lapseHandle: EventHandle = -1;
  /** Turned down at its first leg and latent until it is applied for again (it may lapse meanwhile). */
  turnedDown = false;
  unownedA = -1;
  unownedB = -1;
  closedAt = -Infinity;

  constructor(user: number, index: number, spec: NeedSpecT) {
    this.user = user;
    this.index = index;
    this.spec = spec;
  }
}

export interface UserAttributes {
  age0: number;
  f0: number;
  relatives: boolean;
  crises: number[];
  deathT: number;
  moveT: number;
  ageOutT: number;
}

const RELEASED_NEEDS: Need[] = Object.freeze([]) as unknown as Need[];
const RELEASED_CRISES: readonly number[] = Object.freeze([]);

export class User {
  readonly id: number;
  readonly group: number;
  readonly g: UserGroupSpec;
  readonly arrival: number;
  readonly age0: number;
  readonly f0: number;
  readonly relatives: boolean;
  /** Crisis times, drawn at arrival up to the horizon; emptied when a lean run releases the user. */
  crises: readonly number[];
  readonly deathT: number;
  readonly moveT: number;
  readonly ageOutT: number;
  /** Emptied (a frozen empty list) when a lean run releases the user after they left. */
  needs: Need[] = [];
  /**
   * Needs of this user in state Unowned now, kept by betweenChairs.ts (setUnowned, clearUnowned:
   * the only ways into and out of that state; `--check` recounts it after every event). Model II
   * asks for it for every case every coordinator-week; counting the needs there was 6-10% of the
   * CPU profile (700k city, 2 years: coordination/install.ts 10.0% -> 2.2%). Bench, with the other
   * changes of 2026-12-07: 700k city 24.8 -> 24.1 CPU s (medians of 3 A/B pairs; paired ratio
   * 0.92); 50k not resolved (docs/performance.md, "Where the time goes").
   */
  unownedNeeds = 0;
  gains = 0;
  setbacks = 0;
  disengaged = false;
  exitTime = NaN;
  exitReason = -1;
  exitHandle: EventHandle = -1;
  recoverHandle: EventHandle = -1;
  crisisIndex = 0;

  constructor(id: number, group: number, g: UserGroupSpec, arrival: number, a: UserAttributes) {
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

  /**
   * Drops what only a present user needs: the needs and the crisis times (population.ts calls it
   * for a user who left, in a lean run). In the 100-year run of the 50,000-inhabitant
   * municipality the 39,535 users who had left held 65 MB of needs and crisis times
   * (docs/performance.md, "Memory in simulated time"). The lists are frozen, so a mechanism that still reached for them would
   * fail loudly, not read something else.
   */
  release(): void {
    this.needs = RELEASED_NEEDS;
    this.crises = RELEASED_CRISES;
  }

  ageAt(t: number): number {
    return this.age0 + (t - this.arrival) / 365;
  }

  /** Functional level at t: starting level plus gains, minus linear decline and decaying crisis drops (functioning.ts). */
  functionAt(t: number): number {
    return functionLevel(this, t);
  }

  /** Earliest time >= now at which the crisis-free trajectory falls below `thr` (Infinity if never). */
  crossingTime(thr: number, now: number): number {
    return crossingTime(this, thr, now);
  }
}

/** Where a need is counted in ServiceState.queuedByUrgency: its urgency if 1, 2 or 3, else 0. */
export function urgencyLevel(n: Need): number {
  const u = n.spec.urgency;
  return u === 1 || u === 2 || u === 3 ? u : 0;
}

export class ServiceState {
  readonly index: number;
  readonly spec: ServiceSpec;
  readonly accepts: Set<string>;
  readonly isTeam: boolean;
  baseCapacity: number;
  /** Case-work hours per week now: the base less the hours pulled back (team members) and last week's administration. */
  capacity: number;
  /** Hours a part-time team's home units pulled back this week (routing/team.ts). */
  pulledHours = 0;
  /** Administration of last week that takes this week's capacity (adminTime.ts). */
  adminHours = 0;
  used = 0;
  /** The intake queue, in order; needs join and leave it by enqueue, enqueueFront and removeQueuedAt. */
  queue: Need[] = [];
  /**
   * Needs in the queue by urgency (1-3 by the schema; index 0 counts any other value), kept by
   * enqueue, enqueueFront and removeQueuedAt, so an urgency queue knows its most urgent level
   * without a scan (service.ts, pick; `--check` recounts it after every event).
   */
  readonly queuedByUrgency: number[] = [0, 0, 0, 0];
  occupying = 0;
  /** Needs in the queue that a pathway station owner escalated (routing/pathway.ts). */
  escalated = 0;
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

  /** A need joins the back of the intake queue. */
  enqueue(n: Need): void {
    this.queue.push(n);
    this.queuedByUrgency[urgencyLevel(n)]++;
  }

  /** A need joins the front of the intake queue. */
  enqueueFront(n: Need): void {
    this.queue.unshift(n);
    this.queuedByUrgency[urgencyLevel(n)]++;
  }

  /** The need at place `i` leaves the intake queue. */
  removeQueuedAt(i: number): Need {
    const n = this.queue[i];
    // shift() for the head, where nearly every admission takes from: V8 trims the array's front in
    // place, where splice(0, 1) moves every element (a queue of 150: 4x faster in a micro-benchmark).
    if (i === 0) this.queue.shift();
    else this.queue.splice(i, 1);
    this.queuedByUrgency[urgencyLevel(n)]--;
    return n;
  }

  /**
   * The highest urgency of a need in the queue, from the counts; NaN when the counts cannot say
   * (a need of another urgency than 1-3 is queued, or a need joined the array directly).
   */
  topUrgency(): number {
    const c = this.queuedByUrgency;
    if (c[0] > 0 || c[1] + c[2] + c[3] !== this.queue.length) return NaN;
    return c[3] > 0 ? 3 : c[2] > 0 ? 2 : c[1] > 0 ? 1 : NaN;
  }

  recomputeCapacity(): void {
    this.capacity = Math.max(0, this.baseCapacity - this.pulledHours - this.adminHours);
  }
}

/** The named random streams of Model I; each purpose draws from its own (docs/model.md §1). */
export interface Streams {
  users: RandomStream;
  referral: RandomStream;
  handoff: RandomStream;
  service: RandomStream;
  decisions: RandomStream;
  team: RandomStream;
  /** Lapses, re-raises and their outcomes (lapse.ts, reRaise.ts). */
  spellEndings: RandomStream;
}

/**
 * Ids of Model I's event kinds, filled in by run.ts's one table when it registers the handlers.
 * A mechanism reads them when it schedules, never before the table is built.
 */
export interface EventIds {
  betweenChairsThreshold: number;
  exit: number;
  recovered: number;
  crisis: number;
  needOpen: number;
  referralCheck: number;
  refer: number;
  reapply: number;
  needReopen: number;
  resend: number;
  rediscover: number;
  referralArrived: number;
  noShowRetry: number;
  decided: number;
  ageLimit: number;
  workDone: number;
  adminWeek: number;
  lapse: number;
  reRaise: number;
  forum: number;
}

/** What every mechanism of Model I is handed. */
export interface World {
  readonly spec: MunicipalitySpec;
  /** Horizon and warm-up, days. */
  readonly T: number;
  readonly W: number;
  readonly sim: Scheduler;
  /** The run's random source (for streams created by name, e.g. per user group or by Model II). */
  readonly random: RandomSource;
  readonly streams: Streams;
  readonly calendar: WorkingCalendar;
  readonly rec: MunicipalityRecord;
  readonly trace: TraceLog;
  /**
   * A run that keeps only what the record and its metrics need (RunOptions.lean): no event log,
   * and users who left release their needs and crisis times. Its record is the same.
   */
  readonly lean: boolean;
  readonly users: User[];
  /** Services, including a design's own (the integrated team). */
  readonly services: ServiceState[];
  readonly serviceSpecs: ServiceSpec[];
  /** A service's index by its id (services and serviceSpecs are in index order). */
  readonly serviceIndex: ReadonlyMap<string, number>;
  readonly routing: Routing;
  readonly ev: EventIds;
  readonly hooks: Hooks;
}

/**
 * The functions mechanisms offer each other. run.ts fills this object once every mechanism is
 * built; a mechanism calls another only through it, never by import, so the arrows stay one way.
 */
export interface Ports {
  // staffTime.ts
  addHours(service: number, activity: Activity, t0: number, t1: number, hoursPerWeek: number): void;
  addLumpHours(service: number, activity: Activity, t: number, hours: number): void;
  // betweenChairs.ts
  setUnowned(u: User, n: Need, cause: Cause, a: number, b: number, keptBy?: SpellReason): void;
  clearUnowned(u: User, n: Need): void;
  /** Opens a between-chairs spell of `cause` for the user now (`need` -1: not a need of Model I); returns its row. */
  openSpell(uid: number, need: number, cause: Cause, a: number, b: number): number;
  closeSpell(row: number): void;
  /** What keeps the open spell in `row` without an owner now. */
  keepSpell(row: number, keptBy: SpellReason): void;
  // lapse.ts
  startLapse(u: User, n: Need): void;
  stopLapse(n: Need): void;
  /** The need ends without a service: it lapsed or was met elsewhere. */
  closeUnserved(u: User, n: Need, how: SpellEnding): void;
  // reRaise.ts
  startReRaise(u: User, n: Need): void;
  // reengagement.ts
  reengage(u: User): void;
  // population.ts
  createUser(group: number, initial: boolean): void;
  scheduleExit(u: User): void;
  exitUser(u: User, reason: ExitReason): void;
  maybeRecover(u: User): void;
  // needs.ts
  scheduleReferralCheck(u: User, n: Need, minDelay?: number): void;
  enterSystem(u: User, n: Need): void;
  scheduleReapply(n: Need): void;
  addSetback(u: User): void;
  followUp(u: User, usualDays: number): number;
  // handoff.ts
  sendReferral(u: User, n: Need, from: number, to: number): void;
  /** How much more often than the channel says news or a referral from `from` to `to` is lost: boundaries, ties, what `from` knows. */
  lossMultiplier(u: User, from: number, to: number): number;
  // forums.ts
  /** What service `s` knows of the others and of how to raise a case with them, 0-1. */
  knowledge(s: number): number;
  knowledgeMean(): number;
  // pushBack.ts
  /** A specialist service with no room sends the arriving need back to the municipality (true: it is on its way). */
  pushesBack(u: User, n: Need, s: ServiceState): boolean;
  // service.ts
  tryAdmit(s: ServiceState): void;
  occupy(n: Need, activity: Activity): void;
  release(n: Need): void;
  legOf(n: Need): LegPlan;
  legHours(n: Need): number;
  gammaDays(mean: number, cv: number): number;
  // assessment.ts
  startAssessment(s: ServiceState, u: User, n: Need): void;
  // planNews.ts
  planNews: PlanNews;
  // adminTime.ts
  bookAdmin(service: number, activity: Activity, hours: number): void;
  // relatives.ts
  /** The user's relatives still chase what nobody owns (not exhausted; false without relatives). */
  relativesChase(u: User): boolean;
  relativesCarry(u: User, hours: number): number;
}
