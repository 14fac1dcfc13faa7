import { metricNames, metricsOf, runScenario, type RunOptions, type RunRecord } from '../model/registry.js';
import type { Scenario } from '../scenario/schema.js';
import { scenarioHash } from '../scenario/hash.js';
import { summarize } from '../stats/summary.js';
import { VERSION } from '../version.js';

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
  version: string;
  metrics: Record<string, MetricSummary>;
}

export interface ReplicateOptions extends RunOptions {
  seed: number;
  reps: number;
  /** Called after each replication with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Called with each replication's record before it is dropped (e.g. to export its trace). */
  onRecord?: (replication: number, record: RunRecord) => void;
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
  for (let r = 0; r < opts.reps; r++) {
    const seed = replicationSeed(opts.seed, r);
    seeds.push(seed);
    const record = runScenario(scenario, seed, { years: opts.years });
    opts.onRecord?.(r, record);
    const m = metricsOf(record);
    for (const [name, value] of Object.entries(m)) {
      let col = columns.get(name);
      if (!col) columns.set(name, (col = []));
      col.push(value);
    }
    opts.onProgress?.(r + 1, opts.reps);
  }
  const metrics: Record<string, MetricSummary> = {};
  for (const [name, values] of columns) metrics[name] = summarize(values);
  return {
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed: opts.seed,
    reps: opts.reps,
    seeds,
    years: opts.years ?? scenario.horizon.years,
    version: VERSION,
    metrics,
  };
}
