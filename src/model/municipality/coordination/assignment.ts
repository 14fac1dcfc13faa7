import { pow } from '../../../engine/detmath.js';
/**
 * The coordinating unit's (koordinerende enhet, KE) rules, as pure functions: how likely a unit
 * leader refuses an assignment, and which pool a request goes to.
 */

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
