import type { RunDigest } from '../../src/experiment/digest.js';
import { GROWTH_QUANTITIES, growingQuantities } from '../../src/experiment/growth.js';
import { summarize } from '../../src/stats/summary.js';
import { HEADLINE_METRICS, headline, verdict, type HeadlineRow } from '../derive/headline.js';
import { fmtNumber, getLang, t } from '../i18n/i18n.js';
import { metricText } from '../i18n/metrics.js';

/**
 * The planner's answer: per headline metric, A and B with their 95 % intervals, the paired
 * difference B − A (same seeds) with its interval, a bar showing it against zero, and who does
 * better. Hovering a label explains the metric in the user's language.
 */
export function drawHeadline(el: HTMLElement, a: readonly RunDigest[], b: readonly RunDigest[], forming = false): HeadlineRow[] {
  const lang = getLang();
  const single = b.length === 0;
  const rows = single ? headline(a, a, HEADLINE_METRICS) : headline(a, b, HEADLINE_METRICS);
  if (rows.length === 0) {
    el.innerHTML = `<p class="empty">${esc(t('chart.noData'))}</p>`;
    return rows;
  }
  const table = document.createElement('table');
  table.className = 'headline';
  const head = table.createTHead().insertRow();
  const cols = single ? ['headline.metric', 'headline.a'] : ['headline.metric', 'headline.a', 'headline.b', 'headline.diff', 'headline.who'];
  for (const k of cols) {
    const th = document.createElement('th');
    th.textContent = t(k as Parameters<typeof t>[0]);
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const m = metricText(r.name, lang);
    const tr = body.insertRow();
    tr.dataset.metric = r.name;
    const label = tr.insertCell();
    label.innerHTML = `<span class="metric-label" tabindex="0">${esc(m.label)}</span>${m.unit ? ` <span class="unit">(${esc(m.unit)})</span>` : ''}`;
    label.title = m.help;
    tr.insertCell().innerHTML = est(r.a.mean, r.a.ci95);
    if (single) continue;
    tr.insertCell().innerHTML = est(r.b.mean, r.b.ci95);
    const d = tr.insertCell();
    d.className = 'diff';
    d.innerHTML = `${sign(r.diff.mean)} <span class="ci">[${fmt(r.diff.ci95[0])}, ${fmt(r.diff.ci95[1])}]</span>${diffBar(r)}`;
    d.title = t('tooltip.diff');
    const v = verdict(r, m.betterWhen);
    const who = tr.insertCell();
    who.className = `verdict ${v}${forming ? ' forming' : ''}`;
    const words = m.betterWhen === null ? t('verdict.neutral') : v === 'B' ? t('verdict.bBetter') : v === 'A' ? t('verdict.aBetter') : t('verdict.noClear');
    // While replications stream in, a verdict is said to be provisional, and with fewer than two
    // pairs there is no interval at all: "no clear difference [–, –]" would read as an answer.
    who.textContent = !forming || m.betterWhen === null ? words : r.n < 2 ? t('verdict.forming') : t('verdict.provisional', { verdict: words });
    who.dataset.verdict = v;
  }
  el.replaceChildren(table);
  // A quantity that keeps rising has no steady state to average: say so under the table (koordsim run does too).
  for (const note of [...growthNotes(a, 'A', lang), ...(single ? [] : growthNotes(b, 'B', lang))]) {
    const p = document.createElement('p');
    p.className = 'growth-warning';
    p.textContent = note;
    el.append(p);
  }
  return rows;
}

function growthNotes(ds: readonly RunDigest[], side: string, lang: ReturnType<typeof getLang>): string[] {
  const names = Object.keys(GROWTH_QUANTITIES).filter((k) => ds.length > 0 && ds.every((d) => k in d.metrics));
  const metrics = Object.fromEntries(names.map((k) => [k, summarize(ds.map((d) => d.metrics[k]))]));
  return growingQuantities(metrics).map((g) => t('headline.growing', { side, quantity: metricText(g.metric, lang).label.toLowerCase(), rise: fmtNumber(100 * g.rise, 0) }));
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return fmtNumber(x, digits);
}

function sign(x: number): string {
  return Number.isFinite(x) && x > 0 ? `+${fmt(x)}` : fmt(x);
}

function est(mean: number, ci: [number, number]): string {
  return `${fmt(mean)} <span class="ci">[${fmt(ci[0])}, ${fmt(ci[1])}]</span>`;
}

/** A small bar: the interval of B − A against zero, scaled to the larger of |lo|, |hi|. */
function diffBar(r: HeadlineRow): string {
  const [lo, hi] = r.diff.ci95;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  const m = Math.max(Math.abs(lo), Math.abs(hi), Math.abs(r.diff.mean)) || 1;
  const x = (v: number) => 50 + (45 * v) / m;
  return `<svg class="diffbar" viewBox="0 0 100 10" aria-hidden="true"><line x1="50" x2="50" y1="0" y2="10" stroke="#999"/><rect x="${Math.min(x(lo), x(hi))}" y="3" width="${Math.max(1, Math.abs(x(hi) - x(lo)))}" height="4" fill="#777"/><circle cx="${x(r.diff.mean)}" cy="5" r="2.5" fill="#000"/></svg>`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
