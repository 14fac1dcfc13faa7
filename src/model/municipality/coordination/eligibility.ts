// Eligibility and reporting: who is owed an individual plan and a coordinator, whether the KE hears of them, relatives' work.
// Sources: Florell 2022 (two or more services: the legal rule); Rorgemoen 2020 (the right withheld under load; relatives' "almost a full-time job").
import { bernoulli, exponential } from '../../../engine/distributions.js';
import type { Ports } from './ports.js';
import type { CoordinationWorld } from './world.js';

/**
 * When a user's first need enters the service system, a user with at least `minNeeds` needs (in
 * `eligibility.groups`, if given) is owed an IP and a coordinator. The services report the user to
 * the KE with `reportProbability`; the family is told of the right with `informBase`, or
 * `informUnderLoad` when the mean coordinator load is above the threshold (coping mode
 * `withholdIp`). Not reported or not told: the right is unmet, a between-chairs spell of cause
 * `unmetRight` that is an event only if nobody offers it within the threshold; relatives (if any)
 * ask themselves after exponential(`relativesAskAfterDays`), which ends the spell. While an
 * eligible user has no coordinator, relatives carry `relativeHoursPerWeek`. Writes
 * `rec.eligibleUsers`, `rec.informedUsers`, `rec.relativeHours`.
 */
export class Eligibility {
  /** Users whose eligibility was decided (at their first need). */
  private readonly evaluated = new Set<number>();
  /** Users owed an IP who are still present, in the order they became eligible. */
  private readonly present = new Set<number>();
  /** The open `unmetRight` spell of each user whose right nobody has acted on. */
  private readonly unmet = new Map<number, number>();
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'assignment' | 'week' | 'coping' | 'host' | 'enrol'>;

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'assignment' | 'week' | 'coping' | 'host' | 'enrol'>) {
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
    const { spec, rec, sim, streams, events } = this.world;
    const { host, coping } = this.ports;
    const el = spec.eligibility;
    if (needCount < el.minNeeds) return;
    if (el.groups.length > 0 && !el.groups.includes(host.groupIds[host.userGroup(uid)])) return;
    this.ports.enrol(uid);
    this.present.add(uid);
    const inW = this.world.inWindow();
    if (inW) rec.eligibleUsers++;
    const rKe = streams.coordinatingUnit;
    const cp = spec.coping;
    const reported = bernoulli(rKe, spec.coordinatingUnit.reportProbability);
    // One draw decides: told at the base rate, unless load makes the coordinator keep quiet.
    const u = rKe.next();
    let informed = u < cp.informBase;
    const withhold = coping.enabled('withholdIp') && coping.overloaded(this.ports.week.meanLoad());
    if (withhold && informed && u >= cp.informUnderLoad && coping.allowed('withholdIp')) informed = false;
    if (reported && informed) {
      if (inW) rec.informedUsers++;
      this.ports.assignment.request(uid, 'new');
      return;
    }
    host.trace(uid, 'unmetRight');
    this.unmet.set(uid, host.openSpell(uid, 'unmetRight', -1, -1));
    if (host.userHasRelatives(uid)) sim.schedule(exponential(rKe, spec.individualPlan.relativesAskAfterDays), events.relativesAsk, uid);
  }

  /** Relatives ask for the IP right themselves: the right is no longer unmet. */
  relativesAsk(uid: number): void {
    this.closeUnmet(uid);
    if (this.ports.assignment.unplaced(uid)) this.ports.assignment.request(uid, 'new');
  }

  private closeUnmet(uid: number): void {
    const row = this.unmet.get(uid);
    if (row === undefined) return;
    this.ports.host.closeSpell(row);
    this.unmet.delete(uid);
  }

  /** Every week: relatives of eligible users without a coordinator carry the coordination. */
  relativesWeek(inWindow: boolean): void {
    if (!inWindow) return;
    const { spec, rec } = this.world;
    for (const uid of this.present) if (!this.ports.assignment.hasCoordinator(uid) && this.ports.host.userHasRelatives(uid)) rec.relativeHours += spec.relativeHoursPerWeek;
  }

  onUserExit(uid: number): void {
    this.present.delete(uid);
    this.closeUnmet(uid);
  }
}
