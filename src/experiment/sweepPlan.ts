import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { horizonProblem, metricNames } from '../model/registry.js';
import { canonicalJson, scenarioHash } from '../scenario/hash.js';
import { lookup, parseJsonPath, setExisting } from '../scenario/jsonPathEdit.js';
import type { Scenario } from '../scenario/schema.js';
import { ScenarioError, validateScenarioObject, type ScenarioIssue } from '../scenario/validate.js';
import { fullGrid, latinHypercube, morris, oneAtATime, type Design, type Factor, type FactorValue } from './design.js';
import type { Experiment } from './experimentSchema.js';
import { replicationSeed } from './replicate.js';

/**
 * A sweep's plan: the points of an experiment's design applied to its base scenario, each run for
 * the same replication seeds (common random numbers across points). Tasks are numbered
 * point-major, `task = point * replications + replication`; a shard K/N runs the tasks with
 * task % N = K - 1, so shards are deterministic slices. Pure and browser-safe: the CLI runs plans
 * on worker threads (sweep.ts), the dashboard on web workers.
 */

export interface SweepPoint {
  index: number;
  values: FactorValue[];
  scenario: Scenario;
  hash: string;
}

/** The most points a sweep may have: the schema's maximum of Latin hypercube samples. */
export const MAX_SWEEP_POINTS = 100_000;

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
  if (d.kind === 'grid') {
    // Checked before the product is built: 30 parameters of 2 values would be 2^30 points.
    const size = experiment.parameters.reduce((n, p) => n * (p.values?.length ?? p.range?.steps ?? 1), 1);
    if (size > MAX_SWEEP_POINTS) throw new ExperimentError([issue(file, ['parameters'], `a grid of at most ${MAX_SWEEP_POINTS} points (the most a Latin hypercube may have)`, `${size} points (the product of the parameters' numbers of values)`)]);
  }
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

  // Every point must leave an observation window after its warm-up (a point may set the warm-up or the horizon).
  for (const pt of points) {
    const problem = horizonProblem(pt.scenario, { years: experiment.years ?? undefined, warmupDays: experiment.warmupDays });
    if (problem !== null) throw new ExperimentError([issue(file, [experiment.warmupDays !== undefined ? 'warmupDays' : 'years'], 'a horizon longer than the warm-up', `at point ${pt.index}: ${problem}`)]);
  }
  // Names (name, label, description) document the experiment; they do not change what it computes.
  const parameters = experiment.parameters.map((p) => ({ ...p, label: undefined }));
  const what = canonicalJson({ experiment: { ...experiment, name: undefined, description: undefined, label: undefined, parameters, $schema: undefined, scenario: undefined }, base: scenarioHash(base) });
  const experimentHash = `sha256:${bytesToHex(sha256(utf8ToBytes(what))).slice(0, 16)}`;
  return { experiment, file, experimentHash, baseFile, baseHash: scenarioHash(base), columns, design, points, metrics, tasks: points.length * experiment.replications };
}

export function taskOf(plan: SweepPlan, task: number): { point: number; replication: number; seed: number } {
  const reps = plan.experiment.replications;
  const replication = task % reps;
  return { point: Math.floor(task / reps), replication, seed: replicationSeed(plan.experiment.seed, replication) };
}

/** The rows of one task: each of the plan's metrics, in the plan's order (NaN where the run reported none). */
export function taskRows(plan: SweepPlan, task: number, metrics: Readonly<Record<string, number>>): SweepRow[] {
  const { point, replication, seed } = taskOf(plan, task);
  return plan.metrics.map((metric) => ({ task, point, replication, seed, metric, value: metrics[metric] ?? NaN }));
}

/** The tasks of shard K/N (1-based K): task % N = K - 1. */
export function shardTasks(total: number, shard: Shard = { k: 1, n: 1 }): number[] {
  if (!Number.isInteger(shard.n) || shard.n < 1 || !Number.isInteger(shard.k) || shard.k < 1 || shard.k > shard.n) throw new RangeError(`shard must be K/N with 1 <= K <= N, got ${shard.k}/${shard.n}`);
  const out: number[] = [];
  for (let t = shard.k - 1; t < total; t += shard.n) out.push(t);
  return out;
}

