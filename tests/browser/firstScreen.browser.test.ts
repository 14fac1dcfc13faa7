// The first screen at 1366×900, where a planning meeting meets the dashboard: the question and the
// headline are on screen before and after Run, the header keeps its rows while running (the status
// line does not wrap it over the view links), the play button does not offer to "resume" what has
// not started, and both scenario pickers show their whole names.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, CHROMIUM_HINT, hasChromium, openDashboard, overlap, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

const VIEWPORT = { width: 1366, height: 900 };

/** True if the picker is wide enough for its chosen name (text width measured in the select's own font). */
const showsWholeName = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el: HTMLSelectElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const s = getComputedStyle(el);
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const text = el.selectedOptions[0]?.text ?? '';
    // Room for the text: the box less its padding, border and the drop-down arrow (about 20 px).
    return { text, fits: ctx.measureText(text).width <= el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 20 };
  });

describe.skipIf(!hasChromium)(`the first screen${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ server, page, close } = await openDashboard({ viewport: VIEWPORT }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  for (const lang of ['nb', 'en'] as const) {
    it(`${lang}: question and headline on screen before and after Run, header in its rows, Play not Resume, whole scenario names`, async () => {
      // A long watchdog: on a loaded two-core machine a worker's first answers can take longer than 5 s.
      await page.goto('about:blank');
      await page.goto(`${server!.url}?watchdog=120000#lang=${lang}&reps=2`, { waitUntil: 'load' });
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.locator(`[data-lang="${lang}"]`).click();
      await expect.poll(() => page.locator('#chairs-A').getAttribute('data-t')).toBe('0');

      expect(await page.locator('#play').textContent()).toBe(lang === 'nb' ? '▶ Spill av' : '▶ Play');
      for (const sel of ['#scenario-a', '#scenario-b']) {
        const r = await showsWholeName(page, sel);
        expect(r.fits, `${sel} shows "${r.text}" whole`).toBe(true);
      }
      const onScreen = async (when: string) => {
        for (const sel of ['#headline .question', '#headline-title', '#headline-table']) {
          const b = await box(page, sel);
          expect(b.top, `${sel} ${when}`).toBeGreaterThanOrEqual(0);
          expect(b.bottom, `${sel} ${when}`).toBeLessThanOrEqual(VIEWPORT.height);
        }
        const nav = await box(page, '#top nav.views');
        for (const sel of ['#top .brand', '#top .pick', '#top .run', '#top .tools']) expect(overlap(nav, await box(page, sel)), `${sel} over the view links ${when}`).toBe(false);
      };
      await onScreen('before Run');
      const header = await box(page, '#top');

      await page.click('#run');
      await expect.poll(() => page.locator('#cancel').isVisible()).toBe(true);
      await onScreen('while running');
      expect((await box(page, '#top')).bottom, 'header height while running').toBeLessThanOrEqual(header.bottom + 1);
      // The end of the run, not only four replications drawn: the second language opens on the same
      // state as the first, whose kept results (IndexedDB) are on screen before Run.
      await expect.poll(() => page.locator('#cancel').isVisible(), { timeout: 120_000 }).toBe(false);
      await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered'), { timeout: 120_000 }).toBe('4');
      await onScreen('after Run');
      // The answer itself: every headline row is on the first screen.
      const rows = page.locator('table.headline tbody tr');
      expect(await rows.count()).toBeGreaterThanOrEqual(5);
      expect((await box(page, 'table.headline tbody tr:last-child')).bottom).toBeLessThanOrEqual(VIEWPORT.height);
    }, 240_000);
  }
});
