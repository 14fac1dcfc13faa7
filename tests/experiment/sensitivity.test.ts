import { describe, expect, it } from 'vitest';
import { fullGrid, morris, oneAtATime, type Design, type Factor, type FactorValue, type MorrisMeta } from '../../src/experiment/design.js';
import { morrisEffects, tornado } from '../../src/experiment/sensitivity.js';

const range = (name: string, min: number, max: number): Extract<Factor, { kind: 'range' }> => ({ name, kind: 'range', min, max, integer: false });
const outputs = (d: Design, f: (x: number[]) => number): number[] => d.points.map((row) => f(row as number[]));

describe('morrisEffects', () => {
  // Ranges of different widths, so mu* must scale with |a_i| × range, not |a_i| alone.
  const factors = [range('a', 0, 10), range('b', -1, 1), range('c', 100, 200), range('inert', 0, 5)];
  const d = morris(factors, 12, 4, 17);

  it('on y = Σ a_i x_i gives mu = a_i × range, mu* = |a_i| × range and sigma ≈ 0', () => {
    const a = [2, -3, 0.5, 0];
    const effects = morrisEffects(d, outputs(d, (x) => x.reduce((s, xi, i) => s + a[i] * xi, 0)));
    const widths = [10, 2, 100, 5];
    expect(effects.map((e) => e.factor)).toEqual(['a', 'b', 'c', 'inert']);
    effects.forEach((e, i) => {
      expect(e.n).toBe(12);
      expect(e.mu).toBeCloseTo(a[i] * widths[i], 9);
      expect(e.muStar).toBeCloseTo(Math.abs(a[i]) * widths[i], 9);
      expect(e.sigma).toBeCloseTo(0, 9);
    });
  });

  it('gives a factor with no effect mu* = 0', () => {
    const [, , , inert] = morrisEffects(d, outputs(d, (x) => x[0] * x[1] + Math.sin(x[2])));
    expect(inert.muStar).toBe(0);
    expect(inert.mu).toBe(0);
    expect(inert.sigma).toBe(0);
  });

  it('gives interacting factors sigma > 0 and an additive one sigma ≈ 0', () => {
    // y = x_a × x_b + x_c: the effect of a depends on b and vice versa.
    const [ea, eb, ec] = morrisEffects(d, outputs(d, (x) => x[0] * x[1] + x[2]));
    expect(ea.sigma).toBeGreaterThan(1);
    expect(eb.sigma).toBeGreaterThan(1);
    expect(ec.sigma).toBeCloseTo(0, 9);
    expect(ec.muStar).toBeCloseTo(100, 9);
  });

  it('lets effects of opposite sign cancel in mu but not in mu*', () => {
    // y = (x − 5)^2 on [0, 10] with p = 4: steps 0 ↔ 20/3 and 10/3 ↔ 10 have EEs of both signs.
    const dq = morris([range('q', 0, 10)], 200, 4, 4);
    const [e] = morrisEffects(dq, outputs(dq, ([x]) => (x - 5) ** 2));
    expect(Math.abs(e.mu)).toBeLessThan(e.muStar / 2);
    expect(e.muStar).toBeGreaterThan(0);
  });

  it('skips steps with a NaN output and reports NaN sigma below 2 effects', () => {
    const d1 = morris([range('a', 0, 1), range('b', 0, 1)], 2, 4, 1);
    const y = outputs(d1, ([xa, xb]) => xa + 2 * xb);
    y[0] = NaN; // the first point of trajectory 0: its first step is lost
    const lost = (d1.meta as MorrisMeta).steps[0].factor;
    const effects = morrisEffects(d1, y);
    expect(effects[lost].n).toBe(1);
    expect(effects[lost].sigma).toBeNaN();
    expect(effects[lost].muStar).toBeCloseTo(lost === 0 ? 1 : 2, 12);
    expect(effects[1 - lost].n).toBe(2);
    const none = morrisEffects(d1, y.map(() => NaN));
    expect(none.map((e) => [e.n, e.mu, e.muStar, e.sigma])).toEqual([
      [0, NaN, NaN, NaN],
      [0, NaN, NaN, NaN],
    ]);
  });

  it('handles levels factors through their position in unit space', () => {
    const levels: Factor = { name: 'design', kind: 'levels', levels: ['stafett', 'team'] };
    const dl = morris([levels, range('x', 0, 1)], 10, 4, 6);
    const [design, x] = morrisEffects(dl, dl.points.map(([l, xv]) => (l === 'team' ? 3 : 0) + (xv as number)));
    // Each design step moves Δ = 2/3 in unit space and switches the level, so |EE| = 3 / (2/3).
    expect(design.muStar).toBeCloseTo(4.5, 12);
    expect(design.sigma).toBeCloseTo(0, 12);
    expect(x.muStar).toBeCloseTo(1, 12);
  });

  it('rejects a design that is not Morris and outputs of the wrong length', () => {
    expect(() => morrisEffects(fullGrid([{ ...range('a', 0, 1), steps: 2 }]), [1, 2])).toThrow(
      /morrisEffects: needs a 'morris' design, got a 'grid' design/,
    );
    expect(() => morrisEffects(d, [1, 2, 3])).toThrow(RangeError);
    expect(() => morrisEffects(d, [1, 2, 3])).toThrow(/y must have one value per design point \(60\), got 3/);
  });
});

describe('tornado', () => {
  // y = 10 + 4·caseload − 20·[design = team] + 0.25·coordinators.
  const factors: Factor[] = [
    range('caseload', 10, 30),
    { name: 'design', kind: 'levels', levels: ['stafett', 'mixed', 'team'] },
    { name: 'coordinators', kind: 'range', min: 1, max: 5, integer: true },
  ];
  const f = ([c, des, k]: FactorValue[]): number => 10 + 4 * (c as number) - (des === 'team' ? 20 : 0) + 0.25 * (k as number);
  const d = oneAtATime(factors, [20, 'mixed', 3]);
  const bars = tornado(d, d.points.map(f));

  it('reports low, high and their outputs for each factor', () => {
    const byName = Object.fromEntries(bars.map((b) => [b.factor, b]));
    const yBase = 10 + 80 + 0.75; // exact in binary, so the outputs compare exactly
    expect(byName.caseload).toEqual({ factor: 'caseload', low: 10, high: 30, yLow: yBase - 40, yHigh: yBase + 40, yBase, swing: 80 });
    expect(byName.design).toMatchObject({ low: 'stafett', high: 'team', yLow: yBase, yHigh: yBase - 20, swing: 20 });
    expect(byName.coordinators.low).toBe(1);
    expect(byName.coordinators.high).toBe(5);
    expect(byName.coordinators.swing).toBe(1);
  });

  it('sorts by swing, largest first', () => {
    expect(bars.map((b) => b.factor)).toEqual(['caseload', 'design', 'coordinators']);
  });

  it('keeps factor order for ties and puts NaN swings last', () => {
    const flat = oneAtATime([range('p', 0, 1), range('q', 0, 1), range('r', 0, 1)], [0.5, 0.5, 0.5]);
    expect(tornado(flat, [1, 1, 1, 1, 1, 1, 1]).map((b) => b.factor)).toEqual(['p', 'q', 'r']);
    const y = [0, NaN, 1, 0, 2, 0, 1];
    expect(tornado(flat, y).map((b) => [b.factor, b.swing])).toEqual([
      ['q', 2],
      ['r', 1],
      ['p', NaN],
    ]);
  });

  it('rejects a design that is not one-at-a-time and outputs of the wrong length', () => {
    const m = morris([range('a', 0, 1)], 2, 4, 1);
    expect(() => tornado(m, [1, 2, 3, 4])).toThrow(/tornado: needs a 'oat' design, got a 'morris' design/);
    expect(() => tornado(d, [1])).toThrow(RangeError);
    expect(() => tornado(d, [1])).toThrow(/tornado: y must have one value per design point \(7\), got 1/);
  });
});
