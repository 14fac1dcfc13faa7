import { metricNames, metricsOf, runScenario, type RunOptions, type RunRecord } from '../model/registry.js';
import type { Scenario } from '../scenario/schema.js';
import { scenarioHash } from '../scenario/hash.js';
import { summarize } from '../stats/summary.js';
import { growingQuantities, type Growing } from './growth.js';
import { MODEL_VERSION, VERSION } from '../version.js';

export interface MetricSummary {
  mean: number;
  ci95: [number, number];
  values: number[];
}

/** The output of `koordsim run --json`: a public interface, documented in the README. */
export interface RunOutput {
  scenario: string;
  scenarioHash: string;
  seed: number;
  reps: number;
  /** Seed of each replication: seed + replication index, so replication r is `--seed (seed + r) --reps 1`. */
  seeds: number[];
  years: number;
  /** Warm-up discarded from every metric, days (the scenario's, or the override). */
  warmupDays: number;
  version: string;
  /** The model's rules (src/version.ts MODEL_VERSION). */
  modelVersion: string;
  metrics: Record<string, MetricSummary>;
  /** Quantities that grow over the observation window instead of settling (growth.ts); empty if none. */
  growing: Growing[];
}

export interface ReplicateOptions extends Pick<RunOptions, 'years' | 'warmupDays'> {
  seed: number;
  reps: number;
  /** Called after each replication with (done, total), and within a long one with a fractional `done`. */
  onProgress?: (done: number, total: number) => void;
  /** Stop a replication that fires more events than this (RunawayError); see runSize.ts. */
  maxEventsPerReplication?: number;
  /** Check every invariant after every event (municipality scenarios; slow): `--check`. */
  check?: boolean;
  /**
   * Called with each replication's record before it is dropped (e.g. to export its trace). Every
   * replication but `traceReplication` is a streamed run (RunOptions.stream): only its metrics
   * can be read from its record.
   */
  onRecord?: (replication: number, record: RunRecord) => void;
  /**
   * The replication that keeps its event log and its rows (`koordsim run --trace`: 0). Every other
   * replication is a streamed run (RunOptions.stream): the same metrics, no log, no rows.
   */
  traceReplication?: number;
  /**
   * Sequential stopping: after each replication from `reps` on, stop when this says so (given the
   * metric columns so far); run at most `maxReps`. Without it exactly `reps` replications run.
   */
  until?: { done: (columns: ReadonlyMap<string, number[]>) => boolean; maxReps: number };
}

/** Seed of replication r under master seed `seed`. */
export function replicationSeed(seed: number, r: number): number {
  return seed + r;
}

export function runReplications(scenario: Scenario, opts: ReplicateOptions): RunOutput {
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  if (!Number.isInteger(opts.reps) || opts.reps < 1) throw new RangeError(`reps must be an integer >= 1, got ${opts.reps}`);
  const names = metricNames(scenario);
  const columns = new Map<string, number[]>(names.map((n) => [n, []]));
  const seeds: number[] = [];
  const limit = opts.until ? Math.max(opts.reps, opts.until.maxReps) : opts.reps;
  let r = 0;
  for (; r < limit; r++) {
    if (opts.until && r >= opts.reps && opts.until.done(columns)) break;
    const seed = replicationSeed(opts.seed, r);
    seeds.push(seed);
    const record = runScenario(scenario, seed, {
      years: opts.years,
      warmupDays: opts.warmupDays,
      maxEvents: opts.maxEventsPerReplication,
      check: opts.check,
      onProgress: opts.onProgress ? (f) => opts.onProgress!(r + f, limit) : undefined,
      stream: r !== opts.traceReplication,
    });
    opts.onRecord?.(r, record);
    const m = metricsOf(record);
    for (const [name, value] of Object.entries(m)) {
      let col = columns.get(name);
      if (!col) columns.set(name, (col = []));
      col.push(value);
    }
    opts.onProgress?.(r + 1, limit);
  }
  const metrics: Record<string, MetricSummary> = {};
  for (const [name, values] of columns) metrics[name] = summarize(values);
  return {
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed: opts.seed,
    reps: seeds.length,
    seeds,
    years: opts.years ?? scenario.horizon.years,
    warmupDays: opts.warmupDays ?? scenario.horizon.warmupDays,
    version: VERSION,
    modelVersion: MODEL_VERSION,
    metrics,
    growing: growingQuantities(metrics),
  };
}

export interface PrecisionResult {
  metric: string;
  /** Target: half-width of the 95 % interval relative to |mean| (0.05 = 5 %). */
  target: number;
  achieved: number;
  reached: boolean;
}

/** Half-width of the 95 % t-interval relative to |mean|; Infinity while undefined. */
export function relativeHalfWidth(values: readonly number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  if (kept.length < 2) return Infinity;
  const s = summarize(kept);
  const half = (s.ci95[1] - s.ci95[0]) / 2;
  if (half === 0) return 0;
  return Math.abs(s.mean) > 0 ? half / Math.abs(s.mean) : Infinity;
}

/**
 * Replicates until the 95 % interval of `metric` is narrower than `target` (relative half-width),
 * with at least `minReps` and at most `maxReps` replications: the sequential procedure of Law &
 * Kelton (ch. 9.4.1). Stopping on the data makes the interval slightly optimistic at small
 * replication counts, hence a minimum of 5 by default.
 */
export function runUntilPrecision(
  scenario: Scenario,
  opts: Omit<ReplicateOptions, 'reps' | 'until'> & { metric: string; target: number; minReps?: number; maxReps?: number },
): { output: RunOutput; precision: PrecisionResult } {
  if (!(opts.target > 0 && opts.target < 1)) throw new RangeError(`precision target must be a share in (0, 1), got ${opts.target}`);
  if (!metricNames(scenario).includes(opts.metric)) throw new RangeError(`the scenario has no metric "${opts.metric}" (it has ${metricNames(scenario).slice(0, 6).join(', ')}, ...)`);
  const minReps = opts.minReps ?? 5;
  const maxReps = opts.maxReps ?? 1000;
  if (!Number.isInteger(minReps) || minReps < 2 || !Number.isInteger(maxReps) || maxReps < minReps) throw new RangeError(`need integers 2 <= minReps <= maxReps, got ${minReps} and ${maxReps}`);
  const output = runReplications(scenario, {
    ...opts,
    reps: minReps,
    until: { maxReps, done: (cols) => relativeHalfWidth(cols.get(opts.metric) ?? []) <= opts.target },
  });
  const achieved = relativeHalfWidth(output.metrics[opts.metric].values);
  return { output, precision: { metric: opts.metric, target: opts.target, achieved, reached: achieved <= opts.target } };
}
