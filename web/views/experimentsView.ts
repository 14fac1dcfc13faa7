import * as Comlink from 'comlink';
import { mergeRows, sweepCsv } from '../../src/experiment/sweepCsv.js';
import type { SweepRow } from '../../src/experiment/sweepPlan.js';
import type { SweepInfo, SweepMessage } from '../../src/protocol.js';
import type { ScenarioIssue } from '../../src/scenario/validate.js';
import { EXPERIMENTS, builtInByPath } from '../app/catalogue.js';
import { addRun, loadHistory, removeRun, setPinned, type HistoryEntry } from '../app/experimentHistory.js';
import type { WorkerHost } from '../app/workerHost.js';
import { drawMorris } from '../charts/morrisChart.js';
import { drawSweep } from '../charts/sweepChart.js';
import { drawTornado } from '../charts/tornadoChart.js';
import { morrisPoints, sweepSeries, tornadoBars, type SweepData } from '../derive/experiment.js';
import { jsonBlob, withVersions } from '../export/exportData.js';
import { download } from '../export/exportFigure.js';
import { StatusLine } from '../app/statusLine.js';
import { asBilingual, pick } from '../i18n/dataLabels.js';
import { fmtDateTime, fmtNumber, getLang, hasKey, onLangChange, t, type StringKey } from '../i18n/i18n.js';
import { metricText } from '../i18n/metrics.js';
import { esc } from './headlineView.js';

/**
 * The Experiments view: pick an example or load an experiment file, run it on the replication
 * workers (each takes every n-th task, as `koordsim sweep --shard`), watch progress, read the
 * results (metric by parameter with 95 % bands; tornado or Morris plot for screening designs),
 * export the same CSV as the CLI, and keep a history of runs to repeat, pin or delete.
 */
export class ExperimentsView {
  private text = '';
  private file = '';
  private info: SweepInfo | null = null;
  private rows: SweepRow[] = [];
  private running = false;
  private runId = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private readonly status = new StatusLine(document.getElementById('exp-status')!);

  constructor(
    private readonly pool: readonly WorkerHost[],
    private readonly fallbackScenario: () => { text: string; file: string } | null,
    /** Stops a replication batch on the same workers: the pool runs one job at a time. */
    private readonly stopOtherJob: () => Promise<void>,
  ) {
    const $ = (id: string) => document.getElementById(id)!;
    const select = $('exp-select') as HTMLSelectElement;
    for (const e of EXPERIMENTS) select.add(new Option(pick(e.label), e.id));
    select.addEventListener('change', () => this.choose(EXPERIMENTS.find((e) => e.id === select.value)!));
    ($('exp-file') as HTMLInputElement).addEventListener('change', async (ev) => {
      const f = (ev.target as HTMLInputElement).files?.[0];
      if (!f) return;
      await this.cancel();
      this.text = await f.text();
      this.file = f.name;
      this.reset();
      this.about();
    });
    $('exp-run').addEventListener('click', () => void this.run());
    $('exp-cancel').addEventListener('click', () => void this.cancel());
    for (const id of ['exp-metric', 'exp-x', 'exp-group']) $(id).addEventListener('change', () => this.drawCharts());
    $('exp-csv').addEventListener('click', () => this.exportCsv());
    $('exp-json').addEventListener('click', () => this.exportJson());
    const first = EXPERIMENTS.find((e) => e.id.startsWith('tornado')) ?? EXPERIMENTS[0];
    if (first) {
      select.value = first.id;
      this.choose(first);
    }
    this.drawHistory();
    onLangChange(() => this.relabel());
  }

  get isRunning(): boolean {
    return this.running;
  }

  private choose(e: { text: string; file: string }): void {
    void this.cancel();
    this.text = e.text;
    this.file = e.file;
    this.reset();
    this.about();
  }

  private reset(): void {
    this.info = null;
    this.rows = [];
    document.getElementById('exp-controls')!.hidden = true;
    document.getElementById('exp-charts')!.replaceChildren();
    document.getElementById('exp-errors')!.replaceChildren();
  }

  /** The experiment's name, question and size (from its text, before it is run). */
  about(): void {
    const el = document.getElementById('exp-about')!;
    let j: { name?: string; description?: string; scenario?: string; replications?: number; design?: { kind?: string } } = {};
    try {
      j = JSON.parse(this.text);
    } catch {
      el.innerHTML = '';
      return;
    }
    const base = j.scenario ? builtInByPath(j.scenario) : undefined;
    const size = this.info ? `<p class="note">${esc(t('exp.design', { design: designName(this.info.design.kind), points: this.info.points.length, reps: this.info.replications, tasks: this.info.tasks }))} · ${esc(this.info.experimentHash)}</p>` : '';
    const name = asBilingual((j as { label?: unknown }).label)?.[getLang()] ?? j.name ?? this.file;
    // Descriptions are in the file's language only (English in the examples): marked as such.
    const description = j.description ? ` — <span lang="en">${esc(j.description)}</span>` : '';
    el.innerHTML = `<p><strong>${esc(name)}</strong>${description}</p><p class="note">${esc(base ? t('exp.base', { file: pick(base.label) }) : t('exp.baseMissing', { file: j.scenario ?? '?' }))}</p>${size}`;
  }

  private baseScenario(): { text: string; file: string } | null {
    try {
      const path = (JSON.parse(this.text) as { scenario?: string }).scenario;
      const b = path ? builtInByPath(path) : undefined;
      if (b) return { text: b.text, file: b.file };
    } catch {
      // the worker reports the syntax error
    }
    return this.fallbackScenario();
  }

  async run(): Promise<void> {
    await this.cancel();
    await this.stopOtherJob();
    const base = this.baseScenario();
    if (!base) return;
    const id = ++this.runId;
    this.reset();
    this.running = true;
    this.buttons();
    const progress = document.getElementById('exp-progress') as HTMLProgressElement;
    const t0 = performance.now();
    const doneBy = this.pool.map(() => 0);
    let finished = 0;
    let cancelled = false;
    // Tasks that arrive before any worker's plan (a slow worker 0) wait here, not on the floor.
    const early: Array<Extract<SweepMessage, { kind: 'task' }>> = [];
    const addTask = (m: Extract<SweepMessage, { kind: 'task' }>) => {
      this.info!.metrics.forEach((metric, k) => this.rows.push({ task: m.task, point: m.point, replication: m.replication, seed: m.seed, metric, value: m.values[k] }));
      this.scheduleCharts();
    };
    this.pool.forEach((w, i) => {
      const gen = w.generation;
      const onMessage = (m: SweepMessage) => {
        if (id !== this.runId || gen !== w.generation) return;
        switch (m.kind) {
          case 'planned':
            // Every worker plans the same experiment; the first plan to arrive is the one.
            if (this.info) break;
            this.info = m.info;
            progress.max = m.info.tasks;
            this.controls();
            this.about();
            early.splice(0).forEach(addTask);
            break;
          case 'task':
            if (!this.info) early.push(m);
            else addTask(m);
            break;
          case 'progress': {
            doneBy[i] = m.done;
            const done = doneBy.reduce((a, b) => a + b, 0);
            progress.value = done;
            const total = this.info?.tasks ?? NaN;
            this.status.set(() => t('exp.progress', { done, total }));
            break;
          }
          case 'done':
            cancelled ||= m.cancelled;
            if (++finished < this.pool.length) break;
            this.running = false;
            this.buttons();
            const seconds = (performance.now() - t0) / 1000;
            this.status.set(() => (cancelled ? t('progress.cancelled') : t('progress.doneIn', { seconds: fmtNumber(seconds, 1) })));
            if (!cancelled && this.info) this.remember();
            this.drawCharts();
            break;
          case 'error':
            if (i !== 0 && m.error.kind === 'invalid') break; // every worker reports the same problems; show them once
            void this.cancel();
            this.showErrors(m.error.issues ?? [], m.error.message);
            break;
        }
      };
      w.api
        .sweep(this.text, this.file, base.text, base.file, { index: i, of: this.pool.length }, Comlink.proxy(onMessage))
        .catch((e: unknown) => onMessage({ kind: 'error', error: { kind: 'runtime', message: String((e as Error)?.message ?? e) } }));
    });
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.runId++;
    await Promise.all(this.pool.map((w) => w.api.cancel()));
    this.running = false;
    this.buttons();
  }

  private buttons(): void {
    (document.getElementById('exp-run') as HTMLButtonElement).disabled = this.running;
    document.getElementById('exp-cancel')!.hidden = !this.running;
    document.getElementById('exp-progress')!.hidden = !this.running;
  }

  private showErrors(issues: ScenarioIssue[], message: string): void {
    this.running = false;
    this.buttons();
    const el = document.getElementById('exp-errors')!;
    el.innerHTML = `<p class="error-title">${esc(message)}</p><ul>${issues
      .map((i) => `<li>${esc(i.line !== undefined ? t('scenarioPanel.errorAtLine', { line: String(i.line), column: String(i.column ?? 1), path: i.path, expected: i.expected, found: i.found }) : t('scenarioPanel.errorAt', { path: i.path, expected: i.expected, found: i.found }))}</li>`)
      .join('')}</ul>`;
  }

  private controls(): void {
    const info = this.info!;
    const lang = getLang();
    const fill = (id: string, options: Array<[string, string]>) => {
      const sel = document.getElementById(id) as HTMLSelectElement;
      const keep = sel.value;
      sel.replaceChildren(...options.map(([v, label]) => new Option(label, v)));
      if (options.some(([v]) => v === keep)) sel.value = keep;
    };
    fill('exp-metric', info.metrics.map((m) => [m, metricText(m, lang).label]));
    const names = parameterNames(this.text, info.columns);
    fill('exp-x', names.map((c, i) => [String(i), c]));
    fill('exp-group', [['', t('exp.none')], ...names.map((c, i): [string, string] => [String(i), c])]);
    const group = document.getElementById('exp-group') as HTMLSelectElement;
    if (group.value === '' && info.columns.length > 1 && info.design.kind === 'grid') group.value = '1';
    document.getElementById('exp-controls')!.hidden = false;
  }

  /** Rewrites the option texts of the result controls in the current language, keeping the choices. */
  private relabel(): void {
    const lang = getLang();
    for (const o of (document.getElementById('exp-select') as HTMLSelectElement).options) {
      const e = EXPERIMENTS.find((x) => x.id === o.value);
      if (e) o.text = pick(e.label, lang);
    }
    const info = this.info;
    if (!info) return;
    const names = parameterNames(this.text, info.columns);
    for (const o of (document.getElementById('exp-metric') as HTMLSelectElement).options) o.text = metricText(o.value, lang).label;
    for (const id of ['exp-x', 'exp-group']) for (const o of (document.getElementById(id) as HTMLSelectElement).options) o.text = o.value === '' ? t('exp.none') : names[Number(o.value)];
  }

  private data(): SweepData | null {
    const info = this.info;
    if (!info) return null;
    return { name: info.name, experimentHash: info.experimentHash, design: info.design, columns: info.columns, metrics: info.metrics, replications: info.replications, rows: this.rows };
  }

  private scheduleCharts(): void {
    if (this.pending !== null) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.drawCharts();
    }, 300);
  }

  drawCharts(): void {
    const raw = this.data();
    const host = document.getElementById('exp-charts')!;
    if (!raw) return;
    // Charts name parameters in words (the file's labels); the CSV keeps the column names.
    const names = parameterNames(this.text, raw.columns);
    const data = { ...raw, columns: names, design: { ...raw.design, factors: raw.design.factors.map((f, i) => ({ ...f, name: names[i] })) } };
    const lang = getLang();
    const metric = (document.getElementById('exp-metric') as HTMLSelectElement).value || data.metrics[0];
    const x = Number((document.getElementById('exp-x') as HTMLSelectElement).value || 0);
    const g = (document.getElementById('exp-group') as HTMLSelectElement).value;
    const group = g === '' || Number(g) === x ? null : Number(g);
    const m = metricText(metric, lang);
    const label = `${m.label}${m.unit ? ` (${m.unit})` : ''}`;
    const format = (n: number) => fmtNumber(n, Math.abs(n) >= 100 || Number.isInteger(n) ? 0 : 2, lang);
    const card = (id: string) => {
      let c = host.querySelector<HTMLElement>(`[data-chart="${id}"]`);
      if (!c) {
        c = document.createElement('figure');
        c.className = 'chart-card';
        c.dataset.chart = id;
        host.append(c);
      }
      return c;
    };
    drawSweep(card('sweep'), sweepSeries(data, metric, x, group), {
      title: t('exp.vsParam', { metric: m.label }),
      noData: t('chart.noData'),
      format,
      labels: { x: data.columns[x], y: label, group: group === null ? '' : data.columns[group] },
    });
    const bars = data.design.kind === 'oat' ? tornadoBars(data, metric) : null;
    if (data.design.kind === 'oat') {
      drawTornado(card('tornado'), bars, { title: t('exp.tornado', { metric: m.label }), noData: t('chart.noData'), format, labels: { x: label, y: t('exp.parameter'), low: t('exp.low'), high: t('exp.high'), base: t('exp.baseValue'), swing: t('exp.swing') } });
    }
    if (data.design.kind === 'morris') {
      drawMorris(card('morris'), morrisPoints(data, metric), { title: t('exp.morris', { metric: m.label }), noData: t('chart.noData'), format, labels: { x: t('exp.muStar'), y: t('exp.sigma') } });
    }
  }

  private csvSource() {
    const info = this.info!;
    return { experiment: { name: info.name, replications: info.replications }, experimentHash: info.experimentHash, columns: info.columns, points: info.points, metrics: info.metrics, tasks: info.tasks };
  }

  private exportCsv(): void {
    if (!this.info) return;
    const src = this.csvSource();
    // In task order, metrics in order: the same file as `koordsim sweep --out` for this experiment.
    // A complete sweep goes through the same merge as `koordsim merge` (checked, in task order);
    // a running or cancelled one exports what it has, in the same order.
    const complete = this.rows.length === src.tasks * src.metrics.length;
    const rows = complete ? mergeRows(src, [this.rows]) : [...this.rows].sort((a, b) => a.task - b.task || src.metrics.indexOf(a.metric) - src.metrics.indexOf(b.metric));
    download(new Blob([sweepCsv(src, rows)], { type: 'text/csv' }), `${this.file.split('/').pop()!.replace(/\.json$/, '')}-results.csv`);
  }

  private exportJson(): void {
    if (!this.info) return;
    download(jsonBlob(withVersions({ experiment: this.info, rows: this.rows })), `${this.file.split('/').pop()!.replace(/\.json$/, '')}-results.json`);
  }

  private remember(): void {
    const info = this.info!;
    addRun({ name: info.name, file: this.file, text: this.text, experimentHash: info.experimentHash, seed: info.seed, replications: info.replications, design: info.design.kind, parameters: info.columns, tasks: info.tasks, ranAt: new Date().toISOString() });
    this.drawHistory();
  }

  drawHistory(): void {
    const ul = document.getElementById('exp-history')!;
    const list = loadHistory();
    if (list.length === 0) {
      ul.innerHTML = `<li class="empty">${esc(t('exp.historyEmpty'))}</li>`;
      return;
    }
    ul.replaceChildren(
      ...list.map((e: HistoryEntry) => {
        const li = document.createElement('li');
        li.dataset.id = e.id;
        let label: string | null = null;
        try {
          label = asBilingual((JSON.parse(e.text) as { label?: unknown }).label)?.[getLang()] ?? null;
        } catch {
          // an entry whose text no longer parses keeps its recorded name
        }
        li.innerHTML = `${e.pinned ? '📌 ' : ''}<strong>${esc(label ?? e.name)}</strong> <span class="note">${esc(t('exp.historyLine', { design: designName(e.design), parameters: parameterNames(e.text, e.parameters).join(', '), seed: String(e.seed), reps: e.replications, runs: e.tasks }))} · ${esc(e.experimentHash)} · ${esc(fmtDateTime(new Date(e.ranAt)))}</span> `;
        const button = (key: StringKey, run: () => void) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'secondary';
          b.textContent = t(key);
          b.addEventListener('click', run);
          li.append(b, ' ');
        };
        button('exp.rerun', () => {
          this.text = e.text;
          this.file = e.file;
          this.reset();
          this.about();
          void this.run();
        });
        button(e.pinned ? 'exp.unpin' : 'exp.pin', () => {
          setPinned(e.id, !e.pinned);
          this.drawHistory();
        });
        button('exp.delete', () => {
          removeRun(e.id);
          this.drawHistory();
        });
        return li;
      }),
    );
  }
}

/** A design kind in words ('oat' -> 'One at a time'). */
function designName(kind: string): string {
  const key = `exp.designKind.${kind}`;
  return hasKey(key) ? t(key) : kind;
}

/**
 * The parameters' names in the current language, in `columns` order: each parameter's
 * `label: {nb, en}` from the experiment text, else its column name.
 */
function parameterNames(text: string, columns: readonly string[]): string[] {
  let params: Array<{ name?: unknown; path?: unknown; label?: unknown }> = [];
  try {
    const j = JSON.parse(text) as { parameters?: unknown };
    if (Array.isArray(j.parameters)) params = j.parameters as typeof params;
  } catch {
    return [...columns];
  }
  const byColumn = new Map<string, string>();
  for (const p of params) {
    const column = typeof p.name === 'string' ? p.name : typeof p.path === 'string' ? p.path.split(/[.[\]]/).filter(Boolean).pop() : undefined;
    const label = asBilingual(p.label)?.[getLang()];
    if (column !== undefined && label !== undefined) byColumn.set(column, label);
  }
  return columns.map((c) => byColumn.get(c) ?? c);
}
