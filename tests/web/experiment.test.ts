import { describe, expect, it } from 'vitest';
import { fullGrid, latinHypercube, morris, oneAtATime, type Design, type Factor, type FactorValue } from '../../src/experiment/design.js';
import type { SweepRow } from '../../src/experiment/sweepPlan.js';
import { ci95, studentTQuantile } from '../../src/stats/summary.js';
import { completeness, morrisPoints, pointStats, sweepSeries, tornadoBars, type SweepData } from '../../web/derive/experiment.js';

const range = (name: string, min: number, max: number, steps?: number): Factor => ({ name, kind: 'range', min, max, integer: false, steps });
const levels = (name: string, ...values: FactorValue[]): Factor => ({ name, kind: 'levels', levels: values });

/** Replication noise that sums to 0 over 3 replications, the same at every point (common random numbers). */
const NOISE = [-1, 0, 1];
/** Half-width of the 95 % interval of the mean of m + NOISE: t(0.975, 2) × sd 1 / √3. */
const HALF = studentTQuantile(0.975, 2) / Math.sqrt(3);

function sweep(design: Design, f: (values: FactorValue[], replication: number, point: number) => number, o: { replications?: number; metrics?: string[]; keep?: (row: SweepRow) => boolean } = {}): SweepData {
  const replications = o.replications ?? NOISE.length;
  const metrics = o.metrics ?? ['y'];
  const rows: SweepRow[] = [];
  design.points.forEach((values, point) => {
    for (let replication = 0; replication < replications; replication++) {
      for (const metric of metrics) {
        const value = f(values, replication, point) * (metric === metrics[0] ? 1 : 10);
        rows.push({ task: point * replications + replication, point, replication, seed: 100 + replication, metric, value });
      }
    }
  });
  return {
    name: 'test',
    experimentHash: 'sha256:0000',
    design,
    columns: design.factors.map((f) => f.name),
    metrics,
    replications,
    rows: o.keep ? rows.filter(o.keep) : rows,
  };
}

// x ∈ {0, 1, 2}, y ∈ {20, 10} (given unsorted), z ∈ {'b', 'a'}: 12 points.
const grid = fullGrid([range('x', 0, 2, 3), levels('y', 20, 10), levels('z', 'b', 'a')]);
const linear = (v: FactorValue[], r: number) => 2 * (v[0] as number) + 3 * (v[1] as number) + NOISE[r];
const gridData = sweep(grid, linear);

describe('pointStats', () => {
  it('gives each point its parameter values, mean, interval and n, in point order', () => {
    const stats = pointStats(gridData, 'y');
    expect(stats).toHaveLength(12);
    stats.forEach((s, i) => {
      expect(s.point).toBe(i);
      expect(s.values).toEqual(grid.points[i]);
      const m = 2 * (s.values[0] as number) + 3 * (s.values[1] as number);
      expect(s.byReplication).toEqual(NOISE.map((e) => m + e));
      expect(s.mean).toBeCloseTo(m, 12);
      expect(s.ci95[0]).toBeCloseTo(m - HALF, 10);
      expect(s.ci95[1]).toBeCloseTo(m + HALF, 10);
      expect(s.n).toBe(3);
    });
  });

  it('leaves NaN values and missing rows out', () => {
    const d = sweep(grid, (v, r, p) => (p === 0 && r === 2 ? NaN : linear(v, r)), { keep: (row) => !(row.point === 1 && row.replication === 0) });
    const [p0, p1, p2] = pointStats(d, 'y');
    expect(p0.n).toBe(2);
    expect(p0.byReplication[2]).toBeNaN();
    expect(p0.mean).toBeCloseTo(60 - 0.5, 12);
    expect(p0.ci95).toEqual(ci95([59, 60]));
    expect(p1.n).toBe(2);
    expect(p1.mean).toBeCloseTo(60 + 0.5, 12);
    expect(p2.n).toBe(3);
    const none = pointStats(sweep(grid, linear, { keep: () => false }), 'y');
    expect(none.every((s) => s.n === 0 && Number.isNaN(s.mean) && Number.isNaN(s.ci95[0]))).toBe(true);
  });

  it('reads one metric among several', () => {
    const d = sweep(grid, linear, { metrics: ['y', 'y10'] });
    expect(pointStats(d, 'y10')[0].mean).toBeCloseTo(600, 10);
    expect(() => pointStats(d, 'nope')).toThrow(/unknown metric 'nope'/);
  });
});

describe('sweepSeries', () => {
  it('ungrouped: averages the points sharing an x over the other parameters, band across replications', () => {
    const s = sweepSeries(gridData, 'y', 0, null);
    expect(s.x).toEqual({ param: 0, name: 'x', numeric: true, values: [0, 1, 2] });
    expect(s.group).toBeNull();
    expect(s.series).toHaveLength(1);
    expect(s.series[0].key).toBeNull();
    const pts = s.series[0].points;
    expect(pts.map((p) => p.x)).toEqual([0, 1, 2]);
    pts.forEach((p) => {
      // Mean over y ∈ {10, 20} and both z: 2x + 3 × 15.
      const m = 2 * (p.x as number) + 45;
      expect(p.mean).toBeCloseTo(m, 12);
      expect(p.lo).toBeCloseTo(m - HALF, 10);
      expect(p.hi).toBeCloseTo(m + HALF, 10);
      expect(p.n).toBe(3);
      expect(p.points).toBe(4);
    });
  });

  it('groups: one line per value of the group parameter, numeric values in numeric order', () => {
    const s = sweepSeries(gridData, 'y', 0, 1);
    expect(s.group).toEqual({ param: 1, name: 'y', numeric: true, values: [10, 20] });
    expect(s.series.map((l) => l.key)).toEqual([10, 20]);
    for (const line of s.series) {
      expect(line.points.map((p) => p.x)).toEqual([0, 1, 2]);
      for (const p of line.points) {
        expect(p.mean).toBeCloseTo(2 * (p.x as number) + 3 * (line.key as number), 12);
        expect(p.points).toBe(2);
        expect(p.n).toBe(3);
      }
    }
  });

  it('puts a non-numeric parameter in order of first appearance', () => {
    const s = sweepSeries(gridData, 'y', 2, 0);
    expect(s.x).toEqual({ param: 2, name: 'z', numeric: false, values: ['b', 'a'] });
    expect(s.series.map((l) => l.key)).toEqual([0, 1, 2]);
    // y has no effect through z: each z point is 2x + 45.
    expect(s.series[1].points.map((p) => [p.x, p.mean])).toEqual([
      ['b', 47],
      ['a', 47],
    ]);
    const booleans = fullGrid([levels('on', true, false), range('x', 0, 1, 2)]);
    expect(sweepSeries(sweep(booleans, () => 1), 'y', 0, null).x).toMatchObject({ numeric: false, values: [true, false] });
  });

  it('averages within each replication first: the band is replication noise of the group mean', () => {
    // Noise that differs between points but cancels in the group mean of every replication.
    const d = sweep(grid, (v, r) => linear(v, r) + (v[2] === 'a' ? 5 : -5) * (r + 1));
    const [p] = sweepSeries(d, 'y', 0, 1).series[0].points;
    expect(p.mean).toBeCloseTo(30, 12);
    expect(p.lo).toBeCloseTo(30 - HALF, 10);
    expect(p.hi).toBeCloseTo(30 + HALF, 10);
  });

  it('with partial data uses only replications every point of the group has', () => {
    // Point 0 (x 0, y 20, z 'b') lacks replication 2; point 1 (z 'a') has all three.
    const d = sweep(grid, linear, { keep: (row) => !(row.point === 0 && row.replication === 2) });
    const [p20] = sweepSeries(d, 'y', 0, 1).series[1].points;
    expect(p20.x).toBe(0);
    expect(p20.n).toBe(2);
    expect(p20.mean).toBeCloseTo(60 - 0.5, 12);
    // A group none of whose replications is complete: a gap, not a zero.
    const empty = sweep(grid, linear, { keep: (row) => row.point !== 0 });
    const [gap] = sweepSeries(empty, 'y', 0, 1).series[1].points;
    expect(gap.n).toBe(0);
    expect(gap.mean).toBeNaN();
    expect(gap.lo).toBeNaN();
  });

  it('in an LHS design, where every point has its own x, is the point estimates in x order', () => {
    const lhs = latinHypercube([range('a', 0, 10), range('b', 0, 1)], 6, 3);
    const d = sweep(lhs, (v, r) => 2 * (v[0] as number) + 3 * (v[1] as number) + NOISE[r]);
    const pts = sweepSeries(d, 'y', 0, null).series[0].points;
    const stats = pointStats(d, 'y');
    expect(pts.map((p) => p.x)).toEqual(lhs.points.map((p) => p[0]).sort((a, b) => (a as number) - (b as number)));
    for (const p of pts) {
      const s = stats.find((q) => q.values[0] === p.x)!;
      expect(p.points).toBe(1);
      expect(p.mean).toBeCloseTo(s.mean, 12);
      expect(p.lo).toBeCloseTo(s.ci95[0], 12);
    }
  });

  it('rejects bad parameter indices', () => {
    expect(() => sweepSeries(gridData, 'y', 3, null)).toThrow(/xParam/);
    expect(() => sweepSeries(gridData, 'y', 0, 0)).toThrow(/differ/);
    expect(() => sweepSeries(gridData, 'y', 0, -1)).toThrow(/groupParam/);
  });
});

describe('tornadoBars', () => {
  const oat = oneAtATime([range('a', 0, 10), levels('b', 'lo', 'mid', 'hi'), range('c', 0, 1)], [5, 'mid', 0.5]);
  const B = { lo: -1, mid: 0, hi: 4 } as Record<string, number>;
  const f = (v: FactorValue[], r: number) => 2 * (v[0] as number) + 10 * B[v[1] as string] + 0 * (v[2] as number) + NOISE[r];

  it('gives bars from the point means, largest swing first', () => {
    const bars = tornadoBars(sweep(oat, f), 'y')!;
    expect(bars.map((b) => b.factor)).toEqual(['b', 'a', 'c']);
    expect(bars[0]).toMatchObject({ low: 'lo', high: 'hi', yBase: 10, swing: 50 });
    expect(bars[0].yLow).toBeCloseTo(0, 12);
    expect(bars[0].yHigh).toBeCloseTo(50, 12);
    expect(bars[1]).toMatchObject({ low: 0, high: 10 });
    expect(bars[1].yLow).toBeCloseTo(0, 12);
    expect(bars[1].yHigh).toBeCloseTo(20, 12);
    expect(bars[2].swing).toBeCloseTo(0, 12);
  });

  it('is null until every row is in, and for other designs', () => {
    expect(tornadoBars(sweep(oat, f, { keep: (r) => r.task !== 7 }), 'y')).toBeNull();
    expect(tornadoBars(gridData, 'y')).toBeNull();
    // A NaN value is a finished run: the point mean leaves it out.
    expect(tornadoBars(sweep(oat, (v, r, p) => (p === 0 && r === 0 ? NaN : f(v, r))), 'y')![0].yBase).toBeCloseTo(10.5, 12);
  });
});

describe('morrisPoints', () => {
  const factors = [range('a', 0, 10), range('b', -1, 1), range('inert', 0, 5)];
  const mo = morris(factors, 6, 4, 11);
  const f = (v: FactorValue[], r: number) => 2 * (v[0] as number) - 3 * (v[1] as number) + NOISE[r];

  it('gives mu, mu* and sigma per factor from the point means', () => {
    const pts = morrisPoints(sweep(mo, f), 'y')!;
    expect(pts.map((p) => p.factor)).toEqual(['a', 'b', 'inert']);
    // Linear: every elementary effect is coefficient × range, so sigma is 0.
    expect(pts[0].mu).toBeCloseTo(20, 9);
    expect(pts[0].muStar).toBeCloseTo(20, 9);
    expect(pts[1].mu).toBeCloseTo(-6, 9);
    expect(pts[1].muStar).toBeCloseTo(6, 9);
    expect(pts[2].muStar).toBeCloseTo(0, 9);
    for (const p of pts) {
      expect(p.sigma).toBeCloseTo(0, 9);
      expect(p.n).toBe(6);
    }
  });

  it('shows an interaction as sigma > 0', () => {
    const [a, b, inert] = morrisPoints(sweep(mo, (v, r) => (v[0] as number) * (v[1] as number) + NOISE[r]), 'y')!;
    expect(a.sigma).toBeGreaterThan(1);
    expect(b.sigma).toBeGreaterThan(1);
    expect(inert.sigma).toBeCloseTo(0, 9);
  });

  it('is null until every row is in, and for other designs', () => {
    expect(morrisPoints(sweep(mo, f, { keep: (r) => r.point !== mo.points.length - 1 }), 'y')).toBeNull();
    expect(morrisPoints(gridData, 'y')).toBeNull();
  });
});

describe('completeness', () => {
  it('counts tasks with every metric and points with every replication', () => {
    const full = sweep(grid, linear, { metrics: ['y', 'y10'] });
    expect(completeness(full)).toEqual({ tasksDone: 36, tasksTotal: 36, pointsComplete: 12, complete: true });
    // Point 0 misses one metric of replication 1; point 3 misses replication 2 entirely.
    const partial = { ...full, rows: full.rows.filter((r) => !(r.point === 0 && r.replication === 1 && r.metric === 'y10') && !(r.point === 3 && r.replication === 2)) };
    expect(completeness(partial)).toEqual({ tasksDone: 34, tasksTotal: 36, pointsComplete: 10, complete: false });
    expect(completeness({ ...full, rows: [] })).toEqual({ tasksDone: 0, tasksTotal: 36, pointsComplete: 0, complete: false });
  });

  it('counts a NaN value as done', () => {
    const d = sweep(grid, () => NaN);
    expect(completeness(d).complete).toBe(true);
  });
});

describe('row checks', () => {
  const row = gridData.rows[4];

  it('ignores a row delivered twice', () => {
    expect(completeness({ ...gridData, rows: [...gridData.rows, { ...row }] }).tasksDone).toBe(36);
  });

  it('fails loudly on rows that cannot belong to this sweep', () => {
    expect(() => completeness({ ...gridData, rows: [...gridData.rows, { ...row, value: row.value + 1 }] })).toThrow(/two different values/);
    expect(() => pointStats({ ...gridData, rows: [{ ...row, point: 12, task: 36 }] }, 'y')).toThrow(/point is not one of the design's 12/);
    expect(() => pointStats({ ...gridData, rows: [{ ...row, replication: 3, task: row.point * 3 + 3 }] }, 'y')).toThrow(/replication is not in 0..2/);
    expect(() => pointStats({ ...gridData, rows: [{ ...row, task: row.task + 1 }] }, 'y')).toThrow(/task should be/);
    expect(() => completeness({ ...gridData, rows: [{ ...row, metric: 'other' }] })).toThrow(/metric is not one of the sweep's/);
    expect(() => completeness({ ...gridData, columns: ['x'] })).toThrow(/columns/);
  });
});
