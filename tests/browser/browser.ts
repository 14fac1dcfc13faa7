// Helpers for the browser tests: a programmatic Vite dev server on the repo's own config and
// Debian's Chromium driven by playwright-core. Nothing here ever downloads a browser: Chromium is
// launched from CHROMIUM_PATH and the tests are skipped when it is not installed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const CHROMIUM_HINT = `browser tests skipped: ${CHROMIUM_PATH} not found; install Debian's Chromium with \`apt-get install -y chromium\` (never a downloaded browser)`;

let warned = false;
/** Prints the install hint once per test process when Chromium is missing. */
export function warnIfNoChromium(): void {
  if (!hasChromium && !warned) {
    warned = true;
    console.warn(CHROMIUM_HINT);
  }
}

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

/** Starts Vite on the repo's vite.config.ts (root web/) on a free port on localhost. */
export async function startDevServer(): Promise<DevServer> {
  // A private dependency cache, so the test neither relies on nor rewrites node_modules/.vite.
  const cacheDir = mkdtempSync(join(tmpdir(), 'koordsim-vite-'));
  let server: ViteDevServer | undefined;
  try {
    server = await createServer({
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      root: join(REPO_ROOT, 'web'),
      cacheDir,
      // The worker's module graph (src/worker.ts -> ... -> seedrandom) is only requested after
      // main.ts runs, so with a cold dependency cache Vite discovers seedrandom late, re-optimizes
      // and force-reloads the page ~0.5 s after load, dropping a Run click made before that.
      // Scanning the worker entry up front pre-bundles every dependency before the first request.
      optimizeDeps: { entries: ['index.html', '../src/worker.ts'] },
      logLevel: 'warn',
      clearScreen: false,
      server: { host: 'localhost', port: 0, strictPort: false, watch: null },
    });
    await server.listen();
    const address = server.httpServer?.address() as AddressInfo | null;
    if (!address || typeof address !== 'object') throw new Error('vite dev server has no address');
    const s = server;
    return {
      url: `http://localhost:${address.port}/`,
      async close() {
        await s.close();
        rmSync(cacheDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.close();
    rmSync(cacheDir, { recursive: true, force: true });
    throw e;
  }
}

/** Launches Debian's Chromium headless, without sandbox, GPU or any background network traffic. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** True for URLs that stay on this machine: localhost / 127.0.0.1 / ::1, or data:, blob:, about:. */
export function isLocalUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

/**
 * Records the main thread's long tasks (> 50 ms, the Long Tasks API) into `window.__longTasks`,
 * from the start of every page load in the context. Read with `page.evaluate`.
 */
export async function recordLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** A dev server, Chromium and one dashboard page: what most browser test files open in beforeAll. */
export interface DashboardSession {
  server: DevServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts the dev server and Chromium and opens one page in a context with `viewport` (service
 * workers blocked, 30 s default timeout). `prepare` runs on the context before the page opens (an
 * init script); `bypassCSP` is for tests that inject a script the page's policy does not list.
 */
export async function openDashboard(opts: { viewport?: { width: number; height: number }; bypassCSP?: boolean; prepare?: (context: BrowserContext) => Promise<void> } = {}): Promise<DashboardSession> {
  const server = await startDevServer();
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 900 }, serviceWorkers: 'block', ...(opts.bypassCSP ? { bypassCSP: true } : {}) });
  context.setDefaultTimeout(30_000);
  await opts.prepare?.(context);
  const page = await context.newPage();
  return {
    server,
    context,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** An element's box on screen, in CSS pixels. */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The on-screen box of the first element matching `selector`. */
export const box = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el): Box => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });

/** True if the two boxes share any area. */
export const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Opens the About view's parameter table and metric list (lazily filled <details>) if they are
 * closed, and waits until both are filled: over 200 parameters, over 40 metrics.
 */
export async function openAboutDetails(page: Page): Promise<void> {
  for (const [name, rows, least] of [['about-parameters', 'tbody tr', 200], ['about-metrics', 'dt', 40]] as const) {
    const d = page.locator(`#about-body details.${name}`);
    if ((await d.getAttribute('open')) === null) await d.locator('summary').click();
    // Not vitest's expect.poll: bench/browser.ts imports this file outside the test runner.
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length > n, [`#about-body details.${name} ${rows}`, least] as const, { timeout: 30_000 });
  }
}

/** Presentation mode opened by keyboard (P), on the headline. */
export async function openPresentation(page: Page): Promise<void> {
  await page.locator('#share').focus();
  await page.keyboard.press('p');
  await page.locator('#presentation').waitFor();
}

/** The printed report made and shown in print media (the print dialog itself is not opened); back with emulateMedia screen. */
export async function showPrintedReport(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.click('#print-report');
  await page.locator('#report .report-provenance').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
}
