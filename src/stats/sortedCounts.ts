import { quantileSorted } from './summary.js';

/**
 * A multiset of numbers held as value -> count, read as if it were the sorted list of its values:
 * `mean` and `quantile` give exactly what `mean` and `quantileSorted` of summary.ts give on that
 * list (the same additions in the same order), in memory that grows with the distinct values, not
 * with the count. For integer-valued samples such as caseloads (recordFold.ts).
 * tests/stats/sortedCounts.test.ts checks the equality on random samples.
 */
export class SortedCounts {
  readonly values: number[];
  readonly counts: number[];
  /** Running count up to and including each value. */
  private readonly upTo: number[];
  readonly n: number;

  constructor(counts: ReadonlyMap<number, number>) {
    this.values = [...counts.keys()].sort((a, b) => a - b);
    this.counts = this.values.map((v) => counts.get(v)!);
    let k = 0;
    this.upTo = this.counts.map((c) => (k += c));
    this.n = k;
  }

  /** The i-th smallest value (0-based). */
  at(i: number): number {
    let lo = 0;
    let hi = this.upTo.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.upTo[mid] > i) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }

  /** Values strictly above `x`. */
  countAbove(x: number): number {
    let k = 0;
    for (let j = 0; j < this.values.length; j++) if (this.values[j] > x) k += this.counts[j];
    return k;
  }

  /** summary.ts's two-pass mean of the sorted list; NaN when empty. */
  mean(): number {
    const n = this.n;
    if (n === 0) return NaN;
    let s = 0;
    for (let j = 0; j < this.values.length; j++) for (let c = 0; c < this.counts[j]; c++) s += this.values[j];
    const m = s / n;
    if (!Number.isFinite(m)) return m;
    let r = 0;
    for (let j = 0; j < this.values.length; j++) for (let c = 0; c < this.counts[j]; c++) r += this.values[j] - m;
    return m + r / n;
  }

  /** summary.ts's quantileSorted of the sorted list (it reads at most two of its elements). */
  quantile(p: number): number {
    const h = (this.n - 1) * p;
    const lo = Math.floor(h);
    const pair = lo + 1 < this.n ? [this.at(lo), this.at(lo + 1)] : [this.at(lo)];
    // quantileSorted itself, on a stand-in list holding only the two elements it reads.
    return quantileSorted(new TwoOf(this.n, lo, pair), p);
  }
}

/** A read-only list of length n that has elements only at lo and lo + 1 (what quantileSorted reads). */
class TwoOf implements ArrayLike<number> {
  readonly [i: number]: number;
  constructor(
    readonly length: number,
    lo: number,
    pair: number[],
  ) {
    const self = this as unknown as Record<number, number>;
    self[lo] = pair[0];
    if (pair.length > 1) self[lo + 1] = pair[1];
  }
}
