// What a person does with the dashboard `npm start` serves, in Debian's Chromium via playwright-core:
// open it on the stafettløp vs integrated-team comparison, run it to the end, see the charts,
// switch language, load a bad scenario, export a PNG, reload and find an edit, click a user for
// the story, survive a hung worker. Along the way: no request leaves localhost, nothing uncaught is
// logged, the main thread is never blocked for more than 100 ms while replications stream, and the
// page's numbers are the numbers Node computes for the same scenario and seed.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, REPO_ROOT, hasChromium, isLocalUrl, launchChromium, recordLongTasks, startDevServer, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

const SEED = 3;
const REPS = 3;
const SHOTS = join(REPO_ROOT, 'tests/browser/screenshots');

interface PageDigest {
  seed: number;
  metrics: Record<string, number>;
}

describe.skipIf(!hasChromium)(`the dashboard in Chromium${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  const shot = async (name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    server = await startDevServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block', acceptDownloads: true });
    context.setDefaultTimeout(30_000);
    context.on('request', (req) => {
      if (!isLocalUrl(req.url())) external.push(`${req.method()} ${req.url()}`);
    });
    // Long tasks (> 50 ms) on the main thread, recorded from the start of every page load.
    await recordLongTasks(context);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && consoleErrors.push(`worker: ${m.text()}`)));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  const ready = async (url: string) => {
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  };

  it('opens on the stafettløp vs integrated-team comparison and shows both municipalities as chairs', async () => {
    await ready(server!.url);
    expect(await page.locator('#scenario-a').inputValue()).toBe('kommune-stafettlop-koordinator');
    expect(await page.locator('#scenario-b').inputValue()).toBe('kommune-integrert-team-koordinator');
    // The live view is reset at day 0 with services drawn as boxes in both panels.
    await expect.poll(() => page.locator('#chairs-A svg.chairs g.box').count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('#chairs-B svg.chairs g.box').count()).toBeGreaterThan(5);
  }, 60_000);

  it('runs the default comparison to the end: a first chart early, then headline and charts with data', async () => {
    await page.fill('#seed', String(SEED));
    await page.locator('#seed').dispatchEvent('change');
    await page.fill('#reps', String(REPS));
    await page.locator('#reps').dispatchEvent('change');
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
    const t0 = Date.now();
    await page.click('#run');
    await page.locator('[data-chart="caseload"] svg[data-points]:not([data-points="0"])').waitFor({ timeout: 30_000 });
    const firstChartMs = Date.now() - t0;
    await expect.poll(() => page.locator('#run').isDisabled(), { timeout: 120_000 }).toBe(false);
    const runMs = Date.now() - t0;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'timing.json'), JSON.stringify({ firstChartMs, runMs, reps: REPS, longTasks }, null, 2));
    // The requirement is on blocking, not speed: no main-thread task of 100 ms or more while it streamed.
    expect(Math.max(0, ...longTasks), `long tasks (ms): ${longTasks.join(', ')}`).toBeLessThan(100);

    const rows = await page.locator('table.headline tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered')).toBe(String(2 * REPS));
    for (const id of ['caseload', 'waitEcdf', 'waitOverTime', 'betweenChairs', 'userDays', 'staffTime', 'coordinatorTime', 'coping', 'handoffs']) {
      const n = Number(await page.locator(`[data-chart="${id}"] svg`).first().getAttribute('data-points'));
      expect(n, `chart ${id} shows data`).toBeGreaterThan(0);
    }
    await shot('dashboard');
  }, 180_000);

  it('shows the same numbers as the CLI for the same scenario and seed', async () => {
    const fromPage = (await page.evaluate(() => {
      const k = (window as unknown as { koordsim: { digests: Record<string, PageDigest[]> } }).koordsim;
      return { A: k.digests.A.map((d) => ({ seed: d.seed, metrics: d.metrics })), B: k.digests.B.map((d) => ({ seed: d.seed, metrics: d.metrics })) };
    })) as Record<'A' | 'B', PageDigest[]>;
    for (const [slot, file] of [
      ['A', 'scenarios/kommune-stafettlop-koordinator.json'],
      ['B', 'scenarios/kommune-integrert-team-koordinator.json'],
    ] as const) {
      expect(fromPage[slot].map((d) => d.seed).sort()).toEqual([SEED, SEED + 1, SEED + 2]);
      // Replication r of the page is `koordsim run --seed (seed + r) --reps 1`: one run, compared in full.
      const out = execFileSync(process.execPath, [join(REPO_ROOT, 'bin/koordsim.js'), 'run', file, '--seed', String(SEED + 1), '--reps', '1', '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
      const cli = JSON.parse(out) as { metrics: Record<string, { mean: number | null }> };
      const d = fromPage[slot].find((x) => x.seed === SEED + 1)!;
      expect(Object.keys(d.metrics)).toEqual(Object.keys(cli.metrics));
      // JSON carries NaN as null on both sides.
      for (const [name, m] of Object.entries(cli.metrics)) expect(d.metrics[name] ?? null, `${slot} ${name}`).toEqual(m.mean);
    }
  }, 120_000);

  it('switches language between bokmål and English', async () => {
    await page.click('[data-lang="en"]');
    await expect.poll(() => page.locator('#run').textContent()).toMatch(/run/i);
    const en = await page.locator('table.headline thead th').first().textContent();
    await page.click('[data-lang="nb"]');
    await expect.poll(() => page.locator('table.headline thead th').first().textContent()).not.toBe(en);
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
  }, 30_000);

  it('exports a chart as PNG', async () => {
    const dl = page.waitForEvent('download');
    await page.locator('[data-chart="betweenChairs"] [data-export="png"]').click();
    const file = await (await dl).path();
    const bytes = readFileSync(file!);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2_000);
  }, 30_000);

  it('plays the live view, opens a user story from a dot', async () => {
    await page.click('#reset');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp'); // six weeks, a week at a time
    await expect.poll(async () => Number(await page.locator('#chairs-A').getAttribute('data-t'))).toBeGreaterThanOrEqual(42);
    // Users between chairs sit on the floor as circles (for the mouse; the floor list is for the keyboard); a click opens the story.
    await expect.poll(() => page.locator('#chairs-A circle.floor-user').count()).toBeGreaterThan(0);
    await page.locator('#chairs-A circle.floor-user').first().click();
    await page.locator('#story svg.story').waitFor();
    expect(await page.locator('#story-title').textContent()).toMatch(/A:/);
    await shot('story');
    // The same from the list of users longest between chairs.
    const item = page.locator('#chairs-B .floor-list button').first();
    const user = await item.getAttribute('data-user');
    await item.click();
    await expect.poll(() => page.locator('#story-title').textContent()).toContain(`B: `);
    expect(await page.locator('#story-title').textContent()).toContain(user!);
    await page.click('#story-close');
  }, 60_000);

  it('keeps a lever edit across a reload, and shows a bad file\'s errors inline at their path without running it', async () => {
    await page.click('#edit-scenarios');
    // A lever, as a planner turns it: autosaved, and still there after a reload.
    const lever = page.locator('#scenario-body [data-lever="inhabitants"] input');
    await lever.fill('41000');
    await expect.poll(() => page.locator('#scenario-a option:checked').textContent()).toMatch(/\*$/);
    await page.waitForTimeout(400); // the URL and view state are written after 200 ms
    await page.reload({ waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.click('#edit-scenarios');
    expect(await page.locator('#scenario-body [data-lever="inhabitants"] input').inputValue()).toBe('41000');
    expect(await page.locator('#scenario-a option:checked').textContent()).toMatch(/\*$/);
    const runningHash = await page.evaluate(() => (window as unknown as { koordsim: { infos: Map<string, { hash: string }> } }).koordsim.infos.get('A')!.hash);

    // A bad file: its problems listed with path and line, underlined in the editor; the page keeps running the last good scenario.
    const good = readFileSync(join(REPO_ROOT, 'scenarios/kommune-stafettlop-koordinator.json'), 'utf8');
    const bad = good.replace('"inhabitants": 50000', '"inhabitants": "many"').replace('"unownedThresholdDays"', '"unownedTresholdDays"');
    expect(bad).not.toBe(good);
    await page.locator('#scenario-body input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.locator('#scenario-body .issues li').first().waitFor();
    const issues = await page.locator('#scenario-body .issues').textContent();
    expect(issues).toContain('$.municipality.inhabitants');
    expect(issues).toContain('unownedThresholdDays'); // the nearest valid key for the misspelt one
    // A click on a problem scrolls the editor to it: underlined in the text, marked in the gutter.
    await page.locator('#scenario-body .issues button').first().click();
    await expect.poll(() => page.locator('#scenario-body .cm-lintRange-error').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#scenario-body .cm-lint-marker-error').count()).toBeGreaterThan(0);
    await shot('bad-scenario');
    expect(await page.evaluate(() => (window as unknown as { koordsim: { infos: Map<string, { hash: string }> } }).koordsim.infos.get('A')!.hash)).toBe(runningHash);
    await page.click('#scenario-close');
    await page.selectOption('#scenario-a', 'kommune-stafettlop-koordinator');
  }, 90_000);

  it('detects a hung worker, restarts it and keeps the page', async () => {
    // The URL is written 200 ms after a change: wait for the built-in A the last test chose, or the
    // reload opens the bad file it loaded before (which, not validating, is not run).
    await expect.poll(() => new URL(page.url()).hash).toContain('a=kommune-stafettlop-koordinator');
    // 3 s: long enough for a cold worker's first ten-year run, far shorter than the 12 s hang.
    await ready(`${server!.url}?watchdog=3000${new URL(page.url()).hash}`);
    await page.evaluate(() => {
      const k = (window as unknown as { koordsim: { batch: { api: { simulateFault(kind: string, ms: number): Promise<void> } } } }).koordsim;
      void k.batch.api.simulateFault('hang', 12000);
    });
    await page.locator('#toast.error').waitFor({ timeout: 15_000 });
    // The restarted worker runs a comparison again.
    await page.fill('#reps', '1');
    await page.locator('#reps').dispatchEvent('change');
    await page.click('#run');
    // Both replications (A and B) in and drawn: the restarted pool ran the batch to its end.
    const state = () => page.evaluate(() => ({
      rendered: document.getElementById('chart-grid')?.dataset.rendered,
      status: document.getElementById('status')?.textContent,
      toast: document.getElementById('toast')?.hidden ? '' : document.getElementById('toast')?.textContent,
    }));
    await expect.poll(async () => (await state()).rendered, { timeout: 60_000, message: 'charts drawn from the rerun' }).toBe('2').catch(async (e) => {
      throw new Error(`${(e as Error).message}; page state: ${JSON.stringify(await state())}`);
    });
    expect(Number(await page.locator('[data-chart="waitEcdf"] svg').first().getAttribute('data-points'))).toBeGreaterThan(0);
  }, 90_000);

  it('made no request beyond localhost and logged no uncaught error', async () => {
    expect(external, 'requests that left localhost').toEqual([]);
    expect(pageErrors, 'uncaught page errors').toEqual([]);
    expect(consoleErrors, 'console errors').toEqual([]);
  });
});
