// The engine's web-worker facade: the only engine-side file that imports Comlink. The main thread
// calls these functions through Comlink and never runs the simulation itself.
import * as Comlink from 'comlink';
import { runReplications, type RunOutput } from './experiment/replicate.js';
import { validateScenarioText, type ScenarioIssue } from './scenario/validate.js';

export type WorkerResult = { ok: true; output: RunOutput } | { ok: false; issues: ScenarioIssue[] };

const api = {
  /** Validates and runs a scenario given as JSON text; progress is reported as (done, total). */
  run(text: string, file: string, seed: number, reps: number, onProgress?: (done: number, total: number) => void): WorkerResult {
    const v = validateScenarioText(text, file);
    if (!v.ok) return { ok: false, issues: v.issues };
    return { ok: true, output: runReplications(v.scenario, { seed, reps, onProgress }) };
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
