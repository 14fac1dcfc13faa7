// Accessibility, checked rather than assumed: axe-core (injected into the page, no browser
// download) on the first screen, after a run, with the scenario drawer open and with a user's
// story open, with the charts' data tables open, in presentation mode and in the printed report, in
// bokmål and in English. Any serious or critical violation fails the test. Also
// what axe cannot see: a keyboard user reaches the headline without tabbing through the live view,
// focus is visible, and prefers-reduced-motion stops the animation from starting by itself.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, openAboutDetails, openPresentation, showPrintedReport, hasChromium, openDashboard, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe on the whole page (injected once per page load); returns the serious and critical violations, readable. */
async function axeSerious(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`);
}

describe.skipIf(!hasChromium)(`accessibility of the dashboard${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let context: BrowserContext;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // bypassCSP: axe is injected as a script the page's own policy does not list.
    ({ server, context, page, close } = await openDashboard({
      bypassCSP: true,
      prepare: async (c) => {
        await c.addInitScript(() => {
          const w = window as unknown as { __loads?: number };
          w.__loads = Number(sessionStorage.getItem('loads') ?? 0) + 1;
          sessionStorage.setItem('loads', String(w.__loads));
        });
      },
    }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  const open = async (lang: 'nb' | 'en') => {
    // Through about:blank: a change of the hash alone would not reload the page. axe holds the
    // main thread for seconds, long enough for the workers' watchdog (5 s) to take its unanswered
    // pings for a hung worker: the watchdog is lengthened here, the only place the page is blocked on purpose.
    await page.goto('about:blank');
    await page.goto(`${server!.url}?watchdog=120000#lang=${lang}`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.evaluate((l) => document.querySelector<HTMLButtonElement>(`[data-lang="${l}"]`)!.click(), lang);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
  };

  /** Runs `reps` replications a side and waits until the charts are drawn from all of them. */
  const run = async (reps: number) => {
    await page.fill('#reps', String(reps));
    await page.locator('#reps').dispatchEvent('change');
    await page.click('#run');
    const state = () => page.evaluate(() => `status "${document.getElementById('status')?.textContent}", run disabled ${(document.getElementById('run') as HTMLButtonElement).disabled}, rendered ${document.getElementById('chart-grid')?.dataset.rendered}, page loads ${(window as unknown as { __loads?: number }).__loads}`);
    await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered'), { timeout: 120_000 }).toBe(String(2 * reps)).catch(async (e) => {
      throw new Error(`${(e as Error).message}; ${await state()}`);
    });
  };

  for (const lang of ['nb', 'en'] as const) {
    it(`${lang}: no serious or critical violation on the first screen, after Run, in the scenario drawer, in a story and in the About view`, async () => {
      await open(lang);
      await expect.poll(() => page.locator('#chairs-A svg.chairs g.box').count()).toBeGreaterThan(5);
      expect(await axeSerious(page), 'first screen').toEqual([]);

      await run(2);
      // Let the live view play into the run, so users sit on the floor between chairs.
      await expect.poll(() => page.locator('#chairs-A circle.floor-user').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      expect(await axeSerious(page), 'after Run').toEqual([]);

      // The numbers behind every chart, opened.
      await page.locator('#chart-grid details.chart-data').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await expect.poll(() => page.locator('#chart-grid details.chart-data table').count()).toBe(9);
      expect(await axeSerious(page), 'the charts\' data tables').toEqual([]);
      await page.locator('#chart-grid details.chart-data').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = false)));

      // Presentation mode, on the headline and on a chart.
      await openPresentation(page);
      expect(await axeSerious(page), 'presentation, headline').toEqual([]);
      await page.keyboard.press('ArrowRight');
      expect(await axeSerious(page), 'presentation, a chart').toEqual([]);
      await page.keyboard.press('Escape');

      // The printed report, in print media (the print dialog itself is not opened).
      await showPrintedReport(page);
      expect(await axeSerious(page), 'the printed report').toEqual([]);
      await page.emulateMedia({ media: 'screen' });

      await page.click('#edit-scenarios');
      await page.locator('#scenario-body details.advanced summary').click();
      await page.locator('#scenario-body .cm-editor').waitFor();
      expect(await axeSerious(page), 'scenario drawer with the JSON editor open').toEqual([]);
      await page.click('#scenario-close');

      await page.locator('#chairs-A .floor-list button').first().click();
      await page.locator('#story svg.story').waitFor();
      expect(await axeSerious(page), 'a user story').toEqual([]);
      await page.click('#story-close');

      // About the model: the documents rendered, with the exercises and the parameter table open.
      await page.click('nav.views a[data-view="about"]');
      await openAboutDetails(page);
      expect(await axeSerious(page), 'the About view with the parameter table and the metrics open').toEqual([]);
    }, 240_000);
  }

  it('skip links: the first Tab offers the headline, and the live view can be skipped in one keypress', async () => {
    await open('nb');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('href')).toBe('#headline');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('headline');
    // The live view's first stop is its skip link; Enter and the next Tab are past all of it.
    await page.focus('#live .skip-link');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#live'))).toBe(false);
    expect(await page.evaluate(() => !!document.activeElement?.closest('#charts'))).toBe(true);
  }, 60_000);

  it('shows where the focus is: a focused button has a visible outline', async () => {
    await page.focus('#run');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('with prefers-reduced-motion, a finished run does not start the animation by itself', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open('en');
    await run(1);
    await page.waitForTimeout(1500);
    expect(await page.locator('#play').getAttribute('data-playing')).not.toBe('true');
    expect(Number(await page.locator('#chairs-A').getAttribute('data-t'))).toBe(0);
    await page.emulateMedia({ reducedMotion: null });
  }, 180_000);
});
