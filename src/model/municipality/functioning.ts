/**
 * Functioning: a user's functional level over time, a linear decline plus gains from services and
 * decaying drops after crises. docs/model.md §2 (Model I); decline and crisis rates per user group.
 */
import { pow } from '../../engine/detmath.js';
import type { User } from './world.js';

/** Functional level at t, clamped to [0, 1]: f0 + gains - decline x years - sum of crisis drops halving over time. */
export function functionLevel(u: User, t: number): number {
  const fn = u.g.function;
  let f = u.f0 + u.gains - (fn.declinePerYear * (t - u.arrival)) / 365;
  for (let i = 0; i < u.crisisIndex; i++) {
    const tc = u.crises[i];
    f -= fn.crisisDrop * pow(2, -(t - tc) / fn.crisisHalfLifeDays);
  }
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/** Earliest time >= now at which the crisis-free trajectory falls below `thr` (Infinity if never). */
export function crossingTime(u: User, thr: number, now: number): number {
  const d = u.g.function.declinePerYear;
  if (functionLevel(u, now) < thr) return now;
  if (d <= 0) return Infinity;
  // Exact for the clamped trajectory min(1, f0 + gains - decline * years), since thr < 1 here.
  const t = u.arrival + ((u.f0 + u.gains - thr) * 365) / d;
  return t > now ? t : now;
}
