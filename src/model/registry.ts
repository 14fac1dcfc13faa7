import type { MunicipalityScenario, Scenario } from '../scenario/schema.js';
import { municipalityMetricNames, municipalityMetrics } from './municipality/metrics.js';
import { runMunicipality, startMunicipality } from './municipality/municipalityModel.js';
import type { MunicipalityRecord } from './municipality/record.js';
import { checkAfterEvent } from './municipality/invariants.js';
import { queueMetrics, QUEUE_METRICS } from './queue/queueMetrics.js';
import { runQueue, type QueueRecord } from './queue/queueModel.js';

/**
 * The models a scenario can pick with its `model` field. A run is `(scenario, seed) -> record`;
 * metrics are pure functions of the record.
 */
export type RunRecord = QueueRecord | MunicipalityRecord;

export interface RunOptions {
  /** Override the scenario's horizon, in years. */
  years?: number;
  /** Override the scenario's warm-up, in days. */
  warmupDays?: number;
  /**
   * Stop a municipality run with a RunawayError once it has fired more events than this: a rate
   * or delay so extreme that the size estimate missed it (src/experiment/runSize.ts).
   */
  maxEvents?: number;
  /** Called during a municipality run with the share of the horizon simulated so far (CLI progress). */
  onProgress?: (fractionOfHorizon: number) => void;
  /**
   * Events between calls of onProgress (default 20,000). The dashboard's workers take 2,000: their
   * heartbeat must come well within the watchdog even at a tenth of the usual speed (load 20 on
   * two cores ran 20,000 events in 1.4 s).
   */
  progressEvery?: number;
  /** Check the invariants after every event (municipality runs; invariants.ts checkAfterEvent). Slow. */
  check?: boolean;
  /**
   * A municipality run that keeps only what the record needs (MunicipalityRunOptions.lean): the
   * same record and metrics, no event log, less memory. `warmup` and the dashboard's replication
   * workers, which chart the rows, use it; stories and --trace need a full run. Default false.
   */
  lean?: boolean;
  /**
   * A municipality run that keeps only what its metrics need (MunicipalityRunOptions.stream):
   * the same metrics, and no rows of handoffs, episodes or coordinator-weeks kept (its record's
   * row tables are empty). For runs whose metrics are all that is read (replications, compare,
   * sweeps, the experiment pool). Default false.
   */
  stream?: boolean;
}

/** A run that fired far more events than its size estimate: bad input (exit 1), not a bug. */
export class RunawayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunawayError';
  }
}

/** Events fired between checks of maxEvents and progress reports. */
const EVENT_BATCH = 20_000;

/**
 * Why a run with these overrides cannot start, in words a user can act on, or null. The warm-up
 * must be shorter than the horizon; a terminating study (from day 0) sets the warm-up to 0.
 */
export function horizonProblem(scenario: Scenario, options: RunOptions = {}): string | null {
  const years = options.years ?? scenario.horizon.years;
  const W = options.warmupDays ?? scenario.horizon.warmupDays;
  const T = years * 365;
  if (W < T) return null;
  const warm = options.warmupDays !== undefined ? `--warmup-days ${W}` : `horizon.warmupDays ${W}`;
  const horizon = options.years !== undefined ? `--years ${years}` : `horizon.years ${years}`;
  const enough = Math.floor(W / 365) + 1;
  return `the warm-up (${W} days, ${warm}) must be shorter than the horizon (${T} days, ${horizon}). For a terminating study that counts from day 0, add --warmup-days 0; for a steady-state study, use --years ${enough} or more`;
}

export function runScenario(scenario: Scenario, seed: number, options: RunOptions = {}): RunRecord {
  const horizonDays = options.years !== undefined ? options.years * 365 : undefined;
  const warmupDays = options.warmupDays;
  const lean = options.lean ?? false;
  const stream = options.stream ?? false;
  switch (scenario.model) {
    case 'queue':
      return runQueue(scenario, seed, { horizonDays, warmupDays });
    case 'municipality': {
      if (options.maxEvents === undefined && options.onProgress === undefined && !options.check) return runMunicipality(scenario, seed, { horizonDays, warmupDays, lean, stream });
      if (options.check) return runChecked(scenario, seed, { horizonDays, warmupDays, lean, stream }, options);
      // Driven in batches of events: the same events in the same order as a straight run.
      const run = startMunicipality(scenario, seed, { horizonDays, warmupDays, lean, stream });
      const max = options.maxEvents ?? Infinity;
      for (;;) {
        // Never past the bound by more than one event: the batch ends just beyond it.
        const batch = Math.min(options.progressEvery ?? EVENT_BATCH, Math.max(1, Math.floor(max - run.eventsProcessed) + 1));
        const fired = run.stepEvents(batch);
        if (run.eventsProcessed > max) {
          throw new RunawayError(
            `"${scenario.name}" (seed ${seed}) fired ${run.eventsProcessed} events by day ${run.now.toFixed(1)} of ${run.horizonDays}, more than ${Math.round(max)} (far beyond its size estimate): a rate or delay in the scenario is so extreme that the run would not finish`,
          );
        }
        if (fired < batch) break;
        options.onProgress?.(run.now / run.horizonDays);
      }
      return run.finish();
    }
  }
}

/** A municipality run with every invariant checked after every event (--check). */
function runChecked(scenario: MunicipalityScenario, seed: number, horizon: { horizonDays?: number; warmupDays?: number; lean: boolean; stream: boolean }, options: RunOptions): MunicipalityRecord {
  const run = startMunicipality(scenario, seed, horizon);
  const sim = run.world.sim;
  const max = options.maxEvents ?? Infinity;
  let previous = 0;
  while (run.stepEvents(1) === 1) {
    const fired = sim.lastFired();
    checkAfterEvent(run.world, { ...fired, time: sim.now }, previous);
    previous = sim.now;
    if (run.eventsProcessed > max) throw new RunawayError(`"${scenario.name}" (seed ${seed}) fired ${run.eventsProcessed} events by day ${run.now.toFixed(1)} of ${run.horizonDays}, more than ${Math.round(max)}`);
    if (run.eventsProcessed % EVENT_BATCH === 0) options.onProgress?.(run.now / run.horizonDays);
  }
  return run.finish();
}

export function metricsOf(record: RunRecord): Record<string, number> {
  switch (record.model) {
    case 'queue':
      return queueMetrics(record);
    case 'municipality':
      return municipalityMetrics(record);
  }
}

/** Public metric names of a scenario, in display order. */
export function metricNames(scenario: Scenario): readonly string[] {
  switch (scenario.model) {
    case 'queue':
      return QUEUE_METRICS;
    case 'municipality':
      return municipalityMetricNames(serviceIdsOf(scenario), scenario.municipality.coordination !== null);
  }
}

/** The services of a municipality run, in index order: the scenario's own, then the integrated team if any. */
export function serviceIdsOf(scenario: MunicipalityScenario): string[] {
  const ids = scenario.municipality.services.map((s) => s.id);
  if (scenario.municipality.design.kind === 'team') ids.push(scenario.municipality.design.team.id);
  return ids;
}
