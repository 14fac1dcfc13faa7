/**
 * One worker thread of the replication pool (pool.ts): keeps the scenarios it is sent, by id, and
 * answers each task with its metrics or its error. A failed task is reported, not thrown, so the
 * pool can name the task; anything else that goes wrong here crashes the worker, and the pool
 * reports that too.
 */
import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.js';
import { runTask, type FromWorker, type ToWorker } from './pool.js';

const port = parentPort;
if (!port) throw new Error('poolWorker runs only as a worker thread started by runTasks (pool.ts)');

const scenarios = new Map<number, Scenario>();

port.on('message', (msg: ToWorker) => {
  switch (msg.kind) {
    case 'scenario':
      scenarios.set(msg.id, msg.scenario);
      return;
    case 'run': {
      let reply: FromWorker;
      try {
        const scenario = scenarios.get(msg.scenarioId);
        if (!scenario) throw new Error(`scenario ${msg.scenarioId} was never sent to this worker`);
        reply = { kind: 'done', index: msg.index, metrics: runTask(scenario, msg.seed, msg.years, msg.warmupDays, msg.maxEvents) };
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        reply = { kind: 'failed', index: msg.index, error: { name: e.name, message: e.message, stack: e.stack } };
      }
      port.postMessage(reply);
      return;
    }
  }
});
