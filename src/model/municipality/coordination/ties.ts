import { pow } from '../../../engine/detmath.js';
/**
 * Ties (Williams): familiarity between a coordinator and a service, and between two services.
 * A tie rises with contact, tie += gain x (1 - tie), so it saturates at 1, and halves without
 * contact every `halfLifeDays`. Ties cut turf, loss and delay at handoffs (coordinationLayer.ts).
 */
export class AgencyTies {
  private readonly m: Float64Array;
  readonly n: number;

  constructor(n: number, initial: number) {
    this.n = n;
    this.m = new Float64Array(n * n).fill(initial);
  }

  get(a: number, b: number): number {
    return a < 0 || b < 0 || a === b ? 0 : this.m[a * this.n + b];
  }

  /** Every pair of the given services met: each tie rises by gain x (1 - tie). */
  meet(services: readonly number[], gain: number): void {
    for (const a of services)
      for (const b of services) {
        if (a === b) continue;
        const i = a * this.n + b;
        this.m[i] += gain * (1 - this.m[i]);
      }
  }

  decay(factor: number): void {
    for (let i = 0; i < this.m.length; i++) this.m[i] *= factor;
  }

  /** Mean tie over ordered pairs of distinct services. */
  mean(): number {
    if (this.n < 2) return 0;
    let s = 0;
    for (let a = 0; a < this.n; a++) for (let b = 0; b < this.n; b++) if (a !== b) s += this.m[a * this.n + b];
    return s / (this.n * (this.n - 1));
  }
}

/** Raises a tie by `hours` of contact at `gainPerHour`, saturating at 1. */
export function strengthen(tie: number, hours: number, gainPerHour: number): number {
  const g = Math.min(1, gainPerHour * hours);
  return tie + g * (1 - tie);
}

/** Weekly decay factor for a half-life in days. */
export function weeklyDecay(halfLifeDays: number): number {
  return pow(2, -7 / halfLifeDays);
}
