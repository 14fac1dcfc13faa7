// Coping under load (Lipsky): the discretion gate every coping choice passes, and the modes that reshape a week's caseload.
// Sources: Lipsky; Mathisen 2020 (rationing, the priority rules of creaming); Florell 2022 (delegating); Lipsky, Rorgemoen 2020 (queueing).
import { bernoulli } from '../../../engine/distributions.js';
import type { Uniform } from '../../../engine/random.js';
import { COPING_POLICIES, type CopingPolicy, type CoordinationSpec } from '../../../scenario/coordinationSchema.js';
import type { CaseloadWeek } from './caseloadWeek.js';
import { drawProfile, effectiveThreshold, type DiscretionProfile } from './discretion.js';

export type CopingSpec = CoordinationSpec['coping'];

/**
 * Discretion (Lipsky), each coordinator's own. A coping mode is used when its own condition holds
 * for this coordinator (the caller checks it: a colleague with room to delegate to, new cases
 * waiting, routine time short, ...) and the coordinator is overloaded by their *own* measure: last
 * week's own load above their own threshold, which a novice holds out past and strain lowers
 * (discretion.ts). Then the coordinator uses it with their own propensity for that mode, unless
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
  private readonly profiles: DiscretionProfile[] = [];
  private readonly state: CoordinatorState | null;
  private readonly profileRng: Uniform | null;
  /** Counting happens only inside the observation window. */
  counting = false;

  /**
   * `state` gives a coordinator's role clarity and strain, `profileRng` draws each new post
   * holder's profile (discretion.ts). Without them (a unit test of one mode) every coordinator has
   * the mean threshold, propensity 1, full clarity and no strain.
   */
  constructor(spec: CopingSpec, rng: Uniform, counts: number[], state: CoordinatorState | null = null, profileRng: Uniform | null = null) {
    this.spec = spec;
    this.rng = rng;
    this.counts = counts;
    this.state = state;
    this.profileRng = profileRng;
  }

  /** A post was filled: the new holder's own style is drawn. */
  addPost(k: number): void {
    if (k !== this.profiles.length) throw new Error(`coping: coordinator ${k} hired out of order`);
    this.profiles.push(this.profileRng ? drawProfile(this.spec, this.profileRng) : this.meanProfile());
  }

  profileOf(k: number): DiscretionProfile {
    return this.profiles[k] ?? this.meanProfile();
  }

  private meanProfile(): DiscretionProfile {
    return { threshold: this.spec.loadThreshold, propensity: new Float64Array(COPING_POLICIES.length).fill(1) };
  }

  enabled(policy: CopingPolicy): boolean {
    return this.spec.policies[policy];
  }

  /** The load above which coordinator `k` copes this week: their own threshold, shifted by experience and strain. */
  threshold(k: number): number {
    const clarity = this.state ? this.state.clarity(k) : 1;
    const strain = this.state ? this.state.strain(k) : 0;
    return effectiveThreshold(this.spec, this.profileOf(k), clarity, strain);
  }

  /** Coordinator `k` is overloaded by their own measure. */
  overloaded(k: number, load: number): boolean {
    return load > this.threshold(k);
  }

  /** Whether coordinator `k`, at `load`, uses `policy` now (counted `times` when used); the policy's own condition is the caller's. */
  uses(policy: CopingPolicy, k: number, load: number, times = 1): boolean {
    if (!this.spec.policies[policy] || !this.overloaded(k, load)) return false;
    return this.chooses(policy, k, times);
  }

  /** The policy's condition holds for `k`: they use it with their own propensity, unless supervision stops it. */
  chooses(policy: CopingPolicy, k: number, times = 1): boolean {
    if (!this.spec.policies[policy]) return false;
    const p = this.profileOf(k).propensity[COPING_POLICIES.indexOf(policy)];
    if (p < 1 && !bernoulli(this.rng, p)) return false;
    return this.allowed(policy, times);
  }

  /** A coping choice already triggered by its own condition and chance: supervision may still stop it. */
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

/** What the gate reads of a coordinator (the roster's role clarity, strain.ts's strain). */
export interface CoordinatorState {
  clarity(k: number): number;
  strain(k: number): number;
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

/**
 * "Can you go there today?": `delegateShare` of the visits go to a colleague in the same pool who
 * had room last week (none: nobody to ask); the case is marked delegated, and its next handoffs
 * lose more (the colleague lacks the overview; Florell 2022).
 */
export const delegating: CaseloadCoping = {
  policy: 'delegating',
  times: (w) => (w.colleagueHasRoom ? w.n : 0),
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

/**
 * When routine time runs short it goes first to urgent cases (a crisis in the last two weeks or a
 * need nobody owns), then to users living alone (no relatives who coordinate) and families with
 * children, then to the easiest cases (fewest services), in caseload order among equals. The
 * rules are those the sources name (Mathisen 2020, coordinator 3: "those who live alone, those
 * with no services, and families with children"; domain brief §2: urgent, alone-living, families
 * with children, easy cases).
 */
export const creaming: CaseloadCoping = {
  policy: 'creaming',
  times: (w) => (w.n > 1 && w.routineDone < w.routineAsked - 1e-9 ? 1 : 0),
  apply(w) {
    const order = w.order;
    // Urgency outranks any mix of the other two rules.
    const rank = (i: number) => 3 * w.urgentCase[i] + w.alone[i] + w.child[i];
    /** Case a goes before case b: higher rank, then fewer services, then caseload order. */
    const before = (a: number, b: number) => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb) return ra > rb;
      if (w.services[a] !== w.services[b]) return w.services[a] < w.services[b];
      return a < b;
    };
    // Insertion sort under a strict order, so any sort gives the same result.
    for (let i = 0; i < w.n; i++) {
      let j = i;
      while (j > 0 && before(i, order[j - 1])) {
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
