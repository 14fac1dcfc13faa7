// Screenshots of the dashboard for the README (npm run screenshots): each view in bokmål and in
// English at 1366×900, presentation mode, and the first page of the printed report, written to
// docs/screenshots/. Uses the browser tests' helpers: Vite on the repo's config and Debian's
// Chromium (/usr/bin/chromium), never a downloaded browser. Takes a few minutes: one run of three
// replications a side per language.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, REPO_ROOT, hasChromium, launchChromium, startDevServer } from '../tests/browser/browser.js';

const OUT = join(REPO_ROOT, 'docs/screenshots');
const VIEWPORT = { width: 1366, height: 900 };
/** An A4 page at 96 px per inch, for the report's first page. */
const A4 = { width: 794, height: 1123 };
const REPS = 3;

async function waitFor(page: Page, f: () => boolean, timeout: number): Promise<void> {
  await page.waitForFunction(f, null, { timeout, polling: 250 });
}

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(`${CHROMIUM_PATH} not found: install Debian's Chromium (apt-get install -y chromium)`);
  mkdirSync(OUT, { recursive: true });
  const server = await startDevServer();
  const browser = await launchChromium();
  const written: string[] = [];
  const shot = async (page: Page, name: string, opts: { selector?: string; clip?: { x: number; y: number; width: number; height: number } } = {}) => {
    const path = join(OUT, `${name}.png`);
    if (opts.selector) await page.locator(opts.selector).screenshot({ path });
    else await page.screenshot({ path, clip: opts.clip });
    written.push(path);
  };
  try {
    for (const lang of ['nb', 'en'] as const) {
      // A fresh context each time: a first visit, with the guide.
      const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
      context.setDefaultTimeout(60_000);
      // The print button's dialog is not wanted here: the report is laid out by print media below.
      await context.addInitScript(() => {
        window.print = () => undefined;
      });
      const page = await context.newPage();
      await page.goto(`${server.url}?watchdog=120000#lang=${lang}&reps=${REPS}`, { waitUntil: 'load' });
      await page.locator('body[data-ready="true"]').waitFor();
      await waitFor(page, () => document.getElementById('chairs-A')?.dataset.t === '0', 60_000);
      await shot(page, `first-screen-${lang}`);

      await page.click('#run');
      await waitFor(page, () => document.getElementById('chart-grid')?.dataset.rendered === String(2 * 3), 600_000);
      // The live view plays after the run: let it reach a day with users between chairs, then pause.
      await waitFor(page, () => Number(document.getElementById('chairs-A')?.dataset.t) > 200, 120_000);
      await page.click('#play');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `after-run-${lang}`);

      for (const v of ['live', 'charts', 'experiments', 'about'] as const) {
        await page.click(`nav.views [data-view="${v}"]`);
        await page.waitForTimeout(400);
        await shot(page, `view-${v}-${lang}`);
      }
      await page.click('nav.views [data-view="compare"]');

      await page.keyboard.press('p');
      await page.locator('#presentation').waitFor();
      await shot(page, `presentation-${lang}`);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await shot(page, `presentation-chart-${lang}`);
      await page.keyboard.press('Escape');

      // The report's first page: laid out by the print CSS on an A4-wide page with the print
      // margins, and cut at the height of one page (Chromium's PDF has no raster of its own here).
      await page.click('#print-report');
      await page.locator('#report .report-provenance').waitFor({ state: 'attached' });
      await page.setViewportSize(A4);
      await page.emulateMedia({ media: 'print' });
      await page.addStyleTag({ content: '@media print { #report { padding: 14mm; } }' });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `report-${lang}`, { clip: { x: 0, y: 0, ...A4 } });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const w of written) console.log(w.replace(`${REPO_ROOT}/`, ''));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
