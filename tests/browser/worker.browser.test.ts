// End-to-end check of the page `npm start` serves: Vite dev server (the repo's vite.config.ts) +
// Debian's Chromium via playwright-core. The page runs the M/M/c scenario in its Comlink web worker;
// the numbers it shows must be the numbers Node computes in-process for the same file and seed, and
// the page must neither talk to anything beyond localhost nor log an error.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplications, type RunOutput } from '../../src/experiment/replicate.js';
import { validateScenarioText } from '../../src/scenario/validate.js';
import {
  CHROMIUM_HINT,
  REPO_ROOT,
  hasChromium,
  isLocalUrl,
  launchChromium,
  startDevServer,
  warnIfNoChromium,
  type DevServer,
} from './browser.js';

const SCENARIO = 'scenarios/validation/mmc.json';
const SEED = 7;
const REPS = 3;
const SCREENSHOT = join(REPO_ROOT, 'tests/browser/screenshots/worker.png');

warnIfNoChromium();

/** The page's own formatting rule (web/main.ts `fmt`): 1 decimal when |x| >= 100, else 4 significant digits. */
function pageFormat(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4);
}

/** Half a unit in the last place the page shows, so |shown - exact| <= tolerance if shown is exact rounded. */
function displayTolerance(exact: number, shown: number): number {
  const mag = Math.max(Math.abs(exact), Math.abs(shown));
  const halfUlp = mag >= 100 ? 0.05 : mag === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(mag)) - 3);
  return halfUlp * (1 + 1e-9) + Number.EPSILON;
}

function expectShown(metric: string, what: string, shown: string, exact: number): void {
  const label = `${metric} ${what}: page shows "${shown}", Node computes ${exact}`;
  expect(shown, label).toBe(pageFormat(exact));
  const parsed = Number(shown);
  expect(Number.isFinite(parsed), label).toBe(true);
  expect(Math.abs(parsed - exact), label).toBeLessThanOrEqual(displayTolerance(exact, parsed));
}

interface Row {
  metric: string;
  mean: string;
  ci: string;
}

describe.skipIf(!hasChromium)(`koordsim page in Chromium (web worker vs Node)${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const navigations: string[] = [];
  const knownIssues: string[] = [];

  beforeAll(async () => {
    server = await startDevServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 800 }, serviceWorkers: 'block' });
    context.setDefaultTimeout(20_000);

    // Every request of the page and its workers (and their WebSockets, below) is observed, not
    // intercepted: with request interception on, Chromium skips its automatic /favicon.ico fetch,
    // so intercepting would hide part of what a user's browser actually does.
    context.on('request', (req) => {
      if (!isLocalUrl(req.url())) external.push(`${req.method()} ${req.url()}`);
    });
    context.on('requestfailed', (req) => {
      if (isLocalUrl(req.url())) failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? '?'}`);
    });

    page = await context.newPage();
    page.on('websocket', (ws) => {
      if (!isLocalUrl(ws.url().replace(/^ws/, 'http'))) external.push(ws.url());
    });
    page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
    page.on('crash', () => pageErrors.push('page crashed'));
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const where = m.location().url;
      // Known page issue (reported, not fixed here): web/index.html declares no icon and the
      // Vite config has publicDir: false, so Chromium's automatic GET /favicon.ico is a 404 that
      // Chromium logs as a console error. Tolerate exactly that one message; fail on anything else.
      if (isLocalUrl(where) && new URL(where).pathname === '/favicon.ico' && /status of 404/.test(m.text())) {
        knownIssues.push(`GET ${where} -> 404 (no favicon)`);
        return;
      }
      consoleErrors.push(`page: ${m.text()} (${where}:${m.location().lineNumber})`);
    });
    page.on('worker', (w) => {
      w.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`worker ${w.url()}: ${m.text()}`);
      });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  it('runs mmc.json in the worker and shows the same numbers Node computes for the same seed', async () => {
    const workerSeen = page.waitForEvent('worker', { timeout: 20_000 });
    const response = await page.goto(server!.url, { waitUntil: 'load' });
    expect(response?.ok(), `GET ${server!.url}`).toBe(true);
    const worker = await workerSeen;
    expect(worker.url()).toMatch(/worker\.ts/);

    const options = await page.locator('#scenario option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain(SCENARIO);
    expect(options.some((o) => o.endsWith('schema.json'))).toBe(false);

    await page.selectOption('#scenario', SCENARIO);
    await page.fill('#seed', String(SEED));
    await page.fill('#reps', String(REPS));
    await page.click('#run');

    const status = page.locator('#status');
    await expect.poll(() => status.textContent(), { timeout: 25_000 }).toMatch(/replications · koordsim /);
    await page.locator('#results table tbody tr').first().waitFor({ state: 'visible' });
    expect(await page.locator('#run').isDisabled()).toBe(false);
    expect(await page.locator('#results pre.error').count()).toBe(0);

    const headers = await page.locator('#results table thead th').allTextContents();
    expect(headers).toEqual(['metric', 'mean', '95% CI']);
    const rows: Row[] = await page.locator('#results table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const c = Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '');
        return { metric: c[0] ?? '', mean: c[1] ?? '', ci: c[2] ?? '' };
      }),
    );

    // The same file text, seed and replications, in Node, in this process.
    const text = readFileSync(join(REPO_ROOT, SCENARIO), 'utf8');
    const v = validateScenarioText(text, SCENARIO);
    if (!v.ok) throw new Error(`${SCENARIO} does not validate in Node`);
    const node: RunOutput = runReplications(v.scenario, { seed: SEED, reps: REPS });

    expect(rows.map((r) => r.metric)).toEqual(Object.keys(node.metrics));
    for (const row of rows) {
      const m = node.metrics[row.metric];
      expectShown(row.metric, 'mean', row.mean, m.mean);
      const ci = /^\[(.+), (.+)\]$/.exec(row.ci);
      expect(ci, `${row.metric} CI cell "${row.ci}"`).not.toBeNull();
      expectShown(row.metric, 'CI low', ci![1], m.ci95[0]);
      expectShown(row.metric, 'CI high', ci![2], m.ci95[1]);
    }

    expect(await status.textContent()).toBe(
      `${node.scenario} · ${node.scenarioHash} · seed ${SEED} · ${REPS} replications · koordsim ${node.version}`,
    );
  }, 30_000);

  it('saves a screenshot of the rendered results to tests/browser/screenshots/worker.png', async () => {
    await page.locator('#results table').waitFor({ state: 'visible', timeout: 5_000 });
    mkdirSync(join(REPO_ROOT, 'tests/browser/screenshots'), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(5_000);
  }, 30_000);

  it('made no request beyond localhost and logged no page error or console error during the session', async () => {
    // Let any late request, log line or worker error of the session arrive before judging it.
    await page.waitForLoadState('networkidle', { timeout: 10_000 });
    expect(external, 'requests that left localhost').toEqual([]);
    expect(pageErrors, 'uncaught page errors').toEqual([]);
    expect(consoleErrors, 'console errors (page and worker)').toEqual([]);
    expect(failedRequests, 'failed local requests').toEqual([]);
    expect(navigations, 'main-frame navigations (a second one means the page reloaded itself)').toEqual([server!.url]);
    if (knownIssues.length > 0) console.warn(`known page issue, tolerated: ${[...new Set(knownIssues)].join('; ')}`);
  }, 30_000);
});
