import { createHash } from 'node:crypto';
import { metricNames } from '../model/registry.js';
import { scenarioHash } from '../scenario/hash.js';
import { lookup, parseJsonPath, setExisting } from '../scenario/jsonPathEdit.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioError, validateScenarioObject, type ScenarioIssue } from '../scenario/validate.js';
import { VERSION } from '../version.js';
import { fullGrid, latinHypercube, morris, oneAtATime, type Design, type Factor, type FactorValue } from './design.js';
import type { Experiment } from './experimentSchema.js';
import { runTasks } from './pool.js';
import { replicationSeed } from './replicate.js';

/**
 * A sweep: the points of an experiment's design applied to its base scenario, each run for the
 * same replication seeds (common random numbers across points). Tasks are numbered point-major,
 * `task = point * replications + replication`; a shard K/N runs the tasks with task % N = K - 1,
 * so shards are deterministic slices and merging them gives the rows of one run, in one order.
 */

export interface SweepPoint {
  index: number;
  values: FactorValue[];
  scenario: Scenario;
  hash: string;
}

export interface SweepPlan {
  experiment: Experiment;
  file: string;
  /** SHA-256 of the experiment and its base scenario, resolved: any change to either changes it. */
  experimentHash: string;
  baseFile: string;
  baseHash: string;
  columns: string[];
  design: Design;
  points: SweepPoint[];
  metrics: string[];
  tasks: number;
}

export interface Shard {
  k: number;
  n: number;
}

/** One result: a metric of one replication of one point. */
export interface SweepRow {
  task: number;
  point: number;
  replication: number;
  seed: number;
  metric: string;
  value: number;
}

/** A problem with an experiment file, in the scenario's error format (file, JSON path, expected, found). */
export class ExperimentError extends ScenarioError {}

function issue(file: string, path: Array<string | number>, expected: string, found: string): ScenarioIssue {
  const p = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
  return { file, path: `$${p}`, pathSegments: path, expected, found };
}

/** Resolves the design's points on the base scenario and checks every point is a valid scenario. */
export function planSweep(experiment: Experiment, file: string, base: Scenario, baseFile: string): SweepPlan {
  const problems: ScenarioIssue[] = [];
  const segments = experiment.parameters.map((p) => parseJsonPath(p.path));
  const columns = experiment.parameters.map((p, i) => p.name ?? String(segments[i][segments[i].length - 1]));
  experiment.parameters.forEach((p, i) => {
    const at = lookup(base, segments[i]);
    if (!at.found) problems.push(issue(file, ['parameters', i, 'path'], `a path that exists in ${baseFile} (with defaults filled in); the part that exists is ${at.existing}`, JSON.stringify(p.path)));
  });
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) problems.push(issue(file, ['parameters'], 'distinct parameter names (set "name" where two paths end in the same key)', `"${dup}" twice`));
  if (problems.length > 0) throw new ExperimentError(problems);

  const factors: Factor[] = experiment.parameters.map((p, i) =>
    p.values !== undefined ? { name: columns[i], kind: 'levels', levels: p.values } : { name: columns[i], kind: 'range', min: p.range!.min, max: p.range!.max, integer: p.range!.integer, steps: p.range!.steps },
  );
  let design: Design;
  const d = experiment.design;
  try {
    if (d.kind === 'grid') design = fullGrid(factors);
    else if (d.kind === 'lhs') design = latinHypercube(factors, d.samples, experiment.seed);
    else if (d.kind === 'morris') design = morris(factors, d.trajectories, d.levels, experiment.seed);
    else {
      const baseValues = experiment.parameters.map((p, i) => {
        const v = p.base ?? (lookup(base, segments[i]) as { value: unknown }).value;
        if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') throw new RangeError(`parameter ${columns[i]} has no base value (the scenario has ${JSON.stringify(v)}); set "base"`);
        return v;
      });
      design = oneAtATime(factors, baseValues);
    }
  } catch (e) {
    throw new ExperimentError([issue(file, ['design'], 'a design the parameters allow', (e as Error).message)]);
  }

  const points: SweepPoint[] = design.points.map((values, index) => {
    let data: unknown = base;
    values.forEach((v, i) => (data = setExisting(data, segments[i], v)));
    const r = validateScenarioObject(data, `${baseFile} with ${columns.map((c, i) => `${c}=${JSON.stringify(values[i])}`).join(', ')}`);
    if (!r.ok) {
      throw new ExperimentError(
        r.issues.map((x) => ({ ...x, file, path: `$.parameters (point ${index})`, expected: `values the scenario accepts: at ${x.path} ${x.expected}`, found: `${x.found} (${x.file})` })),
      );
    }
    return { index, values, scenario: r.scenario, hash: r.hash };
  });

  const available = metricNames(base);
  const metrics = experiment.metrics.length > 0 ? experiment.metrics : [...available];
  const unknown = experiment.metrics.map((m, i) => [m, i] as const).filter(([m]) => !available.includes(m));
  if (unknown.length > 0) {
    throw new ExperimentError(unknown.map(([m, i]) => issue(file, ['metrics', i], `a metric the scenario reports (e.g. ${available.slice(0, 4).join(', ')}, ...)`, JSON.stringify(m))));
  }

  const experimentHash = `sha256:${createHash('sha256')
    .update(JSON.stringify({ experiment: { ...experiment, name: undefined, description: undefined, $schema: undefined, scenario: undefined }, base: scenarioHash(base) }))
    .digest('hex')
    .slice(0, 16)}`;
  return { experiment, file, experimentHash, baseFile, baseHash: scenarioHash(base), columns, design, points, metrics, tasks: points.length * experiment.replications };
}

export function taskOf(plan: SweepPlan, task: number): { point: number; replication: number; seed: number } {
  const reps = plan.experiment.replications;
  const replication = task % reps;
  return { point: Math.floor(task / reps), replication, seed: replicationSeed(plan.experiment.seed, replication) };
}

/** The tasks of shard K/N (1-based K): task % N = K - 1. */
export function shardTasks(total: number, shard: Shard = { k: 1, n: 1 }): number[] {
  if (!Number.isInteger(shard.n) || shard.n < 1 || !Number.isInteger(shard.k) || shard.k < 1 || shard.k > shard.n) throw new RangeError(`shard must be K/N with 1 <= K <= N, got ${shard.k}/${shard.n}`);
  const out: number[] = [];
  for (let t = shard.k - 1; t < total; t += shard.n) out.push(t);
  return out;
}

export interface SweepRunOptions {
  jobs?: number;
  shard?: Shard;
  onProgress?: (done: number, total: number) => void;
}

/** Runs a shard (default: all) of a sweep; rows in task order, metrics in the plan's order. */
export async function runSweep(plan: SweepPlan, options: SweepRunOptions = {}): Promise<SweepRow[]> {
  const tasks = shardTasks(plan.tasks, options.shard);
  const years = plan.experiment.years ?? undefined;
  let done = 0;
  const results = await runTasks(
    tasks.map((t) => {
      const { point, seed } = taskOf(plan, t);
      return { scenario: plan.points[point].scenario, seed, years };
    }),
    { jobs: options.jobs, onDone: () => options.onProgress?.(++done, tasks.length) },
  );
  const rows: SweepRow[] = [];
  tasks.forEach((task, i) => {
    const { point, replication, seed } = taskOf(plan, task);
    for (const metric of plan.metrics) rows.push({ task, point, replication, seed, metric, value: results[i][metric] ?? NaN });
  });
  return rows;
}

// ------------------------------------------------------------------------------------------------
// Tidy CSV: one row per replication x metric, with everything needed to reproduce it.

export function sweepCsvHeader(plan: SweepPlan): string[] {
  return ['experiment', 'experimentHash', 'point', ...plan.columns, 'scenarioHash', 'replication', 'seed', 'version', 'metric', 'value'];
}

function csvField(v: string | number | boolean): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function sweepCsv(plan: SweepPlan, rows: readonly SweepRow[]): string {
  const lines = [sweepCsvHeader(plan).join(',')];
  for (const r of rows) {
    const p = plan.points[r.point];
    lines.push([plan.experiment.name, plan.experimentHash, r.point, ...p.values, p.hash, r.replication, r.seed, VERSION, r.metric, r.value].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Reads the rows back from a sweep CSV written by `sweepCsv` (for merging shards). */
export function parseSweepCsv(plan: SweepPlan, text: string, file: string): SweepRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = sweepCsvHeader(plan).join(',');
  if (lines[0] !== header) throw new RangeError(`${file}: the header is not this experiment's (expected ${header})`);
  const col = (name: string) => sweepCsvHeader(plan).indexOf(name);
  return lines.slice(1).map((line, i) => {
    const f = splitCsv(line);
    if (f[col('experimentHash')] !== plan.experimentHash) throw new RangeError(`${file}:${i + 2}: experimentHash ${f[col('experimentHash')]} is not this experiment's (${plan.experimentHash})`);
    const point = Number(f[col('point')]);
    const replication = Number(f[col('replication')]);
    const value = f[col('value')];
    return { task: point * plan.experiment.replications + replication, point, replication, seed: Number(f[col('seed')]), metric: f[col('metric')], value: value === '' ? NaN : Number(value) };
  });
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Merges shard rows into the rows of one run: every task exactly once, in task order, metrics in
 * the plan's order. Throws naming the missing or doubled tasks.
 */
export function mergeRows(plan: SweepPlan, shards: readonly SweepRow[][]): SweepRow[] {
  const byTask = new Map<number, SweepRow[]>();
  for (const rows of shards) {
    for (const r of rows) {
      let list = byTask.get(r.task);
      if (!list) byTask.set(r.task, (list = []));
      list.push(r);
    }
  }
  const missing: number[] = [];
  const out: SweepRow[] = [];
  for (let t = 0; t < plan.tasks; t++) {
    const list = byTask.get(t);
    if (!list) {
      missing.push(t);
      continue;
    }
    if (list.length !== plan.metrics.length) throw new RangeError(`task ${t} appears ${list.length / plan.metrics.length} times across the shards (a shard merged twice?)`);
    const order = new Map(plan.metrics.map((m, i) => [m, i]));
    out.push(...[...list].sort((a, b) => order.get(a.metric)! - order.get(b.metric)!));
  }
  if (missing.length > 0) throw new RangeError(`${missing.length} of ${plan.tasks} tasks are in no shard (first: ${missing.slice(0, 5).join(', ')}): merge every shard K/N`);
  return out;
}
