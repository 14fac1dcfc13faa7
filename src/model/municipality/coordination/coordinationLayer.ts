// Model II as one object for the municipality model: builds the coordination mechanisms, wires their ports, holds the event table.
// No model rule here: each rule of docs/model.md §11 is in the mechanism file named for it (see the class comment).
import type { RandomSource } from '../../../engine/random.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import type { Cause } from '../causes.js';
import type { TraceKind } from '../trace.js';
import { Assignment } from './assignment.js';
import { Contact } from './contact.js';
import { ASK_COPING, CopingPolicies, SHARE_COPING } from './coping.js';
import { emptyCoordinationRecord, type CoordinationRecord } from './coordinationRecord.js';
import { Roster } from './coordinator.js';
import { Eligibility } from './eligibility.js';
import { Meetings } from './meetings.js';
import { Plans } from './plan.js';
import type { Ports } from './ports.js';
import { Strain } from './strain.js';
import { Ties } from './ties.js';
import { Week } from './week.js';
import type { CoordinationEvents, CoordinationWorld } from './world.js';

/** What the coordinators need to know about the municipality model they sit on. */
export interface CoordinationHost {
  sim: Scheduler;
  random: RandomSource;
  horizonDays: number;
  warmupDays: number;
  serviceIds: readonly string[];
  groupIds: readonly string[];
  /** Hours in use / case-work capacity of a service now (1 if it has no capacity). */
  serviceLoad(service: number): number;
  /** Hours waiting in the service's intake queue / its weekly case-work capacity. */
  serviceBacklog(service: number): number;
  /** A coordinator took the case: chase the user's needs that no service owns. */
  chaseUnowned(user: number): void;
  userGroup(user: number): number;
  userAge(user: number): number;
  userHasRelatives(user: number): boolean;
  /** The user's relatives carried `hours` of coordination this week (Model I's relatives.ts drains their strength). */
  relativesCarry(user: number, hours: number): number;
  /** The user's active needs that no service owns now. */
  unownedNeeds(user: number): number;
  /** The service that would carry the user's largest need (-1 if none). */
  largestNeedService(user: number): number;
  /**
   * A between-chairs spell of `cause` opens now for the user (the case lost its owner); returns its
   * row. Model I's one rule makes it an event if it is still open `unownedThresholdDays` later.
   */
  openSpell(user: number, cause: Cause, serviceA: number, serviceB: number): number;
  /** The spell in `row` ends now: someone holds the case again, or the user left. */
  closeSpell(row: number): void;
  trace(user: number, kind: TraceKind, service?: number, detail?: number): void;
}

/**
 * Model II on top of Model I: coordinators as street-level bureaucrats (Lipsky) and boundary
 * spanners (Williams), the coordinating unit (KE), individual plans and responsibility groups.
 *
 * The municipality model calls in at the points where a coordinator matters: a user's first
 * referral (eligibility), each handoff (ties and plans cut turf, loss and delay), an unowned need
 * (the coordinator notices and chases it), a crisis (urgent work; an active plan is adjusted) and
 * exits. This class only routes those calls and the events to the mechanisms:
 *
 * - eligibility.ts  who is owed an IP, reporting, the coordinator telling of the IP (or withholding it), relatives and users asking
 * - assignment.ts   the KE: requests, queue, assignment, refusals, returns, orphans, age splits
 * - coordinator.ts  posts and their hours, role clarity, hiring, turnover, vacancies
 * - week.ts         the weekly time budget (caseloadWeek.ts holds its per-case columns)
 * - coping.ts       the discretion gate and the caseload coping modes
 * - contact.ts      first contact, attention, chasing unowned needs, urgency after a crisis
 * - plan.ts         individual plans: draft, write-up, post hoc, stale, protection
 * - meetings.ts     responsibility groups: reviews, the meeting-size law, bilateral drift
 * - ties.ts         boundary spanning: ties and their effect on handoffs and turf
 * - strain.ts       strain, blocked advocacy, fight or flight
 *
 * Mechanisms do not import each other; each owns the state it writes and calls others through
 * the narrow ports of ports.ts, wired here. See docs/model.md, Model II.
 */
export class CoordinationLayer {
  readonly rec: CoordinationRecord;
  private readonly world: CoordinationWorld;
  private readonly coping: CopingPolicies;
  private readonly roster: Roster;
  private readonly assignment: Assignment;
  private readonly eligibility: Eligibility;
  private readonly contact: Contact;
  private readonly plans: Plans;
  private readonly meetings: Meetings;
  private readonly ties: Ties;
  private readonly strain: Strain;
  private readonly week: Week;

  constructor(spec: CoordinationSpec, host: CoordinationHost) {
    const sim = host.sim;
    // Stream creation order is part of the run's provenance: keep it.
    const streams = {
      coordination: host.random.stream('coordination'),
      coordinatingUnit: host.random.stream('coordinatingUnit'),
      meetings: host.random.stream('meetings'),
      turnover: host.random.stream('turnover'),
      chase: host.random.stream('chase'),
      tenure: host.random.stream('tenure'),
      rights: host.random.stream('rights'),
      discretion: host.random.stream('discretion'),
    };
    this.rec = emptyCoordinationRecord(spec.pools.map((p) => p.id), spec.caseloadCollapse, spec.parallelSchemes.count);
    const T = host.horizonDays;

    // THE table of Model II's events, in registration order, and the mechanism that handles each.
    const events: CoordinationEvents = {
      week: sim.register('coordinationWeek', () => {
        this.weekly();
        if (sim.now + 7 <= T) sim.schedule(7, events.week);
      }),
      keMeeting: sim.register('keMeeting', () => this.assignment.keMeeting()),
      meeting: sim.register('responsibilityGroupMeeting', (uid) => this.meetings.held(uid)),
      returned: sim.register('assignmentReturned', (uid) => this.assignment.returned(uid)),
      orphanReturn: sim.register('orphanToKe', (uid) => this.assignment.orphanReturn(uid)),
      postFilled: sim.register('postFilled', (pool) => {
        this.roster.fill(pool);
        this.assignment.afterPostFilled();
      }),
      relativesAsk: sim.register('relativesAskForIp', (uid) => this.eligibility.relativesAsk(uid)),
      keAssignOnce: sim.register('keAssignOnce', () => this.assignment.assignQueued()),
    };
    const world: CoordinationWorld = {
      sim,
      spec,
      rec: this.rec,
      streams,
      events,
      horizonDays: T,
      inWindow: () => sim.now >= host.warmupDays && sim.now <= T,
    };
    this.world = world;

    // Ports are filled before the first event; the mechanisms call each other only through them.
    const ports = {
      host,
      hired: (k: number) => {
        this.coping.addPost(k);
        this.assignment.addPost(k);
        this.ties.addPost(k);
        this.strain.addPost(k);
        this.week.addPost(k);
      },
      enrol: (uid: number) => {
        this.assignment.enrol(uid);
        this.contact.enrol(uid);
        this.plans.enrol(uid);
        this.meetings.enrol(uid);
      },
    } as Ports;
    ports.coping = this.coping = new CopingPolicies(
      spec.coping,
      streams.coordination,
      this.rec.coping,
      { clarity: (k) => this.roster.posts[k].clarity(sim.now), strain: (k) => this.strain.strainOf(k) },
      streams.discretion,
    );
    ports.roster = this.roster = new Roster(world, host.serviceIds, ports);
    ports.assignment = this.assignment = new Assignment(world, ports);
    ports.contact = this.contact = new Contact(world, ports);
    ports.plans = this.plans = new Plans(world, ports);
    ports.meetings = this.meetings = new Meetings(world, ports);
    ports.ties = this.ties = new Ties(world, host.serviceIds.length, ports);
    ports.strain = this.strain = new Strain(world, ports);
    ports.week = this.week = new Week(world, ports, { ask: ASK_COPING, share: SHARE_COPING });
    ports.eligibility = this.eligibility = new Eligibility(world, ports);

    this.roster.hireInitial();
    sim.schedule(0, events.week, 0, 0, 1);
    if (spec.coordinatingUnit.assignment === 'meetings') sim.schedule(0, events.keMeeting, 0, 0, 1);
  }

  /** Every 7 days: ties decay, each coordinator's week, relatives and plan status, turnover after the work. */
  private weekly(): void {
    const inW = this.world.inWindow();
    this.coping.counting = inW;
    this.ties.decayWeek();
    this.week.run(inW);
    this.eligibility.relativesWeek(inW);
    this.plans.countWeek(this.eligibility.users(), inW);
    this.ties.recordWeek(inW);
    this.roster.turnoverWeek();
    this.assignment.afterWeek();
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks called by the municipality model.

  /** A user's need enters the service system: the first time, decide whether they are owed an IP. */
  onNeedEntered(uid: number, needCount: number): void {
    this.eligibility.onNeedEntered(uid, needCount);
  }

  /** A referral for the user is sent to `to`: the service joins the user's responsibility group. */
  onReferral(uid: number, to: number): void {
    this.meetings.addService(uid, to);
  }

  /** Multipliers on loss probabilities and delay of a handoff: ties and an active IP cut them. */
  handoffFactors(uid: number, from: number, to: number): { loss: number; delay: number } {
    const f = this.ties.handoffFactors(uid, from, to);
    // Visits delegated lately: the colleague who made them lacks the overview (Florell 2022).
    if (this.contact.recentlyDelegated(uid)) f.loss *= 1 + this.world.spec.coping.discretion.delegationLossRise;
    return f;
  }

  /** Multiplier on a service's turf against this user's referral. */
  turfFactor(uid: number, from: number, to: number): number {
    return this.ties.turfFactor(uid, from, to);
  }

  /**
   * Days until the user's coordinator notices an unowned need or a lost referral and chases it:
   * at a routine contact, so less attention means later; a fighting coordinator chases at once and
   * hard, a fleeing one not at all. Infinity without a coordinator.
   */
  chaseDelay(uid: number): number {
    return this.contact.chaseDelay(uid);
  }

  /** A service refused the coordinated user's referral: the coordinator's advocacy was blocked. */
  onRefused(uid: number): void {
    const k = this.assignment.coordinatorOf(uid);
    if (k >= 0) this.strain.advocacyBlocked(k);
  }

  onCrisis(uid: number): void {
    this.contact.onCrisis(uid);
  }

  hasCoordinator(uid: number): boolean {
    return this.assignment.hasCoordinator(uid);
  }

  /** The coordinator id of a user, -1 if none (live view). */
  coordinatorOf(uid: number): number {
    return this.assignment.coordinatorOf(uid);
  }

  /** Coordinators in post now, for the live view: id, pool, caseload and strain. */
  inPost(): { id: number; pool: number; caseload: number; strain: number }[] {
    const out: { id: number; pool: number; caseload: number; strain: number }[] = [];
    for (const k of this.roster.posts) if (!k.gone) out.push({ id: k.id, pool: k.pool, caseload: this.assignment.caseload(k.id).length, strain: this.strain.strainOf(k.id) });
    return out;
  }

  /** A coordinator in contact with an active plan adjusts it after a crisis. */
  adjustsPlan(uid: number): boolean {
    return this.plans.adjustsPlan(uid);
  }

  onUserExit(uid: number): void {
    this.eligibility.onUserExit(uid);
    this.meetings.onUserExit(uid);
    this.assignment.onUserExit(uid);
  }

  /** Cross-checks for the end-of-run invariants. */
  check(): string[] {
    return this.assignment.check();
  }
}
