import type { RunDigest } from '../../src/experiment/digest.js';
import { CAUSES } from '../../src/model/municipality/causes.js';
import type { ScenarioInfo, Slot } from '../../src/protocol.js';
import { ACTIVITIES } from '../../src/model/municipality/record.js';
import { COORD_ACTIVITIES } from '../../src/model/municipality/coordination/coordinationRecord.js';
import { COPING_POLICIES } from '../../src/scenario/copingPolicyNames.js';
import { drawBetweenChairs } from '../charts/betweenChairsChart.js';
import { drawCoordinatorTime } from '../charts/coordinatorTimeChart.js';
import { drawCoping } from '../charts/copingChart.js';
import { drawHandoffs } from '../charts/handoffChart.js';
import { drawStaffTime } from '../charts/staffTimeChart.js';
import { copingUse } from '../derive/coping.js';
import { handoffMatrix } from '../derive/handoffs.js';
import { coordinatorTime, staffTimeByActivity } from '../derive/staffTime.js';
import { drawCaseload } from '../charts/caseloadChart.js';
import { drawUserDays } from '../charts/userDaysChart.js';
import { drawWaitEcdf } from '../charts/waitEcdfChart.js';
import { drawWaitOverTime } from '../charts/waitOverTimeChart.js';
import { betweenChairsStack, betweenChairsUserDays } from '../derive/betweenChairs.js';
import { caseloadBands, caseloadLines } from '../derive/caseload.js';
import { waitEcdf, waitOverTime } from '../derive/waiting.js';
import { download, pngBlob, svgBlob } from '../export/exportFigure.js';
import { scenarioName, serviceName } from '../i18n/dataLabels.js';
import { fmtNumber, getLang, t, type Lang, type StringKey } from '../i18n/i18n.js';
import { esc } from './headlineView.js';
import type { BinEstimate } from '../derive/bins.js';
import type { Estimate } from '../derive/estimate.js';
import { bySide, writeDataTable, type DataTable } from './dataTable.js';

type Digests = Record<Slot, RunDigest[]>;

interface ChartContext {
  lang: Lang;
  d: Digests;
  infos: Map<Slot, ScenarioInfo>;
  base: { noData: string; format: (n: number) => string; width: number; height: number };
  /** Width over the 560 px the charts were designed at, at least 1: heights grow with it, up to 1.4 times. */
  grow: number;
  sides: { A: string; B: string };
  warmupDays: number | undefined;
  warmup: string;
  /** What an empty chart says: "press Run" before any result, "not in this scenario" after. */
  notApplicable: string;
  notMunicipality: string;
}

/** A chart: its series derived once from the digests, drawn, and written out as a table of the same numbers. */
interface ChartSpec<T = unknown> {
  id: string;
  title: StringKey;
  data(c: ChartContext): T;
  draw(el: HTMLElement, data: T, c: ChartContext): void;
  table(data: T, c: ChartContext): DataTable;
}

const spec = <T>(s: ChartSpec<T>): ChartSpec => s as unknown as ChartSpec;

type Sided<T> = { A: T | null; B: T | null };

const side = <T>(d: Digests, f: (x: RunDigest[]) => T): Sided<T> => ({
  A: d.A.length ? f(d.A) : null,
  B: d.B.length ? f(d.B) : null,
});

/** As `side`, for charts of the municipality model only (a textbook queue has no services or chairs). */
const muniSide = <T>(d: Digests, f: (x: RunDigest[]) => T) =>
  side({ A: d.A.filter((x) => x.model === 'municipality'), B: d.B.filter((x) => x.model === 'municipality') }, f);

/** Waits and user-days cannot be negative: a t-interval from few replications can reach below 0, the band stops at 0. */
const nonNegative = <E extends { ci95: [number, number] }>(xs: E[]): E[] => xs.map((e) => (e.ci95[0] < 0 ? { ...e, ci95: [0, e.ci95[1]] as [number, number] } : e));

/** Heights grow with the width, less than it: a wide chart is not as tall as it is wide. */
const tall = (c: ChartContext, h: number) => Math.round(h * c.grow);

const interval = (c: ChartContext, ci: readonly [number, number]) => (Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `${c.base.format(ci[0])} – ${c.base.format(ci[1])}` : '–');
const day = (t: number) => fmtNumber(t, 0);
/** Columns of a mean with its interval over time bins. */
const binColumns = (c: ChartContext, y: string) => [t('table.side'), t('axis.timeDays'), y, t('table.interval')];
const binRows = (c: ChartContext) => (xs: readonly BinEstimate[]) => xs.map((e) => [day(e.t), Number.isFinite(e.mean) ? c.base.format(e.mean) : '–', interval(c, e.ci95)]);
const estimateRows = <E extends Estimate>(c: ChartContext, label: (e: E) => string) => (xs: readonly E[]) => xs.map((e) => [label(e), c.base.format(e.mean), interval(c, e.ci95)]);

/**
 * The replication charts, each a card with its title, PNG/SVG export and a table of its numbers.
 * The view derives each chart's series from the digests (web/derive) and hands them, with
 * translated labels, to the chart module (web/charts) and to the table; it holds no data of its own.
 */
export const CHARTS: ChartSpec[] = [
  spec({
    id: 'caseload',
    title: 'chart.caseload.title',
    data: (c) =>
      side(c.d, (x) => {
        const bands = caseloadBands(x);
        // The lines (an object per coordinator-week, 12 ms for the first replication of the ten-year
        // municipality in Chromium) are only made when someone hovers the chart.
        return bands ? { bands, lines: () => caseloadLines(x[0]) } : null;
      }),
    draw: (el, data, c) =>
      drawCaseload(el, data as never, {
        ...c.base,
        title: t('chart.caseload.title'),
        labels: { x: t('axis.timeDays'), y: t('axis.cases'), A: c.sides.A, B: c.sides.B, median: t('chart.median'), band: t('chart.band'), max: t('chart.max'), collapse: t('chart.collapse'), warmup: c.warmup },
        noData: c.notApplicable,
        collapse: c.infos.get('A')?.caseloadCollapse ?? c.infos.get('B')?.caseloadCollapse ?? undefined,
        warmupDays: c.warmupDays,
      }),
    table: (data, c) => ({
      columns: [t('table.side'), t('axis.timeDays'), t('chart.median'), t('chart.band'), t('chart.max')],
      rows: bySide(data, c.sides, (s) => (s ? s.bands.points.map((p) => [day(p.t), c.base.format(p.p50), `${c.base.format(p.p10)} – ${c.base.format(p.p90)}`, c.base.format(p.max)]) : [])),
    }),
  }),
  spec({
    id: 'waitEcdf',
    title: 'chart.waitEcdf.title',
    data: (c) => side(c.d, (x) => waitEcdf(x)),
    draw: (el, data, c) =>
      drawWaitEcdf(el, data, {
        ...c.base,
        title: t('chart.waitEcdf.title'),
        labels: { x: t('axis.waitDays'), y: t('axis.cumulativeShare'), A: c.sides.A, B: c.sides.B },
        formatShare: (s) => `${fmtNumber(100 * s, 0)} %`,
      }),
    table: (data, c) => ({
      columns: [t('table.side'), t('axis.waitDays'), t('axis.cumulativeShare')],
      rows: bySide(data, c.sides, (pts) => pts.map((p) => [fmtNumber(p.x, 1), `${fmtNumber(100 * p.y, 1)} %`])),
    }),
  }),
  spec({
    id: 'waitOverTime',
    title: 'chart.waitOverTime.title',
    data: (c) => side(c.d, (x) => nonNegative(waitOverTime(x))),
    draw: (el, data, c) =>
      drawWaitOverTime(el, data, {
        ...c.base,
        title: t('chart.waitOverTime.title'),
        labels: { x: t('axis.timeDays'), y: t('axis.waitDays'), A: c.sides.A, B: c.sides.B, warmup: c.warmup },
        warmupDays: c.warmupDays,
      }),
    table: (data, c) => ({ columns: binColumns(c, t('axis.waitDays')), rows: bySide(data, c.sides, binRows(c)) }),
  }),
  spec({
    id: 'betweenChairs',
    title: 'chart.betweenChairsByCause.title',
    data: (c) => muniSide(c.d, (x) => betweenChairsStack(x)),
    draw: (el, data, c) =>
      drawBetweenChairs(el, data, {
        ...c.base,
        noData: c.notMunicipality,
        height: tall(c, 300),
        title: t('chart.betweenChairsByCause.title'),
        labels: { x: t('axis.timeDays'), y: t('chart.eventsPerReplication'), A: c.sides.A, B: c.sides.B, causes: CAUSES.map((k) => t(`cause.${k}` as StringKey)), warmup: c.warmup },
        warmupDays: c.warmupDays,
      }),
    table: (data, c) => ({
      columns: [t('table.side'), t('axis.timeDays'), ...CAUSES.map((k) => t(`cause.${k}` as StringKey)), t('table.total')],
      rows: bySide(data, c.sides, (bins) => bins.map((b) => [day(b.t), ...b.byCause.map((v) => fmtNumber(v, 2)), fmtNumber(b.total, 2)])),
    }),
  }),
  spec({
    id: 'userDays',
    title: 'chart.betweenChairsDays.title',
    data: (c) => muniSide(c.d, (x) => nonNegative(betweenChairsUserDays(x))),
    draw: (el, data, c) =>
      drawUserDays(el, data, {
        ...c.base,
        noData: c.notMunicipality,
        title: t('chart.betweenChairsDays.title'),
        labels: { x: t('axis.timeDays'), y: t('axis.userDays'), A: c.sides.A, B: c.sides.B, warmup: c.warmup },
        warmupDays: c.warmupDays,
      }),
    table: (data, c) => ({ columns: binColumns(c, t('axis.userDays')), rows: bySide(data, c.sides, binRows(c)) }),
  }),
  spec({
    id: 'staffTime',
    title: 'chart.staffTime.title',
    data: (c) => muniSide(c.d, (x) => staffTimeByActivity(x)),
    draw: (el, data, c) =>
      drawStaffTime(el, data, {
        ...c.base,
        noData: c.notMunicipality,
        title: t('chart.staffTime.title'),
        labels: { x: t('axis.hoursPerYear'), y: t('axis.activity'), A: c.sides.A, B: c.sides.B, activities: ACTIVITIES.map((a) => t(`activity.${a}` as StringKey)) },
      }),
    table: (data, c) => ({
      columns: [t('table.side'), t('axis.activity'), t('axis.hoursPerYear'), t('table.interval')],
      rows: bySide(data, c.sides, estimateRows(c, (e) => t(`activity.${e.activity}` as StringKey))),
    }),
  }),
  spec({
    id: 'coordinatorTime',
    title: 'chart.coordinatorTime.title',
    data: (c) => side(c.d, (x) => coordinatorTime(x)),
    draw: (el, data, c) =>
      drawCoordinatorTime(el, data, {
        ...c.base,
        title: t('chart.coordinatorTime.title'),
        noData: c.notApplicable,
        labels: { x: t('axis.hoursPerYear'), y: t('axis.activity'), A: c.sides.A, B: c.sides.B, worked: t('chart.worked'), asked: t('chart.asked'), activities: COORD_ACTIVITIES.map((a) => t(`coordActivity.${a}` as StringKey)) },
      }),
    table: (data, c) => ({
      columns: [t('table.side'), t('axis.activity'), t('chart.worked'), t('chart.asked')],
      rows: bySide(data, c.sides, (xs) => (xs ?? []).map((e) => [t(`coordActivity.${e.activity}` as StringKey), c.base.format(e.worked.mean), c.base.format(e.asked.mean)])),
    }),
  }),
  spec({
    id: 'coping',
    title: 'chart.coping.title',
    data: (c) => side(c.d, (x) => copingUse(x)),
    draw: (el, data, c) =>
      drawCoping(el, data, {
        ...c.base,
        height: tall(c, 340),
        title: t('chart.coping.title'),
        noData: c.notApplicable,
        labels: { x: t('axis.usesPerYear'), y: t('axis.policy'), A: c.sides.A, B: c.sides.B, policies: COPING_POLICIES.map((p) => t(`coping.${p}` as StringKey)) },
      }),
    table: (data, c) => ({
      columns: [t('table.side'), t('axis.policy'), t('axis.usesPerYear'), t('table.interval')],
      rows: bySide(data, c.sides, (xs) => (xs ?? []).map((e) => [t(`coping.${e.policy}` as StringKey), c.base.format(e.mean), interval(c, e.ci95)])),
    }),
  }),
  spec({
    id: 'handoffs',
    title: 'chart.handoffs.title',
    data: (c) => muniSide(c.d, (x) => handoffMatrix(x)),
    draw: (el, data, c) =>
      drawHandoffs(el, data, {
        ...c.base,
        noData: c.notMunicipality,
        height: tall(c, 380),
        title: t('chart.handoffs.title'),
        labels: { from: t('axis.fromService'), to: t('axis.toService'), A: c.sides.A, B: c.sides.B, entry: t('chart.entry'), perYear: t('chart.perYear'), lostShare: t('chart.lostShare'), services: serviceNames(c) },
        formatShare: (s) => `${fmtNumber(100 * s, 1)} %`,
      }),
    table: (data, c) => {
      const services = serviceNames(c);
      return {
        columns: [t('table.side'), t('axis.fromService'), t('axis.toService'), t('chart.perYear'), t('chart.lostShare')],
        rows: bySide(data, c.sides, (cells) => cells.map((h) => [h.fromId === null ? t('chart.entry') : (services[h.fromId] ?? h.fromId), services[h.toId] ?? h.toId, fmtNumber(h.perYear, 1), `${fmtNumber(100 * h.lostShare, 1)} %`])),
      };
    },
  }),
];

/** Services by id in the reader's language; a service both scenarios have is named as scenario A names it (A is listed first). */
function serviceNames(c: ChartContext): Record<string, string> {
  const services: Record<string, string> = {};
  for (const i of c.infos.values()) for (const id of i.serviceIds) services[id] ??= serviceName(i, id);
  return services;
}

/** The width the charts were designed at, in px; a card narrower than this draws narrower, a wider one wider. */
const DESIGN_WIDTH = 560;
/** Narrowest drawing, in px: below this the svg scales down rather than squeezing its labels. */
const MIN_WIDTH = 320;
/** Resizing the window redraws the charts this long after the last change of width, not on every step of a drag. */
const RESIZE_DEBOUNCE_MS = 150;

export class ChartsView {
  private context: ChartContext | null = null;
  /** Charts still to draw with the newest context, in drawing order. */
  private queue: ChartSpec[] = [];
  private scheduled = false;
  /** True while replications stream in: then charts far from the viewport wait (see `setStreaming`). */
  private streaming = false;
  /** Ids of the cards in or near the viewport, and the charts left undrawn while streaming. */
  private readonly near = new Set<string>();
  private readonly stale = new Set<ChartSpec>();
  private readonly observer: IntersectionObserver | null;
  /** Width of a card's drawing area in px, from the ResizeObserver; null until measured. */
  private width: number | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  /** A chart whose series are derived, to be drawn in the next task. */
  private derived: { spec: ChartSpec; c: ChartContext; data: unknown } | null = null;
  /** Each chart's last derived series, for its table (built when the table is opened). */
  private readonly lastData = new Map<string, unknown>();

  /** The provenance line written under every exported figure (main.ts: version, seed, replications, date). */
  provenance: () => string = () => '';

  constructor(private readonly grid: HTMLElement) {
    this.observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver(
            (entries) => {
              for (const e of entries) {
                const id = (e.target as HTMLElement).dataset.chart!;
                if (!e.isIntersecting) {
                  this.near.delete(id);
                  continue;
                }
                this.near.add(id);
                const spec = CHARTS.find((c) => c.id === id);
                if (spec && this.stale.has(spec)) this.enqueue([spec]);
              }
            },
            // Half a screen ahead, so a chart scrolled to is already drawn.
            { rootMargin: '50% 0px' },
          );
    // The charts grow with the window: a change of the cards' width redraws them at the new width
    // (debounced), so text keeps its size and a wide screen gets more room for the data rather
    // than a magnified picture.
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => {
        const w = this.measure();
        if (w === null || w === this.width) return;
        if (this.resizeTimer !== null) clearTimeout(this.resizeTimer);
        this.resizeTimer = setTimeout(() => {
          this.resizeTimer = null;
          this.setWidth(this.measure() ?? w);
        }, this.width === null ? 0 : RESIZE_DEBOUNCE_MS);
      }).observe(grid);
    }
  }

  /** The drawing width of a card now: its host's content width (null while the grid is hidden or has no card). */
  private measure(): number | null {
    const w = this.grid.querySelector<HTMLElement>('.chart-host')?.clientWidth ?? 0;
    return w > 0 ? Math.max(MIN_WIDTH, Math.floor(w)) : null;
  }

  private setWidth(w: number): void {
    this.width = w;
    const c = this.context;
    if (!c || c.base.width === w) return;
    this.context = { ...c, base: { ...c.base, width: w }, grow: growFor(w) };
    this.enqueue(CHARTS);
  }

  /**
   * While replications stream in, a chart more than half a screen from the viewport is not
   * redrawn on each new pair of replications: it is drawn when it comes near, or at the end of the
   * run (a render with streaming off draws every chart). At the top of the page, where Run is, that
   * leaves the first row. The nine charts redrawn on every pair were half of the main thread's
   * work while 20 replications streamed in (npm run bench:browser -- --trace).
   */
  setStreaming(on: boolean): void {
    this.streaming = on;
    if (!on && this.stale.size > 0) this.enqueue([...this.stale]);
  }

  /**
   * Draws every chart, one chart per task and at most one per frame, so the page never blocks for
   * the sum of them while replications stream in (the browser test watches for long tasks). A
   * chart's DOM is built in a task of its own, and its style, layout and paint happen in the next
   * frame, before the next chart is built: when several charts were built between two frames, that
   * frame laid out and painted them all, 35-40 ms of CPU time, with the live view's drawing on top
   * (npm run bench:browser -- --trace). A newer render supersedes the context of a pending one;
   * charts not yet drawn keep their turn and the ones already drawn queue again behind them, so no
   * chart starves on a slow machine.
   */
  render(d: Digests, infos: Map<Slot, ScenarioInfo>): void {
    const lang = getLang();
    const name = (s: Slot) => (infos.get(s) ? `${s}: ${scenarioName(infos.get(s)!, lang)}` : s);
    // Measured once, at the first render, on the cards laid out empty; the ResizeObserver keeps it after that.
    if (this.width === null) {
      for (const spec of CHARTS) this.card(spec);
      this.width = this.measure();
    }
    const width = this.width ?? DESIGN_WIDTH;
    this.context = {
      lang,
      d,
      infos,
      base: { noData: d.A.length + d.B.length === 0 ? `${t('chart.noData')} — ${t('controls.run')} ▶` : t('chart.noData'), format: (n) => fmtNumber(n, Math.abs(n) >= 10 || Number.isInteger(n) ? 0 : 2, lang), width, height: 260 },
      grow: growFor(width),
      sides: { A: name('A'), B: name('B') },
      warmupDays: infos.get('A')?.warmupDays ?? infos.get('B')?.warmupDays,
      warmup: t('time.warmup'),
      notApplicable: d.A.length + d.B.length === 0 ? t('chart.noData') : t('chart.notApplicable'),
      notMunicipality: d.A.length + d.B.length === 0 ? t('chart.noData') : t('chart.notMunicipality'),
    };
    this.enqueue(CHARTS);
  }

  private enqueue(specs: readonly ChartSpec[]): void {
    for (const spec of specs) if (!this.queue.includes(spec)) this.queue.push(spec);
    if (this.scheduled) return;
    // The first chart too gets a task of its own, apart from the headline table drawn just before.
    this.scheduled = true;
    setTimeout(() => this.drawNext(), 0);
  }

  private drawNext(): void {
    this.scheduled = false;
    const c = this.context;
    if (!c) return;
    // A chart is two tasks: its series are derived in one and drawn in the next. Each half of the
    // heaviest charts (the ECDF's pooled waits, the caseload histograms; then a few hundred SVG
    // elements) costs 10-50 ms in Chromium on this 2-core machine, and together they were the
    // longest tasks when the charts are drawn after a run (the dashboard test's long-task check).
    const derived = this.derived;
    this.derived = null;
    if (derived && derived.c === c) {
      this.paintCard(derived.spec, c, derived.data);
      this.afterCard(c);
      return;
    }
    // Derived for an earlier context (a new run or width came in between): derived again.
    if (derived && !this.queue.includes(derived.spec)) this.queue.unshift(derived.spec);
    let spec = this.queue.shift();
    while (spec && this.streaming && this.observer && this.grid.querySelector(`[data-chart="${spec.id}"]`) && !this.near.has(spec.id)) {
      this.stale.add(spec);
      spec = this.queue.shift();
    }
    if (!spec) return;
    this.stale.delete(spec);
    let data: unknown;
    try {
      data = spec.data(c);
    } catch (e) {
      data = e instanceof Error ? e : new Error(String(e));
    }
    this.derived = { spec, c, data };
    this.scheduled = true;
    setTimeout(() => this.drawNext(), 0);
  }

  private afterCard(c: ChartContext): void {
    if (this.queue.length === 0) {
      // Every chart shows these replications (none left waiting off screen).
      if (this.stale.size === 0) {
        this.grid.dataset.rendered = String(c.d.A.length + c.d.B.length);
        this.grid.dataset.drawnLang = c.lang; // and in this language
        this.grid.dataset.drawnWidth = String(c.base.width); // and at this width
      }
      return;
    }
    // The next chart after the coming frame. A hidden tab has no frames: its timers (at least
    // once a second there) still finish the charts.
    this.scheduled = true;
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      setTimeout(() => this.drawNext(), 0);
    };
    const fallback = setTimeout(go, 250);
    requestAnimationFrame(go);
  }

  /** The chart's card, made (empty) when it is not there yet. */
  private card(spec: ChartSpec): HTMLElement {
    let card = this.grid.querySelector<HTMLElement>(`[data-chart="${spec.id}"]`);
    if (!card) {
      card = document.createElement('figure');
      card.className = 'chart-card';
      card.dataset.chart = spec.id;
      card.innerHTML = `<header><span class="actions"><button type="button" data-export="png"></button> <button type="button" data-export="svg"></button></span></header><div class="chart-host"></div><details class="chart-data"><summary></summary></details>`;
      card.querySelectorAll<HTMLButtonElement>('[data-export]').forEach((b) => b.addEventListener('click', () => void exportChart(card!, b.dataset.export as 'png' | 'svg', this.provenance())));
      const details = card.querySelector<HTMLDetailsElement>('details.chart-data')!;
      details.addEventListener('toggle', () => {
        if (details.open && this.context) this.writeTable(spec, details, this.context);
      });
      this.grid.append(card);
      this.observer?.observe(card);
    }
    return card;
  }

  /** Draws a chart from its derived series (or the error deriving them threw). */
  private paintCard(spec: ChartSpec, c: ChartContext, data: unknown): void {
    const card = this.card(spec);
    card.setAttribute('aria-label', t(spec.title));
    card.querySelector<HTMLElement>('[data-export="png"]')!.textContent = t('export.png');
    card.querySelector<HTMLElement>('[data-export="svg"]')!.textContent = t('export.svg');
    const host = card.querySelector<HTMLElement>('.chart-host')!;
    const details = card.querySelector<HTMLDetailsElement>('details.chart-data')!;
    details.querySelector('summary')!.textContent = t('table.data');
    try {
      if (data instanceof Error) throw data;
      this.lastData.set(spec.id, data);
      spec.draw(host, data, c);
      if (details.open) this.writeTable(spec, details, c);
    } catch (e) {
      this.lastData.delete(spec.id);
      host.innerHTML = `<p class="empty">${esc((e as Error).message)}</p>`;
    }
  }

  /** The table of the numbers the chart draws: the series derived for the drawing, not derived again. */
  private writeTable(spec: ChartSpec, details: HTMLDetailsElement, c: ChartContext): void {
    if (!this.lastData.has(spec.id)) return;
    writeDataTable(details, spec.table(this.lastData.get(spec.id), c), t(spec.title), c.d.A.length + c.d.B.length === 0 ? t('chart.noData') : t('chart.notApplicable'));
  }

  /** Every chart's table, opened or not: for the printed report and the presentation. */
  table(id: string): DataTable | null {
    const spec = CHARTS.find((s) => s.id === id);
    const c = this.context;
    return spec && c && this.lastData.has(id) ? spec.table(this.lastData.get(id), c) : null;
  }
}

/** How much taller than designed a chart `width` px wide is drawn: with the width, up to 1.4 times. */
function growFor(width: number): number {
  return Math.min(1.4, Math.max(1, width / DESIGN_WIDTH));
}

async function exportChart(card: HTMLElement, kind: 'png' | 'svg', footer: string): Promise<void> {
  const svg = card.querySelector<SVGSVGElement>('.chart-host svg');
  if (!svg) return;
  const name = `koordsim-${card.dataset.chart}.${kind}`;
  download(kind === 'png' ? await pngBlob(svg, 2, footer) : svgBlob(svg, footer), name);
}
