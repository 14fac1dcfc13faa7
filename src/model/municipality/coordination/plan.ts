// Individual plan (IP): drafted after the first contact, revised at reviews, written after the fact or gone stale.
// Sources: Florell 2022 (post-hoc plans), Lipsky (light template plans); hours and days: assumption.
import { bernoulli } from '../../../engine/distributions.js';
import { ByUser } from './byUser.js';
import type { CaseloadWeek } from './caseloadWeek.js';
import { IP_STATES, type IpState } from './coordinationRecord.js';
import type { Ports, PlansPort } from './ports.js';
import type { CoordinationWorld } from './world.js';

/** What others may read of a plan. */
export interface PlanView {
  readonly state: IpState;
  readonly drafting: boolean;
  readonly draftRemaining: number;
  readonly light: boolean;
  readonly revisionPending: boolean;
  readonly nextReviewAt: number;
}

/**
 * The individual plan (IP) of one user. It survives a change of coordinator: the plan belongs to
 * the user. Lifecycle: none -> drafted (documentation hours spent) -> active (first review held
 * and written up) -> stale (not revised within staleAfterDays) or postHoc (a review written after
 * the fact, which documents but does not guide).
 */
export class IndividualPlan implements PlanView {
  state: IpState = 'none';
  /** Drafting hours still to do; NaN when no draft is under way. */
  draftRemaining = NaN;
  light = false;
  lastRevision = NaN;
  /** A review was held and waits for its write-up (documentation hours). */
  revisionPending = false;
  nextReviewAt = Infinity;

  startDraft(hours: number, light: boolean): void {
    if (this.state !== 'none' || !Number.isNaN(this.draftRemaining)) return;
    this.draftRemaining = hours;
    this.light = light;
  }

  get drafting(): boolean {
    return !Number.isNaN(this.draftRemaining);
  }

  /** Spends up to `hours` on the draft; returns the hours used. */
  workOnDraft(hours: number, now: number): number {
    if (!this.drafting) return 0;
    const used = Math.min(hours, this.draftRemaining);
    this.draftRemaining -= used;
    if (this.draftRemaining <= 1e-9) {
      this.draftRemaining = NaN;
      this.state = 'drafted';
      this.lastRevision = now;
      this.nextReviewAt = now; // convene the responsibility group at once
    }
    return used;
  }

  /** The write-up of a review: the plan is active again. */
  revised(now: number, reviewEveryDays: number): void {
    this.state = 'active';
    this.revisionPending = false;
    this.lastRevision = now;
    this.nextReviewAt = now + reviewEveryDays;
  }

  /** The review is written after the fact: documented, but it no longer guides. */
  postHoc(now: number, reviewEveryDays: number): void {
    this.state = 'postHoc';
    this.revisionPending = false;
    this.lastRevision = now;
    this.nextReviewAt = now + reviewEveryDays;
  }

  /** A review was requested: none other until it is held. */
  reviewConvened(): void {
    this.nextReviewAt = Infinity;
  }

  /** A review was held: its write-up is pending, and the next review is due `reviewEveryDays` on. */
  reviewHeld(now: number, reviewEveryDays: number): void {
    this.revisionPending = true;
    this.nextReviewAt = now + reviewEveryDays;
  }

  /** A plan not revised for `staleAfterDays` is stale. */
  age(now: number, staleAfterDays: number): void {
    if ((this.state === 'active' || this.state === 'drafted' || this.state === 'postHoc') && now - this.lastRevision > staleAfterDays) this.state = 'stale';
  }

  /** Share by which an IP cuts losses at handoffs: full for an active plan, half for a light one. */
  protection(reduction: number): number {
    return this.state === 'active' ? reduction * (this.light ? 0.5 : 1) : 0;
  }
}

/**
 * The plans of every user owed one (they belong to the user, not the coordinator). A week's
 * documentation hours go to drafts first, then review write-ups; what is left undone waits.
 * Two coping modes act here: `lightIp` (an overloaded coordinator drafts a template plan with
 * `lightIpFactor` of the hours, which protects half as much) and `postHocPlans` (a write-up
 * without hours is, with chance `postHocShare`, written after the fact). Writes `rec.ipWeeks`.
 */
export class Plans implements PlansPort {
  private readonly byUser = new ByUser<IndividualPlan>();
  private readonly world: CoordinationWorld;
  private readonly ports: Pick<Ports, 'coping' | 'week' | 'assignment' | 'eligibility' | 'contact' | 'host'>;

  constructor(world: CoordinationWorld, ports: Pick<Ports, 'coping' | 'week' | 'assignment' | 'eligibility' | 'contact' | 'host'>) {
    this.world = world;
    this.ports = ports;
  }

  enrol(uid: number): void {
    this.byUser.set(uid, new IndividualPlan());
  }

  view(uid: number): PlanView {
    return this.byUser.get(uid)!;
  }

  /** Share by which the user's plan cuts losses at handoffs (0 without a plan). */
  protection(uid: number): number {
    const ip = this.byUser.get(uid);
    return ip ? ip.protection(this.world.spec.individualPlan.infoLossReduction) : 0;
  }

  /** A coordinator in contact with an active plan adjusts it after a crisis. */
  adjustsPlan(uid: number): boolean {
    const ip = this.byUser.get(uid);
    return !!ip && this.ports.assignment.hasCoordinator(uid) && ip.state === 'active' && this.ports.contact.attention(uid) >= 0.5;
  }

  /** After the first contact the coordinator drafts the plan, if the family is offered it (eligibility.ts: withholding). */
  draftAfterFirstContact(k: number, uid: number, firstContact: boolean): void {
    const ip = this.byUser.get(uid)!;
    if (ip.state !== 'none' || ip.drafting || !firstContact) return;
    if (!this.ports.eligibility.ipOffered(k, uid)) return;
    const hours = this.world.spec.individualPlan.draftHours;
    ip.startDraft(hours, false);
    this.ports.week.bookDocumentation(k, hours);
  }

  writeUp(k: number, w: CaseloadWeek, hours: number, load: number): void {
    const { spec, sim, streams } = this.world;
    const { coping, week, host } = this.ports;
    const ipSpec = spec.individualPlan;
    const cp = spec.coping;
    const now = sim.now;
    let doc = hours;
    for (let i = 0; i < w.n; i++) {
      const ip = this.byUser.get(w.uid[i])!;
      if (!ip.drafting) continue;
      if (ip.draftRemaining === ipSpec.draftHours && coping.uses('lightIp', k, load)) {
        ip.light = true;
        ip.draftRemaining = ipSpec.draftHours * cp.lightIpFactor;
        week.unbookDocumentation(k, ipSpec.draftHours * (1 - cp.lightIpFactor));
      }
      doc -= ip.workOnDraft(doc, now);
      if (!ip.drafting) host.trace(w.uid[i], 'ipDrafted', -1, ip.light ? 1 : 0);
    }
    for (let i = 0; i < w.n; i++) {
      const ip = this.byUser.get(w.uid[i])!;
      if (!ip.revisionPending) continue;
      if (doc >= ipSpec.reviseHours) {
        doc -= ipSpec.reviseHours;
        ip.revised(now, ipSpec.reviewEveryDays);
      } else if (coping.enabled('postHocPlans') && bernoulli(streams.coordination, cp.postHocShare) && coping.allowed('postHocPlans')) {
        ip.postHoc(now, ipSpec.reviewEveryDays);
      }
    }
  }

  age(uid: number): void {
    this.byUser.get(uid)!.age(this.world.sim.now, this.world.spec.individualPlan.staleAfterDays);
  }

  reviewDue(uid: number): boolean {
    const ip = this.byUser.get(uid)!;
    return ip.state !== 'none' && this.world.sim.now >= ip.nextReviewAt;
  }

  reviewConvened(uid: number): void {
    this.byUser.get(uid)!.reviewConvened();
  }

  /** The coordinator skipped the review (flight): the plan drifts towards stale. */
  reviewSkipped(uid: number): void {
    this.byUser.get(uid)!.nextReviewAt = this.world.sim.now + this.world.spec.individualPlan.reviewEveryDays;
  }

  reviewHeld(uid: number): void {
    this.byUser.get(uid)!.reviewHeld(this.world.sim.now, this.world.spec.individualPlan.reviewEveryDays);
  }

  /** Every week: the plans of the users owed one age, and their states are counted. */
  countWeek(users: Iterable<number>, inWindow: boolean): void {
    const now = this.world.sim.now;
    const staleAfter = this.world.spec.individualPlan.staleAfterDays;
    const weeks = this.world.rec.ipWeeks;
    for (const uid of users) {
      const ip = this.byUser.get(uid)!;
      ip.age(now, staleAfter);
      if (inWindow) weeks[IP_STATES.indexOf(ip.state)]++;
    }
  }
}
