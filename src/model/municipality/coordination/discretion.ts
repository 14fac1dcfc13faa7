// Each coordinator's own discretion: the load at which they start to cope, and how readily they use each coping mode.
// Sources: Lipsky; Mathisen 2020 (five coordinators, five designs; all ration); Rorgemoen 2020 (novices over-serve,
// a coordinator withholds because of their own load). The distributions and the shifts: assumption.
import { uniform } from '../../../engine/distributions.js';
import type { Uniform } from '../../../engine/random.js';
import { COPING_POLICIES, type CoordinationSpec } from '../../../scenario/coordinationSchema.js';

type CopingSpec = CoordinationSpec['coping'];

/**
 * One coordinator's style, drawn once when the post is filled and kept by that post holder. Two
 * coordinators at the same load may therefore cope differently (Mathisen 2020: every coordinator
 * built the role alone, "three binders on the desk, help yourself", and five coordinators made five
 * designs).
 */
export interface DiscretionProfile {
  /** Load (hours asked / hours available) above which this coordinator copes, before experience and strain shift it. */
  readonly threshold: number;
  /** Chance that the coordinator uses each mode when its condition holds, by COPING_POLICIES index. */
  readonly propensity: Float64Array;
}

/**
 * Draws a profile: the threshold uniform in loadThreshold x [1 - thresholdSpread, 1 + thresholdSpread],
 * each mode's propensity uniform in [1 - propensitySpread, 1]. Always the same number of draws
 * (1 + one per mode), so the stream's order does not depend on the spec.
 */
export function drawProfile(cp: CopingSpec, rng: Uniform): DiscretionProfile {
  const s = cp.discretion;
  const threshold = cp.loadThreshold * uniform(rng, 1 - s.thresholdSpread, 1 + s.thresholdSpread);
  const propensity = new Float64Array(COPING_POLICIES.length);
  for (let i = 0; i < propensity.length; i++) propensity[i] = uniform(rng, 1 - s.propensitySpread, 1);
  return { threshold, propensity };
}

/**
 * The load above which this coordinator copes this week. A novice (role clarity 0) holds out longer
 * (x (1 + noviceHoldOut)): they over-serve, want to be liked and have not yet learnt to bound the
 * role (Rorgemoen 2020). Strain lowers it (- strainShift x strain): the strained coordinator copes
 * sooner (Lipsky: coping as the answer to the job's stress). Never below 0.
 */
export function effectiveThreshold(cp: CopingSpec, p: DiscretionProfile, clarity: number, strain: number): number {
  const s = cp.discretion;
  const t = p.threshold * (1 + s.noviceHoldOut * (1 - clarity)) - s.strainShift * strain;
  return t > 0 ? t : 0;
}
