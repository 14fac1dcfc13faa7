import { ci95, mean } from '../stats/summary.js';
import { morrisEffects, tornado, type MorrisEffect, type TornadoBar } from './sensitivity.js';
import type { SweepPlan, SweepRow } from './sweep.js';

/**
 * What a sweep found: per point and metric the mean over replications with its 95% t-interval,
 * and for screening designs the sensitivity of each metric (Morris mu* and sigma, or the
 * one-at-a-time tornado), computed on the point means. A pure function of the rows.
 */
export interface SweepSummary {
  points: Array<{ point: number; values: Array<number | string | boolean>; metrics: Record<string, { mean: number; ci95: [number, number]; n: number }> }>;
  sensitivity: Record<string, MorrisEffect[] | TornadoBar[]> | null;
  text: string;
}

/** Metrics shown in the printed table (the file has them all). */
const SHOWN = 4;

export function sweepSummary(plan: SweepPlan, rows: readonly SweepRow[]): SweepSummary {
  const cells = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.point}\u0000${r.metric}`;
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    if (!Number.isNaN(r.value)) list.push(r.value);
  }
  const present = [...new Set(rows.map((r) => r.point))].sort((a, b) => a - b);
  const points = present.map((p) => ({
    point: p,
    values: plan.points[p].values,
    metrics: Object.fromEntries(
      plan.metrics.map((m) => {
        const xs = cells.get(`${p}\u0000${m}`) ?? [];
        return [m, { mean: xs.length > 0 ? mean(xs) : NaN, ci95: ci95(xs), n: xs.length }];
      }),
    ),
  }));

  let sensitivity: SweepSummary['sensitivity'] = null;
  const complete = present.length === plan.points.length;
  if (complete && (plan.design.kind === 'morris' || plan.design.kind === 'oat')) {
    sensitivity = {};
    for (const m of plan.metrics) {
      const y = points.map((p) => p.metrics[m].mean);
      sensitivity[m] = plan.design.kind === 'morris' ? morrisEffects(plan.design, y) : tornado(plan.design, y);
    }
  }

  const shown = plan.metrics.filter((m) => m !== 'eventsProcessed').slice(0, SHOWN);
  const head = `${plan.experiment.name}  (experiment ${plan.experimentHash}, base scenario ${plan.baseHash})\n${plan.design.kind} design, ${plan.points.length} points x ${plan.experiment.replications} replications, seed ${plan.experiment.seed} (common random numbers across points)${complete ? '' : `; ${present.length} points in this shard`}\n\n`;
  const header = ['point', ...plan.columns, ...shown.map((m) => `${m} (95% CI)`)];
  const table = points.map((p) => [String(p.point), ...p.values.map((v) => String(v)), ...shown.map((m) => cell(p.metrics[m]))]);
  let text = head + formatRows(header, table);
  if (sensitivity) {
    for (const m of shown) {
      const s = sensitivity[m];
      text += `\n${plan.design.kind === 'morris' ? 'Morris elementary effects' : 'One at a time (tornado)'} for ${m}:\n`;
      text +=
        plan.design.kind === 'morris'
          ? formatRows(['parameter', 'mu*', 'mu', 'sigma'], (s as MorrisEffect[]).map((e) => [e.factor, fmt(e.muStar), fmt(e.mu), fmt(e.sigma)]))
          : formatRows(['parameter', 'low', 'high', 'at low', 'at high', 'swing'], (s as TornadoBar[]).map((b) => [b.factor, String(b.low), String(b.high), fmt(b.yLow), fmt(b.yHigh), fmt(b.swing)]));
    }
  }
  if (plan.metrics.length > shown.length) text += `\n(${plan.metrics.length - shown.length} more metrics in the output file.)\n`;
  return { points, sensitivity, text };
}

function cell(x: { mean: number; ci95: [number, number]; n: number }): string {
  return x.n > 1 ? `${fmt(x.mean)} [${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]` : fmt(x.mean);
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4);
}

function formatRows(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return `${line(header)}\n${w.map((x) => '-'.repeat(x)).join('  ')}\n${rows.map(line).join('\n')}\n`;
}
