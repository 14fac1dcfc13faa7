// Eligibility and reporting: who is owed an individual plan and a coordinator, whether the KE hears of them, whether the family hears of the plan, relatives' work.
// Sources: Florell 2022 (two or more services: the legal rule); Rorgemoen 2020 (a coordinator keeps the IP from a family because of their own workload; the right to a coordinator does not depend on the IP; relatives' "almost a full-time job").
import { bernoulli, exponential } from '../../../engine/distributions.js';
import type { EligibilityPort, Ports } from './ports.js';
import type { CoordinationWorld } from './world.js';

/**
 * When a user's first need enters the service system, a user with at least `minNeeds` needs (in
 * `eligibility.groups`, if given) is owed an IP and a coordinator.
 *
 * - **The coordinator.** The services report the user to the KE with `reportProbability`; a
 *   reported user is always requested a coordinator. Nothing about load withholds the coordinator
 *   (Rorgemoen 2020: the right to a coordinator stands apart from the IP).
 * - **The IP.** The assigned coordinator tells the family of the IP right at the first contact,
 *   with `informBase`; a coordinator whose *own* load last week was above `loadThreshold` may keep
 *   quiet (coping mode `withholdIp`): then only with `informUnderLoad` (Rorgemoen 2020: "that
 *   information they don't get from me, because I know it triggers an enormous amount of work").
 *   Each coordinator decides once per case, so a successor decides again.
 * - **Unmet right.** Not reported, or not told: an `unmetRight` spell (betweenChairs.ts: an event
 *   only if it outlasts the threshold). Relatives (users with relatives, after exponential
 *   `relativesAskAfterDays`) or the user (`userAsksAfterDays`) can still ask; that ends the spell,
 *   puts in a request if the user has no coordinator, and the plan is then drafted.
 *
 * While an eligible user has no coordinator, relatives carry `relativeHoursPerWeek`. Writes
 * `rec.eligibleUsers`, `rec.informedUsers`, `rec.relativeHours`.
 */
export class Eligibility implements EligibilityPort {
  /** Users whose eligibility was decided (at their first need). */
  private readonly evaluated = new Set<number>();
  /** Users owed an IP who are still present, in the order they became eligible. */
  private readonly present = new Set<number>();
  /** Users who became eligible inside the window (the denominator of `ipOfferedShare`). */
  private readonly eligibleInWindow = new Set<number>();
  /** Users offered the IP (told, or they asked), counted once. */
  private readonly offered = new Set<number>();
  /** Each family's draw that decides whether a coordinator tells it (drawn at eligibility). */
  private readonly informDraw = new Map<number, number>();
  /** Each family's unit-mean exponential draw for how long it takes to ask (drawn at eligibility). */
  private readonly askDraw = new Map<number, number>();
  /** The coordinator who last decided about telling the family, and what they decided. */
  private readonly decided = new Map<number, { by: number; told: boolean }>();
  /** Users (or their relatives) who asked for the right themselves. */
  private readonly asked = new Set<number>();
  /** Users whose ask is scheduled. */
  private readonly askPending = new Set<number>();
  /** The open `unmetRight` spell of each user whose right nobody has acted on. */
  private readonly unmet = new Map<number, number>();
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'assignment' | 'week' | 'coping' | 'roster' | 'host' | 'enrol'>;

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'assignment' | 'week' | 'coping' | 'roster' | 'host' | 'enrol'>) {
    this.world = world;
    this.ports = ports;
  }

  /** The users owed an IP who are present (read-only use). */
  users(): ReadonlySet<number> {
    return this.present;
  }

  /** A user's need enters the service system: the first time, decide whether they are owed an IP. */
  onNeedEntered(uid: number, needCount: number): void {
    if (this.evaluated.has(uid)) return;
    this.evaluated.add(uid);
    const { spec, rec, streams } = this.world;
    const { host } = this.ports;
    const el = spec.eligibility;
    if (needCount < el.minNeeds) return;
    if (el.groups.length > 0 && !el.groups.includes(host.groupIds[host.userGroup(uid)])) return;
    this.ports.enrol(uid);
    this.present.add(uid);
    if (this.world.inWindow()) {
      rec.eligibleUsers++;
      this.eligibleInWindow.add(uid);
    }
    // The user's own luck, always three draws in this order (streams.rights).
    const r = streams.rights;
    const reported = bernoulli(r, spec.coordinatingUnit.reportProbability);
    this.informDraw.set(uid, r.next());
    this.askDraw.set(uid, exponential(r, 1));
    if (reported) {
      this.ports.assignment.request(uid, 'new');
      return;
    }
    this.unmetRight(uid, -1);
  }

  /**
   * The coordinator `k` has had the first contact with `uid`: is the family offered the IP? Decided
   * once per coordinator and case, from the coordinator's own load last week (Rorgemoen 2020).
   */
  ipOffered(k: number, uid: number): boolean {
    if (this.asked.has(uid)) return true;
    const prev = this.decided.get(uid);
    if (prev !== undefined && prev.by === k) return prev.told;
    const { coping, week } = this.ports;
    const cp = this.world.spec.coping;
    // One draw per family decides: told at the base rate, unless this coordinator's load makes them keep quiet.
    const u = this.informDraw.get(uid)!;
    let told = u < cp.informBase;
    if (told && u >= cp.informUnderLoad && coping.enabled('withholdIp') && coping.overloaded(k, week.loadOf(k)) && coping.allowed('withholdIp')) told = false;
    this.decided.set(uid, { by: k, told });
    if (told) this.offer(uid);
    else this.unmetRight(uid, this.ports.roster.homeIndex[this.ports.roster.posts[k].pool]);
    return told;
  }

  /** The right is unmet: a spell (unless one is open) and, once, the relatives' or the user's own ask. */
  private unmetRight(uid: number, service: number): void {
    const { spec, sim, events } = this.world;
    const { host } = this.ports;
    if (!this.unmet.has(uid)) {
      host.trace(uid, 'unmetRight', service);
      this.unmet.set(uid, host.openSpell(uid, 'unmetRight', service, -1));
    }
    if (this.askPending.has(uid)) return;
    const ip = spec.individualPlan;
    const mean = host.userHasRelatives(uid) ? ip.relativesAskAfterDays : ip.userAsksAfterDays;
    if (mean === null) return;
    this.askPending.add(uid);
    sim.schedule(this.askDraw.get(uid)! * mean, events.relativesAsk, uid);
  }

  /** The family knows of the right now: the spell ends and the offer is counted once. */
  private offer(uid: number): void {
    this.closeUnmet(uid);
    if (this.offered.has(uid)) return;
    this.offered.add(uid);
    if (this.eligibleInWindow.has(uid)) this.world.rec.informedUsers++;
  }

  /** Relatives or the user ask for the right themselves: a coordinator if there is none, and the plan. */
  relativesAsk(uid: number): void {
    this.askPending.delete(uid);
    if (this.ports.assignment.isGone(uid)) return;
    this.asked.add(uid);
    this.offer(uid);
    if (this.ports.assignment.unplaced(uid)) this.ports.assignment.request(uid, 'new');
  }

  private closeUnmet(uid: number): void {
    const row = this.unmet.get(uid);
    if (row === undefined) return;
    this.ports.host.closeSpell(row);
    this.unmet.delete(uid);
  }

  /** Every week: relatives of eligible users without a coordinator carry the coordination, which drains their strength (relatives.ts). */
  relativesWeek(inWindow: boolean): void {
    const { spec, rec } = this.world;
    const { host, assignment } = this.ports;
    for (const uid of this.present) {
      if (assignment.hasCoordinator(uid) || !host.userHasRelatives(uid)) continue;
      const carried = host.relativesCarry(uid, spec.relativeHoursPerWeek);
      if (inWindow) rec.relativeHours += carried;
    }
  }

  onUserExit(uid: number): void {
    this.present.delete(uid);
    this.closeUnmet(uid);
  }
}
