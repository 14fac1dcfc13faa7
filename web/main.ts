// The dashboard's composition root: state, the two engine workers (live view and replications),
// and the views. The main thread never runs the simulation; it derives series from what the
// workers send and renders them.
import * as Comlink from 'comlink';
import type { RunDigest } from '../src/experiment/digest.js';
import type { BatchMessage, ScenarioInfo, Slot } from '../src/protocol.js';
import type { ScenarioIssue } from '../src/scenario/validate.js';
import { MODEL_VERSION, VERSION } from '../src/version.js';
import { BUILT_INS, DEFAULT_A, DEFAULT_B, builtIn } from './app/catalogue.js';
import { groupScenarios } from './app/scenarioGroups.js';
import { decodeHash, loadDrafts, loadViewState, saveViewState, type ViewState } from './app/persist.js';
import { DraftSync } from './app/draftSync.js';
import { getMarker, putMarker, resultsKey } from '../src/resultsStore.js';
import { RUN_LIMITS } from '../src/experiment/runSize.js';
import { RunGuard, fmtBytes } from './app/runGuard.js';
import { decodeScenarioFile, encodeScenarioFile, exportName } from './app/scenarioFile.js';
import { applyPatch } from './app/linkPatch.js';
import { LINK_LIMIT, linkHash } from './app/shareLink.js';
import { StatusLine } from './app/statusLine.js';
import { toast } from './app/toast.js';
import { WorkerHost, type RestartReason } from './app/workerHost.js';
import { prepareDigests } from './derive/prepare.js';
import { tidyRows } from './derive/tidy.js';
import { csvBlob, jsonBlob, withVersions } from './export/exportData.js';
import { download } from './export/exportFigure.js';
import { pick, scenarioName } from './i18n/dataLabels.js';
import { fmtDateTime, fmtNumber, getLang, isLang, onLangChange, plural, setLang, t, type StringKey } from './i18n/i18n.js';
import { AboutView } from './views/aboutView.js';
import { ChartsView } from './views/chartsView.js';
import { ExperimentsView } from './views/experimentsView.js';
import { drawHeadline, esc } from './views/headlineView.js';
import { LiveView } from './views/liveView.js';
import { ScenarioPanel } from './views/scenarioPanel.js';
import { hideStory, showStory } from './views/storyView.js';
import { Guide } from './views/guideView.js';
import { Presentation } from './views/presentationView.js';
import { writeReport } from './views/reportView.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
/** Tests shorten the watchdog (?watchdog=1500); people never need to. */
const WATCHDOG_MS = Math.max(500, Number(params.get('watchdog')) || 5000);

// ------------------------------------------------------------------------------------------------
// State

interface SlotText {
  id: string;
  file: string;
  text: string;
}

const view: ViewState = { a: DEFAULT_A, b: DEFAULT_B, seed: 1, reps: 10, view: 'compare' };
const texts = new Map<Slot, SlotText>();
/** The text each slot last loaded successfully: what the results were computed from. */
const loadedTexts = new Map<Slot, string>();
const infos = new Map<Slot, ScenarioInfo>();
/** The problems of each slot's text while it does not validate: Run is off, nothing runs in its place. */
const problems = new Map<Slot, ScenarioIssue[]>();
/** The last scenario each slot ran, for the way back from a file that does not validate. */
const lastGood = new Map<Slot, SlotText>();
const digests: Record<Slot, RunDigest[]> = { A: [], B: [] };
/** Results before the run now in progress: shown again if that run is lost to a worker fault. */
let previous: { digests: Record<Slot, RunDigest[]>; meta: typeof batchMeta } | null = null;
const guard = new RunGuard($<HTMLButtonElement>('run'), $('run-note'), $<HTMLButtonElement>('run-anyway'));
const drafts = new DraftSync(onDraftConflict, (id) => [...texts.values()].find((x) => x.id === id)?.text);
let batchRunning = false;
const status = new StatusLine($('status'));
let batchMeta: { seed: number; reps: number; hashes: Partial<Record<Slot, string>> } | null = null;
let liveNow = 0;

const liveView = new LiveView({
  play: () => void live.api.play(),
  pause: () => void live.api.pause(),
  step: (s) => void live.api.step(s),
  setSpeed: (v) => void live.api.setSpeed(v),
  reset: () => void resetLive(),
  pick: (slot, user) => void pickUser(slot, user),
});
const charts = new ChartsView($('chart-grid'));
// Every exported figure says what made it: software and model version, seed, replications, scenarios' hashes and the date.
charts.provenance = () => {
  const seed = batchMeta?.seed ?? view.seed;
  const reps = batchMeta?.reps ?? view.reps;
  const hashes = Object.entries(batchMeta?.hashes ?? {}).map(([slot, h]) => `${slot} ${String(h).slice(0, 12)}`).join(', ');
  const date = new Intl.DateTimeFormat(getLang() === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium' }).format(new Date());
  return `koordsim ${VERSION} · model ${MODEL_VERSION} · ${t('controls.seed')} ${seed} · ${t('controls.replications')} ${reps}${hashes ? ` · ${hashes}` : ''} · ${date}`;
};

function onRestart(reason: RestartReason, host: WorkerHost): void {
  const key: StringKey = reason === 'memory' ? 'error.workerOutOfMemory' : reason === 'crashed' ? 'error.workerCrashed' : 'error.workerNotResponding';
  if (batchWorkers.has(host)) {
    // The pool serves replications and experiments: whichever was running lost its runs.
    if (experiments.isRunning) {
      void experiments.cancel();
      toast(t(key), 'error', { label: t('error.tryAgain'), run: () => void experiments.run() });
      return;
    }
    const wasRunning = batchRunning;
    void cancelBatch();
    batchRunning = false;
    updateRunButtons();
    if (wasRunning) restorePrevious();
    status.set(() => t(key));
    toast(t(key), 'error', { label: t('error.tryAgain'), run: () => void runBatch() });
  } else {
    toast(t(key), 'error', { label: t('error.tryAgain'), run: () => void resetLive() });
    void host.ready().then(resetLive);
  }
}

/** The results from before a run that a worker fault cut short, back on screen. */
function restorePrevious(): void {
  if (!previous) return;
  digests.A.splice(0, digests.A.length, ...previous.digests.A);
  digests.B.splice(0, digests.B.length, ...previous.digests.B);
  batchMeta = previous.meta;
  previous = null;
  renderResults();
}

const live = new WorkerHost('live', onRestart, WATCHDOG_MS);
/**
 * Replications run on a pool of workers (one per spare core, at most 4, or ?workers=N), each taking every n-th
 * run of the interleaved order A0, B0, A1, B1, ...: the first pair arrives in the time of one run.
 */
const POOL_SIZE = (() => {
  const asked = Number(params.get('workers')); // ?workers=N overrides the size taken from the hardware
  return Number.isInteger(asked) && asked >= 1 && asked <= 16 ? asked : Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
})();
const pool = Array.from({ length: POOL_SIZE }, (_, i) => new WorkerHost(`batch-${i}`, onRestart, WATCHDOG_MS));
const batchWorkers = new Set(pool);
// For the browser tests: the workers, to provoke a crash or a hang.
(window as unknown as { koordsim: unknown }).koordsim = { live, batch: pool[0], pool, digests, infos, batches: () => batchesStarted };

// The dashboard in the room (issue 21): the first visit's guide, presentation mode and the printed report.
const guide = new Guide($('guide'));
const presentation = new Presentation(() => ({
  digests,
  running: batchRunning,
  charts: () => [...document.querySelectorAll<HTMLElement>('#chart-grid [data-chart]')].flatMap((card) => {
    const svg = card.querySelector<SVGSVGElement>('.chart-host svg');
    return svg ? [{ id: card.dataset.chart!, title: card.getAttribute('aria-label') ?? '', svg }] : [];
  }),
}));
/** Writes the report from what the page holds now; synchronous, so the browser's own print (Ctrl+P, 'beforeprint') prints it. */
function writePrintReport(): void {
  writeReport($('report'), {
    infos, digests, running: batchRunning, seed: batchMeta?.seed ?? view.seed, reps: batchMeta?.reps ?? view.reps, version: VERSION, model: MODEL_VERSION,
    url: `${location.href}&run=1`, // the link runs the comparison again when opened
    chart: (id) => document.querySelector<SVGSVGElement>(`#chart-grid [data-chart="${id}"] .chart-host svg`),
  });
}

const experiments = new ExperimentsView(pool, () => texts.get('A') ?? null, () => (batchRunning ? cancelBatch().then(() => {
  batchRunning = false;
  updateRunButtons();
  status.set(() => t('progress.cancelled'));
}) : Promise.resolve()));

// An exercise's link opens its scenarios, view and language, as a new entry in the browser's history.
const about = new AboutView($('about-body'), (hash) => {
  history.pushState(null, '', hash);
  void onPopState();
});

const panel = new ScenarioPanel({
  current: (slot) => {
    const s = texts.get(slot);
    if (!s) return null;
    const b = builtIn(s.id);
    return { ...s, builtIn: !!b, edited: !!b && b.text !== s.text };
  },
  resolved: (slot) => infos.get(slot)?.resolved ?? null,
  setText: (slot, text, file) => setSlotText(slot, text, file, true),
  revert: (slot) => revert(slot),
  problems: (slot) => problems.get(slot) ?? [],
  openFile: (slot, bytes, file) => {
    const f = decodeScenarioFile(bytes);
    if (!f.ok) {
      toast(t('import.notUtf8', { file }), 'error');
      return Promise.resolve([{ file, path: '$', pathSegments: [], expected: 'UTF-8', found: t('import.notUtf8', { file }) }]);
    }
    if (f.removedBom) toast(t('import.bom', { file }), 'info');
    return openFile(slot, f.text, file);
  },
});

/** A built-in goes back to its text; a file to the last scenario of the slot that validated (or the default). */
async function revert(slot: Slot): Promise<void> {
  const s = texts.get(slot);
  if (!s) return;
  const b = builtIn(s.id);
  if (b) {
    drafts.drop(s.id);
    await setSlotText(slot, b.text, b.file, false);
    return;
  }
  const back = lastGood.get(slot);
  const id = back && back.id !== s.id ? back.id : slot === 'A' ? DEFAULT_A : DEFAULT_B;
  if (slot === 'A') view.a = id;
  else view.b = id;
  syncSelects();
  await loadSlot(slot, id, back && back.id === id ? back.text : undefined);
}

/** Another tab changed a draft this tab shows: say so, and let the user choose which version stays. */
function onDraftConflict(id: string, theirs: { text: string; file: string } | undefined): void {
  const slot = ([...texts].find(([, x]) => x.id === id) ?? [])[0];
  if (!slot) return;
  const name = $<HTMLSelectElement>(slot === 'A' ? 'scenario-a' : 'scenario-b').selectedOptions[0]?.textContent?.replace(/ \*$/, '') ?? id;
  toast(t('tabs.changed', { name }), 'error', [
    {
      label: t('tabs.loadTheirs'),
      run: () => {
        const d = drafts.takeTheirs(id);
        const b = builtIn(id);
        const text = d?.text ?? b?.text;
        if (text !== undefined) void setSlotText(slot, text, d?.file ?? b?.file ?? id, false).then(() => panel.refresh());
      },
    },
    {
      label: t('tabs.keepMine'),
      run: () => {
        const mine = texts.get(slot);
        if (mine) drafts.keepMine(id, mine.text, mine.file);
      },
    },
  ]);
}

// ------------------------------------------------------------------------------------------------
// Scenarios

/** A file the user picked or dropped becomes a scenario of its own (kept with the drafts). */
async function openFile(slot: Slot, text: string, file: string): Promise<ScenarioIssue[]> {
  const id = `file:${file}`;
  drafts.save(id, text, file);
  fillSelects();
  if (slot === 'A') view.a = id;
  else view.b = id;
  texts.set(slot, { id, file, text });
  syncSelects();
  return setSlotText(slot, text, file, true);
}

function textFor(id: string): SlotText | null {
  const d = loadDrafts()[id];
  if (d) return { id, file: d.file, text: d.text };
  const b = builtIn(id);
  return b ? { id, file: b.file, text: b.text } : null;
}

/**
 * Validates and loads a slot's text into both workers. A bad text is kept (autosaved, shown with
 * its errors) but not run: the slot keeps the last good scenario.
 */
async function setSlotText(slot: Slot, text: string, file: string, autosave: boolean): Promise<ScenarioIssue[]> {
  const cur = texts.get(slot);
  const id = cur?.id ?? file;
  texts.set(slot, { id, file, text });
  if (autosave) {
    const b = builtIn(id);
    if (b && b.text === text) drafts.drop(id);
    else drafts.save(id, text, file);
  }
  let r;
  try {
    JSON.parse(text);
  } catch (e) {
    const issue: ScenarioIssue = { file, path: '$', pathSegments: [], expected: 'JSON', found: (e as Error).message };
    return invalid(slot, [issue]);
  }
  r = await live.load(slot, text, file);
  if (!r.ok) return invalid(slot, r.error.issues ?? [{ file, path: '$', pathSegments: [], expected: 'a valid scenario', found: r.error.message }]);
  await Promise.all(pool.map((w) => w.load(slot, text, file)));
  infos.set(slot, r.info);
  loadedTexts.set(slot, text);
  lastGood.set(slot, { id, file, text });
  problems.delete(slot);
  guard.update({ problems: problemCounts() });
  onScenariosChanged();
  return [];
}

function problemCounts(): Partial<Record<Slot, number>> {
  return Object.fromEntries([...problems].map(([s, p]) => [s, p.length]));
}

/**
 * A text that does not validate stays what the slot shows: Run is off with the reason beside it,
 * the live view stops, and nothing else runs in its place (the last good scenario stays loaded
 * in the workers only so the live view can be looked at; it is not run again).
 */
function invalid(slot: Slot, issues: ScenarioIssue[]): ScenarioIssue[] {
  problems.set(slot, issues);
  guard.update({ problems: problemCounts() });
  if (batchRunning) {
    void cancelBatch();
    batchRunning = false;
    updateRunButtons();
    status.set(() => t('progress.cancelled'));
  }
  void live.api.pause();
  fillSelects();
  syncSelects();
  void syncUrl();
  return issues;
}

async function loadSlot(slot: Slot, id: string | null, override?: string): Promise<void> {
  if (id === null) {
    texts.delete(slot);
    infos.delete(slot);
    problems.delete(slot);
    guard.update({ problems: problemCounts() });
    await live.unload(slot);
    await Promise.all(pool.map((w) => w.unload(slot)));
    onScenariosChanged();
    return;
  }
  const base = textFor(id) ?? textFor(slot === 'A' ? DEFAULT_A : DEFAULT_B)!;
  const text = override ?? base.text;
  texts.set(slot, { ...base, text });
  const issues = await setSlotText(slot, text, base.file, override !== undefined);
  if (issues.length > 0) {
    // A saved draft (or a link's text) that does not validate is what this slot shows: it is not
    // replaced by another scenario. The slot holds nothing runnable, and the drawer opens on it
    // with its problems, the way back and the reason Run is off.
    infos.delete(slot);
    await live.unload(slot);
    await Promise.all(pool.map((w) => w.unload(slot)));
    onScenariosChanged();
    panel.open(slot);
  }
}

function onScenariosChanged(): void {
  if (batchRunning) {
    // Results of the old scenarios would land among the new ones: stop the batch.
    void cancelBatch();
    batchRunning = false;
    updateRunButtons();
    status.set(() => t('progress.cancelled'));
  }
  $('export-scenario-b').hidden = !texts.has('B');
  fillSelects(); // an edited built-in is marked with *
  syncSelects();
  digests.A.length = 0;
  digests.B.length = 0;
  batchMeta = null;
  delete $('headline').dataset.fromCache;
  guard.update({ sizes: Object.fromEntries([...infos].map(([s, i]) => [s, i.size])) });
  liveView.setScenarios(infos);
  void restoreFromCache();
  renderResults();
  renderTeaching();
  scheduleReset();
  void syncUrl();
  panel.refresh();
}

let cacheLookup = 0;
/** Results of the same scenarios, seed, replications and model kept from an earlier run: shown, not rerun. */
async function restoreFromCache(): Promise<void> {
  const n = ++cacheLookup;
  if (batchRunning || infos.size === 0 || problems.size > 0) return;
  const hashes = Object.fromEntries([...infos].map(([s, i]) => [s, i.hash]));
  const key = resultsKey({ model: MODEL_VERSION, seed: view.seed, reps: view.reps, hashes });
  const hit = await getMarker(key);
  if (!hit || n !== cacheLookup || batchRunning) return;
  // A worker reads the digests and hands them over: read here, they would be copied on this thread.
  const kept = await pool[0].api.cachedDigests(hit).catch(() => null);
  if (!kept || n !== cacheLookup || batchRunning || digests.A.length + digests.B.length > 0) return;
  digests.A.push(...kept.A);
  digests.B.push(...kept.B);
  batchMeta = { seed: view.seed, reps: view.reps, hashes };
  const saved = new Date(hit.savedAt);
  status.set(() => t('cache.restored', { date: fmtDateTime(saved) }));
  $('headline').dataset.fromCache = 'true';
  renderResults();
}

let resetTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleReset(): void {
  if (resetTimer !== null) clearTimeout(resetTimer);
  resetTimer = setTimeout(() => void resetLive(), 50);
}

async function resetLive(): Promise<void> {
  const r = await live.api.reset(view.seed);
  if (!r.ok && r.error.kind === 'tooLarge') {
    const memory = Math.max(0, ...[...infos.values()].map((i) => i.size.memoryBytesPerReplication));
    toast(t('live.tooLarge', { memory: fmtBytes(memory), limit: fmtBytes(RUN_LIMITS.memoryBytesPerReplication) }), 'info');
    return;
  }
  if (!r.ok && infos.size > 0 && [...infos.values()].some((i) => i.model === 'municipality')) toast(r.error.message, 'error');
}

// ------------------------------------------------------------------------------------------------
// Replications

let batchId = 0;

async function cancelBatch(): Promise<void> {
  batchId++;
  await Promise.all(pool.map((w) => w.api.cancel()));
}

let batchesStarted = 0;

async function runBatch(): Promise<void> {
  if (infos.size === 0 || !guard.verdict.ok || batchRunning) return;
  batchesStarted++;
  const allowLarge = guard.allowLarge;
  // Not awaited: a worker busy with a replication answers only when it ends, and Run must act now.
  // Messages of the old batch are ignored by id; the worker drops its old batch when the new one starts.
  void experiments.cancel(); // the pool runs one job at a time
  void cancelBatch();
  const id = batchId;
  previous = digests.A.length + digests.B.length > 0 ? { digests: { A: digests.A.slice(), B: digests.B.slice() }, meta: batchMeta } : previous;
  digests.A.length = 0;
  digests.B.length = 0;
  batchRunning = true;
  delete $('headline').dataset.fromCache;
  batchMeta = { seed: view.seed, reps: view.reps, hashes: Object.fromEntries([...infos].map(([s, i]) => [s, i.hash])) };
  const key = resultsKey({ model: MODEL_VERSION, seed: view.seed, reps: view.reps, hashes: batchMeta.hashes });
  updateRunButtons();
  renderResults();
  const total = view.reps * infos.size;
  const progress = $<HTMLProgressElement>('progress');
  progress.max = total;
  progress.value = 0;
  const t0 = performance.now();
  const doneBy = pool.map(() => 0);
  let finished = 0;
  let cancelled = false;
  let livePlaying = false;
  status.set(() => t('progress.replications', { done: 0, total }));
  // A worker being replaced gets its scenarios back before it is asked to run them.
  await Promise.all(pool.map((w) => w.ready()));
  if (id !== batchId) return;
  pool.forEach((w, i) => {
    const gen = w.generation;
    const onMessage = (m: BatchMessage) => {
      if (gen !== w.generation || id !== batchId) return;
      switch (m.kind) {
        case 'replication':
          digests[m.slot].push(m.digest);
          {
            // A task of its own, before any chart needs it (web/derive/prepare.ts).
            const list = digests[m.slot];
            setTimeout(() => prepareDigests(list), 0);
          }
          if (!livePlaying && !SMALL_MACHINE && !prefersReducedMotion()) {
            // The live view starts once the first replication is in: the animation would otherwise
            // slow the run that gives the first chart.
            livePlaying = true;
            void resetLive().then(() => live.api.play());
          }
          // A first chart as soon as there is a replication, then a redraw per completed pair (A
          // and B of one seed) rather than per replication: a redraw of the charts costs the main
          // thread about 100 ms of CPU spread over nine frames (npm run bench:browser -- --trace),
          // and the comparison only moves when both sides have the new seed.
          // On a small machine the charts wait until all replications are in (see SMALL_MACHINE).
          if (!SMALL_MACHINE && (digests.A.length + digests.B.length === 1 || infos.size < 2 || digests.A.length === digests.B.length)) scheduleResults();
          break;
        case 'progress': {
          doneBy[i] = m.done;
          const done = doneBy.reduce((a, b) => a + b, 0);
          progress.value = done;
          status.set(() => t('progress.replications', { done, total }));
          break;
        }
        case 'done':
          cancelled ||= m.cancelled;
          if (++finished < pool.length) break;
          batchRunning = false;
          updateRunButtons();
          {
            const seconds = (performance.now() - t0) / 1000;
            status.set(() => (cancelled ? t('progress.cancelled') : t('progress.doneIn', { seconds: fmtNumber(seconds, 1) })));
          }
          // The headline and the charts in tasks of their own, apart from this message's.
          setTimeout(renderResults, 0);
          if (!cancelled) {
            previous = null;
            // The workers have written the digests; the marker makes them a complete run for a reload.
            void putMarker({ key, savedAt: new Date().toISOString(), reps: view.reps, slots: [...infos.keys()] });
          }
          if (!livePlaying && !cancelled && !prefersReducedMotion()) {
            livePlaying = true;
            void resetLive().then(() => live.api.play());
          }
          break;
        case 'error':
          if (m.error.kind === 'memory') {
            // An allocation failed inside a replication: the worker's heap is in doubt, so it is replaced.
            void w.restart('memory');
            break;
          }
          void cancelBatch();
          batchRunning = false;
          updateRunButtons();
          restorePrevious();
          toast(`${m.error.file ? `${m.error.file}: ` : ''}${m.error.message}`, 'error', { label: t('error.tryAgain'), run: () => void runBatch() });
          break;
      }
    };
    w.api.replicate(view.seed, view.reps, undefined, Comlink.proxy(onMessage), { index: i, of: pool.length }, { allowLarge, cacheKey: key }).catch((e: unknown) => onMessage({ kind: 'error', error: { kind: 'runtime', message: String((e as Error)?.message ?? e) } }));
  });
}

/**
 * On two cores or fewer, while replications stream, the live view and the charts wait until they
 * are all in; the progress bar and the count move meanwhile. With one replication
 * worker, the live worker and the main thread sharing two cores, the main thread's chart and
 * animation tasks (10 to 35 ms of CPU) were stretched to 150-250 ms of wall time while streaming
 * (npm run bench:browser -- --trace, Chromium 156, 2 cores): longest task 172-254 ms, total
 * blocking 0.6-2.0 s. With the live view waiting: 63-100 ms and 13-46 ms; with the first chart
 * still drawn while streaming, up to 123 ms. The cost: on two cores the first chart comes when the
 * run ends (about 5 s for 3 replications a side, 30 s for 20) instead of after the first one.
 */
const SMALL_MACHINE = (navigator.hardwareConcurrency || 2) <= 2;

/** A user who asked for less motion starts the live view's animation themselves (▶); it never starts by itself. */
function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** While replications stream in, the live view draws a panel every 100 ms, A and B in turn, so each moves five times a second (LiveView.setMinInterval says why). */
const LIVE_DRAW_MS_WHILE_STREAMING = 100;

function updateRunButtons(): void {
  $('run').hidden = false;
  guard.setRunning(batchRunning);
  $('cancel').hidden = !batchRunning;
  $('progress').hidden = !batchRunning;
  liveView.setMinInterval(batchRunning ? LIVE_DRAW_MS_WHILE_STREAMING : 0);
  charts.setStreaming(batchRunning);
}

let resultsTimer: ReturnType<typeof setTimeout> | null = null;
let lastResults = 0;
/** Results re-render at most every 300 ms while replications stream in. */
function scheduleResults(): void {
  if (resultsTimer !== null) return;
  const wait = Math.max(0, 300 - (performance.now() - lastResults));
  resultsTimer = setTimeout(() => {
    resultsTimer = null;
    lastResults = performance.now();
    renderResults();
  }, wait);
}

function renderResults(): void {
  const a = digests.A;
  const b = digests.B;
  const headlineEl = $('headline-table');
  if (a.length === 0 && b.length === 0) {
    headlineEl.innerHTML = `<p class="empty">${esc(t('headline.empty', { reps: view.reps }))}</p>`;
    $('headline-note').textContent = '';
  } else {
    drawHeadline(headlineEl, a, b, batchRunning);
    const pairs = Math.min(a.length, b.length || a.length);
    const total = batchMeta?.reps ?? view.reps;
    const note = $('headline-note');
    note.textContent = `${t('controls.seed')} ${batchMeta?.seed ?? view.seed} · ${t('progress.replications', { done: pairs, total })} · koordsim ${VERSION}`;
    if (batchRunning) {
      const forming = document.createElement('span');
      forming.className = 'forming-note';
      forming.textContent = ` · ${t('headline.forming', { done: pairs, total })}`;
      note.append(forming);
    }
  }
  charts.render({ A: a, B: b }, infos);
  presentation.refresh();
}

// ------------------------------------------------------------------------------------------------
// Users' stories

async function pickUser(slot: Slot, user: number, push = true): Promise<void> {
  await live.api.pause();
  const story = await live.api.story(slot, user);
  showStory(story, infos.get(slot), liveNow);
  view.story = { slot, user };
  if (push) await writeUrl('push'); // Back closes the story
}

function closeStory(): void {
  hideStory();
  if (!view.story) return;
  view.story = null;
  void writeUrl('replace');
}

// ------------------------------------------------------------------------------------------------
// Teaching notes

function renderTeaching(): void {
  const el = $('teaching');
  const notes = infos.get('A')?.teaching ?? infos.get('B')?.teaching ?? null;
  el.hidden = notes === null;
  if (!notes) return;
  const lang = getLang();
  el.innerHTML = `<h2>${esc(t('teaching.mode'))}</h2><p>${esc(notes.narrative[lang])}</p><p class="predict"><strong>${esc(t('teaching.predict'))}:</strong> ${esc(notes.predict[lang])}</p>${
    notes.notice.length ? `<details><summary>${esc(t('teaching.notice'))}</summary><ul>${notes.notice.map((n) => `<li>${esc(n[lang])}</li>`).join('')}</ul></details>` : ''
  }`;
}

// ------------------------------------------------------------------------------------------------
// Language, selects, URL

function applyI18n(): void {
  document.documentElement.lang = getLang();
  fillSelects(); // scenario names are in the language too
  syncSelects();
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n as StringKey)));
  document.querySelectorAll<HTMLElement>('[data-i18n-aria-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel as StringKey)));
  document.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => (el.title = t(el.dataset.i18nTitle as StringKey)));
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === getLang())));
  liveView.drawLegend();
  liveView.render();
  renderTeaching();
  renderResults();
  guide.render();
  experiments.about();
  experiments.drawHistory();
  experiments.drawCharts();
  about.render();
  if (panel.isOpen) panel.render();
}

function fillSelects(): void {
  const drafts = loadDrafts();
  const files = Object.keys(drafts).filter((id) => id.startsWith('file:'));
  for (const [id, slot] of [['scenario-a', 'A'], ['scenario-b', 'B']] as const) {
    const sel = $<HTMLSelectElement>(id);
    sel.replaceChildren();
    if (slot === 'B') sel.add(new Option('—', ''));
    // The library is long: one group per source (web/app/scenarioGroups.ts), labelled in the language.
    for (const { group, items } of groupScenarios(BUILT_INS)) {
      const og = document.createElement('optgroup');
      og.label = pick(group.label);
      for (const b of items) og.append(new Option(`${pick(b.label)}${drafts[b.id] ? ' *' : ''}`, b.id));
      sel.append(og);
    }
    for (const f of files) sel.add(new Option(f.slice(5), f));
  }
}

function syncSelects(): void {
  $<HTMLSelectElement>('scenario-a').value = view.a;
  $<HTMLSelectElement>('scenario-b').value = view.b ?? '';
  $<HTMLInputElement>('seed').value = String(view.seed);
  $<HTMLInputElement>('reps').value = String(view.reps);
}

let urlTimer: ReturnType<typeof setTimeout> | null = null;
/** Saves the view and, after a short pause (typing), writes the URL in place; resolves once it is written. */
function syncUrl(): Promise<void> {
  saveViewState({ ...view, story: null });
  if (urlTimer !== null) clearTimeout(urlTimer);
  return new Promise((resolve) => {
    urlTimer = setTimeout(() => void writeUrl('replace').then(resolve), 200);
  });
}

/**
 * Writes the state into the URL: in place ('replace': settings, language) or as a new entry of
 * the browser's history ('push': another view, a story opened), so Back and Forward move between
 * views and stories and a link opens the same view.
 */
async function writeUrl(mode: 'push' | 'replace'): Promise<void> {
  if (urlTimer !== null && mode === 'push') {
    clearTimeout(urlTimer);
    urlTimer = null;
  }
  saveViewState({ ...view, story: null });
  const edited: { a?: string; b?: string } = {};
  for (const [slot, key] of [['A', 'a'], ['B', 'b']] as const) {
    const s = texts.get(slot);
    if (s && builtIn(s.id)?.text !== s.text) edited[key] = s.text;
  }
  // The address is a link people copy: it stays within LINK_LIMIT (shareLink.ts); an edit too
  // large for it stays in this browser's drafts, and Copy link says so.
  const { hash } = await linkHash(location.href.split('#')[0], view, edited, getLang(), builtInTexts());
  if (hash === location.hash) return;
  if (mode === 'push') history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

/** The built-in texts the slots' scenarios were edited from, for links that carry only the change. */
function builtInTexts(): { a?: string; b?: string } {
  return { a: builtIn(texts.get('A')?.id ?? '')?.text, b: builtIn(texts.get('B')?.id ?? '')?.text };
}

/** A link's edit of a built-in, applied to this page's built-in; undefined (and said so) if it was made for another version. */
function patched(slot: Slot, id: string | null | undefined, patch: unknown): string | undefined {
  if (patch === undefined) return undefined;
  const b = builtIn(id ?? '');
  const text = b ? applyPatch(b.text, patch) : null;
  if (text === null) toast(t('link.patchStale', { slot }), 'error');
  return text ?? undefined;
}

/** Back and Forward: the view, the story, the language, seed and replications of that entry. */
async function onPopState(): Promise<void> {
  const { state, lang } = await decodeHash(location.hash);
  if (lang && isLang(lang) && lang !== getLang()) setLang(lang);
  if (state.seed !== undefined && state.seed !== view.seed) {
    view.seed = state.seed;
    scheduleReset();
  }
  if (state.reps !== undefined) view.reps = state.reps;
  syncSelects();
  if (state.view && state.view !== view.view) {
    view.view = state.view;
    showView();
  }
  // A link to other scenarios (an exercise in the About view): load the ones that changed.
  if (state.a !== undefined && state.a !== view.a && (builtIn(state.a) || loadDrafts()[state.a])) {
    view.a = state.a;
    await loadSlot('A', view.a);
  }
  if (state.b !== undefined && state.b !== view.b && (state.b === null || builtIn(state.b) || loadDrafts()[state.b])) {
    view.b = state.b;
    await loadSlot('B', view.b);
  }
  const story = state.story ?? null;
  if (story && (story.slot !== view.story?.slot || story.user !== view.story?.user)) void pickUser(story.slot, story.user, false);
  else if (!story && view.story) {
    view.story = null;
    hideStory();
  }
}

// ------------------------------------------------------------------------------------------------
// Wiring

function wire(): void {
  $<HTMLSelectElement>('scenario-a').addEventListener('change', (e) => {
    view.a = (e.target as HTMLSelectElement).value;
    void loadSlot('A', view.a);
  });
  $<HTMLSelectElement>('scenario-b').addEventListener('change', (e) => {
    view.b = (e.target as HTMLSelectElement).value || null;
    void loadSlot('B', view.b);
  });
  $('seed').addEventListener('change', (e) => {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isSafeInteger(v)) view.seed = v;
    syncSelects();
    void restoreFromCache();
    void syncUrl();
    scheduleReset();
  });
  $('reps').addEventListener('change', (e) => {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isInteger(v) && v >= 1) view.reps = Math.min(500, v);
    syncSelects();
    guard.update({ reps: view.reps });
    void restoreFromCache();
    if (digests.A.length + digests.B.length === 0) renderResults(); // the empty headline names the replications
    void syncUrl();
  });
  $('run').addEventListener('click', () => void runBatch());
  $('print-report').addEventListener('click', () =>
    void writeUrl('replace').then(() => {
      writePrintReport();
      window.print();
    }),
  );
  window.addEventListener('beforeprint', writePrintReport); // Ctrl+P prints the report too
  $('present').addEventListener('click', () => presentation.open());
  $('cancel').addEventListener('click', () => {
    void cancelBatch().then(() => {
      batchRunning = false;
      updateRunButtons();
      status.set(() => t('progress.cancelled'));
    });
  });
  $('edit-scenarios').addEventListener('click', () => (panel.isOpen ? panel.close() : panel.open()));
  $('story-close').addEventListener('click', closeStory);
  window.addEventListener('popstate', () => void onPopState());
  $('share').addEventListener('click', async () => {
    await syncUrl();
    const edited: { a?: string; b?: string } = {};
    for (const [slot, key] of [['A', 'a'], ['B', 'b']] as const) {
      const s = texts.get(slot);
      if (s && builtIn(s.id)?.text !== s.text) edited[key] = s.text;
    }
    const { omitted } = await linkHash(location.href.split('#')[0], view, edited, getLang(), builtInTexts());
    if (omitted.length > 0) {
      const { slot, length } = omitted[0];
      toast(t('share.tooLong', { slot, length, limit: LINK_LIMIT }), 'error', { label: t('share.export', { slot }), run: () => exportScenario(slot) });
      return;
    }
    try {
      await navigator.clipboard.writeText(location.href);
      toast(t('export.linkCopied'));
    } catch {
      toast(location.href);
    }
  });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.addEventListener('click', () => setLang(b.dataset.lang as 'nb' | 'en')));
  onLangChange(() => {
    applyI18n();
    void syncUrl();
  });
  $('export-csv').addEventListener('click', () => {
    const rows = (['A', 'B'] as Slot[]).flatMap((s) => (infos.get(s) ? tidyRows(s, { name: infos.get(s)!.name, hash: infos.get(s)!.hash }, VERSION, digests[s]) : []));
    download(csvBlob(rows), `koordsim-results-seed${batchMeta?.seed ?? view.seed}.csv`);
  });
  $('export-json').addEventListener('click', () => {
    const out = withVersions({
      seed: batchMeta?.seed ?? view.seed,
      reps: batchMeta?.reps ?? view.reps,
      scenarios: Object.fromEntries([...infos].map(([s, i]) => [s, { name: i.name, file: i.file, hash: i.hash, text: JSON.parse(loadedTexts.get(s) ?? 'null') as unknown }])),
      replications: { A: digests.A, B: digests.B },
    });
    download(jsonBlob(out), `koordsim-results-seed${out.seed}.json`);
  });
  // Drop a scenario anywhere on the page: it opens in A (with the panel showing its errors, if any).
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    if ((e.target as HTMLElement).closest('.dropzone')) return;
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (!f) return;
    panel.open('A');
    await panel.loadFile(f);
  });
  for (const slot of ['A', 'B'] as Slot[]) $(`export-scenario-${slot.toLowerCase()}`).addEventListener('click', () => exportScenario(slot));
  // The view links scroll to their section and remember it in the URL.
  document.querySelectorAll<HTMLAnchorElement>('[data-view]').forEach((a) =>
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const next = a.dataset.view as ViewState['view'];
      const changed = next !== view.view;
      view.view = next;
      showView();
      // A new view is a new entry in the browser's history: Back returns to the one before.
      if (changed) void writeUrl('push');
    }),
  );
  // Skip links move the focus to their section without writing the URL's hash (it holds the state).
  document.querySelectorAll<HTMLAnchorElement>('[data-skip]').forEach((a) =>
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const target = $(a.dataset.skip!);
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'start' });
    }),
  );
  // The time axis: drag forward to jump the live view to a day (a run only goes forward; reset to go back).
  $<HTMLInputElement>('timeline').addEventListener('change', (e) => void live.api.seek(Number((e.target as HTMLInputElement).value)));
}

/** The slot's text as it stands, byte for byte (UTF-8, no BOM): importing the file gives the same text. */
function exportScenario(slot: Slot): void {
  const s = texts.get(slot);
  if (s) download(new Blob([encodeScenarioFile(s.text)], { type: 'application/json' }), exportName(s.file));
}

function showView(): void {
  const id = view.view === 'compare' ? 'headline' : view.view;
  document.getElementById(id)?.scrollIntoView({ block: 'start' });
  document.querySelectorAll<HTMLElement>('[data-view]').forEach((a) => a.setAttribute('aria-current', String(a.dataset.view === view.view)));
}

async function main(): Promise<void> {
  // Read before the page rewrites its URL: a link with run=1 (the printed report's) runs once on opening.
  const rerun = new URLSearchParams(location.hash.slice(1)).get('run') === '1';
  const decoded = await decodeHash(location.hash);
  if (decoded.lang && isLang(decoded.lang)) setLang(decoded.lang);
  Object.assign(view, loadViewState(), { story: null }, decoded.state);
  guard.update({ reps: view.reps });
  for (const slot of decoded.draftOnly ?? []) {
    // The link's edits of this slot were too large for it: only the browser that made it has them.
    const id = slot === 'A' ? view.a : view.b;
    if (id && !loadDrafts()[id]) toast(t('link.draftMissing', { slot }), 'info', { label: t('scenarioPanel.title'), run: () => panel.open(slot) });
  }
  if (!builtIn(view.a) && !loadDrafts()[view.a]) view.a = DEFAULT_A;
  if (view.b && !builtIn(view.b) && !loadDrafts()[view.b]) view.b = DEFAULT_B;
  fillSelects();
  syncSelects();
  wire();
  applyI18n();
  updateRunButtons();
  await live.subscribe((m) => {
    if (m.kind === 'state') liveNow = m.t; // the live view moves the time axis when it draws
    if (m.kind === 'error') toast(m.error.message, 'error', { label: t('controls.reset'), run: () => void resetLive() });
    liveView.onMessage(m);
  });
  await loadSlot('A', view.a, decoded.textA ?? patched('A', view.a, decoded.patchA));
  await loadSlot('B', view.b, decoded.textB ?? patched('B', view.b, decoded.patchB));
  await live.api.setSpeed(60);
  document.body.dataset.ready = 'true';
  if (decoded.state.view) showView();
  if (view.story) void pickUser(view.story.slot, view.story.user, false); // a link to a story opens it
  if (rerun) void runBatch(); // the printed report's link reruns it
}

void main();
