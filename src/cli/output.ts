import type { RunOutput } from '../experiment/replicate.js';

/** `--json` output. NaN and infinities (a metric undefined in a run) become null. */
export function toJson(o: RunOutput): string {
  return `${JSON.stringify(o, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** Tidy CSV: one row per replication x metric. */
export function toCsv(o: RunOutput): string {
  const rows = ['scenario,scenarioHash,version,seed,replication,years,metric,value'];
  for (const [name, m] of Object.entries(o.metrics)) {
    m.values.forEach((v, r) => {
      rows.push([csvCell(o.scenario), o.scenarioHash, o.version, o.seeds[r], r, o.years, csvCell(name), Number.isFinite(v) ? v : ''].join(','));
    });
  }
  return `${rows.join('\n')}\n`;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Human-readable summary table. */
export function formatTable(o: RunOutput): string {
  const head = `${o.scenario}  (${o.scenarioHash}, koordsim ${o.version})\nseed ${o.seed}, ${o.reps} replication${o.reps === 1 ? '' : 's'} x ${o.years} year${o.years === 1 ? '' : 's'}\n\n`;
  const rows = Object.entries(o.metrics).map(([name, m]) => [name, fmt(m.mean), o.reps > 1 ? `[${fmt(m.ci95[0])}, ${fmt(m.ci95[1])}]` : '(1 rep: no interval)']);
  const header = ['metric', 'mean', '95% CI'];
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return `${head}${line(header)}\n${w.map((x) => '-'.repeat(x)).join('  ')}\n${rows.map(line).join('\n')}\n`;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return x.toExponential(3);
  if (Number.isInteger(x)) return String(x);
  return a >= 100 ? x.toFixed(1) : a >= 1 ? x.toFixed(3) : x.toFixed(4);
}
