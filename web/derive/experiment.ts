import type { Design, FactorValue } from '../../src/experiment/design.js';
import { morrisEffects, tornado, type MorrisEffect, type TornadoBar } from '../../src/experiment/sensitivity.js';
import type { SweepRow } from '../../src/experiment/sweepPlan.js';
import { estimate } from './estimate.js';

/**
 * The Experiments view's series: a sweep's rows (one metric of one replication of one design
 * point each) turned into point estimates, "metric vs parameter" lines and sensitivity measures.
 * Pure; the rows may be a partial set while the sweep runs, and every function says what it does
 * with the missing ones.
 */

/** What the page holds for a finished or running sweep. */
export interface SweepData {
  name: string;
  experimentHash: string;
  design: Design;
  /** Parameter names, in `design.factors` order. */
  columns: string[];
  metrics: string[];
  replications: number;
  /** May be partial while the sweep runs; tasks are numbered `point * replications + replication`. */
  rows: SweepRow[];
}

export interface PointStat {
  point: number;
  /** The point's parameter values, in `columns` order. */
  values: FactorValue[];
  /** The metric per replication (index = replication number); NaN where missing or NaN. */
  byReplication: number[];
  /** Mean and 95 % interval over the replications with a value (NaN values left out). */
  mean: number;
  ci95: [number, number];
  n: number;
}

/** One x of a "metric vs parameter" line. */
export interface SeriesPoint {
  x: FactorValue;
  /** Mean over replications of the group mean; NaN when no replication has every point of the group. */
  mean: number;
  /** 95 % interval of that mean; NaN below 2 replications. */
  lo: number;
  hi: number;
  /** Replications behind the estimate. */
  n: number;
  /** Design points pooled into this x (and group value). */
  points: number;
}

export interface SweepSeriesLine {
  /** The group parameter's value, or null for the one line of an ungrouped chart. */
  key: FactorValue | null;
  points: SeriesPoint[];
}

export interface SweepAxisParam {
  param: number;
  name: string;
  /** Every value is a number: a linear axis in numeric order. Else categorical, in order of first appearance. */
  numeric: boolean;
  /** Distinct values in axis (or legend) order. */
  values: FactorValue[];
}

export interface SweepSeries {
  metric: string;
  x: SweepAxisParam;
  group: SweepAxisParam | null;
  series: SweepSeriesLine[];
}

export interface Completeness {
  /** Tasks (point × replication) with a row for every metric. */
  tasksDone: number;
  tasksTotal: number;
  /** Points whose every replication is done. */
  pointsComplete: number;
  complete: boolean;
}

/** The Morris measures for the view: mu* against sigma, mu for the sign. */
export type MorrisPoint = Pick<MorrisEffect, 'factor' | 'mu' | 'muStar' | 'sigma' | 'n'>;

function fail(message: string): never {
  throw new RangeError(`experiment view: ${message}`);
}

function checkData(data: SweepData): void {
  const k = data.design.factors.length;
  if (data.columns.length !== k) fail(`columns must name the ${k} design factors, got ${data.columns.length}`);
  if (!(Number.isInteger(data.replications) && data.replications >= 1)) fail(`replications must be an integer >= 1, got ${data.replications}`);
  if (data.metrics.length === 0) fail('metrics must not be empty');
}

function checkMetric(data: SweepData, metric: string): void {
  if (!data.metrics.includes(metric)) fail(`unknown metric '${metric}' (this sweep reports ${data.metrics.join(', ')})`);
}

/**
 * The rows as metric → point → replication → value (undefined while missing). A row outside the
 * design, with a task number that does not match its point and replication, with a metric the
 * sweep does not report, or repeating a cell with another value is an error: the page would
 * otherwise show a mix of two sweeps. A repeat with the same value (a result delivered twice) is
 * harmless and ignored.
 */
function cells(data: SweepData): Map<string, (number | undefined)[][]> {
  checkData(data);
  const nPoints = data.design.points.length;
  const reps = data.replications;
  const out = new Map<string, (number | undefined)[][]>();
  for (const m of data.metrics) out.set(m, Array.from({ length: nPoints }, () => new Array<number | undefined>(reps).fill(undefined)));
  for (const r of data.rows) {
    const where = `row (task ${r.task}, point ${r.point}, replication ${r.replication}, metric '${r.metric}')`;
    if (!(Number.isInteger(r.point) && r.point >= 0 && r.point < nPoints)) fail(`${where}: point is not one of the design's ${nPoints}`);
    if (!(Number.isInteger(r.replication) && r.replication >= 0 && r.replication < reps)) fail(`${where}: replication is not in 0..${reps - 1}`);
    if (r.task !== r.point * reps + r.replication) fail(`${where}: task should be ${r.point * reps + r.replication}`);
    const m = out.get(r.metric);
    if (m === undefined) fail(`${where}: metric is not one of the sweep's`);
    const had = m[r.point][r.replication];
    if (had !== undefined && !Object.is(had, r.value)) fail(`${where}: two different values, ${had} and ${r.value}`);
    m[r.point][r.replication] = r.value;
  }
  return out;
}

function metricCells(data: SweepData, metric: string): (number | undefined)[][] {
  checkMetric(data, metric);
  return cells(data).get(metric)!;
}

/** Per design point, in point order: its parameter values and the metric's mean over replications. Points without rows have n 0 and mean NaN. */
export function pointStats(data: SweepData, metric: string): PointStat[] {
  return metricCells(data, metric).map((reps, point) => {
    const byReplication = reps.map((v) => v ?? NaN);
    const e = estimate(byReplication);
    return { point, values: data.design.points[point], byReplication, mean: e.mean, ci95: e.ci95, n: e.n };
  });
}

/** Distinct values in axis order: numeric order when all are numbers, else order of first appearance. */
function axisValues(values: readonly FactorValue[]): { numeric: boolean; values: FactorValue[] } {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => typeof v === 'number');
  if (numeric) (distinct as number[]).sort((a, b) => a - b);
  return { numeric, values: distinct };
}

function axisParam(data: SweepData, param: number, role: string): SweepAxisParam {
  const k = data.design.factors.length;
  if (!(Number.isInteger(param) && param >= 0 && param < k)) fail(`${role} must be a parameter index in 0..${k - 1}, got ${param}`);
  return { param, name: data.columns[param], ...axisValues(data.design.points.map((p) => p[param])) };
}

/**
 * The "metric vs parameter" chart: x = values of parameter `xParam`, one line per value of
 * `groupParam` (one line when null).
 *
 * Pooling rule, the same for every design: the design points are grouped by their values of the
 * chosen parameters (x, and the group parameter when given), whatever the other parameters are.
 * Within one replication, the group's value is the plain average of its points' values (common
 * random numbers: replication r has the same seed at every point); the estimate is the mean of
 * those per-replication averages, and the band the 95 % Student-t interval across replications.
 * So in a full grid with other parameters varying, a line is the marginal mean over their levels
 * (every level weighted equally); in an LHS or Morris design, where the other parameters vary from
 * point to point, it is the average of whichever points happen to share the chosen values, which
 * can be a handful or one, and the band says nothing about the variation those other parameters
 * cause, only about replication noise given these points. A replication enters a group only when
 * every point of the group has a (non-NaN) value for it, so a partial sweep never mixes point sets
 * between replications; `n` says how many did.
 *
 * Lines are in the group parameter's axis order; within a line the points are in x order and only
 * the (x, group) combinations the design has appear.
 */
export function sweepSeries(data: SweepData, metric: string, xParam: number, groupParam: number | null): SweepSeries {
  const table = metricCells(data, metric);
  const x = axisParam(data, xParam, 'xParam');
  const group = groupParam === null ? null : axisParam(data, groupParam, 'groupParam');
  if (group !== null && group.param === x.param) fail(`groupParam must differ from xParam (${xParam})`);
  const xIndex = new Map(x.values.map((v, i) => [v, i]));
  const gKeys: (FactorValue | null)[] = group === null ? [null] : group.values;
  const gIndex = new Map(gKeys.map((v, i) => [v, i]));
  // members[g][xi]: the points with that group value and x value.
  const members: number[][][] = gKeys.map(() => x.values.map(() => []));
  data.design.points.forEach((p, i) => {
    const g = gIndex.get(group === null ? null : p[group.param])!;
    members[g][xIndex.get(p[x.param])!].push(i);
  });

  const series = gKeys.map((key, g): SweepSeriesLine => {
    const points: SeriesPoint[] = [];
    x.values.forEach((xv, xi) => {
      const pts = members[g][xi];
      if (pts.length === 0) return;
      const perReplication: number[] = [];
      for (let r = 0; r < data.replications; r++) {
        let sum = 0;
        let ok = true;
        for (const p of pts) {
          const v = table[p][r];
          if (v === undefined || Number.isNaN(v)) {
            ok = false;
            break;
          }
          sum += v;
        }
        if (ok) perReplication.push(sum / pts.length);
      }
      const e = estimate(perReplication);
      points.push({ x: xv, mean: e.mean, lo: e.ci95[0], hi: e.ci95[1], n: e.n, points: pts.length });
    });
    return { key, points };
  });
  return { metric, x, group, series };
}

/** The point means, or null unless every point has every replication's row for `metric`. */
function completeMeans(data: SweepData, metric: string): number[] | null {
  const table = metricCells(data, metric);
  if (!table.every((reps) => reps.every((v) => v !== undefined))) return null;
  return table.map((reps) => estimate(reps as number[]).mean);
}

/**
 * Tornado bars (largest swing first) from the point means of a one-at-a-time sweep; null for
 * another design or while any row of `metric` is missing, since a bar from a half-run point would
 * be read as a result.
 */
export function tornadoBars(data: SweepData, metric: string): TornadoBar[] | null {
  checkMetric(data, metric);
  if (data.design.kind !== 'oat') return null;
  const y = completeMeans(data, metric);
  return y === null ? null : tornado(data.design, y);
}

/**
 * Morris measures per factor (factor order) from the point means of a Morris sweep; null for
 * another design or while any row of `metric` is missing (a trajectory with holes would bias mu*).
 */
export function morrisPoints(data: SweepData, metric: string): MorrisPoint[] | null {
  checkMetric(data, metric);
  if (data.design.kind !== 'morris') return null;
  const y = completeMeans(data, metric);
  if (y === null) return null;
  return morrisEffects(data.design, y).map((e) => ({ factor: e.factor, mu: e.mu, muStar: e.muStar, sigma: e.sigma, n: e.n }));
}

/** How far the sweep has got: a task is done when it has a row for every metric (a NaN value counts: the run finished). */
export function completeness(data: SweepData): Completeness {
  const table = cells(data);
  const nPoints = data.design.points.length;
  const tables = [...table.values()];
  let tasksDone = 0;
  let pointsComplete = 0;
  for (let p = 0; p < nPoints; p++) {
    let done = 0;
    for (let r = 0; r < data.replications; r++) if (tables.every((t) => t[p][r] !== undefined)) done++;
    tasksDone += done;
    if (done === data.replications) pointsComplete++;
  }
  const tasksTotal = nPoints * data.replications;
  return { tasksDone, tasksTotal, pointsComplete, complete: tasksDone === tasksTotal };
}
