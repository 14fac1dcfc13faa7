// SortedCounts stands in for a sorted list in the coordinator metrics (caseload.mean, .p90, .max,
// .aboveCollapseShare; recordFold.ts): it must give exactly what the list would, bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedCounts } from '../../src/stats/sortedCounts.js';
import { mean, quantileSorted } from '../../src/stats/summary.js';

const countsOf = (xs: number[]) => {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

describe('SortedCounts', () => {
  it('gives the mean, quantiles, i-th value and count above of the sorted list it stands for', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        // Map keys do not tell -0 from 0; the samples it holds (counts of cases) are never -0.
        const list = xs.map((x) => (Object.is(x, -0) ? 0 : x)).sort((a, b) => a - b);
        const c = new SortedCounts(countsOf(list));
        expect(c.n).toBe(list.length);
        expect(Object.is(c.mean(), mean(list))).toBe(true);
        expect(Object.is(c.quantile(p), quantileSorted(list, p))).toBe(true);
        expect(Object.is(c.quantile(0.9), quantileSorted(list, 0.9))).toBe(true);
        for (const i of [0, list.length >> 1, list.length - 1]) expect(c.at(i)).toBe(list[i]);
        expect(c.countAbove(list[list.length >> 1])).toBe(list.filter((x) => x > list[list.length >> 1]).length);
      }),
      { numRuns: 500 },
    );
  });

  it('is empty as the empty list is', () => {
    const c = new SortedCounts(new Map());
    expect(c.n).toBe(0);
    expect(c.mean()).toBeNaN();
  });
});
