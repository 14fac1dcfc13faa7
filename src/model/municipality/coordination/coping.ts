// Coping under load (Lipsky): the discretion gate every coping choice passes, and the modes that reshape a week's caseload.
// Sources: Lipsky; Mathisen 2020 (rationing); Florell 2022 (delegating); Lipsky, Rorgemoen 2020 (queueing, creaming).
import { bernoulli } from '../../../engine/distributions.js';
import type { Uniform } from '../../../engine/random.js';
import { COPING_POLICIES, type CopingPolicy, type CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import type { CaseloadWeek } from './caseloadWeek.js';

export type CopingSpec = CoordinationSpec['coping'];

/**
 * Discretion under load (Lipsky): each coping policy is a named switch. A coordinator whose load
 * (hours asked / hours available) is above the threshold uses an enabled policy unless
 * supervision stops it (`managementControl`); every use is counted.
 *
 * Every coping choice passes this gate at the point where it bends a rule. The four that reshape
 * a week's caseload are below (rationing, delegating, queueing, creaming); the others sit in the
 * rule they bend, named there: dropOrder in week.ts (`allocateWeek`), lightIp and postHocPlans in
 * plan.ts, bilateralDrift in meetings.ts, nicheRefusal in assignment.ts, withholdIp in
 * eligibility.ts, fightFlight in strain.ts.
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

/**
 * A coping mode that reshapes the week's caseload. One signature for all, so the week runs them
 * from a list and a test can swap them: `times` is how many uses the mode would count this week
 * (0: it does not apply), `apply` changes the caseload. Whether an overloaded coordinator uses it
 * at all is the gate's decision (`CopingPolicies.uses`).
 */
export interface CaseloadCoping {
  readonly policy: CopingPolicy;
  times(w: CaseloadWeek): number;
  apply(w: CaseloadWeek, cp: CopingSpec): void;
}

/** Shorter contacts by phone instead of visits: `rationFactor` of direct work kept, no travel (Mathisen 2020). */
export const rationing: CaseloadCoping = {
  policy: 'rationing',
  times: (w) => w.n,
  apply(w, cp) {
    for (let i = 0; i < w.n; i++) {
      w.direct[i] = w.direct[i] * cp.rationFactor;
      w.travel[i] = 0;
    }
  },
};

/** "Can you go there today?": `delegateShare` of the visits go to a colleague; the overview is lost (Florell 2022). */
export const delegating: CaseloadCoping = {
  policy: 'delegating',
  times: (w) => w.n,
  apply(w, cp) {
    for (let i = 0; i < w.n; i++) {
      w.delegated[i] = w.direct[i] * cp.delegateShare;
      w.direct[i] -= w.delegated[i];
      w.travel[i] *= 1 - cp.delegateShare;
    }
  },
};

/** New cases wait for their first contact, but the longest-waiting one (first in the caseload) is taken each week (Lipsky). */
export const queueing: CaseloadCoping = {
  policy: 'queueing',
  times(w) {
    let k = 0;
    for (let i = 0; i < w.n; i++) k += w.waiting[i];
    return k > 0 ? k - 1 : 0;
  },
  apply(w) {
    let oldest = true;
    for (let i = 0; i < w.n; i++) {
      if (!w.waiting[i]) continue;
      if (oldest) {
        oldest = false;
        continue;
      }
      w.direct[i] = 0;
      w.travel[i] = 0;
      w.coord[i] = 0;
    }
  },
};

/** When routine time runs short it goes to the easiest cases (fewest services) first, in caseload order among equals (Lipsky; Rorgemoen 2020). */
export const creaming: CaseloadCoping = {
  policy: 'creaming',
  times: (w) => (w.n > 1 && w.routineDone < w.routineAsked - 1e-9 ? 1 : 0),
  apply(w) {
    const order = w.order;
    // Insertion sort by (services, index): a strict order, so any sort gives the same result.
    for (let i = 0; i < w.n; i++) {
      let j = i;
      while (j > 0 && w.services[order[j - 1]] > w.services[i]) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    let left = w.routineDone;
    for (let j = 0; j < w.n; j++) {
      const i = order[j];
      const g = Math.min(w.routine[i], left);
      w.share[i] = w.routine[i] > 0 ? g / w.routine[i] : 1;
      left -= g;
    }
  },
};

/** The modes that reshape what the caseload asks (before the hours are handed out), in the order they apply. */
export const ASK_COPING: readonly CaseloadCoping[] = [rationing, delegating, queueing];
/** The modes that share out the routine hours that were done. */
export const SHARE_COPING: readonly CaseloadCoping[] = [creaming];
