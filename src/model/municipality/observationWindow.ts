/**
 * The observation window [W, T] every metric counts in (docs/model.md §6): a moment is in it when
 * W <= t <= T; an interval [a, b] contributes the days it overlaps [lo, hi]. One definition for
 * metrics.ts, growth.ts, recordFold.ts and coordination/coordinationMetrics.ts.
 */
export function inWindow(t: number, W: number, T: number): boolean {
  return t >= W && t <= T;
}

/** Days of [a, b] inside [lo, hi]; 0 when they do not meet. */
export function overlap(a: number, b: number, lo: number, hi: number): number {
  return Math.max(0, Math.min(b, hi) - Math.max(a, lo));
}
