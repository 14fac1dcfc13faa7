import { COPING_POLICIES, type RunDigest } from '../../src/experiment/digest.js';
import { estimate, windowYears, type Estimate } from './estimate.js';

export interface CopingUse extends Estimate {
  policy: (typeof COPING_POLICIES)[number];
}

/**
 * Uses per year of observation window of each coping policy (street-level bureaucrats' ways of
 * getting through the week), in COPING_POLICIES order; mean over the replications that have
 * coordinators, with 95 % intervals. Null when none has.
 */
export function copingUse(digests: readonly RunDigest[]): CopingUse[] | null {
  const coordinated = digests.filter((d) => d.coordination !== null);
  if (coordinated.length === 0) return null;
  return COPING_POLICIES.map((policy, p) => ({
    policy,
    ...estimate(coordinated.map((d) => d.coordination!.coping[p] / windowYears(d))),
  }));
}
