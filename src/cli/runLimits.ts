import { RUNAWAY_FACTOR, RUNAWAY_MARGIN, estimateRunSize, sizeProblem, type RunSize } from '../experiment/runSize.js';
import { RunawayError } from '../model/registry.js';
import type { Scenario } from '../scenario/schema.js';
import { UsageError } from './common.js';

// The CLI's side of the size limits (src/experiment/runSize.ts): refuse a run that cannot finish
// before it starts, and stop one that runs away, both as bad input (exit 1) with --allow-large as
// the way out.

export const ALLOW_LARGE_HELP = `  --allow-large  run even if the size estimate is above the limits (1 GB of memory per replication,
               10^9 events in all) and do not stop a replication that fires 20 times its estimate`;

/** Refuses (UsageError) a run above the limits unless allowed; returns the runaway bound per replication. */
export function checkRunSize(file: string, scenario: Scenario, years: number | undefined, reps: number, allowLarge: boolean): number | undefined {
  const size = estimateRunSize(scenario, { years, replications: reps });
  if (allowLarge) return undefined;
  const problem = sizeProblem(size, `${file} (${reps} replication${reps === 1 ? '' : 's'} x ${years ?? scenario.horizon.years} years)`);
  if (problem !== null) throw new UsageError(problem);
  return runawayBound(size);
}

export function runawayBound(size: RunSize): number {
  return RUNAWAY_FACTOR * size.eventsPerReplication + RUNAWAY_MARGIN;
}

/** Runs `f`, turning a runaway replication into bad input that names the file(s). */
export function runawayAsBadInput<T>(files: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RunawayError) throw new UsageError(`${files}: ${e.message}. Check the scenario's rates and delays, or add --allow-large to let it run`);
    throw e;
  }
}
