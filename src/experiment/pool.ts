/**
 * Runs replications on a pool of Node worker threads. A task is `(scenario, seed, years)` and its
 * result is `metricsOf(runScenario(...))`, computed by the same `runTask` in-process (jobs 1) and in
 * every worker, so the pool changes wall-clock time and nothing else: results are stored by task
 * index, never in completion order.
 *
 * Node only (worker_threads); the dashboard's web worker is src/worker.ts.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { metricsOf, runScenario } from '../model/registry.js';
import type { Scenario } from '../scenario/schema.js';

export interface RunTask {
  /** A validated scenario (parseScenario output): plain data, so it can be structured-cloned. */
  scenario: Scenario;
  seed: number;
  /** Override the scenario's horizon, in years. */
  years?: number;
  /** Override the scenario's warm-up, in days. */
  warmupDays?: number;
  /** Stop the replication as a runaway (RunawayError) past this many events (runSize.ts). */
  maxEvents?: number;
}

export interface PoolOptions {
  /** Parallel workers; default `defaultJobs()`. 1 runs the tasks in-process, one after another, with no worker. */
  jobs?: number;
  /** Called once per task as it finishes (in completion order, which depends on scheduling). */
  onDone?: (index: number, metrics: Record<string, number>) => void;
}

/**
 * The wire format between runTasks and poolWorker.ts, as tagged unions of plain data. A scenario
 * (kommune-stafettlop-koordinator.json is 45 kB as JSON) crosses once per worker under an id;
 * each task then names it by that id.
 */
export type ToWorker =
  | { kind: 'scenario'; id: number; scenario: Scenario }
  | { kind: 'run'; index: number; scenarioId: number; seed: number; years: number | undefined; warmupDays: number | undefined; maxEvents: number | undefined };

export type FromWorker =
  | { kind: 'done'; index: number; metrics: Record<string, number> }
  | { kind: 'failed'; index: number; error: { name: string; message: string; stack: string | undefined } };

/** One replication's metrics: the whole of what a task computes, wherever it runs. */
export function runTask(scenario: Scenario, seed: number, years: number | undefined, warmupDays?: number, maxEvents?: number): Record<string, number> {
  return metricsOf(runScenario(scenario, seed, { years, warmupDays, maxEvents, stream: true }));
}

/** All cores but one, left for the main thread and the rest of the machine; at least 1. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Metrics of each task, in task order. Rejects on the first failed task and stops every worker first. */
export async function runTasks(tasks: readonly RunTask[], options: PoolOptions = {}): Promise<Array<Record<string, number>>> {
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be an integer >= 1, got ${jobs}`);
  if (tasks.length === 0) return [];
  if (jobs === 1) return runSerial(tasks, options.onDone);
  return runParallel(tasks, Math.min(jobs, tasks.length), options.onDone);
}

function runSerial(tasks: readonly RunTask[], onDone: PoolOptions['onDone']): Array<Record<string, number>> {
  const results: Array<Record<string, number>> = [];
  for (let index = 0; index < tasks.length; index++) {
    const task = tasks[index];
    let metrics: Record<string, number>;
    try {
      metrics = runTask(task.scenario, task.seed, task.years, task.warmupDays, task.maxEvents);
    } catch (err) {
      const cause = err instanceof Error ? err : new Error(String(err));
      throw taskError(index, task.seed, `${cause.name}: ${cause.message}`, cause);
    }
    results.push(metrics);
    onDone?.(index, metrics);
  }
  return results;
}

function taskError(index: number, seed: number, detail: string, cause: unknown): Error {
  return new Error(`task ${index} (seed ${seed}) failed: ${detail}`, { cause });
}

interface Slot {
  worker: Worker;
  /** Scenario ids this worker already holds. */
  sent: Set<number>;
  /** Index of the task in flight, or null when idle. */
  current: number | null;
}

function runParallel(tasks: readonly RunTask[], workerCount: number, onDone: PoolOptions['onDone']): Promise<Array<Record<string, number>>> {
  return new Promise((resolve, reject) => {
    const results: Array<Record<string, number>> = new Array(tasks.length);
    // By identity: tasks built from one parsed scenario share it, and an equal copy is merely sent twice.
    const scenarioIds = new Map<Scenario, number>();
    const slots: Slot[] = [];
    let next = 0;
    let done = 0;
    let settled = false;

    // Every worker is terminated, and its exit awaited, before the promise settles: nothing keeps
    // running after runTasks returns or throws, so the process can exit.
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.allSettled(slots.map((s) => s.worker.terminate())).then(() => (error ? reject(error) : resolve(results)));
    };

    const crashed = (slot: Slot, what: string, cause?: unknown): Error => {
      if (slot.current === null) return new Error(`pool worker ${what} while idle`, { cause });
      const index = slot.current;
      return taskError(index, tasks[index].seed, `worker ${what}`, cause);
    };

    const dispatch = (slot: Slot): void => {
      if (next >= tasks.length) {
        slot.current = null;
        return;
      }
      const index = next++;
      const task = tasks[index];
      let id = scenarioIds.get(task.scenario);
      if (id === undefined) scenarioIds.set(task.scenario, (id = scenarioIds.size));
      slot.current = index;
      try {
        if (!slot.sent.has(id)) {
          post(slot.worker, { kind: 'scenario', id, scenario: task.scenario });
          slot.sent.add(id);
        }
        post(slot.worker, { kind: 'run', index, scenarioId: id, seed: task.seed, years: task.years, warmupDays: task.warmupDays, maxEvents: task.maxEvents });
      } catch (err) {
        // DataCloneError: the scenario is not plain data (not parseScenario output).
        const e = err instanceof Error ? err : new Error(String(err));
        finish(taskError(index, task.seed, `could not be sent to a worker: ${e.name}: ${e.message}`, e));
      }
    };

    const onMessage = (slot: Slot, msg: FromWorker): void => {
      if (settled) return;
      switch (msg.kind) {
        case 'done': {
          results[msg.index] = msg.metrics;
          done++;
          dispatch(slot);
          try {
            onDone?.(msg.index, msg.metrics);
          } catch (err) {
            finish(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          if (done === tasks.length) finish();
          return;
        }
        case 'failed': {
          const { name, message, stack } = msg.error;
          const cause = Object.assign(new Error(message), { name, stack });
          finish(taskError(msg.index, tasks[msg.index].seed, `${name}: ${message}`, cause));
          return;
        }
      }
    };

    for (let i = 0; i < workerCount && !settled; i++) {
      let worker: Worker;
      try {
        worker = startWorker();
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const slot: Slot = { worker, sent: new Set(), current: null };
      slots.push(slot);
      worker.on('message', (msg: FromWorker) => onMessage(slot, msg));
      // An uncaught error in the worker (including failing to load poolWorker) or a crash: 'error'
      // comes first when there is one, then 'exit'; finish() keeps the first.
      worker.on('error', (err) => finish(crashed(slot, `threw ${err.name}: ${err.message}`, err)));
      worker.on('messageerror', (err) => finish(crashed(slot, `sent a message that could not be read: ${err.message}`, err)));
      worker.on('exit', (code) => finish(crashed(slot, `exited unexpectedly with code ${code}`)));
      dispatch(slot);
    }
  });
}

function post(worker: Worker, msg: ToWorker): void {
  worker.postMessage(msg);
}

/**
 * Under vitest or tsx this module is TypeScript (its URL ends in .ts) and so is the worker beside
 * it. A worker thread does not inherit tsx from a main thread that registered it with the API (as
 * bin/koordsim.js does), and on Node 20 `--import tsx` in the worker's execArgv does not reach the
 * worker's entry module either; so the worker starts from a two-line ES module bootstrap that
 * registers tsx, the way bin/koordsim.js does, then imports poolWorker.ts. Both specifiers are
 * absolute URLs, resolved here, so the checkout works from any working directory. Compiled
 * (dist/node) the worker is plain poolWorker.js beside this file and needs nothing.
 */
function startWorker(): Worker {
  const source = new URL(import.meta.url).pathname.endsWith('.ts');
  if (!source) return new Worker(new URL('./poolWorker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./poolWorker.ts', import.meta.url).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
}
