/**
 * The relay (stafettløp): sequential legs, each a referral, an intake queue and an assessment;
 * nothing is shared and nobody owns the whole. Vabø 2019 (Nordkommunen); docs/model.md §4.1.
 */
import type { MunicipalitySpec } from '../../../scenario/schema.js';
import { baseDesign, type Design } from './design.js';

/** The relay is the base case: routes (routes.ts) and handoffs (handoff.ts) are all there is. */
export function relayDesign(spec: MunicipalitySpec): Design {
  return baseDesign(spec);
}
