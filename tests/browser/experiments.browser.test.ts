// The Experiments view in Chromium: run the one-at-a-time teaching experiment on the page's
// workers, see the sweep and tornado charts, get the same CSV as `koordsim sweep`, and find the
// run in the history. Skipped, with the install hint, when /usr/bin/chromium is missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, REPO_ROOT, hasChromium, isLocalUrl, launchChromium, startDevServer, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

describe.skipIf(!hasChromium)(`the Experiments view in Chromium${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const external: string[] = [];
  const errors: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'koordsim-exp-'));

  beforeAll(async () => {
    server = await startDevServer();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    context.on('request', (r) => !isLocalUrl(r.url()) && external.push(r.url()));
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Two replication workers, whatever this machine's core count: the rows must not depend on it.
    await page.goto(`${server.url}?workers=2#lang=en`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('runs the tornado experiment, draws its charts, and exports the CLI\'s CSV', async () => {
    await page.selectOption('#exp-select', 'tornado-hverdagsrehabilitering');
    await page.click('#exp-run');
    await expect.poll(() => page.locator('#exp-run').isDisabled(), { timeout: 120_000 }).toBe(false);
    await expect.poll(async () => Number(await page.locator('[data-chart="tornado"] svg').getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(Number(await page.locator('[data-chart="sweep"] svg').getAttribute('data-points'))).toBeGreaterThan(0);
    mkdirSync(join(REPO_ROOT, 'tests/browser/screenshots'), { recursive: true });
    await page.locator('#experiments').screenshot({ path: join(REPO_ROOT, 'tests/browser/screenshots/experiments.png') });

    const dl = page.waitForEvent('download');
    await page.click('#exp-csv');
    const fromPage = readFileSync((await (await dl).path())!, 'utf8');
    const out = join(tmp, 'cli.csv');
    execFileSync(process.execPath, [join(REPO_ROOT, 'bin/koordsim.js'), 'sweep', 'experiments/tornado-hverdagsrehabilitering.json', '--jobs', '1', '--out', out], { cwd: REPO_ROOT });
    expect(fromPage).toBe(readFileSync(out, 'utf8'));

    expect(await page.evaluate(() => (window as unknown as { koordsim: { pool: unknown[] } }).koordsim.pool.length)).toBe(2);
    expect(await page.locator('#exp-history li').first().textContent()).toContain('Tornado');
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
