import { MODEL_VERSION, VERSION } from '../version.js';
import { csvField } from './csvField.js';
import type { FactorValue } from './design.js';
import type { SweepRow } from './sweepPlan.js';

/** What the CSV needs of a sweep: a SweepPlan has it, and so does the dashboard's copy of one (no scenarios). */
export interface SweepCsvSource {
  experiment: { name: string; replications: number };
  experimentHash: string;
  columns: string[];
  points: ReadonlyArray<{ values: FactorValue[]; hash: string }>;
  metrics: string[];
  tasks: number;
}

/** Tidy CSV of a sweep: one row per replication x metric, with everything needed to reproduce it. Browser-safe. */

export function sweepCsvHeader(plan: SweepCsvSource): string[] {
  return ['experiment', 'experimentHash', 'point', ...plan.columns, 'scenarioHash', 'replication', 'seed', 'version', 'modelVersion', 'metric', 'value'];
}

export function sweepCsv(plan: SweepCsvSource, rows: readonly SweepRow[]): string {
  const lines = [sweepCsvHeader(plan).join(',')];
  for (const r of rows) {
    const p = plan.points[r.point];
    lines.push([plan.experiment.name, plan.experimentHash, r.point, ...p.values, p.hash, r.replication, r.seed, VERSION, MODEL_VERSION, r.metric, r.value].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Reads the rows back from a sweep CSV written by `sweepCsv` (for merging shards). */
export function parseSweepCsv(plan: SweepCsvSource, text: string, file: string): SweepRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = sweepCsvHeader(plan).join(',');
  if (lines[0] !== header) throw new RangeError(`${file}: the header is not this experiment's (expected ${header})`);
  const col = (name: string) => sweepCsvHeader(plan).indexOf(name);
  return lines.slice(1).map((line, i) => {
    const f = splitCsv(line);
    if (f[col('experimentHash')] !== plan.experimentHash) throw new RangeError(`${file}:${i + 2}: experimentHash ${f[col('experimentHash')]} is not this experiment's (${plan.experimentHash})`);
    const point = Number(f[col('point')]);
    const replication = Number(f[col('replication')]);
    const value = f[col('value')];
    return { task: point * plan.experiment.replications + replication, point, replication, seed: Number(f[col('seed')]), metric: f[col('metric')], value: value === '' ? NaN : Number(value) };
  });
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Merges shard rows into the rows of one run: every task exactly once, in task order, metrics in
 * the plan's order. Throws naming the missing or doubled tasks.
 */
export function mergeRows(plan: SweepCsvSource, shards: readonly SweepRow[][]): SweepRow[] {
  const byTask = new Map<number, SweepRow[]>();
  for (const rows of shards) {
    for (const r of rows) {
      let list = byTask.get(r.task);
      if (!list) byTask.set(r.task, (list = []));
      list.push(r);
    }
  }
  const missing: number[] = [];
  const out: SweepRow[] = [];
  for (let t = 0; t < plan.tasks; t++) {
    const list = byTask.get(t);
    if (!list) {
      missing.push(t);
      continue;
    }
    if (list.length !== plan.metrics.length) throw new RangeError(`task ${t} appears ${list.length / plan.metrics.length} times across the shards (a shard merged twice?)`);
    const order = new Map(plan.metrics.map((m, i) => [m, i]));
    out.push(...[...list].sort((a, b) => order.get(a.metric)! - order.get(b.metric)!));
  }
  if (missing.length > 0) throw new RangeError(`${missing.length} of ${plan.tasks} tasks are in no shard (first: ${missing.slice(0, 5).join(', ')}): merge every shard K/N`);
  return out;
}
