import type { IpState } from './coordinationRecord.js';

/**
 * The individual plan (IP) of one user. It survives a change of coordinator: the plan belongs to
 * the user. Lifecycle: none -> drafted (documentation hours spent) -> active (first review held
 * and written up) -> stale (not revised within staleAfterDays) or postHoc (a review written after
 * the fact, which documents but does not guide).
 */
export class IndividualPlan {
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

  /** A plan not revised for `staleAfterDays` is stale. */
  age(now: number, staleAfterDays: number): void {
    if ((this.state === 'active' || this.state === 'drafted' || this.state === 'postHoc') && now - this.lastRevision > staleAfterDays) this.state = 'stale';
  }

  /** Share by which an IP cuts losses at handoffs: full for an active plan, half for a light one. */
  protection(reduction: number): number {
    return this.state === 'active' ? reduction * (this.light ? 0.5 : 1) : 0;
  }
}
