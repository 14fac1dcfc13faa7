import { bernoulli, exponential, uniform } from '../../../engine/distributions.js';
import type { RandomSource, RandomStream } from '../../../engine/random.js';
import type { EventHandle, EventKind, Scheduler } from '../../../engine/scheduler.js';
import type { CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import type { Cause } from '../causes.js';
import type { TraceKind } from '../trace.js';
import { CaseloadWeek, sumOf } from './caseloadWeek.js';
import { allocateWeek, ASK_COPING, CopingPolicies, SHARE_COPING, type WeekHours } from './coping.js';
import { rankPools, refusalProbability, type PoolCandidate } from './assignment.js';
import { COORD_ACTIVITIES, IP_STATES, REQUEST_KINDS, STRAIN_MODES, emptyCoordinationRecord, type CoordinationRecord, type RequestKind } from './coordinationRecord.js';
import { Coordinator } from './coordinator.js';
import { IndividualPlan } from './plan.js';
import { bilateralProbability, drawMeetingDelayDays } from './meetings.js';
import { nextStrain, experienceFactor, weeklyTurnoverProbability, type StrainWeek } from './strain.js';
import { AgencyTies, strengthen, weeklyDecay } from './ties.js';

/** What the coordinators need to know about the municipality model they sit on. */
export interface CoordinationHost {
  sim: Scheduler;
  random: RandomSource;
  horizonDays: number;
  warmupDays: number;
  serviceIds: readonly string[];
  groupIds: readonly string[];
  unownedThresholdDays: number;
  /** Hours in use / case-work capacity of a service now (1 if it has no capacity). */
  serviceLoad(service: number): number;
  /** Hours waiting in the service's intake queue / its weekly case-work capacity. */
  serviceBacklog(service: number): number;
  /** A coordinator took the case: chase the user's needs that no service owns. */
  chaseUnowned(user: number): void;
  userGroup(user: number): number;
  userAge(user: number): number;
  userHasRelatives(user: number): boolean;
  /** The user's active needs that no service owns now. */
  unownedNeeds(user: number): number;
  /** The service that would carry the user's largest need (-1 if none). */
  largestNeedService(user: number): number;
  addBetweenChairs(user: number, cause: Cause, start: number, serviceA: number, serviceB: number): void;
  trace(user: number, kind: TraceKind, service?: number, detail?: number): void;
}

/** A user owed (or given) an IP and a coordinator. */
class Client {
  readonly uid: number;
  coordinator: Coordinator | null = null;
  request: Request | null = null;
  readonly ip = new IndividualPlan();
  /** Services involved in the user's case so far (the responsibility group). */
  readonly services: number[] = [];
  assignedAt = NaN;
  firstContact = false;
  /** Own routine contact last week relative to the nominal (0-1): how soon problems are noticed. */
  attention = 0.5;
  urgentUntil = -Infinity;
  meetingHandle: EventHandle = -1;
  meetingRequested = NaN;
  meetingBilateral = false;
  orphanRow = -1;
  gone = false;

  constructor(uid: number) {
    this.uid = uid;
  }
}

interface Request {
  client: Client;
  kind: RequestKind;
  row: number;
  refusals: number;
  lastRefusedBy: number;
}

const URGENT_DAYS = 14; // a crisis makes a user urgent for two weeks (assumption)
const DIRECT = COORD_ACTIVITIES.indexOf('direct');
const TRAVEL = COORD_ACTIVITIES.indexOf('travel');
const COORDINATION = COORD_ACTIVITIES.indexOf('coordination');
const MEETINGS = COORD_ACTIVITIES.indexOf('meetings');
const DOCUMENTATION = COORD_ACTIVITIES.indexOf('documentation');
const NETWORKING = COORD_ACTIVITIES.indexOf('networking');

/**
 * Model II on top of Model I: coordinators as street-level bureaucrats (Lipsky) and boundary
 * spanners (Williams), the coordinating unit (KE), individual plans and responsibility groups.
 *
 * The municipality model calls in at the points where a coordinator matters: a user's first
 * referral (eligibility), each handoff (ties and plans cut turf, loss and delay), an unowned need
 * (the coordinator notices and chases it), a crisis (urgent work; an active plan is adjusted) and
 * exits. Everything else happens here, on a weekly time budget per coordinator and events for KE
 * meetings, responsibility-group meetings, turnover and vacancies. See docs/model.md, Model II.
 */
export class CoordinationLayer {
  readonly rec: CoordinationRecord;
  private readonly spec: CoordinationSpec;
  private readonly h: CoordinationHost;
  private readonly sim: Scheduler;
  private readonly rng: RandomStream;
  private readonly rKe: RandomStream;
  private readonly rMeet: RandomStream;
  private readonly rTurnover: RandomStream;
  private readonly rChase: RandomStream;
  private readonly coping: CopingPolicies;
  private readonly coordinators: Coordinator[] = [];
  private readonly clients = new Map<number, Client>();
  private readonly eligible = new Set<Client>();
  private queue: Request[] = [];
  private readonly agencyTies: AgencyTies;
  private readonly homeIndex: number[];
  private readonly nServices: number;
  private readonly evaluated = new Set<number>();
  private readonly WEEK: EventKind;
  private readonly KE_MEETING: EventKind;
  private readonly MEETING: EventKind;
  private readonly RETURN: EventKind;
  private readonly ORPHAN_RETURN: EventKind;
  private readonly FILL: EventKind;
  private readonly RELATIVES_ASK: EventKind;
  private readonly TRANSITION_CHECK: EventKind;
  private readonly KE_MEETING_ONCE: EventKind;
  // Scratch of the week, reused so that a week allocates nothing.
  private readonly cw = new CaseloadWeek();
  private readonly mine: Client[] = [];
  private readonly active: Coordinator[] = [];
  private readonly perPool: Int32Array;
  private readonly asked: WeekHours = { urgent: 0, meetings: 0, routine: 0, documentation: 0, networking: 0 };
  private readonly doneHours: WeekHours = { urgent: 0, meetings: 0, routine: 0, documentation: 0, networking: 0 };
  private readonly strainWeek: StrainWeek = { load: 0, caseload: 0, absorbed: 0, tenureYears: 0, hasPeers: false, postHours: 0 };

  constructor(spec: CoordinationSpec, host: CoordinationHost) {
    this.spec = spec;
    this.h = host;
    this.sim = host.sim;
    this.rng = host.random.stream('coordination');
    this.rKe = host.random.stream('coordinatingUnit');
    this.rMeet = host.random.stream('meetings');
    this.rTurnover = host.random.stream('turnover');
    this.rChase = host.random.stream('chase');
    this.rec = emptyCoordinationRecord(spec.pools.map((p) => p.id), spec.caseloadCollapse, spec.parallelSchemes.count);
    this.coping = new CopingPolicies(spec.coping, this.rng, this.rec.coping);
    this.nServices = host.serviceIds.length;
    this.agencyTies = new AgencyTies(this.nServices, spec.ties.initial);
    this.homeIndex = spec.pools.map((p) => (p.homeService === null ? -1 : host.serviceIds.indexOf(p.homeService)));
    this.perPool = new Int32Array(spec.pools.length);
    const rTenure = host.random.stream('tenure');
    spec.pools.forEach((p, pi) => {
      for (let i = 0; i < p.count; i++) this.hire(pi, uniform(rTenure, p.tenureYears.min, Math.max(p.tenureYears.min, p.tenureYears.max) + 1e-9));
    });

    const sim = this.sim;
    this.WEEK = sim.register('coordinationWeek', () => {
      this.week();
      if (sim.now + 7 <= host.horizonDays) sim.schedule(7, this.WEEK);
    });
    this.KE_MEETING = sim.register('keMeeting', () => {
      this.assignQueued();
      if (sim.now + spec.coordinatingUnit.cadenceDays <= host.horizonDays) sim.schedule(spec.coordinatingUnit.cadenceDays, this.KE_MEETING);
    });
    this.MEETING = sim.register('responsibilityGroupMeeting', (uid) => this.meetingHeld(this.clients.get(uid)!));
    this.RETURN = sim.register('assignmentReturned', (uid) => {
      const c = this.clients.get(uid)!;
      if (!c.gone && c.request) this.enqueue(c.request); // the refused request, on its way back
    });
    this.ORPHAN_RETURN = sim.register('orphanToKe', (uid) => {
      const c = this.clients.get(uid)!;
      if (!c.gone && c.coordinator === null && c.request === null) this.request(c, 'orphaned');
    });
    this.FILL = sim.register('postFilled', (pool) => {
      this.hire(pool, 0);
      if (spec.coordinatingUnit.assignment === 'continuous') this.assignQueued();
    });
    this.RELATIVES_ASK = sim.register('relativesAskForIp', (uid) => {
      const c = this.clients.get(uid)!;
      if (!c.gone && c.coordinator === null && c.request === null) this.request(c, 'new');
    });
    this.TRANSITION_CHECK = sim.register('transitionCheck', (uid, row) => {
      if (Number.isNaN(this.rec.orphans.end[row])) this.h.addBetweenChairs(uid, 'transitionGap', this.rec.orphans.start[row], -1, -1);
    });
    this.KE_MEETING_ONCE = sim.register('keAssignOnce', () => this.assignQueued());
    sim.schedule(0, this.WEEK, 0, 0, 1);
    if (spec.coordinatingUnit.assignment === 'meetings') sim.schedule(0, this.KE_MEETING, 0, 0, 1);
  }

  private get now(): number {
    return this.sim.now;
  }

  private inWindow(): boolean {
    return this.now >= this.h.warmupDays && this.now <= this.h.horizonDays;
  }

  private hire(pool: number, tenure: number): Coordinator {
    const c = new Coordinator(this.coordinators.length, pool, this.spec.pools[pool], this.now, tenure, this.nServices, this.spec.ties.initial);
    this.coordinators.push(c);
    const r = this.rec.coordinators;
    r.pool.push(pool);
    r.start.push(this.now);
    r.end.push(NaN);
    r.tenureAtStart.push(tenure);
    return c;
  }

  private client(uid: number): Client {
    let c = this.clients.get(uid);
    if (!c) {
      c = new Client(uid);
      this.clients.set(uid, c);
    }
    return c;
  }

  private globalLoad(): number {
    let s = 0;
    let k = 0;
    for (const c of this.coordinators)
      if (!c.gone) {
        s += c.load;
        k++;
      }
    return k > 0 ? s / k : Infinity;
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks called by the municipality model.

  /** A user's need enters the service system: the first time, decide whether they are owed an IP. */
  onNeedEntered(uid: number, needCount: number): void {
    if (this.evaluated.has(uid)) return;
    this.evaluated.add(uid);
    const el = this.spec.eligibility;
    if (needCount < el.minNeeds) return;
    if (el.groups.length > 0 && !el.groups.includes(this.h.groupIds[this.h.userGroup(uid)])) return;
    const c = this.client(uid);
    this.eligible.add(c);
    if (this.inWindow()) this.rec.eligibleUsers++;
    const ke = this.spec.coordinatingUnit;
    const cp = this.spec.coping;
    const reported = bernoulli(this.rKe, ke.reportProbability);
    // One draw decides: told at the base rate, unless load makes the coordinator keep quiet.
    const u = this.rKe.next();
    let informed = u < cp.informBase;
    const withhold = this.coping.enabled('withholdIp') && this.coping.overloaded(this.globalLoad());
    if (withhold && informed && u >= cp.informUnderLoad && this.coping.allowed('withholdIp')) informed = false;
    if (reported && informed) {
      if (this.inWindow()) this.rec.informedUsers++;
      this.request(c, 'new');
      return;
    }
    this.h.trace(uid, 'unmetRight');
    this.h.addBetweenChairs(uid, 'unmetRight', this.now, -1, -1);
    if (this.h.userHasRelatives(uid)) this.sim.schedule(exponential(this.rKe, this.spec.individualPlan.relativesAskAfterDays), this.RELATIVES_ASK, uid);
  }

  /** A referral for the user is sent to `to`: the service joins the user's responsibility group. */
  onReferral(uid: number, to: number): void {
    const c = this.clients.get(uid);
    if (c && to >= 0 && !c.services.includes(to)) c.services.push(to);
  }

  private tie(c: Client | undefined, from: number, to: number): number {
    const own = c?.coordinator ? c.coordinator.ties[to] : 0;
    return Math.max(own, this.agencyTies.get(from, to));
  }

  /** Multipliers on loss probabilities and delay of a handoff: ties and an active IP cut them. */
  handoffFactors(uid: number, from: number, to: number): { loss: number; delay: number } {
    const c = this.clients.get(uid);
    const t = this.tie(c, from, to);
    const ip = c ? c.ip.protection(this.spec.individualPlan.infoLossReduction) : 0;
    return { loss: (1 - this.spec.ties.lossReduction * t) * (1 - ip), delay: 1 - this.spec.ties.delayReduction * t };
  }

  /** Multiplier on a service's turf against this user's referral. */
  turfFactor(uid: number, from: number, to: number): number {
    const c = this.clients.get(uid);
    let f = 1 - this.spec.ties.turfReduction * this.tie(c, from, to);
    if (c?.coordinator) f = (f * (1 + this.spec.bufferTurfIncrease)) / c.coordinator.spec.legitimacy;
    return f;
  }

  /**
   * Days until the user's coordinator notices an unowned need or a lost referral and chases it:
   * at a routine contact, so less attention means later; a fighting coordinator chases at once and
   * hard, a fleeing one not at all. Infinity without a coordinator.
   */
  chaseDelay(uid: number): number {
    const c = this.clients.get(uid);
    const k = c?.coordinator;
    if (!c || !k || k.mode === 'flight') return Infinity;
    const interval = this.spec.work.contactIntervalDays;
    if (k.mode === 'fight') return exponential(this.rChase, interval / 2);
    if (c.attention < 0.05) return Infinity;
    return exponential(this.rChase, interval / c.attention);
  }

  /** A service refused the coordinated user's referral: the coordinator's advocacy was blocked. */
  onRefused(uid: number): void {
    const k = this.clients.get(uid)?.coordinator;
    if (!k) return;
    const s = this.spec.strain;
    k.strain = Math.min(1, k.strain + experienceFactor(s, k.tenureYears(this.now)) * s.blockedAdvocacy * (k.mode === 'fight' ? 2 : 1));
  }

  onCrisis(uid: number): void {
    const c = this.clients.get(uid);
    if (c) c.urgentUntil = this.now + URGENT_DAYS;
  }

  hasCoordinator(uid: number): boolean {
    return !!this.clients.get(uid)?.coordinator;
  }

  /** The coordinator id of a user, -1 if none (live view). */
  coordinatorOf(uid: number): number {
    return this.clients.get(uid)?.coordinator?.id ?? -1;
  }

  /** Coordinators in post now, for the live view: id, pool, caseload and strain. */
  inPost(): { id: number; pool: number; caseload: number; strain: number }[] {
    const out: { id: number; pool: number; caseload: number; strain: number }[] = [];
    for (const k of this.coordinators) if (!k.gone) out.push({ id: k.id, pool: k.pool, caseload: k.cases.length, strain: k.strain });
    return out;
  }

  /** A coordinator in contact with an active plan adjusts it after a crisis. */
  adjustsPlan(uid: number): boolean {
    const c = this.clients.get(uid);
    return !!c?.coordinator && c.ip.state === 'active' && c.attention >= 0.5;
  }

  onUserExit(uid: number): void {
    const c = this.clients.get(uid);
    if (!c) return;
    c.gone = true;
    this.eligible.delete(c);
    this.sim.cancel(c.meetingHandle);
    if (c.coordinator) this.release(c);
    if (c.request) {
      const i = this.queue.indexOf(c.request);
      if (i >= 0) this.queue.splice(i, 1);
      c.request = null;
    }
    this.closeOrphan(c);
  }

  /** Cross-checks for the end-of-run invariants. */
  check(): string[] {
    const problems: string[] = [];
    for (const k of this.coordinators) {
      if (k.gone && k.cases.length > 0) problems.push(`coordinator ${k.id} left but holds ${k.cases.length} cases`);
      if (k.spec.caseloadCap !== null && k.cases.length > k.spec.caseloadCap) problems.push(`coordinator ${k.id} holds ${k.cases.length} cases above the cap ${k.spec.caseloadCap}`);
      for (const uid of k.cases) if (this.clients.get(uid)?.coordinator !== k) problems.push(`coordinator ${k.id} lists user ${uid} who is not theirs`);
    }
    for (const c of this.clients.values()) {
      if (c.gone && (c.coordinator || c.request)) problems.push(`user ${c.uid} left but still has a coordinator or request`);
      if (c.coordinator && c.request) problems.push(`user ${c.uid} has a coordinator and a pending request`);
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // The coordinating unit: requests, assignment, refusals.

  private request(c: Client, kind: RequestKind): void {
    const r = this.rec.requests;
    const req: Request = { client: c, kind, row: r.user.length, refusals: 0, lastRefusedBy: -1 };
    r.user.push(c.uid);
    r.kind.push(REQUEST_KINDS.indexOf(kind));
    r.reported.push(this.now);
    r.assigned.push(NaN);
    r.refusals.push(0);
    this.h.trace(c.uid, 'coordinatorRequested', -1, REQUEST_KINDS.indexOf(kind));
    this.enqueue(req);
  }

  private enqueue(req: Request): void {
    req.client.request = req;
    // Orphaned cases and transitions go first: they already had a plan and a coordinator.
    if (req.kind === 'new') this.queue.push(req);
    else this.queue.unshift(req);
    if (this.spec.coordinatingUnit.assignment === 'continuous') this.assignQueued();
  }

  private assigning = false;

  private assignQueued(): void {
    if (this.assigning) return;
    this.assigning = true;
    const pending = this.queue;
    this.queue = [];
    for (const r of pending) if (!this.tryAssign(r)) this.queue.push(r);
    this.assigning = false;
  }

  /** One attempt to place a request; false if no coordinator is free (it keeps waiting). */
  private tryAssign(r: Request): boolean {
    const uid = r.client.uid;
    const age = this.h.userAge(uid);
    const group = this.h.groupIds[this.h.userGroup(uid)];
    const cands: PoolCandidate[] = [];
    const best = new Map<number, Coordinator>();
    for (const k of this.coordinators) {
      if (k.gone || k.atCap() || k.id === r.lastRefusedBy) continue;
      const p = k.spec;
      if (p.maxUserAgeYears !== null && age >= p.maxUserAgeYears) continue;
      const cur = best.get(k.pool);
      if (!cur || k.cases.length < cur.cases.length) best.set(k.pool, k);
    }
    // Load is compared per hour: a dedicated post carries more cases than a few add-on hours.
    const perHour = (k: Coordinator) => k.cases.length / Math.max(1e-9, k.nominalHours());
    {
    }
    if (best.size === 0) {
      if (r.lastRefusedBy < 0) return false;
      r.lastRefusedBy = -1; // only the coordinator who refused is free: ask again
      return this.tryAssign(r);
    }
    for (const [pool, k] of best) cands.push({ pool, homeService: this.homeIndex[pool], inNiche: k.spec.niche.length === 0 || k.spec.niche.includes(group), lowestCaseload: perHour(k) });
    const pick = rankPools(cands, this.h.largestNeedService(uid))[0];
    const k = best.get(pick.pool)!;
    const ke = this.spec.coordinatingUnit;
    // The coordinator's own discretion: an overloaded coordinator refuses cases outside the niche.
    if (!pick.inNiche && this.coping.uses('nicheRefusal', k.load)) {
      this.refuse(r, k, -1, k.load, false);
      return true;
    }
    // The unit leader protects a loaded unit, unless a council duty forbids refusing.
    const home = this.homeIndex[pick.pool];
    if (home >= 0 && !ke.councilDuty) {
      const load = this.h.serviceBacklog(home) / ke.fullBacklogWeeks;
      if (bernoulli(this.rKe, refusalProbability(ke.refuseBase, ke.refuseLoadExponent, load))) {
        if (!ke.authority) {
          this.refuse(r, k, home, load, false);
          return true;
        }
        this.recordRefusal(r, home, load, true); // KE overrides: the assignment stands, with unrest
        k.strain = Math.min(1, k.strain + this.spec.strain.blockedAdvocacy);
      }
    }
    this.assign(r, k);
    return true;
  }

  private recordRefusal(r: Request, service: number, load: number, overridden: boolean): void {
    const f = this.rec.refusals;
    f.time.push(this.now);
    f.user.push(r.client.uid);
    f.service.push(service);
    f.load.push(load);
    f.overridden.push(overridden);
  }

  private refuse(r: Request, k: Coordinator, service: number, load: number, overridden: boolean): void {
    this.recordRefusal(r, service, load, overridden);
    r.refusals++;
    this.rec.requests.refusals[r.row] = r.refusals;
    r.lastRefusedBy = k.id;
    this.h.trace(r.client.uid, 'assignmentRefused', service, k.id);
    if (r.refusals === this.spec.coordinatingUnit.returnedEventAfter) this.h.addBetweenChairs(r.client.uid, 'returnedAssignment', this.rec.requests.reported[r.row], service, -1);
    this.sim.schedule(exponential(this.rKe, Math.max(1e-9, this.spec.coordinatingUnit.returnDelayDays)), this.RETURN, r.client.uid);
  }

  private assign(r: Request, k: Coordinator): void {
    const c = r.client;
    c.request = null;
    c.coordinator = k;
    k.cases.push(c.uid);
    c.assignedAt = this.now;
    c.firstContact = false;
    c.attention = 0.5;
    this.rec.requests.assigned[r.row] = this.now;
    this.closeOrphan(c);
    this.h.trace(c.uid, 'coordinatorAssigned', this.homeIndex[k.pool], k.id);
    this.h.chaseUnowned(c.uid);
  }

  private release(c: Client): void {
    const k = c.coordinator!;
    k.cases.splice(k.cases.indexOf(c.uid), 1);
    c.coordinator = null;
    this.sim.cancel(c.meetingHandle);
    c.meetingHandle = -1;
    if (this.spec.coordinatingUnit.assignment === 'continuous' && this.queue.length > 0) this.sim.schedule(0, this.KE_MEETING_ONCE);
  }


  private openOrphan(c: Client, kind: 'orphaned' | 'transition'): number {
    const o = this.rec.orphans;
    c.orphanRow = o.user.length;
    o.user.push(c.uid);
    o.kind.push(REQUEST_KINDS.indexOf(kind));
    o.start.push(this.now);
    o.end.push(NaN);
    return c.orphanRow;
  }

  private closeOrphan(c: Client): void {
    if (c.orphanRow < 0) return;
    this.rec.orphans.end[c.orphanRow] = this.now;
    c.orphanRow = -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Turnover and vacancies.

  private leave(k: Coordinator): void {
    k.gone = true;
    this.rec.coordinators.end[k.id] = this.now;
    const x = this.rec.exits;
    if (this.inWindow()) {
      x.time.push(this.now);
      x.coordinator.push(k.id);
      x.caseload.push(k.cases.length);
    }
    for (const uid of [...k.cases]) {
      const c = this.clients.get(uid)!;
      this.release(c);
      this.openOrphan(c, 'orphaned');
      this.h.trace(uid, 'caseOrphaned', this.homeIndex[k.pool], k.id);
      this.h.addBetweenChairs(uid, 'orphanedCase', this.now, this.homeIndex[k.pool], -1);
      const d = this.spec.coordinatingUnit.reassignmentDelayDays;
      this.sim.schedule(d > 0 ? exponential(this.rTurnover, d) : 0, this.ORPHAN_RETURN, uid);
    }
    const v = this.spec.coordinatingUnit.vacancyDays;
    const t = v > 0 ? exponential(this.rTurnover, v) : 0;
    if (this.now + t <= this.h.horizonDays) this.sim.schedule(t, this.FILL, k.pool);
  }

  // ---------------------------------------------------------------------------------------------
  // Responsibility-group reviews.

  private requestReview(c: Client, k: Coordinator): void {
    const ip = this.spec.individualPlan;
    if (k.mode === 'flight') {
      c.ip.nextReviewAt = this.now + ip.reviewEveryDays; // withdrawn: no review, the plan drifts towards stale
      return;
    }
    const rg = this.spec.responsibilityGroup;
    const drift = this.coping.enabled('bilateralDrift');
    const p = bilateralProbability(rg.bilateralBase, k.load, this.spec.coping.loadThreshold, drift);
    const u = this.rMeet.next();
    let bilateral = u < rg.bilateralBase;
    // A bilateral round chosen only because of load is the drift's doing: supervision may stop it.
    if (!bilateral && u < p && this.coping.allowed('bilateralDrift')) bilateral = true;
    const n = c.services.length + 2; // the services, the user (or relatives) and the coordinator
    const delay = drawMeetingDelayDays(this.rMeet, bilateral ? 2 : n, rg);
    c.meetingRequested = this.now;
    c.meetingBilateral = bilateral;
    c.ip.nextReviewAt = Infinity;
    c.meetingHandle = this.sim.schedule(delay, this.MEETING, c.uid);
  }

  private meetingHeld(c: Client): void {
    c.meetingHandle = -1;
    const k = c.coordinator;
    const ip = this.spec.individualPlan;
    if (c.gone || !k) return;
    const rg = this.spec.responsibilityGroup;
    const nServ = Math.max(1, c.services.length);
    const n = c.services.length + 2;
    const hours = c.meetingBilateral ? rg.bilateralHours * nServ : rg.meetingHours + rg.organiseHoursPerParticipant * n;
    k.committedMeetingHours += hours;
    k.newDocumentationHours += ip.reviseHours;
    for (const s of c.services) k.ties[s] = strengthen(k.ties[s], hours / nServ, this.spec.ties.gainPerHour);
    if (!c.meetingBilateral) this.agencyTies.meet(c.services, this.spec.ties.meetingGain);
    c.ip.revisionPending = true;
    c.ip.nextReviewAt = this.now + ip.reviewEveryDays;
    const kk = this.spec.parallelSchemes.count;
    if (this.inWindow()) {
      const m = this.rec.meetings;
      m.user.push(c.uid);
      m.requested.push(c.meetingRequested);
      m.held.push(this.now);
      m.mode.push(c.meetingBilateral ? 1 : 0);
      m.participants.push(c.meetingBilateral ? 2 : n);
      this.rec.schemeTransfers += (kk * (kk - 1)) / 2;
    }
    this.h.trace(c.uid, 'meetingHeld', -1, c.meetingBilateral ? 1 : 0);
  }

  // ---------------------------------------------------------------------------------------------
  // The week: every coordinator's time budget, coping, plans, ties, strain, turnover.

  private week(): void {
    const now = this.now;
    const inW = this.inWindow();
    this.coping.counting = inW;
    const decay = weeklyDecay(this.spec.ties.halfLifeDays);
    this.agencyTies.decay(decay);
    for (const k of this.coordinators) if (!k.gone) for (let s = 0; s < k.ties.length; s++) k.ties[s] *= decay;

    const active = this.active;
    active.length = 0;
    for (const k of this.coordinators) if (!k.gone) active.push(k);
    // Peers: another coordinator in post in the same pool.
    const perPool = this.perPool;
    perPool.fill(0);
    for (const k of active) perPool[k.pool]++;
    for (const k of active) this.coordinatorWeek(k, perPool[k.pool] > 1, inW);

    // Eligible users without a coordinator: relatives carry the coordination; IP status shares.
    for (const c of this.eligible) {
      if (!c.coordinator && inW && this.h.userHasRelatives(c.uid)) this.rec.relativeHours += this.spec.relativeHoursPerWeek;
      c.ip.age(now, this.spec.individualPlan.staleAfterDays);
      if (inW) this.rec.ipWeeks[IP_STATES.indexOf(c.ip.state)]++;
    }
    if (inW) {
      const t = this.rec.ties;
      t.time.push(now);
      let s = 0;
      for (const k of active) {
        let tk = 0;
        for (let i = 0; i < k.ties.length; i++) tk += k.ties[i];
        s += tk / Math.max(1, k.ties.length);
      }
      t.coordinatorAgency.push(active.length > 0 ? s / active.length : NaN);
      t.agencyAgency.push(this.agencyTies.mean());
    }
    // Turnover, after the week's work.
    for (const k of active) if (bernoulli(this.rTurnover, weeklyTurnoverProbability(this.spec.turnover, k.strain))) this.leave(k);
    if (this.spec.coordinatingUnit.assignment === 'continuous' && this.queue.length > 0) this.assignQueued();
  }

  private coordinatorWeek(k: Coordinator, hasPeers: boolean, inW: boolean): void {
    const now = this.now;
    const w = this.spec.work;
    const cp = this.spec.coping;
    const ipSpec = this.spec.individualPlan;
    const kk = this.spec.parallelSchemes.count;
    const pairShare = (this.spec.parallelSchemes.pairHoursPerWeek * (kk - 1)) / 2;
    const home = this.homeIndex[k.pool];
    const H = k.availableHours(home >= 0 ? this.h.serviceLoad(home) : 0, w.homeReclaim);
    const clarity = k.clarity(now);
    const tenure = k.tenureYears(now);
    const cw = this.cw;
    const m = k.cases.length;
    cw.reserve(m);
    for (let i = 0; i < m; i++) cw.uid[i] = k.cases[i];

    // Age split: a user who outgrows the pool goes back to the KE (a transition).
    const maxAge = k.spec.maxUserAgeYears;
    if (maxAge !== null) {
      for (let i = 0; i < m; i++) {
        const c = this.clients.get(cw.uid[i])!;
        if (this.h.userAge(c.uid) < maxAge) continue;
        this.release(c);
        const row = this.openOrphan(c, 'transition');
        this.sim.schedule(this.h.unownedThresholdDays, this.TRANSITION_CHECK, c.uid, row);
        this.request(c, 'transition');
      }
    }
    const mine = this.mine;
    let n = 0;
    for (let i = 0; i < m; i++) {
      const c = this.clients.get(cw.uid[i])!;
      if (c.coordinator !== k) continue;
      cw.uid[n] = cw.uid[i];
      mine[n++] = c;
    }
    mine.length = n;
    cw.n = n;

    // What the week asks for.
    const { urgent, direct, travel, coord, delegated, routine, share } = cw;
    let absorbed = 0;
    let overServe = 0;
    let docAsk = 0;
    const over = w.overServe * (1 - clarity);
    for (let i = 0; i < n; i++) {
      const c = mine[i];
      const unowned = this.h.unownedNeeds(c.uid);
      absorbed += unowned;
      urgent[i] = (c.urgentUntil > now || unowned > 0 ? w.urgentHoursPerCase : 0) + w.absorbHoursPerNeed * unowned;
      direct[i] = w.directHoursPerCase * (1 + over) + (c.firstContact ? 0 : w.firstContactHours);
      overServe += w.directHoursPerCase * over;
      travel[i] = w.travelHoursPerCase;
      coord[i] = (w.coordinationHoursPerService * c.services.length) / kk + pairShare;
      delegated[i] = 0;
      cw.services[i] = c.services.length;
      cw.waiting[i] = c.firstContact ? 0 : 1;
      if (c.ip.state === 'none' && !c.ip.drafting && c.firstContact) {
        c.ip.startDraft(ipSpec.draftHours, false);
        k.newDocumentationHours += ipSpec.draftHours;
      }
      docAsk += w.documentationHoursPerCase + (c.ip.drafting ? c.ip.draftRemaining : 0) + (c.ip.revisionPending ? ipSpec.reviseHours : 0);
      if (inW) this.rec.otherSchemeHours += (w.coordinationHoursPerService * c.services.length * (kk - 1)) / kk + this.spec.parallelSchemes.pairHoursPerWeek * ((kk * (kk - 1)) / 2) - pairShare;
    }
    const networkAsk = w.networkingHoursPerWeek + k.spec.systemWorkHoursPerWeek;
    const asked = this.asked;
    asked.urgent = sumOf(urgent, n);
    asked.meetings = k.committedMeetingHours;
    asked.routine = sumOf(direct, n) + sumOf(travel, n) + sumOf(coord, n);
    asked.documentation = docAsk;
    asked.networking = networkAsk;
    const total = asked.urgent + asked.meetings + asked.routine + asked.documentation + asked.networking;
    const load = H > 0 ? total / H : total > 0 ? Infinity : 0;
    k.load = load;

    // Coping: each policy an overloaded coordinator may choose.
    const nominalDirect = w.directHoursPerCase;
    for (const mode of ASK_COPING) {
      const t = mode.times(cw);
      if (t > 0 && this.coping.uses(mode.policy, load, t)) mode.apply(cw, cp);
    }
    for (let i = 0; i < n; i++) routine[i] = direct[i] + travel[i] + coord[i];
    asked.routine = sumOf(routine, n);
    const done = allocateWeek(asked, H, this.coping.uses('dropOrder', load), this.doneHours);

    // Routine time per case: an equal share, unless a share mode (creaming) hands it out.
    const equal = asked.routine > 0 ? done.routine / asked.routine : 1;
    for (let i = 0; i < n; i++) share[i] = equal;
    cw.routineAsked = asked.routine;
    cw.routineDone = done.routine;
    for (const mode of SHARE_COPING) {
      const t = mode.times(cw);
      if (t > 0 && this.coping.uses(mode.policy, load, t)) mode.apply(cw, cp);
    }
    let directDone = 0;
    let travelDone = 0;
    let coordDone = 0;
    for (let i = 0; i < n; i++) {
      const c = mine[i];
      const d = direct[i] * share[i];
      directDone += d;
      travelDone += travel[i] * share[i];
      const cd = coord[i] * share[i];
      coordDone += cd;
      c.attention = nominalDirect > 0 ? Math.min(1, d / nominalDirect) : 1;
      if (!c.firstContact && (d > 0 || (w.firstContactHours === 0 && nominalDirect === 0))) {
        c.firstContact = true;
        if (inW) this.rec.firstContactDays.push(now - c.assignedAt);
      }
      if (c.services.length > 0 && cd > 0) for (const s of c.services) k.ties[s] = strengthen(k.ties[s], cd / c.services.length, this.spec.ties.gainPerHour);
    }
    if (done.networking > 0) for (let s = 0; s < k.ties.length; s++) k.ties[s] = strengthen(k.ties[s], done.networking / k.ties.length, this.spec.ties.gainPerHour);

    // Documentation: drafts first, then review write-ups, then notes.
    let doc = done.documentation;
    for (let i = 0; i < n; i++) {
      const c = mine[i];
      if (!c.ip.drafting) continue;
      if (c.ip.draftRemaining === ipSpec.draftHours && this.coping.uses('lightIp', load)) {
        c.ip.light = true;
        c.ip.draftRemaining = ipSpec.draftHours * cp.lightIpFactor;
        k.newDocumentationHours -= ipSpec.draftHours * (1 - cp.lightIpFactor);
      }
      const wasDrafting = c.ip.drafting;
      doc -= c.ip.workOnDraft(doc, now);
      if (wasDrafting && !c.ip.drafting) this.h.trace(c.uid, 'ipDrafted', -1, c.ip.light ? 1 : 0);
    }
    for (let i = 0; i < n; i++) {
      const c = mine[i];
      if (!c.ip.revisionPending) continue;
      if (doc >= ipSpec.reviseHours) {
        doc -= ipSpec.reviseHours;
        c.ip.revised(now, ipSpec.reviewEveryDays);
      } else if (this.coping.enabled('postHocPlans') && bernoulli(this.rng, cp.postHocShare) && this.coping.allowed('postHocPlans')) {
        c.ip.postHoc(now, ipSpec.reviewEveryDays);
      }
    }
    // Reviews due: convene the responsibility group (or bilateral contacts).
    for (let i = 0; i < n; i++) {
      const c = mine[i];
      c.ip.age(now, ipSpec.staleAfterDays);
      if (c.ip.state !== 'none' && now >= c.ip.nextReviewAt && !this.sim.isPending(c.meetingHandle)) this.requestReview(c, k);
    }

    // Strain, and fight or flight once it is high.
    const sw = this.strainWeek;
    sw.load = load;
    sw.caseload = n;
    sw.absorbed = absorbed;
    sw.tenureYears = tenure;
    sw.hasPeers = hasPeers;
    sw.postHours = k.nominalHours();
    k.strain = nextStrain(k.strain, sw, this.spec.strain);
    if (k.mode === 'normal' && k.strain > cp.fightFlightStrain && this.coping.enabled('fightFlight') && this.coping.allowed('fightFlight')) {
      k.mode = bernoulli(this.rng, Math.min(1, cp.fightShare * 2 * clarity)) ? 'fight' : 'flight';
    } else if (k.mode !== 'normal' && k.strain < cp.fightFlightStrain - 0.1) k.mode = 'normal';

    if (inW) {
      const hrs = this.rec.hours;
      const dem = this.rec.demandedHours;
      hrs[DIRECT] += done.urgent + directDone;
      hrs[TRAVEL] += travelDone;
      hrs[COORDINATION] += coordDone;
      hrs[MEETINGS] += done.meetings;
      hrs[DOCUMENTATION] += done.documentation;
      hrs[NETWORKING] += done.networking;
      dem[DIRECT] += asked.urgent + sumOf(direct, n) + sumOf(delegated, n);
      dem[TRAVEL] += sumOf(travel, n);
      dem[COORDINATION] += sumOf(coord, n);
      dem[MEETINGS] += asked.meetings;
      // New documentation work this week (notes, drafts begun, reviews to write up), not the backlog.
      dem[DOCUMENTATION] += w.documentationHoursPerCase * n + k.newDocumentationHours;
      dem[NETWORKING] += asked.networking;
      this.rec.urgentHours.demanded += asked.urgent;
      this.rec.urgentHours.done += done.urgent;
      const wk = this.rec.weeks;
      wk.time.push(now);
      wk.coordinator.push(k.id);
      wk.caseload.push(n);
      wk.available.push(H);
      wk.demanded.push(total);
      wk.done.push(done.urgent + done.meetings + done.routine + done.documentation + done.networking);
      wk.strain.push(k.strain);
      wk.overServe.push(overServe * (asked.routine > 0 ? done.routine / asked.routine : 1));
      wk.mode.push(STRAIN_MODES.indexOf(k.mode));
      wk.tenure.push(tenure);
    }
    k.committedMeetingHours = 0;
    k.newDocumentationHours = 0;
  }
}
