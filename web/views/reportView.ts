import type { RunDigest } from '../../src/experiment/digest.js';
import type { ScenarioInfo, Slot } from '../../src/protocol.js';
import { differingAssumptions, scenarioDifferences, type Difference } from '../derive/scenarioDiff.js';
import { pick, scenarioName, serviceName, groupName } from '../i18n/dataLabels.js';
import { fmtNumber, getLang, t, type StringKey } from '../i18n/i18n.js';
import { STRINGS } from '../i18n/strings.js';
import { LEVERS, leverSource, pointer } from '../levers.js';
import { drawHeadline, esc } from './headlineView.js';
import { svgCopy } from './svgCopy.js';

/**
 * The printed report: one A4 document made by the browser's print with print CSS only (style.css,
 * `@media print`). It says the question; the two scenarios and what differs between them; the
 * headline with its intervals; the key charts (none split over a page break); the assumptions that
 * drive the verdict; and what made it (versions, seed, replications, date) with a link that opens
 * the same comparison. On screen it is not shown; it is written when printing is asked for.
 */

/** What the report is made from, as main.ts holds it when the report is written. */
export interface ReportInput {
  infos: Map<Slot, ScenarioInfo>;
  digests: Record<Slot, RunDigest[]>;
  running: boolean;
  seed: number;
  reps: number;
  version: string;
  model: string;
  /** The link that opens this comparison again (the URL with its state). */
  url: string;
  /** The chart cards' svg, by chart id, as the dashboard drew them. */
  chart: (id: string) => SVGSVGElement | null;
}

/** The charts a planning meeting needs on paper, in this order: who falls between chairs and why, how long people wait, the coordinators' load. */
export const REPORT_CHARTS = ['betweenChairs', 'userDays', 'waitEcdf', 'caseload'] as const;

/** At most this many differences are listed; a longer list ends with "and N more". */
const MAX_DIFFERENCES = 18;

export function writeReport(el: HTMLElement, input: ReportInput): void {
  const lang = getLang();
  const { infos } = input;
  const a = infos.get('A');
  const b = infos.get('B');
  const parts: string[] = [];
  parts.push(`<header class="report-head"><h1>${esc(t('report.title'))}</h1><p class="question">${esc(t('app.question'))}</p></header>`);

  // The two scenarios and what differs between them
  const scen: string[] = [];
  for (const [slot, info] of [['A', a], ['B', b]] as const) {
    if (info) scen.push(`<li><span class="swatch ${slot.toLowerCase()}">${slot}</span> <strong>${esc(scenarioName(info, lang))}</strong> <span class="file" lang="zxx">${esc(info.file)}</span></li>`);
  }
  parts.push(`<section class="report-block"><h2>${esc(t('report.scenarios'))}</h2><ul class="report-scenarios">${scen.join('')}</ul>`);
  if (a && b) {
    const diffs = scenarioDifferences(a.resolved, b.resolved);
    parts.push(`<h3>${esc(t('report.differences'))}</h3>`);
    if (diffs.length === 0) parts.push(`<p>${esc(t('report.differencesNone'))}</p>`);
    else {
      const rows = diffs.slice(0, MAX_DIFFERENCES).map((d) => `<tr>${parameterCell(d, a, b)}<td>${value(d.a, d)}</td><td>${value(d.b, d)}</td></tr>`);
      parts.push(`<table class="report-table"><thead><tr><th scope="col">${esc(t('report.parameter'))}</th><th scope="col">A</th><th scope="col">B</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
      if (diffs.length > MAX_DIFFERENCES) parts.push(`<p class="note">${esc(t('report.differencesMore', { count: diffs.length - MAX_DIFFERENCES }))}</p>`);
    }
  }
  parts.push('</section>');

  // The headline
  const hasResults = input.digests.A.length + input.digests.B.length > 0;
  parts.push(`<section class="report-block report-headline"><h2>${esc(t('report.headline'))}</h2><div class="report-headline-table"></div>`);
  if (hasResults && input.running) {
    const pairs = Math.min(input.digests.A.length, input.digests.B.length || input.digests.A.length);
    parts.push(`<p class="forming-note">${esc(t('headline.forming', { done: pairs, total: input.reps }))}</p>`);
  }
  parts.push('</section>');

  // The key charts
  if (hasResults) {
    const figs = REPORT_CHARTS.map((id) => input.chart(id)).filter((svg): svg is SVGSVGElement => svg !== null).map((svg, i) => `<figure class="report-chart">${svgCopy(svg, `report${i}`)}</figure>`);
    if (figs.length) parts.push(`<section class="report-charts"><h2>${esc(t('report.charts'))}</h2>${figs.join('')}</section>`);
  }

  // The assumptions that drive the verdict
  if (a && b) {
    const provA = provenanceOf(a.resolved);
    const provB = provenanceOf(b.resolved);
    const assumptions = differingAssumptions(a.resolved, b.resolved, provA, provB);
    // The notes are the scenario files' own words, quoted as they are (English only, sometimes
    // naming a variable of the sources' digests): marked as a quotation of the file.
    parts.push(`<section class="report-block report-assumptions"><h2>${esc(t('report.assumptions'))}</h2>`);
    if (assumptions.length === 0) parts.push(`<p>${esc(t('report.assumptionsNone'))}</p>`);
    else {
      parts.push(`<p class="note">${esc(t('report.assumptionsHelp'))}</p>`);
      const rows = assumptions.map((d) => `<tr>${parameterCell(d, a, b)}<td>${value(d.a, d)}</td><td>${value(d.b, d)}</td><td class="source file-quote"${lang === 'en' ? '' : ' lang="en"'}>${esc(d.note)}</td></tr>`);
      parts.push(`<table class="report-table"><thead><tr><th scope="col">${esc(t('report.parameter'))}</th><th scope="col">A</th><th scope="col">B</th><th scope="col">${esc(t('report.source'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    }
    parts.push('</section>');
  }

  // What made it
  const date = new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long' }).format(new Date());
  parts.push(
    `<section class="report-block report-provenance"><h2>${esc(t('report.provenance'))}</h2><p class="made">${esc(t('report.made', { version: input.version, model: input.model, seed: input.seed, reps: input.reps, date }))}</p>` +
      `<p>${esc(t('report.rerun'))} <a class="rerun" lang="zxx" href="${esc(input.url)}">${esc(input.url)}</a></p></section>`,
  );
  el.innerHTML = parts.join('');
  el.lang = lang;

  const headline = el.querySelector<HTMLElement>('.report-headline-table')!;
  if (hasResults) drawHeadline(headline, input.digests.A, input.digests.B, input.running);
  else headline.innerHTML = `<p class="empty">${esc(t('report.noResults'))}</p>`;
  // The headline's help lives in hover titles and focus stops: on paper neither is any use.
  headline.querySelectorAll('[tabindex]').forEach((n) => n.removeAttribute('tabindex'));
}

function provenanceOf(resolved: unknown): Record<string, string | { source: string; note?: string }> {
  const p = (resolved as { provenance?: unknown } | null)?.provenance;
  return typeof p === 'object' && p !== null ? (p as Record<string, string | { source: string; note?: string }>) : {};
}

/** Lever labels by JSON pointer: the plain sentence a planner already reads beside the slider. */
const LEVER_LABELS = new Map(LEVERS.map((l) => [pointer(l.path), l.label]));

/**
 * The parameter in words: the lever's sentence if there is a lever for it, else the schema's
 * description (English only, so marked as English on a bokmål page), with the service, user group
 * or pool it belongs to named in the reader's language.
 */
function parameterCell(d: Difference, a: ScenarioInfo, b: ScenarioInfo): string {
  const lang = getLang();
  const ptr = d.pointerB ?? d.pointerA!;
  const segs = ptr.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  const owner = ownerName(d.path, a, b);
  const lever = LEVER_LABELS.get(ptr);
  let what: string;
  if (lever) what = esc(pick(lever, lang));
  else {
    const own = `report.field.${d.path[d.path.length - 1]}`;
    const desc = leverSource(segs)?.description ?? null;
    // Words of our own for the few fields the schema does not describe; else its (English) description.
    what = own in STRINGS.en ? esc(t(own as StringKey)) : desc ? `<span${lang === 'en' ? '' : ' lang="en"'}>${esc(desc)}</span>` : '';
  }
  return `<th scope="row">${owner ? `<strong>${esc(owner)}</strong>${what ? ': ' : ''}` : ''}${what}<br><code lang="zxx">${esc(d.path.join('.'))}</code></th>`;
}

/** The service, user group or pool a path runs through, by its name in the reader's language. */
function ownerName(path: readonly string[], a: ScenarioInfo, b: ScenarioInfo): string | null {
  for (let i = 0; i + 1 < path.length; i++) {
    const id = path[i + 1];
    if (path[i] === 'services') return b.serviceIds.includes(id) ? serviceName(b, id) : serviceName(a, id);
    if (path[i] === 'userGroups') return b.groupLabels[id] ? groupName(b, id) : groupName(a, id);
    if (path[i] === 'pools') return (b.poolLabels[id] ?? a.poolLabels[id])?.[getLang()] ?? id;
  }
  return null;
}

/** A value in words: numbers in the reader's locale, yes/no, the UI's own word for a known choice, a count for a section or list. */
function value(v: unknown, d: Difference): string {
  if (v === undefined) return `<span class="muted">${esc(t('report.only'))}</span>`;
  if (v === null) return '–';
  if (typeof v === 'number') return esc(fmtNumber(v, Number.isInteger(v) ? 0 : Math.abs(v) < 1 ? 3 : 2));
  if (typeof v === 'boolean') return esc(t(v ? 'report.yes' : 'report.no'));
  if (typeof v === 'string') {
    const key = d.path[d.path.length - 1];
    for (const k of [`${key === 'kind' ? 'design' : key}.${v}`, `report.value.${v}`]) if (k in STRINGS.en) return esc(t(k as StringKey));
    return `<code lang="zxx">${esc(v)}</code>`;
  }
  const n = Array.isArray(v) ? v.length : Object.keys(v as object).length;
  return esc(t('report.items', { count: n }));
}
