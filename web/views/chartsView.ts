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

type Digests = Record<Slot, RunDigest[]>;

interface ChartContext {
  lang: Lang;
  d: Digests;
  infos: Map<Slot, ScenarioInfo>;
  base: { noData: string; format: (n: number) => string; width: number; height: number };
  sides: { A: string; B: string };
  warmupDays: number | undefined;
  warmup: string;
  /** What an empty chart says: "press Run" before any result, "not in this scenario" after. */
  notApplicable: string;
  notMunicipality: string;
}

interface ChartSpec {
  id: string;
  title: StringKey;
  draw(el: HTMLElement, c: ChartContext): void;
}

const side = <T>(d: Digests, f: (x: RunDigest[]) => T): { A: T | null; B: T | null } => ({
  A: d.A.length ? f(d.A) : null,
  B: d.B.length ? f(d.B) : null,
});

/** As `side`, for charts of the municipality model only (a textbook queue has no services or chairs). */
const muniSide = <T>(d: Digests, f: (x: RunDigest[]) => T) =>
  side({ A: d.A.filter((x) => x.model === 'municipality'), B: d.B.filter((x) => x.model === 'municipality') }, f);

/** Waits and user-days cannot be negative: a t-interval from few replications can reach below 0, the band stops at 0. */
const nonNegative = <E extends { ci95: [number, number] }>(xs: E[]): E[] => xs.map((e) => (e.ci95[0] < 0 ? { ...e, ci95: [0, e.ci95[1]] as [number, number] } : e));

/**
 * The replication charts, each a card with its title and PNG/SVG export. The view derives each
 * chart's series from the digests (web/derive) and hands them, with translated labels, to the
 * chart module (web/charts); it holds no data of its own.
 */
export const CHARTS: ChartSpec[] = [
  {
    id: 'caseload',
    title: 'chart.caseload.title',
    draw: (el, c) =>
      drawCaseload(
        el,
        side(c.d, (x) => {
          const bands = caseloadBands(x);
          return bands ? { bands, lines: caseloadLines(x[0]) } : null;
        }) as never,
        {
          ...c.base,
          title: t('chart.caseload.title'),
          labels: { x: t('axis.timeDays'), y: t('axis.cases'), A: c.sides.A, B: c.sides.B, median: t('chart.median'), band: t('chart.band'), max: t('chart.max'), collapse: t('chart.collapse'), warmup: c.warmup },
          noData: c.notApplicable,
          collapse: c.infos.get('A')?.caseloadCollapse ?? c.infos.get('B')?.caseloadCollapse ?? undefined,
          warmupDays: c.warmupDays,
        },
      ),
  },
  {
    id: 'waitEcdf',
    title: 'chart.waitEcdf.title',
    draw: (el, c) =>
      drawWaitEcdf(el, side(c.d, (x) => waitEcdf(x)), {
        ...c.base,
        title: t('chart.waitEcdf.title'),
        labels: { x: t('axis.waitDays'), y: t('axis.cumulativeShare'), A: c.sides.A, B: c.sides.B },
        formatShare: (s) => `${fmtNumber(100 * s, 0)} %`,
      }),
  },
  {
    id: 'waitOverTime',
    title: 'chart.waitOverTime.title',
    draw: (el, c) =>
      drawWaitOverTime(el, side(c.d, (x) => nonNegative(waitOverTime(x))), {
        ...c.base,
        title: t('chart.waitOverTime.title'),
        labels: { x: t('axis.timeDays'), y: t('axis.waitDays'), A: c.sides.A, B: c.sides.B, warmup: c.warmup },
        warmupDays: c.warmupDays,
      }),
  },
  {
    id: 'betweenChairs',
    title: 'chart.betweenChairsByCause.title',
    draw: (el, c) =>
      drawBetweenChairs(el, muniSide(c.d, (x) => betweenChairsStack(x)), {
        ...c.base,
        noData: c.notMunicipality,
        height: 300,
        title: t('chart.betweenChairsByCause.title'),
        labels: { x: t('axis.timeDays'), y: t('chart.eventsPerReplication'), A: c.sides.A, B: c.sides.B, causes: CAUSES.map((k) => t(`cause.${k}` as StringKey)), warmup: c.warmup },
        warmupDays: c.warmupDays,
      }),
  },
  {
    id: 'userDays',
    title: 'chart.betweenChairsDays.title',
    draw: (el, c) =>
      drawUserDays(el, muniSide(c.d, (x) => nonNegative(betweenChairsUserDays(x))), {
        ...c.base,
        noData: c.notMunicipality,
        title: t('chart.betweenChairsDays.title'),
        labels: { x: t('axis.timeDays'), y: t('axis.userDays'), A: c.sides.A, B: c.sides.B, warmup: c.warmup },
        warmupDays: c.warmupDays,
      }),
  },
  {
    id: 'staffTime',
    title: 'chart.staffTime.title',
    draw: (el, c) =>
      drawStaffTime(el, muniSide(c.d, (x) => staffTimeByActivity(x)), {
        ...c.base,
        noData: c.notMunicipality,
        title: t('chart.staffTime.title'),
        labels: { x: t('axis.hoursPerYear'), y: t('axis.activity'), A: c.sides.A, B: c.sides.B, activities: ACTIVITIES.map((a) => t(`activity.${a}` as StringKey)) },
      }),
  },
  {
    id: 'coordinatorTime',
    title: 'chart.coordinatorTime.title',
    draw: (el, c) =>
      drawCoordinatorTime(el, side(c.d, (x) => coordinatorTime(x)), {
        ...c.base,
        title: t('chart.coordinatorTime.title'),
        noData: c.notApplicable,
        labels: { x: t('axis.hoursPerYear'), y: t('axis.activity'), A: c.sides.A, B: c.sides.B, worked: t('chart.worked'), asked: t('chart.asked'), activities: COORD_ACTIVITIES.map((a) => t(`coordActivity.${a}` as StringKey)) },
      }),
  },
  {
    id: 'coping',
    title: 'chart.coping.title',
    draw: (el, c) =>
      drawCoping(el, side(c.d, (x) => copingUse(x)), {
        ...c.base,
        height: 340,
        title: t('chart.coping.title'),
        noData: c.notApplicable,
        labels: { x: t('axis.usesPerYear'), y: t('axis.policy'), A: c.sides.A, B: c.sides.B, policies: COPING_POLICIES.map((p) => t(`coping.${p}` as StringKey)) },
      }),
  },
  {
    id: 'handoffs',
    title: 'chart.handoffs.title',
    draw: (el, c) => {
      const services: Record<string, string> = {};
      // A service both scenarios have is named as scenario A names it (A is listed first).
      for (const i of c.infos.values()) for (const id of i.serviceIds) services[id] ??= serviceName(i, id);
      drawHandoffs(el, muniSide(c.d, (x) => handoffMatrix(x)), {
        ...c.base,
        noData: c.notMunicipality,
        height: 380,
        title: t('chart.handoffs.title'),
        labels: { from: t('axis.fromService'), to: t('axis.toService'), A: c.sides.A, B: c.sides.B, entry: t('chart.entry'), perYear: t('chart.perYear'), lostShare: t('chart.lostShare'), services },
        formatShare: (s) => `${fmtNumber(100 * s, 1)} %`,
      });
    },
  },
];

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
    this.context = {
      lang,
      d,
      infos,
      base: { noData: d.A.length + d.B.length === 0 ? `${t('chart.noData')} — ${t('controls.run')} ▶` : t('chart.noData'), format: (n) => fmtNumber(n, Math.abs(n) >= 10 || Number.isInteger(n) ? 0 : 2, lang), width: 560, height: 260 },
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
    let spec = this.queue.shift();
    while (spec && this.streaming && this.observer && this.grid.querySelector(`[data-chart="${spec.id}"]`) && !this.near.has(spec.id)) {
      this.stale.add(spec);
      spec = this.queue.shift();
    }
    if (!spec) return;
    this.stale.delete(spec);
    this.drawCard(spec, c);
    if (this.queue.length === 0) {
      // Every chart shows these replications (none left waiting off screen).
      if (this.stale.size === 0) {
        this.grid.dataset.rendered = String(c.d.A.length + c.d.B.length);
        this.grid.dataset.drawnLang = c.lang; // and in this language
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

  private drawCard(spec: ChartSpec, c: ChartContext): void {
    let card = this.grid.querySelector<HTMLElement>(`[data-chart="${spec.id}"]`);
    if (!card) {
      card = document.createElement('figure');
      card.className = 'chart-card';
      card.dataset.chart = spec.id;
      card.innerHTML = `<header><span class="actions"><button type="button" data-export="png"></button> <button type="button" data-export="svg"></button></span></header><div class="chart-host"></div>`;
      card.querySelectorAll<HTMLButtonElement>('[data-export]').forEach((b) => b.addEventListener('click', () => void exportChart(card!, b.dataset.export as 'png' | 'svg', this.provenance())));
      this.grid.append(card);
      this.observer?.observe(card);
    }
    card.setAttribute('aria-label', t(spec.title));
    card.querySelector<HTMLElement>('[data-export="png"]')!.textContent = t('export.png');
    card.querySelector<HTMLElement>('[data-export="svg"]')!.textContent = t('export.svg');
    const host = card.querySelector<HTMLElement>('.chart-host')!;
    try {
      spec.draw(host, c);
    } catch (e) {
      host.innerHTML = `<p class="empty">${esc((e as Error).message)}</p>`;
    }
  }
}

async function exportChart(card: HTMLElement, kind: 'png' | 'svg', footer: string): Promise<void> {
  const svg = card.querySelector<SVGSVGElement>('.chart-host svg');
  if (!svg) return;
  const name = `koordsim-${card.dataset.chart}.${kind}`;
  download(kind === 'png' ? await pngBlob(svg, 2, footer) : svgBlob(svg, footer), name);
}
