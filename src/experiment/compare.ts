import type { Scenario } from '../scenario/schema.js';
import { crnNarrowing, pairedDifference } from '../stats/summary.js';
import { runReplications, type ReplicateOptions, type RunOutput } from './replicate.js';

export interface DiffSummary {
  mean: number;
  ci95: [number, number];
  /** 1 − (width of this paired interval) / (width with independent seeds): what common random numbers bought. */
  crnNarrowing: number;
}

/** The output of `koordsim compare --json`: a public interface, documented in the README. */
export interface CompareOutput {
  a: RunOutput;
  b: RunOutput;
  /** Paired difference B - A per replication (same seeds: common random numbers), for metrics both report. */
  diff: Record<string, DiffSummary>;
}

/**
 * Runs A and B with the same replication seeds, so each pair shares its arrivals and every other
 * stream the two designs have in common, and reports the paired difference B - A.
 */
export function compareScenarios(a: Scenario, b: Scenario, opts: ReplicateOptions): CompareOutput {
  const total = opts.reps * 2;
  const ra = runReplications(a, { ...opts, onProgress: (d) => opts.onProgress?.(d, total) });
  const rb = runReplications(b, { ...opts, onProgress: (d) => opts.onProgress?.(opts.reps + d, total) });
  const diff: Record<string, DiffSummary> = {};
  for (const [name, ma] of Object.entries(ra.metrics)) {
    const mb = rb.metrics[name];
    if (!mb) continue;
    diff[name] = { ...pairedDifference(mb.values, ma.values), crnNarrowing: crnNarrowing(ma.values, mb.values) };
  }
  return { a: ra, b: rb, diff };
}
