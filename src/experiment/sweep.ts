import type { Scenario } from '../scenario/schema.js';
import { runTasks } from './pool.js';
import { shardTasks, taskOf, taskRows, type Shard, type SweepPlan, type SweepRow } from './sweepPlan.js';

export { ExperimentError, planSweep, shardTasks, taskOf, taskRows, type Shard, type SweepPlan, type SweepPoint, type SweepRow } from './sweepPlan.js';
export { mergeRows, parseSweepCsv, sweepCsv, sweepCsvHeader } from './sweepCsv.js';

/**
 * Running a sweep in Node (worker threads), its tidy CSV, and merging shards. Rows come in task
 * order whatever the number of workers, so serial, parallel and sharded+merged runs agree.
 */

export interface SweepRunOptions {
  jobs?: number;
  shard?: Shard;
  onProgress?: (done: number, total: number) => void;
  /** Events after which a replication of a point's scenario stops as a runaway (runSize.ts); none if absent. */
  maxEventsOf?: (scenario: Scenario) => number;
}

/** Runs a shard (default: all) of a sweep; rows in task order, metrics in the plan's order. */
export async function runSweep(plan: SweepPlan, options: SweepRunOptions = {}): Promise<SweepRow[]> {
  const tasks = shardTasks(plan.tasks, options.shard);
  const years = plan.experiment.years ?? undefined;
  const warmupDays = plan.experiment.warmupDays;
  let done = 0;
  const results = await runTasks(
    tasks.map((t) => {
      const { point, seed } = taskOf(plan, t);
      const scenario = plan.points[point].scenario;
      return { scenario, seed, years, warmupDays, maxEvents: options.maxEventsOf?.(scenario) };
    }),
    { jobs: options.jobs, onDone: () => options.onProgress?.(++done, tasks.length) },
  );
  return tasks.flatMap((task, i) => taskRows(plan, task, results[i]));
}
