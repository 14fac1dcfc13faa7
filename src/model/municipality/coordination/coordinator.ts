import type { CoordinatorPoolSpec } from '../../../scenario/coordinationSchema.js';
import { roleClarity } from './strain.js';

export const HOURS_PER_FTE_WEEK = 37.5; // Norwegian full-time week (general knowledge)

/**
 * One coordinator: a street-level bureaucrat with a post, a caseload, tenure, strain and ties to
 * the services. `cases` holds user ids. A post whose holder left is a vacant slot until a novice
 * fills it.
 */
export class Coordinator {
  readonly id: number;
  readonly pool: number;
  readonly spec: CoordinatorPoolSpec;
  readonly start: number;
  readonly tenureAtStart: number;
  readonly ties: Float64Array;
  cases: number[] = [];
  strain = 0;
  /** Load of the last week (hours asked / hours available, before coping). */
  load = 0;
  mode: 'normal' | 'fight' | 'flight' = 'normal';
  /** Meeting hours booked for the coming week. */
  committedMeetingHours = 0;
  /** Documentation work that arrived since the last week (drafts begun, reviews to write up). */
  newDocumentationHours = 0;
  gone = false;

  constructor(id: number, pool: number, spec: CoordinatorPoolSpec, start: number, tenureAtStart: number, nServices: number, initialTie: number) {
    this.id = id;
    this.pool = pool;
    this.spec = spec;
    this.start = start;
    this.tenureAtStart = tenureAtStart;
    this.ties = new Float64Array(nServices).fill(initialTie);
  }

  tenureYears(now: number): number {
    return this.tenureAtStart + (now - this.start) / 365;
  }

  clarity(now: number): number {
    return roleClarity(this.spec.roleClarity, this.tenureYears(now));
  }

  /** Coordination hours of the post per week, before the home unit reclaims any. */
  nominalHours(): number {
    return this.spec.postFte * HOURS_PER_FTE_WEEK * this.spec.coordinationShare;
  }

  /** Hours this week: an add-on role loses `reclaim` x home load of them to its home unit. */
  availableHours(homeLoad: number, reclaim: number): number {
    const base = this.nominalHours();
    if (this.spec.homeService === null || this.spec.coordinationShare >= 1) return base;
    return base * (1 - reclaim * Math.min(1, Math.max(0, homeLoad)));
  }

  atCap(): boolean {
    return this.spec.caseloadCap !== null && this.cases.length >= this.spec.caseloadCap;
  }
}
