import type { MunicipalityScenario, Scenario } from '../scenario/schema.js';
import { municipalityMetricNames, municipalityMetrics } from './municipality/metrics.js';
import { runMunicipality } from './municipality/municipalityModel.js';
import type { MunicipalityRecord } from './municipality/record.js';
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
}

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
  switch (scenario.model) {
    case 'queue':
      return runQueue(scenario, seed, { horizonDays, warmupDays });
    case 'municipality':
      return runMunicipality(scenario, seed, { horizonDays, warmupDays });
  }
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
