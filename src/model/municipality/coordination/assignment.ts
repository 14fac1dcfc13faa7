// The coordinating unit (koordinerende enhet, KE): requests, the queue, assignment, unit-leader refusals, returns, orphans.
// Sources: Systad 2021 (meetings every 14 days, the largest need first, refusals, authority, council duty, lists not updated); Rorgemoen 2020 (niche refusal).
import { bernoulli, exponential } from '../../../engine/distributions.js';
import { pow } from '../../../engine/detmath.js';
import { ByUser } from './byUser.js';
import { REQUEST_KINDS, type RequestKind } from './coordinationRecord.js';
import type { Coordinator } from './coordinator.js';
import { PostsWithRoom } from './postsWithRoom.js';
import type { AssignmentPort, Ports } from './ports.js';
import type { CoordinationWorld } from './world.js';

/**
 * p = base + (1 - base) x backlog^k (Systad 2021: pressed units refuse), where backlog is the hours
 * waiting in the unit's intake queue as a share of its weekly case-work hours, clipped to [0, 1]:
 * a unit with a week's work waiting refuses every assignment.
 */
export function refusalProbability(base: number, exponent: number, backlog: number): number {
  const l = Math.min(1, Math.max(0, backlog));
  return base + (1 - base) * pow(l, exponent);
}

export interface PoolCandidate {
  pool: number;
  homeService: number;
  /** The pool prefers the user's group (or has no niche). */
  inNiche: boolean;
  /** Lowest caseload per weekly coordination hour among its available coordinators. */
  lowestCaseload: number;
}

/**
 * Orders candidate pools for a request: candidates come from the service with the largest need
 * (Systad 2021), then the pool whose niche fits the user, then the least loaded.
 */
export function rankPools(candidates: PoolCandidate[], largestNeedService: number): PoolCandidate[] {
  const score = (c: PoolCandidate) => (c.homeService === largestNeedService && largestNeedService >= 0 ? 0 : 2) + (c.inNiche ? 0 : 1);
  return [...candidates].sort((a, b) => score(a) - score(b) || a.lowestCaseload - b.lowestCaseload || a.pool - b.pool);
}

/** Who coordinates one user owed an IP, and what the KE holds for them. */
interface Placement {
  readonly uid: number;
  /** Coordinator id, -1 if none. */
  coordinator: number;
  request: Request | null;
  /** Row of the open orphan or transition spell in `rec.orphans`, -1 if none. */
  orphanRow: number;
  /** Row of the user's open between-chairs spell (orphaned case, transition gap, returned assignment), -1 if none. */
  spellRow: number;
  gone: boolean;
}

interface Request {
  placement: Placement;
  kind: RequestKind;
  row: number;
  refusals: number;
  lastRefusedBy: number;
}

/**
 * The KE. Requests queue (orphaned and age-transition cases first) and are assigned at once
 * (`continuous`) or at KE meetings every `cadenceDays`. Candidates are the coordinators below
 * their cap whose pool's age limit the user is under, ranked by `rankPools`. An overloaded
 * coordinator may refuse a case outside the niche (coping mode `nicheRefusal`); the home unit's
 * leader refuses with `refusalProbability` unless a council duty forbids it, and KE authority
 * overrides a refusal. A refused request comes back after exponential(`returnDelayDays`).
 * Owns the caseloads (indexed by coordinator id) and writes `rec.requests`, `rec.refusals`,
 * `rec.orphans`.
 */
export class Assignment implements AssignmentPort {
  private readonly byUser = new ByUser<Placement>();
  private readonly caseloads: number[][] = [];
  private queue: Request[] = [];
  private assigning = false;
  /** tryAssign's scratch: the best candidate per pool (null between calls) and the pools met. */
  private readonly bestOfPool: Array<Readonly<Coordinator> | null> = [];
  private readonly poolsMet: number[] = [];
  /** The posts that may have room (postsWithRoom.ts); told of every change that can give a post room. */
  private readonly withRoom = new PostsWithRoom();
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'roster' | 'strain' | 'week' | 'contact' | 'meetings' | 'coping' | 'host'>;

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'roster' | 'strain' | 'week' | 'contact' | 'meetings' | 'coping' | 'host'>) {
    this.world = world;
    this.ports = ports;
  }

  private get continuous(): boolean {
    return this.world.spec.coordinatingUnit.assignment === 'continuous';
  }

  addPost(k: number): void {
    if (k !== this.caseloads.length) throw new Error(`assignment: coordinator ${k} hired out of order`);
    this.caseloads.push([]);
    this.withRoom.changed();
  }

  enrol(uid: number): void {
    this.byUser.set(uid, { uid, coordinator: -1, request: null, orphanRow: -1, spellRow: -1, gone: false });
  }

  coordinatorOf(uid: number): number {
    return this.byUser.get(uid)?.coordinator ?? -1;
  }

  hasCoordinator(uid: number): boolean {
    return this.coordinatorOf(uid) >= 0;
  }

  caseload(k: number): readonly number[] {
    return this.caseloads[k];
  }

  unplaced(uid: number): boolean {
    const c = this.byUser.get(uid)!;
    return !c.gone && c.coordinator < 0 && c.request === null;
  }

  isGone(uid: number): boolean {
    return this.byUser.get(uid)!.gone;
  }

  private atCap(k: Readonly<Coordinator>): boolean {
    return k.spec.caseloadCap !== null && this.caseloads[k.id].length >= k.spec.caseloadCap;
  }

  // --- Events -----------------------------------------------------------------------------------

  /** A KE allocation meeting (assignment "meetings"): every queued request is tried. */
  keMeeting(): void {
    this.assignQueued();
    const cadence = this.world.spec.coordinatingUnit.cadenceDays;
    if (this.world.sim.now + cadence <= this.world.horizonDays) this.world.sim.schedule(cadence, this.world.events.keMeeting);
  }

  /** A refused request is back at the KE. */
  returned(uid: number): void {
    const c = this.byUser.get(uid)!;
    if (!c.gone && c.request) this.enqueue(c.request);
  }

  /** An orphaned case reaches the KE (lists are not updated at once). */
  orphanReturn(uid: number): void {
    if (this.unplaced(uid)) this.request(uid, 'orphaned');
  }

  /** With continuous assignment a filled post or a freed place takes waiting requests at once. */
  afterPostFilled(): void {
    if (this.continuous) this.assignQueued();
  }

  afterWeek(): void {
    if (this.continuous && this.queue.length > 0) this.assignQueued();
  }

  // --- Requests and assignment ------------------------------------------------------------------

  request(uid: number, kind: RequestKind): void {
    const { rec, sim } = this.world;
    const r = rec.requests;
    const req: Request = { placement: this.byUser.get(uid)!, kind, row: r.user.length, refusals: 0, lastRefusedBy: -1 };
    r.user.push(uid);
    r.kind.push(REQUEST_KINDS.indexOf(kind));
    r.reported.push(sim.now);
    r.assigned.push(NaN);
    r.refusals.push(0);
    this.ports.host.trace(uid, 'coordinatorRequested', -1, REQUEST_KINDS.indexOf(kind));
    this.enqueue(req);
  }

  private enqueue(req: Request): void {
    req.placement.request = req;
    // Orphaned cases and transitions go first: they already had a plan and a coordinator.
    if (req.kind === 'new') this.queue.push(req);
    else this.queue.unshift(req);
    if (this.continuous) this.assignQueued();
  }

  assignQueued(): void {
    if (this.assigning) return;
    this.assigning = true;
    if (this.anyPostWithRoom()) {
      const pending = this.queue;
      this.queue = [];
      for (const r of pending) if (!this.tryAssign(r)) this.queue.push(r);
    } else {
      // Every post is gone or at its cap, and nothing below changes that: each request fails as
      // tryAssign would fail it (a refusal is forgotten, it keeps its place in the same queue),
      // without scanning every post for every waiting request. With continuous assignment each
      // new request retries the whole queue, so in the 700k city (1,008 posts) that scan was
      // O(queue × posts) per request; tryAssign was 4% of the city's CPU profile. Measured with
      // byUser.ts: 50k, 10 years, 1.84 -> 1.74 CPU s in an A/B (docs/performance.md).
      for (const r of this.queue) if (r.lastRefusedBy >= 0) r.lastRefusedBy = -1;
    }
    this.assigning = false;
  }

  /** Some post in post and below its cap: without one, no request can be placed. */
  private anyPostWithRoom(): boolean {
    for (const k of this.postsWithRoom()) if (!k.gone && !this.atCap(k)) return true;
    return false;
  }

  /** Every post that may have room now, in the roster's order (postsWithRoom.ts). */
  private postsWithRoom(): ReadonlyArray<Readonly<Coordinator>> {
    return this.withRoom.of(this.ports.roster.posts, this.hasRoom);
  }

  /** In post and below its cap (one function for the whole run, not one per call). */
  private readonly hasRoom = (k: Readonly<Coordinator>): boolean => !k.gone && !this.atCap(k);

  /** One attempt to place a request; false if no coordinator is free (it keeps waiting). */
  private tryAssign(r: Request): boolean {
    const { host, roster, coping, week, strain } = this.ports;
    const uid = r.placement.uid;
    const age = host.userAge(uid);
    const group = host.groupIds[host.userGroup(uid)];
    const cands: PoolCandidate[] = [];
    // The least loaded candidate of each pool, in the order the pools are first met (a Map before;
    // these scratch arrays allocate nothing per request; measured with the rest of the commit,
    // docs/performance.md, "Where the time goes").
    const best = this.bestOfPool;
    const pools = this.poolsMet;
    pools.length = 0;
    for (const k of this.postsWithRoom()) {
      if (k.gone || this.atCap(k) || k.id === r.lastRefusedBy) continue;
      const p = k.spec;
      if (p.maxUserAgeYears !== null && age >= p.maxUserAgeYears) continue;
      const cur = best[k.pool];
      if (cur === null || cur === undefined) {
        best[k.pool] = k;
        pools.push(k.pool);
      } else if (this.caseloads[k.id].length < this.caseloads[cur.id].length) best[k.pool] = k;
    }
    // Load is compared per hour: a dedicated post carries more cases than a few add-on hours.
    const perHour = (k: Readonly<Coordinator>) => this.caseloads[k.id].length / Math.max(1e-9, k.nominalHours());
    if (pools.length === 0) {
      if (r.lastRefusedBy < 0) return false;
      r.lastRefusedBy = -1; // only the coordinator who refused is free: ask again
      return this.tryAssign(r);
    }
    for (const pool of pools) {
      const k = best[pool]!;
      cands.push({ pool, homeService: roster.homeIndex[pool], inNiche: k.spec.niche.length === 0 || k.spec.niche.includes(group), lowestCaseload: perHour(k) });
    }
    const pick = rankPools(cands, host.largestNeedService(uid))[0];
    const k = best[pick.pool]!;
    for (const pool of pools) best[pool] = null;
    const ke = this.world.spec.coordinatingUnit;
    // The coordinator's own discretion: an overloaded coordinator refuses cases outside the niche.
    if (!pick.inNiche && coping.uses('nicheRefusal', k.id, week.loadOf(k.id))) {
      this.refuse(r, k, -1, week.loadOf(k.id), false);
      return true;
    }
    // The unit leader protects a loaded unit, unless a council duty forbids refusing.
    const home = roster.homeIndex[pick.pool];
    if (home >= 0 && !ke.councilDuty) {
      const load = host.serviceBacklog(home) / ke.fullBacklogWeeks;
      if (bernoulli(this.world.streams.coordinatingUnit, refusalProbability(ke.refuseBase, ke.refuseLoadExponent, load))) {
        if (!ke.authority) {
          this.refuse(r, k, home, load, false);
          return true;
        }
        this.recordRefusal(r, home, load, true); // KE overrides: the assignment stands, with unrest
        strain.overruled(k.id);
      }
    }
    this.assign(r, k);
    return true;
  }

  private recordRefusal(r: Request, service: number, load: number, overridden: boolean): void {
    const f = this.world.rec.refusals;
    f.time.push(this.world.sim.now);
    f.user.push(r.placement.uid);
    f.service.push(service);
    f.load.push(load);
    f.overridden.push(overridden);
  }

  private refuse(r: Request, k: Readonly<Coordinator>, service: number, load: number, overridden: boolean): void {
    const { rec, sim, spec, streams, events } = this.world;
    const uid = r.placement.uid;
    this.recordRefusal(r, service, load, overridden);
    r.refusals++;
    rec.requests.refusals[r.row] = r.refusals;
    r.lastRefusedBy = k.id;
    this.ports.host.trace(uid, 'assignmentRefused', service, k.id);
    // Returned repeatedly: from the returnedEventAfter-th refusal the case has lost the owner it was
    // about to get. A case already in a spell (orphaned, at a transition) keeps that spell's cause.
    const c = r.placement;
    if (r.refusals === spec.coordinatingUnit.returnedEventAfter && c.spellRow < 0) c.spellRow = this.ports.host.openSpell(uid, 'returnedAssignment', service, -1);
    sim.schedule(exponential(streams.coordinatingUnit, Math.max(1e-9, spec.coordinatingUnit.returnDelayDays)), events.returned, uid);
  }

  private assign(r: Request, k: Readonly<Coordinator>): void {
    const c = r.placement;
    c.request = null;
    c.coordinator = k.id;
    this.caseloads[k.id].push(c.uid);
    this.ports.contact.caseAssigned(c.uid);
    this.world.rec.requests.assigned[r.row] = this.world.sim.now;
    this.closeGap(c);
    this.ports.host.trace(c.uid, 'coordinatorAssigned', this.ports.roster.homeIndex[k.pool], k.id);
    this.ports.host.chaseUnowned(c.uid);
  }

  private release(c: Placement): void {
    const cases = this.caseloads[c.coordinator];
    cases.splice(cases.indexOf(c.uid), 1);
    this.withRoom.changed();
    c.coordinator = -1;
    this.ports.meetings.cancel(c.uid);
    if (this.continuous && this.queue.length > 0) this.world.sim.schedule(0, this.world.events.keAssignOnce);
  }

  // --- Orphans and transitions ------------------------------------------------------------------

  /**
   * The case lost its coordinator: an orphan or transition row, and a between-chairs spell that is
   * an event only if no successor takes over within the threshold (Model I's one rule).
   */
  private openOrphan(c: Placement, kind: 'orphaned' | 'transition', service: number): void {
    const o = this.world.rec.orphans;
    c.orphanRow = o.user.length;
    o.user.push(c.uid);
    o.kind.push(REQUEST_KINDS.indexOf(kind));
    o.start.push(this.world.sim.now);
    o.end.push(NaN);
    c.spellRow = this.ports.host.openSpell(c.uid, kind === 'orphaned' ? 'orphanedCase' : 'transitionGap', service, -1);
  }

  /** A successor took the case, or the user left: the orphan row and the spell end. */
  private closeGap(c: Placement): void {
    if (c.orphanRow >= 0) {
      this.world.rec.orphans.end[c.orphanRow] = this.world.sim.now;
      c.orphanRow = -1;
    }
    if (c.spellRow >= 0) {
      this.ports.host.closeSpell(c.spellRow);
      c.spellRow = -1;
    }
  }

  ageSplit(uid: number): void {
    const c = this.byUser.get(uid)!;
    this.release(c);
    this.openOrphan(c, 'transition', -1);
    this.request(uid, 'transition');
  }

  orphanCasesOf(k: Readonly<Coordinator>): void {
    const { sim, spec, streams, events } = this.world;
    const home = this.ports.roster.homeIndex[k.pool];
    for (const uid of [...this.caseloads[k.id]]) {
      const c = this.byUser.get(uid)!;
      this.release(c);
      this.openOrphan(c, 'orphaned', home);
      this.ports.host.trace(uid, 'caseOrphaned', home, k.id);
      const d = spec.coordinatingUnit.reassignmentDelayDays;
      sim.schedule(d > 0 ? exponential(streams.turnover, d) : 0, events.orphanReturn, uid);
    }
  }

  onUserExit(uid: number): void {
    const c = this.byUser.get(uid);
    if (!c) return;
    c.gone = true;
    if (c.coordinator >= 0) this.release(c);
    if (c.request) {
      const i = this.queue.indexOf(c.request);
      if (i >= 0) this.queue.splice(i, 1);
      c.request = null;
    }
    this.closeGap(c);
  }

  /** Cross-checks for the end-of-run invariants. */
  check(): string[] {
    const problems: string[] = [];
    for (const k of this.ports.roster.posts) {
      const cases = this.caseloads[k.id];
      if (k.gone && cases.length > 0) problems.push(`coordinator ${k.id} left but holds ${cases.length} cases`);
      if (k.spec.caseloadCap !== null && cases.length > k.spec.caseloadCap) problems.push(`coordinator ${k.id} holds ${cases.length} cases above the cap ${k.spec.caseloadCap}`);
      for (const uid of cases) if (this.byUser.get(uid)?.coordinator !== k.id) problems.push(`coordinator ${k.id} lists user ${uid} who is not theirs`);
    }
    for (const c of this.byUser.values()) {
      if (c.gone && (c.coordinator >= 0 || c.request)) problems.push(`user ${c.uid} left but still has a coordinator or request`);
      if (c.coordinator >= 0 && c.request) problems.push(`user ${c.uid} has a coordinator and a pending request`);
    }
    return problems;
  }
}
