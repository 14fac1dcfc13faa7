import { bernoulli } from '../../../engine/distributions.js';
import type { Uniform } from '../../../engine/random.js';
import { COPING_POLICIES, type CopingPolicy, type CoordinationSpec } from '../../../scenario/coordinationSchema.js';

type CopingSpec = CoordinationSpec['coping'];

/**
 * Discretion under load (Lipsky): each coping policy is a named switch. A coordinator whose load
 * (hours asked / hours available) is above the threshold uses an enabled policy unless
 * supervision stops it (`managementControl`); every use is counted.
 */
export class CopingPolicies {
  private readonly spec: CopingSpec;
  private readonly rng: Uniform;
  private readonly counts: number[];
  /** Counting happens only inside the observation window. */
  counting = false;

  constructor(spec: CopingSpec, rng: Uniform, counts: number[]) {
    this.spec = spec;
    this.rng = rng;
    this.counts = counts;
  }

  enabled(policy: CopingPolicy): boolean {
    return this.spec.policies[policy];
  }

  overloaded(load: number): boolean {
    return load > this.spec.loadThreshold;
  }

  /** Whether an overloaded coordinator uses `policy` now (counted `times` when used). */
  uses(policy: CopingPolicy, load: number, times = 1): boolean {
    if (!this.spec.policies[policy] || load <= this.spec.loadThreshold) return false;
    return this.allowed(policy, times);
  }

  /** A coping choice already triggered by its own condition: supervision may still stop it. */
  allowed(policy: CopingPolicy, times = 1): boolean {
    if (!this.spec.policies[policy]) return false;
    if (this.spec.managementControl > 0 && bernoulli(this.rng, this.spec.managementControl)) return false;
    this.count(policy, times);
    return true;
  }

  count(policy: CopingPolicy, times = 1): void {
    if (this.counting && times > 0) this.counts[COPING_POLICIES.indexOf(policy)] += times;
  }
}

/** A coordinator's week in hours, by the priority classes of the drop order. */
export interface WeekHours {
  urgent: number;
  meetings: number;
  routine: number;
  documentation: number;
  networking: number;
}

/**
 * Hands out `available` hours. With the drop order (Mathisen 2020; Florell 2022) urgent contact is
 * protected first, then committed meetings, routine contact and coordination, documentation, and
 * networking and system work last, so under overload they are cut first. Without it every class
 * is cut by the same share.
 */
export function allocateWeek(asked: WeekHours, available: number, dropOrder: boolean): WeekHours {
  const order: (keyof WeekHours)[] = ['urgent', 'meetings', 'routine', 'documentation', 'networking'];
  const done: WeekHours = { urgent: 0, meetings: 0, routine: 0, documentation: 0, networking: 0 };
  if (dropOrder) {
    let left = Math.max(0, available);
    for (const k of order) {
      done[k] = Math.min(asked[k], left);
      left -= done[k];
    }
  } else {
    const total = order.reduce((s, k) => s + asked[k], 0);
    const f = total > 0 ? Math.min(1, Math.max(0, available) / total) : 1;
    for (const k of order) done[k] = asked[k] * f;
  }
  return done;
}
