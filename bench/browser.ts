// `npm run bench:browser`: how long the dashboard's main thread blocks while replications stream.
// Opens the page `npm start` serves (the Vite dev server, on the repo's config) in Debian's
// Chromium, runs the default comparison with 20 replications, and prints one JSON report: cores,
// Chromium version, and per run the long tasks (> 50 ms, the Long Tasks API), the longest one,
// the total blocking time (the sum of each long task's time over 50 ms) and the run's wall time.
// Blocking is measured here, never by timed tests. The target (issue 12): no task over 50 ms on
// 2 cores. Each run gets a fresh page; `--repeat N` (default 3) runs it N times, because on a
// small machine anything else running moves these figures.
//
// With --trace, each run also records a Chromium performance trace (devtools.timeline, no JS
// sampling) and reports the main thread's CPU time (not wall time: a busy machine stretches wall
// time, not CPU time) by what it was spent on: each task's JS entry point (file:line), style,
// layout, paint, layerize, commit, GC; and the CPU time of the tasks that ran longest.
//
// Usage: tsx bench/browser.ts [--reps 20] [--seed 1] [--repeat 3] [--workers N] [--trace]
// Prints `{"skipped": ...}` and exits 0 when /usr/bin/chromium is missing. Never downloads a browser.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { CHROMIUM_HINT, hasChromium, launchChromium, recordLongTasks, startDevServer } from '../tests/browser/browser.js';

const { values: args } = parseArgs({
  options: {
    reps: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '3' },
    workers: { type: 'string' },
    trace: { type: 'boolean', default: false },
    /**
     * A scenario file to run instead of the default pair, opened as A and B as a user opens a file
     * (the scenario drawer): `--scenario scenarios/scale/by-700k.json --reps 1` is issue 15's city.
     */
    scenario: { type: 'string' },
    /** With --trace: also write each run's trace here (trace-<run>.json, opens in Chrome's Performance panel). */
    'save-trace': { type: 'string' },
  },
});
const REPS = Number(args.reps);
const SEED = Number(args.seed);
const REPEAT = Number(args.repeat);
const LONG_TASK_MS = 50;

interface RunResult {
  /** Long tasks (ms) from the click on Run until the last replication is drawn. */
  longTasks: number[];
  longestTaskMs: number;
  totalBlockingTimeMs: number;
  /** Click on Run to the first chart with data, and to the end of the run (Run enabled again). */
  firstChartMs: number;
  runWallMs: number;
  /** 1-minute load average just before the run: other work on the machine lengthens tasks. */
  loadAverage1m: number;
  /** With --trace: where the main thread's CPU time went. */
  mainThread?: MainThreadProfile;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** CPU time of the thread in the event, in µs. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string; lineNumber?: number; functionName?: string } };
}

interface MainThreadProfile {
  /** CPU ms of all main-thread tasks during the run, and of the ones that took over 50 ms of wall time. */
  cpuMs: number;
  longTasksCpuMs: number;
  /** How many tasks used more than 16, 25 and 50 ms of CPU time: on a machine with nothing else running, wall time is close to CPU time. */
  tasksOverCpuMs: Record<'16' | '25' | '50', number>;
  /** The 5 tasks with the most CPU time: [wall ms, CPU ms, what started them]. */
  topTasksByCpu: Array<[number, number, string]>;
  /** CPU ms by activity: `js <file>:<line>` for each JS entry point, else the rendering step or GC. */
  cpuMsBy: Record<string, number>;
}

const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC', 'ParseHTML']);

/** Main-thread CPU time of a trace of the page, by task and by activity (nested events counted once, in the outermost). */
function profileMainThread(events: TraceEvent[]): MainThreadProfile {
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const count = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  const round = (x: number) => Math.round(x * 10) / 10;
  const by = new Map<string, number>();
  const tasks: Array<[number, number, string]> = [];
  let task: { end: number; what: string; wall: number; cpu: number } | null = null;
  let covered = -1; // end of the outermost counted event
  for (const e of onMain) {
    const end = e.ts + (e.dur ?? 0);
    if (e.name === 'RunTask') {
      if (task) tasks.push([task.wall, task.cpu, task.what]);
      task = { end, what: 'rendering', wall: ms(e.dur), cpu: ms(e.tdur) };
      covered = -1;
      continue;
    }
    if (!task || e.ts >= task.end || e.ts < covered) continue;
    let key: string | null = null;
    if (e.name === 'FunctionCall') {
      const d = e.args?.data ?? {};
      key = `js ${(d.url ?? '').split('/').pop()?.split('?')[0] || '?'}:${d.lineNumber ?? '?'}`;
    } else if (RENDERING.has(e.name)) key = e.name;
    if (key === null) continue;
    if (task.what === 'rendering' && key.startsWith('js ')) task.what = key;
    by.set(key, (by.get(key) ?? 0) + ms(e.tdur));
    covered = end;
  }
  if (task) tasks.push([task.wall, task.cpu, task.what]);
  const long = tasks.filter(([wall]) => wall > LONG_TASK_MS);
  return {
    cpuMs: round(tasks.reduce((s, t) => s + t[1], 0)),
    longTasksCpuMs: round(long.reduce((s, t) => s + t[1], 0)),
    tasksOverCpuMs: { '16': tasks.filter((t) => t[1] > 16).length, '25': tasks.filter((t) => t[1] > 25).length, '50': tasks.filter((t) => t[1] > 50).length },
    topTasksByCpu: [...tasks].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([w, c, what]) => [round(w), round(c), what]),
    cpuMsBy: Object.fromEntries([...by].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= 1).map(([k, v]) => [k, round(v)])),
  };
}

async function runOnce(browser: Browser, url: string, run: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  try {
    context.setDefaultTimeout(60_000);
    await recordLongTasks(context);
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // What the page shows, for a run that never ends: a reloaded page (Vite re-optimising its
    // dependencies drops the click), a stuck worker, an error.
    const state = async () =>
      JSON.stringify({
        reloads: loads - 1,
        errors,
        ...(await page.evaluate(() => ({
          status: document.getElementById('status')?.textContent,
          runDisabled: (document.getElementById('run') as HTMLButtonElement).disabled,
          rendered: document.getElementById('chart-grid')?.dataset.rendered,
          toast: document.getElementById('toast')?.hidden ? '' : document.getElementById('toast')?.textContent,
        }))),
      });
    const explain = (what: string) => async (e: unknown) => {
      throw new Error(`${what}: ${(e as Error).message.split('\n')[0]}; page state: ${await state()}`);
    };
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor();
    if (args.scenario) {
      const name = basename(args.scenario);
      const buffer = readFileSync(args.scenario);
      await page.click('#edit-scenarios');
      for (const slot of ['a', 'b']) {
        await page.click(`#scenario-body [data-slot="${slot.toUpperCase()}"]`);
        await page.locator('#scenario-body input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer });
        await page.waitForFunction((id) => (document.getElementById(id) as HTMLSelectElement | null)?.value.startsWith('file:') ?? false, `scenario-${slot}`, { timeout: 60_000 });
      }
      await page.click('#scenario-close');
    }
    for (const [id, v] of [['#seed', SEED], ['#reps', REPS]] as const) {
      await page.fill(id, String(v));
      await page.locator(id).dispatchEvent('change');
    }
    // Let the page settle (the live view's reset after the seed change) before measuring.
    await page.waitForTimeout(1000);
    const loadAverage1m = loadavg()[0];
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
    const loadsBefore = loads;
    const cdp = args.trace ? await context.newCDPSession(page) : null;
    const events: TraceEvent[] = [];
    if (cdp) {
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel'] }, transferMode: 'ReportEvents' });
    }
    const t0 = Date.now();
    await page.click('#run');
    // On two cores or fewer the page draws its charts only when the run ends (main.ts SMALL_MACHINE):
    // the first chart may come as late as the end.
    await page
      .locator('[data-chart="caseload"] svg[data-points]:not([data-points="0"])')
      .waitFor({ timeout: 600_000 })
      .catch(explain('no first chart'));
    const firstChartMs = Date.now() - t0;
    // Done when every replication of both sides is drawn: Run enabled again and the charts' count is complete.
    await page
      .waitForFunction(
        (n) => !(document.getElementById('run') as HTMLButtonElement).disabled && document.getElementById('chart-grid')?.dataset.rendered === String(n),
        2 * REPS,
        { timeout: 600_000, polling: 250 },
      )
      .catch(explain('the run did not end'));
    const runWallMs = Date.now() - t0;
    if (loads !== loadsBefore) throw new Error('the page reloaded during the run (Vite re-optimised its dependencies?): the figures would be of two pages');
    // Long-task entries are delivered asynchronously: give the observer a moment.
    await page.waitForTimeout(300);
    const longTasks = (await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice())).map((x) => Math.round(x));
    let mainThread: MainThreadProfile | undefined;
    if (cdp) {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      mainThread = profileMainThread(events);
      if (args['save-trace']) {
        mkdirSync(args['save-trace'], { recursive: true });
        writeFileSync(join(args['save-trace'], `trace-${run}.json`), JSON.stringify({ traceEvents: events }));
      }
    }
    return {
      longTasks,
      longestTaskMs: Math.max(0, ...longTasks),
      totalBlockingTimeMs: longTasks.reduce((s, x) => s + Math.max(0, x - LONG_TASK_MS), 0),
      firstChartMs,
      runWallMs,
      loadAverage1m: Number(loadAverage1m.toFixed(2)),
      ...(mainThread ? { mainThread } : {}),
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!hasChromium) {
    process.stdout.write(`${JSON.stringify({ case: 'browser', skipped: CHROMIUM_HINT })}\n`);
    return;
  }
  const server = await startDevServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const url = `${server.url}${args.workers ? `?workers=${Number(args.workers)}` : ''}`;
    const runs: RunResult[] = [];
    for (let i = 0; i < REPEAT; i++) {
      process.stderr.write(`bench:browser: run ${i + 1}/${REPEAT} (${REPS} replications a side) ...\n`);
      runs.push(await runOnce(browser, url, i + 1));
    }
    const longest = runs.map((r) => r.longestTaskMs);
    const tbt = runs.map((r) => r.totalBlockingTimeMs);
    const report = {
      case: 'browser',
      scenario: args.scenario ? `${args.scenario} as A and B` : 'default comparison (kommune-stafettlop-koordinator vs kommune-integrert-team-koordinator)',
      seed: SEED,
      replications: REPS,
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      chromium: browser.version(),
      workers: args.workers ? Number(args.workers) : 'page default (cores - 1, 1 to 4)',
      targetMs: LONG_TASK_MS,
      longestTaskMs: { min: Math.min(...longest), max: Math.max(...longest) },
      totalBlockingTimeMs: { min: Math.min(...tbt), max: Math.max(...tbt) },
      longTaskCount: runs.map((r) => r.longTasks.length),
      runs,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await browser?.close();
    await server.close();
  }
}

await main();
