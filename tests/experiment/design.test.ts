import { describe, expect, it } from 'vitest';
import {
  fullGrid,
  latinHypercube,
  morris,
  oneAtATime,
  valueAt,
  type Factor,
  type MorrisMeta,
  type OatMeta,
} from '../../src/experiment/design.js';

type RangeFactor = Extract<Factor, { kind: 'range' }>;

const caseload: RangeFactor = { name: 'caseload', kind: 'range', min: 10, max: 30, integer: false, steps: 3 };
const design: Factor = { name: 'design', kind: 'levels', levels: ['stafett', 'team'] };
const coordinators: Factor = { name: 'coordinators', kind: 'range', min: 1, max: 5, integer: true, steps: 5 };
const plan: Factor = { name: 'individualPlan', kind: 'levels', levels: [false, true] };

/** Stratum (0 .. samples-1) of a value of a continuous range factor. */
const stratum = (f: RangeFactor, x: number, samples: number): number =>
  Math.floor(((x - f.min) / (f.max - f.min)) * samples);

describe('fullGrid', () => {
  it('is the cartesian product, last factor fastest', () => {
    const d = fullGrid([caseload, design]);
    expect(d.kind).toBe('grid');
    expect(d.meta).toBeNull();
    expect(d.points).toEqual([
      [10, 'stafett'],
      [10, 'team'],
      [20, 'stafett'],
      [20, 'team'],
      [30, 'stafett'],
      [30, 'team'],
    ]);
  });

  it('has the product of the factor sizes as its size', () => {
    expect(fullGrid([caseload, design, coordinators, plan]).points).toHaveLength(3 * 2 * 5 * 2);
  });

  it('ends a range exactly at min and max and rounds integer ranges', () => {
    const f: Factor = { name: 'x', kind: 'range', min: 0.1, max: 0.7, integer: false, steps: 4 };
    const xs = fullGrid([f]).points.map((r) => r[0] as number);
    expect(xs[0]).toBe(0.1);
    expect(xs[3]).toBe(0.7);
    expect(fullGrid([coordinators]).points.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('latinHypercube', () => {
  const x: RangeFactor = { name: 'x', kind: 'range', min: -2, max: 8, integer: false };
  const z: RangeFactor = { name: 'z', kind: 'range', min: 0, max: 1, integer: false };

  it('uses each stratum of each factor exactly once', () => {
    const samples = 25;
    const d = latinHypercube([x, z], samples, 7);
    expect(d.kind).toBe('lhs');
    expect(d.points).toHaveLength(samples);
    for (const [i, f] of [x, z].entries()) {
      const strata = d.points.map((r) => stratum(f, r[i] as number, samples)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: samples }, (_, s) => s));
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(latinHypercube([x, z, design], 10, 42)).toEqual(latinHypercube([x, z, design], 10, 42));
    expect(latinHypercube([x, z], 10, 42).points).not.toEqual(latinHypercube([x, z], 10, 43).points);
  });

  it('permutes strata independently per factor', () => {
    // Two identical factors would pair stratum s with stratum s if they shared a permutation.
    const d = latinHypercube([z, { ...z, name: 'z2' }], 50, 1);
    const same = d.points.filter((r) => stratum(z, r[0] as number, 50) === stratum(z, r[1] as number, 50));
    expect(same.length).toBeLessThan(10);
  });

  it('maps a levels factor by stratum, so each level gets samples / levels points', () => {
    const levels: Factor = { name: 'team', kind: 'levels', levels: ['a', 'b', 'c', 'd'] };
    const d = latinHypercube([levels], 12, 3);
    const counts = new Map<unknown, number>();
    for (const [v] of d.points) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ a: 3, b: 3, c: 3, d: 3 });
  });

  it('rounds integer ranges and stays inside [min, max]', () => {
    const d = latinHypercube([coordinators], 40, 9);
    for (const [v] of d.points) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(5);
    }
    expect(new Set(d.points.map((r) => r[0]))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('works with a single sample', () => {
    const d = latinHypercube([x], 1, 0);
    expect(d.points).toHaveLength(1);
    expect(d.points[0][0]).toBeGreaterThanOrEqual(-2);
    expect(d.points[0][0]).toBeLessThan(8);
  });
});

describe('morris', () => {
  const a: RangeFactor = { name: 'a', kind: 'range', min: 0, max: 10, integer: false };
  const b: RangeFactor = { name: 'b', kind: 'range', min: -1, max: 1, integer: false };
  const c: RangeFactor = { name: 'c', kind: 'range', min: 100, max: 200, integer: false };
  const factors = [a, b, c];

  it('has k + 1 points per trajectory and k steps each', () => {
    const d = morris(factors, 6, 4, 11);
    const meta = d.meta as MorrisMeta;
    expect(d.kind).toBe('morris');
    expect(d.points).toHaveLength(6 * 4);
    expect(meta.steps).toHaveLength(6 * 3);
    expect(meta.delta).toBeCloseTo(4 / 6, 15);
    for (let t = 0; t < 6; t++) {
      const steps = meta.steps.filter((s) => s.trajectory === t);
      expect(steps.map((s) => s.before)).toEqual([0, 1, 2].map((j) => t * 4 + j));
      expect(steps.map((s) => s.after)).toEqual([1, 2, 3].map((j) => t * 4 + j));
      // Every factor moves exactly once per trajectory.
      expect(steps.map((s) => s.factor).sort()).toEqual([0, 1, 2]);
    }
  });

  it('changes exactly one factor per step, by ±Δ in unit space', () => {
    for (const p of [2, 4, 6, 8]) {
      const d = morris(factors, 10, p, p);
      const meta = d.meta as MorrisMeta;
      const delta = p / (2 * (p - 1));
      for (const s of meta.steps) {
        const before = d.points[s.before] as number[];
        const after = d.points[s.after] as number[];
        const changed = factors.map((_, i) => i).filter((i) => before[i] !== after[i]);
        expect(changed).toEqual([s.factor]);
        const f = factors[s.factor];
        const unitStep = (after[s.factor] - before[s.factor]) / (f.max - f.min);
        expect(Math.abs(s.delta)).toBeCloseTo(delta, 12);
        expect(unitStep).toBeCloseTo(s.delta, 12);
      }
    }
  });

  it('keeps every point inside [min, max] and on the p-level grid', () => {
    const p = 6;
    const d = morris(factors, 30, p, 5);
    for (const row of d.points) {
      row.forEach((v, i) => {
        const f = factors[i];
        expect(v).toBeGreaterThanOrEqual(f.min);
        expect(v).toBeLessThanOrEqual(f.max);
        const level = (((v as number) - f.min) / (f.max - f.min)) * (p - 1);
        expect(Math.abs(level - Math.round(level))).toBeLessThan(1e-9);
      });
    }
  });

  it('visits every grid level (Δ = p / (2(p − 1)) makes them equally likely)', () => {
    const d = morris([a], 400, 4, 2);
    const counts = [0, 0, 0, 0];
    for (const [v] of d.points) counts[Math.round(((v as number) / 10) * 3)]++;
    // 800 points over 4 levels: 200 expected each.
    for (const n of counts) expect(n).toBeGreaterThan(150);
  });

  it('permutes the factor order between trajectories', () => {
    const meta = morris([a, b, c, caseload], 20, 4, 3).meta as MorrisMeta;
    const orders = new Set<string>();
    for (let t = 0; t < 20; t++) orders.add(meta.steps.filter((s) => s.trajectory === t).map((s) => s.factor).join(','));
    expect(orders.size).toBeGreaterThan(5);
  });

  it('maps levels factors so every step changes the level, and rounds integer ranges', () => {
    const three: Factor = { name: 'three', kind: 'levels', levels: ['x', 'y', 'z'] };
    const d = morris([plan, three, coordinators], 25, 4, 8);
    const meta = d.meta as MorrisMeta;
    for (const s of meta.steps) expect(d.points[s.after][s.factor]).not.toBe(d.points[s.before][s.factor]);
    for (const row of d.points) {
      expect([false, true]).toContain(row[0]);
      expect(['x', 'y', 'z']).toContain(row[1]);
      expect(Number.isInteger(row[2])).toBe(true);
    }
  });

  it('is deterministic for a seed, differs across seeds, and defaults to p = 4', () => {
    expect(morris(factors, 5, 4, 1)).toEqual(morris(factors, 5, 4, 1));
    expect(morris(factors, 5, 4, 1).points).not.toEqual(morris(factors, 5, 4, 2).points);
    expect(morris(factors, 5, undefined, 1)).toEqual(morris(factors, 5, 4, 1));
  });
});

describe('oneAtATime', () => {
  it('is the base, then low and high of each factor with the others at base', () => {
    const d = oneAtATime([caseload, design, coordinators], [20, 'team', 3]);
    expect(d.kind).toBe('oat');
    expect(d.points).toEqual([
      [20, 'team', 3],
      [10, 'team', 3],
      [30, 'team', 3],
      [20, 'stafett', 3],
      [20, 'team', 3],
      [20, 'team', 1],
      [20, 'team', 5],
    ]);
    expect(d.meta as OatMeta).toEqual({ kind: 'oat', base: 0, low: [1, 3, 5], high: [2, 4, 6] });
  });

  it('copies the base rather than aliasing it', () => {
    const base = [20, 'team', 3];
    const d = oneAtATime([caseload, design, coordinators], base);
    base[0] = 99;
    expect(d.points[0][0]).toBe(20);
  });
});

describe('valueAt', () => {
  it('maps unit space to ranges linearly and to levels by equal bins', () => {
    expect(valueAt(caseload, 0.25)).toBe(15);
    expect(valueAt(coordinators, 0.3)).toBe(2); // 1 + 1.2 rounds to 2
    const four: Factor = { name: 'l', kind: 'levels', levels: [1, 2, 3, 4] };
    expect([0, 0.24, 0.25, 0.5, 0.99, 1].map((u) => valueAt(four, u))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});

describe('bad input throws a RangeError naming the problem', () => {
  const r = (over: Partial<RangeFactor>): Factor => ({ name: 'x', kind: 'range', min: 0, max: 1, integer: false, steps: 2, ...over });
  const cases: [string, () => unknown, RegExp][] = [
    ['empty factors (grid)', () => fullGrid([]), /fullGrid: factors must be a non-empty list/],
    ['empty factors (lhs)', () => latinHypercube([], 5, 1), /latinHypercube: factors must be a non-empty list/],
    ['empty factors (morris)', () => morris([], 5, 4, 1), /morris: factors must be a non-empty list/],
    ['empty factors (oat)', () => oneAtATime([], []), /oneAtATime: factors must be a non-empty list/],
    ['min == max', () => fullGrid([r({ min: 1, max: 1 })]), /min must be < max, got min 1 >= max 1/],
    ['min > max', () => latinHypercube([r({ min: 2, max: 1 })], 3, 1), /min must be < max/],
    ['non-finite min', () => fullGrid([r({ min: NaN })]), /min must be a finite number, got NaN/],
    ['infinite max', () => fullGrid([r({ max: Infinity })]), /max must be a finite number, got Infinity/],
    ['steps < 2', () => fullGrid([r({ steps: 1 })]), /steps must be an integer >= 2, got 1/],
    ['fractional steps', () => fullGrid([r({ steps: 2.5 })]), /steps must be an integer >= 2, got 2.5/],
    ['range without steps in a grid', () => fullGrid([r({ steps: undefined })]), /fullGrid: factor 0 \('x'\): a range needs steps/],
    ['more integer steps than integers', () => fullGrid([r({ integer: true, min: 0, max: 2, steps: 4 })]), /steps 4 exceeds the 3 integers/],
    ['integer range with fractional bounds', () => fullGrid([r({ integer: true, min: 0.5 })]), /integer range needs integer min and max/],
    ['empty levels', () => fullGrid([{ name: 'l', kind: 'levels', levels: [] }]), /factor 0 \('l'\): levels must be a non-empty list/],
    ['NaN level', () => fullGrid([{ name: 'l', kind: 'levels', levels: [1, NaN] }]), /levels\[1\] must be a finite number, string or boolean, got NaN/],
    ['duplicate names', () => fullGrid([caseload, { ...design, name: 'caseload' }]), /duplicate factor name 'caseload'/],
    ['empty name', () => fullGrid([{ ...caseload, name: '' }]), /name must be a non-empty string/],
    ['unknown kind', () => fullGrid([{ name: 'q', kind: 'list' } as unknown as Factor]), /kind must be 'levels' or 'range', got list/],
    ['samples < 1', () => latinHypercube([caseload], 0, 1), /samples must be an integer >= 1, got 0/],
    ['fractional samples', () => latinHypercube([caseload], 2.5, 1), /samples must be an integer >= 1, got 2.5/],
    ['non-integer seed (lhs)', () => latinHypercube([caseload], 3, 1.5), /seed must be an integer, got 1.5/],
    ['NaN seed (morris)', () => morris([caseload], 3, 4, NaN), /seed must be an integer, got NaN/],
    ['odd gridLevels', () => morris([caseload], 3, 5, 1), /gridLevels must be an even integer >= 2, got 5/],
    ['gridLevels 0', () => morris([caseload], 3, 0, 1), /gridLevels must be an even integer >= 2, got 0/],
    ['trajectories < 1', () => morris([caseload], 0, 4, 1), /trajectories must be an integer >= 1, got 0/],
    ['one-level factor in morris', () => morris([{ name: 'l', kind: 'levels', levels: ['only'] }], 3, 4, 1), /needs at least 2 levels/],
    ['base of wrong length', () => oneAtATime([caseload, design], [20]), /base must have one value per factor \(2\), got 1/],
    ['base outside range', () => oneAtATime([caseload], [40]), /base\[0\] \('caseload'\) must be a number in \[10, 30\], got 40/],
    ['base not a level', () => oneAtATime([design], ['solo']), /base\[0\] \('design'\) must be one of the factor's levels, got solo/],
    ['fractional base for an integer range', () => oneAtATime([coordinators], [2.5]), /base\[0\] \('coordinators'\) must be an integer, got 2.5/],
  ];
  it.each(cases)('%s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
