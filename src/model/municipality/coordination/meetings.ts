import { gamma } from '../../../engine/distributions.js';
import type { Uniform } from '../../../engine/random.js';
import { pow } from '../../../engine/detmath.js';

export interface MeetingLaw {
  baseDelayDays: number;
  delayExponent: number;
}

/**
 * Mean days to find a date when `participants` people must all be free: base x (n - 1)^b.
 * With base 1 day and b = 2.16, two people meet tomorrow and nine wait three months (Florell 2022).
 */
export function meanMeetingDelayDays(participants: number, law: MeetingLaw): number {
  return law.baseDelayDays * pow(Math.max(1, participants - 1), law.delayExponent);
}

/** A draw around the mean (gamma, coefficient of variation 0.5: dates are found sooner or later). */
export function drawMeetingDelayDays(rng: Uniform, participants: number, law: MeetingLaw): number {
  const mean = meanMeetingDelayDays(participants, law);
  return gamma(rng, 4, mean / 4);
}

/**
 * Chance that a review is done as bilateral contacts instead of a full meeting: the base share at
 * normal load; with drift, rising linearly to 1 as load goes from the coping threshold to 0.5 above it.
 */
export function bilateralProbability(base: number, load: number, threshold: number, drift: boolean): number {
  if (!drift || load <= threshold) return base;
  return base + (1 - base) * Math.min(1, (load - threshold) / 0.5);
}
