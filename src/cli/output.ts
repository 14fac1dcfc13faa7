import type { CompareOutput } from '../experiment/compare.js';
import { csvField } from '../experiment/csvField.js';
import { growthWarnings } from '../experiment/growth.js';
import type { RunOutput } from '../experiment/replicate.js';

/** JSON replacer: NaN and infinities (a metric undefined in a run) become null. */
export const finiteOrNull = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** `--json` output. NaN and infinities (a metric undefined in a run) become null. */
export function toJson(o: RunOutput): string {
  return `${JSON.stringify(o, finiteOrNull, 2)}\n`;
}

export function compareJson(o: CompareOutput): string {
  return `${JSON.stringify(o, finiteOrNull, 2)}\n`;
}

/** Tidy CSV of both runs: a `side` column (A or B) in front of the run columns. */
export function compareCsv(o: CompareOutput): string {
  const [headA, ...rowsA] = toCsv(o.a).trim().split('\n');
  const rowsB = toCsv(o.b).trim().split('\n').slice(1);
  return `${['side,' + headA, ...rowsA.map((r) => `A,${r}`), ...rowsB.map((r) => `B,${r}`)].join('\n')}\n`;
}

/** Side-by-side table: A, B, the paired difference B - A with its interval, and A/B. */
export function compareTable(o: CompareOutput): string {
  const head =
    `A: ${o.a.scenario}  (${o.a.scenarioHash})\nB: ${o.b.scenario}  (${o.b.scenarioHash})\n` +
    `seed ${o.a.seed}, ${o.a.reps} paired replication${o.a.reps === 1 ? '' : 's'} (common random numbers), koordsim ${o.a.version}\n\n`;
  // Metrics only one side reports (its own services) go before the engine counter, which stays last.
  const names = [...new Set([...Object.keys(o.a.metrics), ...Object.keys(o.b.metrics)])].sort((x, y) => Number(x === 'eventsProcessed') - Number(y === 'eventsProcessed'));
  const rows = names.map((n) => {
    const a = o.a.metrics[n];
    const b = o.b.metrics[n];
    const d = o.diff[n];
    const ratio = a && b && b.mean !== 0 ? a.mean / b.mean : NaN;
    const crn = d && Number.isFinite(d.crnNarrowing) ? `${Math.round(100 * d.crnNarrowing)}%` : '';
    return [n, a ? fmt(a.mean) : '-', b ? fmt(b.mean) : '-', d ? fmt(d.mean) : '-', d && o.a.reps > 1 ? `[${fmt(d.ci95[0])}, ${fmt(d.ci95[1])}]` : '', crn, fmt(ratio)];
  });
  const header = ['metric', 'A', 'B', 'B - A', '95% CI of B - A', 'CRN narrows', 'A/B'];
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  const warn = [growthWarnings(o.a.growing).replace(/^warning: /gm, 'warning (A): '), growthWarnings(o.b.growing).replace(/^warning: /gm, 'warning (B): ')].join('');
  return `${head}${line(header)}\n${w.map((x) => '-'.repeat(x)).join('  ')}\n${rows.map(line).join('\n')}\n${warn === '' ? '' : `\n${warn}`}\nCRN narrows: how much narrower the paired interval is than with independent seeds (1 - paired width / Welch width, from the same runs).\n`;
}

/** Tidy CSV: one row per replication x metric. */
export function toCsv(o: RunOutput): string {
  const rows = ['scenario,scenarioHash,version,modelVersion,seed,replication,years,warmupDays,metric,value'];
  for (const [name, m] of Object.entries(o.metrics)) {
    m.values.forEach((v, r) => {
      rows.push([csvField(o.scenario), o.scenarioHash, o.version, o.modelVersion, o.seeds[r], r, o.years, o.warmupDays, csvField(name), Number.isFinite(v) ? v : ''].join(','));
    });
  }
  return `${rows.join('\n')}\n`;
}

/** Human-readable summary table. */
export function formatTable(o: RunOutput): string {
  const head = `${o.scenario}  (${o.scenarioHash}, koordsim ${o.version}, model ${o.modelVersion})\nseed ${o.seed}, ${o.reps} replication${o.reps === 1 ? '' : 's'} x ${o.years} year${o.years === 1 ? '' : 's'}, warm-up ${o.warmupDays} days\n\n`;
  const rows = Object.entries(o.metrics).map(([name, m]) => [name, fmt(m.mean), o.reps > 1 ? `[${fmt(m.ci95[0])}, ${fmt(m.ci95[1])}]` : '(1 rep: no interval)']);
  const header = ['metric', 'mean', '95% CI'];
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  const warn = growthWarnings(o.growing);
  return `${head}${line(header)}\n${w.map((x) => '-'.repeat(x)).join('  ')}\n${rows.map(line).join('\n')}\n${warn === '' ? '' : `\n${warn}`}`;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return x.toExponential(3);
  if (Number.isInteger(x)) return String(x);
  return a >= 100 ? x.toFixed(1) : a >= 1 ? x.toFixed(3) : x.toFixed(4);
}
