import { describe, expect, it } from 'vitest';
import {
  ci95,
  mean,
  normalQuantile,
  pairedDifference,
  quantile,
  quantileSorted,
  stdDev,
  studentTCdf,
  studentTQuantile,
  summarize,
  variance,
  welchDifference,
  crnNarrowing,
} from '../../src/stats/summary.js';

/** |actual - expected| <= tol * max(1, |expected|) */
function expectClose(actual: number, expected: number, tol = 1e-9): void {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (!(err <= tol)) {
    throw new Error(`expected ${actual} to be within ${tol} (relative) of ${expected}; error ${err}`);
  }
}

describe('mean / variance / stdDev', () => {
  it('computes sample statistics', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expectClose(variance(xs), 32 / 7, 1e-15);
    expectClose(stdDev(xs), Math.sqrt(32 / 7), 1e-15);
  });

  it('handles degenerate sizes', () => {
    expect(mean([])).toBeNaN();
    expect(variance([])).toBe(0);
    expect(variance([3])).toBe(0);
    expect(stdDev([3])).toBe(0);
  });

  it('accepts typed arrays and is accurate with a large offset', () => {
    const xs = new Float64Array([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(mean(xs)).toBe(1e9 + 10);
    expect(variance(xs)).toBe(30);
  });

  it('mean of identical values is exactly that value', () => {
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
    expect(variance([0.1, 0.1, 0.1])).toBe(0);
  });
});

describe('quantile (type 7)', () => {
  it('matches hand-computed values', () => {
    // sorted [1, 2, 3, 4]; h = 3p
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14); // h = 0.75
    expect(quantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 14); // h = 1.5
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 14); // h = 2.7
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    // unsorted [3, 1, 4, 1, 5] -> sorted [1, 1, 3, 4, 5]; h = 4p
    const xs = [3, 1, 4, 1, 5];
    expect(quantile(xs, 0.1)).toBe(1); // h = 0.4 between 1 and 1
    expect(quantile(xs, 0.3)).toBeCloseTo(1.4, 14); // h = 1.2: 1 + 0.2 * (3 - 1)
    expect(quantile(xs, 0.5)).toBe(3); // h = 2
    expect(quantile(xs, 0.75)).toBe(4); // h = 3
    expect(quantile(xs, 0.95)).toBeCloseTo(4.8, 14); // h = 3.8: 4 + 0.8 * (5 - 4)
    expect(xs).toEqual([3, 1, 4, 1, 5]); // input not mutated
  });

  it('quantileSorted works on sorted input directly', () => {
    expect(quantileSorted([10, 20, 30], 0.5)).toBe(20);
    expect(quantileSorted([10, 20, 30], 0.25)).toBe(15);
    expect(quantileSorted(new Float64Array([-1, 0, 1]), 0.75)).toBe(0.5);
  });

  it('handles edge cases', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([42], 0.3)).toBe(42);
    expect(quantile([1, NaN, 3], 0.5)).toBeNaN();
    expect(quantile([1, Infinity, Infinity], 0.9)).toBe(Infinity);
    expect(quantile([-Infinity, -Infinity, 0], 0.2)).toBe(-Infinity);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], NaN)).toThrow(RangeError);
  });
});

describe('normalQuantile (AS 241)', () => {
  it('matches known values', () => {
    expectClose(normalQuantile(0.975), 1.959963984540054, 1e-15);
    expectClose(normalQuantile(0.025), -1.959963984540054, 1e-15);
    expect(normalQuantile(0.5)).toBe(0);
    expectClose(normalQuantile(0.9), 1.2815515655446004, 1e-15);
    expectClose(normalQuantile(0.001), -3.090232306167813, 1e-15);
    expectClose(normalQuantile(1e-10), -6.361340902404056, 1e-15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(2)).toThrow(RangeError);
  });

  it('round-trips through the normal CDF (studentTCdf with df = Infinity)', () => {
    for (const p of [1e-300, 1e-20, 1e-6, 0.01, 0.2, 0.5, 0.7, 0.99, 1 - 1e-12]) {
      const z = normalQuantile(p);
      const back = studentTCdf(z, Infinity);
      expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-12);
    }
  });
});

describe('studentTQuantile', () => {
  it('matches tabulated 0.975 quantiles', () => {
    expectClose(studentTQuantile(0.975, 1), 12.7062047, 1e-8);
    expectClose(studentTQuantile(0.975, 2), 4.30265273, 1e-8);
    expectClose(studentTQuantile(0.975, 4), 2.77644511, 1e-8);
    expectClose(studentTQuantile(0.975, 9), 2.26215716, 1e-8);
    expectClose(studentTQuantile(0.975, 19), 2.09302405, 1e-8);
    expectClose(studentTQuantile(0.975, 30), 2.04227246, 1e-8);
    expectClose(studentTQuantile(0.975, 1000), 1.96234, 1e-5);
  });

  it('matches high-precision references (mpmath, 50 digits) to 1e-12', () => {
    const table: Array<[p: number, df: number, t: number]> = [
      [0.975, 1, 12.706204736174705],
      [0.975, 2, 4.302652729749464],
      [0.975, 3, 3.1824463052837096],
      [0.975, 1000, 1.9623390808264085],
      [0.975, 2.5, 3.5746548420036832],
      [0.975, 0.5, 164.55767348048853],
      [0.999, 3, 10.214531852407387],
      [1e-6, 5, -24.771029720515944],
      [0.6, 7, 0.26316686135202281],
      [0.01, 50, -2.4032719166741719],
      [0.995, 200, 2.600634436191558],
      [0.9, 12, 1.3562173340232054],
      [0.975, 1e5, 1.9599877075346096],
      [0.975, 3e5, 1.9599718921421831],
    ];
    for (const [p, df, t] of table) expectClose(studentTQuantile(p, df), t, 1e-12);
  });

  it('is antisymmetric and handles endpoints', () => {
    for (const df of [1, 2, 3.5, 10, 1e6]) {
      expect(studentTQuantile(0.5, df)).toBe(0);
      expect(studentTQuantile(0.1, df)).toBeCloseTo(-studentTQuantile(0.9, df), 12);
      expect(studentTQuantile(0, df)).toBe(-Infinity);
      expect(studentTQuantile(1, df)).toBe(Infinity);
    }
  });

  it('tends to the normal quantile', () => {
    expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expectClose(studentTQuantile(0.975, 1e12), normalQuantile(0.975), 1e-11);
    // monotone decreasing in df, including across the Cornish-Fisher switch at 3e4
    let prev = Infinity;
    for (const df of [1, 1.5, 2, 3, 5, 10, 100, 29_999, 30_000, 30_001, 1e5, 1e8]) {
      const t = studentTQuantile(0.975, df);
      expect(t).toBeLessThan(prev);
      prev = t;
    }
  });

  it('round-trips through studentTCdf over a grid', () => {
    const ps = [1e-15, 1e-8, 1e-4, 0.001, 0.025, 0.1, 0.3, 0.49, 0.5001, 0.75, 0.975, 0.999, 1 - 1e-9];
    const dfs = [0.3, 1, 1.5, 2, 3, 4, 7, 15.5, 30, 100, 1000, 2e4, 5e4, 1e7];
    for (const df of dfs) {
      for (const p of ps) {
        const t = studentTQuantile(p, df);
        expect(Number.isFinite(t)).toBe(true);
        const rel = Math.abs(studentTCdf(t, df) - p) / Math.min(p, 1 - p);
        if (!(rel < 1e-9)) throw new Error(`round trip p=${p} df=${df}: t=${t}, relative error ${rel}`);
      }
    }
  });

  it('rejects invalid arguments', () => {
    expect(() => studentTQuantile(1.2, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(NaN, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, -3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, NaN)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it('agrees with closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [-1e6, -30, -3, -1, -0.2, 0, 1e-8, 0.5, 2, 7, 1e4]) {
      expectClose(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14);
      expectClose(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14);
    }
  });

  it('handles infinities', () => {
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(-1e200, 1e6)).toBe(0);
    expect(studentTCdf(NaN, 3)).toBeNaN();
  });
});

describe('ci95 / summarize / pairedDifference', () => {
  it('t-interval for 1..5 (R: t.test(1:5) gives 1.036757 4.963243)', () => {
    // mean 3, s^2 = 10/4, se = sqrt(2.5/5) = sqrt(0.5), t(0.975, 4) = 2.7764451051977944
    const [lo, hi] = ci95([1, 2, 3, 4, 5]);
    const half = 2.7764451051977944 * Math.sqrt(0.5);
    expectClose(lo, 3 - half, 1e-12);
    expectClose(hi, 3 + half, 1e-12);
    expect(lo).toBeCloseTo(1.036757, 6);
    expect(hi).toBeCloseTo(4.963243, 6);
  });

  it('n < 2 gives [NaN, NaN]; all-equal gives [m, m]', () => {
    expect(ci95([])).toEqual([NaN, NaN]);
    expect(ci95([7])).toEqual([NaN, NaN]);
    expect(ci95([0.1, 0.1, 0.1, 0.1])).toEqual([0.1, 0.1]);
  });

  it('summarize copies values into a plain array', () => {
    const src = new Float64Array([1, 2, 3, 4, 5]);
    const s = summarize(src);
    expect(s.mean).toBe(3);
    expect(s.ci95).toEqual(ci95([1, 2, 3, 4, 5]));
    expect(Array.isArray(s.values)).toBe(true);
    expect(s.values).toEqual([1, 2, 3, 4, 5]);
    src[0] = 99;
    expect(s.values[0]).toBe(1);
    const empty = summarize([]);
    expect(empty.mean).toBeNaN();
    expect(empty.ci95).toEqual([NaN, NaN]);
    expect(empty.values).toEqual([]);
  });

  it('pairedDifference is the t-interval of a - b', () => {
    // d = [2, 1, 0, 3]: mean 1.5, s^2 = 5/3, se = sqrt(5/3)/2, t(0.975, 3) = 3.1824463052837096
    const r = pairedDifference([10, 12, 9, 11], [8, 11, 9, 8]);
    const half = (3.1824463052837096 * Math.sqrt(5 / 3)) / 2;
    expect(r.mean).toBe(1.5);
    expectClose(r.ci95[0], 1.5 - half, 1e-12);
    expectClose(r.ci95[1], 1.5 + half, 1e-12);
    expect(r.ci95[0]).toBeCloseTo(-0.55426, 5);
    // identical inputs: zero difference, degenerate interval
    expect(pairedDifference([1, 2, 3], [1, 2, 3])).toEqual({ mean: 0, ci95: [0, 0] });
  });

  it('pairedDifference throws on length mismatch', () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe('welchDifference and crnNarrowing with a metric undefined in one run', () => {
  it('give no interval (NaN) instead of throwing, so a comparison of the other metrics goes on', () => {
    expect(welchDifference([1, Number.NaN, 3], [1, 2, 3]).ci95).toEqual([Number.NaN, Number.NaN]);
    expect(crnNarrowing([1, Number.NaN, 3], [1, 2, 4])).toBeNaN();
  });
});
