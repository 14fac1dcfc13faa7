/**
 * Quantities that grow without bound: a steady-state average of a queue or a stock that keeps
 * rising depends on how long the run is, so `koordsim run` says so instead of averaging it
 * silently. Reads the `growth.*` metrics (each replication's rise from the first to the last
 * third of the observation window, src/model/municipality/growth.ts) across replications.
 */
import type { MetricSummary } from './replicate.js';

/**
 * A quantity is reported as growing when the 95% interval of its rise lies above this share of
 * its level (assumption: 10% from the first to the last third of the window; a steady state has
 * an expected rise of 0).
 */
export const GROWTH_FLAG_RISE = 0.1;

/** What each `growth.*` metric follows, in words for the CLI. */
export const GROWTH_QUANTITIES: Readonly<Record<string, string>> = {
  'growth.usersPresent': 'users present',
  'growth.betweenChairsUsers': 'users between chairs',
  'growth.waitDays': 'wait for a first service',
};

export interface Growing {
  metric: string;
  quantity: string;
  /** Mean rise from the first to the last third of the window, as a share of its level over the window. */
  rise: number;
  ci95: [number, number];
}

/** The quantities whose rise over the window is above GROWTH_FLAG_RISE with 95% confidence (needs 2+ replications). */
export function growingQuantities(metrics: Readonly<Record<string, MetricSummary>>): Growing[] {
  const out: Growing[] = [];
  for (const [metric, quantity] of Object.entries(GROWTH_QUANTITIES)) {
    const m = metrics[metric];
    if (m === undefined || m.values.length < 2 || !(m.ci95[0] > GROWTH_FLAG_RISE)) continue;
    out.push({ metric, quantity, rise: m.mean, ci95: m.ci95 });
  }
  return out;
}

/** The CLI's warning lines, one per growing quantity (empty if none). */
export function growthWarnings(growing: readonly Growing[]): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(100 * x)}%`;
  return growing
    .map(
      (g) =>
        `warning: ${g.quantity} grows without settling: ${pct(g.rise)} from the first to the last third of the observation window ` +
        `(95% CI ${pct(g.ci95[0])} to ${pct(g.ci95[1])}, ${g.metric}). Its average over the window depends on how long the run is; there is no steady state to average.\n`,
    )
    .join('');
}
