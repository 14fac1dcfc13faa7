import type { Scenario } from '../scenario/schema.js';
import { queueMetrics, QUEUE_METRICS } from './queue/queueMetrics.js';
import { runQueue, type QueueRecord } from './queue/queueModel.js';

/**
 * The models a scenario can pick with its `model` field. A run is `(scenario, seed) -> record`;
 * metrics are pure functions of the record.
 */
export type RunRecord = QueueRecord;

export interface RunOptions {
  /** Override the scenario's horizon, in years. */
  years?: number;
}

export function runScenario(scenario: Scenario, seed: number, options: RunOptions = {}): RunRecord {
  const horizonDays = options.years !== undefined ? options.years * 365 : undefined;
  switch (scenario.model) {
    case 'queue':
      return runQueue(scenario, seed, { horizonDays });
  }
}

export function metricsOf(record: RunRecord): Record<string, number> {
  switch (record.model) {
    case 'queue':
      return queueMetrics(record);
  }
}

/** Public metric names of a model, in display order. */
export function metricNames(model: Scenario['model']): readonly string[] {
  switch (model) {
    case 'queue':
      return QUEUE_METRICS;
  }
}
