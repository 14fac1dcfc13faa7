// `npm run bench:plot [bench.json] [out.svg]`: the scaling plot of docs/performance.md, drawn from
// the bench JSON (bench/results/bench.json by default) as a standalone SVG. d3's scales, ticks and
// line generator do the arithmetic; the SVG is written as text, so no DOM is needed.
import { readFileSync, writeFileSync } from 'node:fs';
import { format, line, scaleLog } from 'd3';

interface ScalingRow {
  inhabitants: number;
  years: number;
  secondsPerReplication: number;
  /** The first replication in a fresh process (bench JSON from 2026-12-07 on). */
  coldSecondsPerReplication?: number;
  eventsPerSecond: number;
}
interface BenchReport {
  cores: number;
  node: string;
  loadAverage?: number[];
  summary: { scaling: ScalingRow[] };
}

const W = 360;
const H = 260;
const M = { top: 34, right: 16, bottom: 44, left: 62 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * One log-log panel: a line through the rows, its points, axes with ticks, and optional target
 * marks; `second`, if given, a dashed line with open points (the cold first replication).
 */
function panel(rows: ScalingRow[], x0: number, title: string, y: (r: ScalingRow) => number, yLabel: string, targets: Array<{ x: number; y: number; label: string }>, second?: { y: (r: ScalingRow) => number; label: string; firstLabel: string }): string {
  const xs = scaleLog()
    .domain([8_000, 900_000])
    .range([M.left, W - M.right]);
  const values = [...rows.map(y), ...(second ? rows.map(second.y) : []), ...targets.map((t) => t.y)];
  const ys = scaleLog()
    .domain([Math.min(...values) / 1.6, Math.max(...values) * 1.6])
    .range([H - M.bottom, M.top]);
  const path = line<ScalingRow>()
    .x((r) => xs(r.inhabitants))
    .y((r) => ys(y(r)))(rows);
  const fx = format('~s');
  const fy = format('~g');
  const out: string[] = [`<g transform="translate(${x0},0)">`, `<text x="${M.left}" y="18" font-weight="bold">${esc(title)}</text>`];
  for (const t of [10_000, 50_000, 200_000, 700_000]) {
    out.push(`<line x1="${xs(t)}" x2="${xs(t)}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="#333"/>`, `<text x="${xs(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${fx(t)}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">inhabitants (log scale)</text>`);
  const [lo, hi] = ys.domain();
  // 1-2-5 ticks, or powers of ten alone when those would crowd the axis.
  const ticks = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7].flatMap((k) => [1, 2, 5].map((m) => ({ v: m * 10 ** k, m }))).filter((t) => t.v >= lo && t.v <= hi);
  for (const { v: t } of ticks.length > 7 ? ticks.filter((x) => x.m === 1) : ticks) {
    out.push(`<line x1="${M.left - 4}" x2="${W - M.right}" y1="${ys(t)}" y2="${ys(t)}" stroke="#ddd"/>`, `<text x="${M.left - 7}" y="${ys(t) + 4}" text-anchor="end">${fy(t)}</text>`);
  }
  out.push(`<text transform="translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`, `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  if (second) {
    const path2 = line<ScalingRow>()
      .x((r) => xs(r.inhabitants))
      .y((r) => ys(second.y(r)))(rows);
    if (path2) out.push(`<path d="${path2}" fill="none" stroke="#777" stroke-width="1.5" stroke-dasharray="5 3"/>`);
    for (const r of rows) out.push(`<circle cx="${xs(r.inhabitants)}" cy="${ys(second.y(r))}" r="3" fill="white" stroke="#777" stroke-width="1.5"/>`);
    out.push(
      `<path d="M${M.left + 8},${M.top + 6}h18" stroke="#1f6fb2" stroke-width="2"/>`,
      `<text x="${M.left + 30}" y="${M.top + 10}">${esc(second.firstLabel)}</text>`,
      `<path d="M${M.left + 8},${M.top + 20}h18" stroke="#777" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      `<text x="${M.left + 30}" y="${M.top + 24}">${esc(second.label)}</text>`,
    );
  }
  if (path) out.push(`<path d="${path}" fill="none" stroke="#1f6fb2" stroke-width="2"/>`);
  for (const r of rows) out.push(`<circle cx="${xs(r.inhabitants)}" cy="${ys(y(r))}" r="3.5" fill="#1f6fb2"/>`);
  for (const t of targets) {
    out.push(`<path d="M${xs(t.x) - 5},${ys(t.y)}h10" stroke="#c0392b" stroke-width="2.5"/>`, `<text x="${xs(t.x) - 8}" y="${ys(t.y) - 6}" text-anchor="end" fill="#c0392b">${esc(t.label)}</text>`);
  }
  out.push('</g>');
  return out.join('\n');
}

export function scalingSvg(report: BenchReport): string {
  const rows = [...report.summary.scaling].sort((a, b) => a.inhabitants - b.inhabitants);
  if (rows.length === 0) throw new Error('bench:plot: the bench JSON has no scaling rows (run `npm run bench` or its scale:* cases)');
  const years = [...new Set(rows.map((r) => r.years))].join('/');
  // Issue 15's targets are for 10-year replications; a quick bench's shorter runs are not held to them.
  const targets =
    years === '10'
      ? [
          { x: 50_000, y: 0.3, label: 'target 0.3 s' },
          { x: 700_000, y: 5, label: 'target 5 s' },
        ]
      : [];
  const cold = rows.every((r) => r.coldSecondsPerReplication !== undefined)
    ? { y: (r: ScalingRow) => r.coldSecondsPerReplication!, label: 'cold: first in a fresh process', firstLabel: 'warm: after some replications' }
    : undefined;
  const left = panel(rows, 0, `CPU seconds per ${years}-year replication`, (r) => r.secondsPerReplication, 'seconds (log scale)', targets, cold);
  const right = panel(rows, W, 'Events per CPU second', (r) => r.eventsPerSecond, 'events/s (log scale)', []);
  const note = `koordsim bench, Node ${report.node}, ${report.cores} cores shared with other work${report.loadAverage ? ` (load average ${report.loadAverage[0].toFixed(1)})` : ''}${years === '10' ? "; red: issue 15's targets" : ''}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 22}" viewBox="0 0 ${2 * W} ${H + 22}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    left,
    right,
    `<text x="${W}" y="${H + 16}" text-anchor="middle" fill="#555">${esc(note)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('plot-bench.ts')) {
  const input = process.argv[2] ?? 'bench/results/bench.json';
  const output = process.argv[3] ?? 'docs/performance-scaling.svg';
  writeFileSync(output, scalingSvg(JSON.parse(readFileSync(input, 'utf8')) as BenchReport));
  process.stdout.write(`wrote ${output}\n`);
}
