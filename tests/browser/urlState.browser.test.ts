// The state lives in the URL: a view link adds an entry to the browser's history (pushState), so
// Back and Forward move between views, and opening a user's story is an entry too (Back closes
// it). A link with the state opens the same view, seed, replications and language.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, hasChromium, openDashboard, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

describe.skipIf(!hasChromium)(`views and stories in the URL${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ server, page, close } = await openDashboard());
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  const param = (name: string) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(name);
  const current = () => page.locator('nav.views a[aria-current="true"]').getAttribute('data-view');

  it('Back and Forward move between views; a story is an entry of its own', async () => {
    // A long watchdog: on a loaded two-core machine a worker's first answers can take longer than 5 s.
    await page.goto(`${server!.url}?watchdog=120000#lang=en&view=compare`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });

    await page.click('nav.views a[data-view="charts"]');
    await expect.poll(() => param('view')).toBe('charts');
    await page.click('nav.views a[data-view="experiments"]');
    await expect.poll(() => param('view')).toBe('experiments');

    await page.goBack();
    await expect.poll(() => param('view')).toBe('charts');
    await expect.poll(current).toBe('charts');
    await page.goBack();
    await expect.poll(() => param('view')).toBe('compare');
    await expect.poll(current).toBe('compare');
    await page.goForward();
    await expect.poll(current).toBe('charts');

    // A story: step the live view until users sit between chairs, open one from the floor list.
    await page.click('#reset');
    await page.locator('#headline').click({ position: { x: 5, y: 5 } }); // keys go to the page, not a control
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('#chairs-A .floor-list button').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const user = await page.locator('#chairs-A .floor-list button').first().getAttribute('data-user');
    await page.locator('#chairs-A .floor-list button').first().click();
    await page.locator('#story svg.story').waitFor();
    await expect.poll(() => param('story')).toBe(`A${user}`);
    await page.goBack();
    await expect.poll(() => page.locator('#story').isHidden()).toBe(true);
    expect(param('story')).toBeNull();
    await page.goForward();
    await expect.poll(() => page.locator('#story').isVisible()).toBe(true);
    await expect.poll(() => page.locator('#story-title').textContent()).toContain(user!);
  }, 180_000);

  it('a link opens the same view, seed, replications and language', async () => {
    await page.goto('about:blank');
    await page.goto(`${server!.url}?watchdog=120000#seed=7&reps=4&view=experiments&lang=nb`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('#seed').inputValue()).toBe('7');
    expect(await page.locator('#reps').inputValue()).toBe('4');
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
    await expect.poll(current).toBe('experiments');
  }, 60_000);

  it('the About view is a view of its own, and an exercise link there opens its scenarios, view and language', async () => {
    await page.goto('about:blank');
    await page.goto(`${server!.url}?watchdog=120000#view=about&lang=en`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(current).toBe('about');
    // Five exercises from docs/teaching.md, rendered as text: the links point within the page.
    await expect.poll(() => page.locator('#about-body h4').count()).toBe(5);
    const links = page.locator('#about-body .about-teaching a');
    expect(await links.count()).toBeGreaterThanOrEqual(6);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^#a=/);
    // Exercise 3: Nordkommunen against Sørkommunen, headline, in English.
    await page.locator('#about-body .about-teaching a[href*="a=hvr-nord-stafett"]').first().click();
    await expect.poll(() => param('a')).toBe('hvr-nord-stafett');
    await expect.poll(() => page.locator('#scenario-a').inputValue()).toBe('hvr-nord-stafett');
    await expect.poll(() => page.locator('#scenario-b').inputValue()).toBe('hvr-sor-team');
    await expect.poll(current).toBe('compare');
    // Back returns to the About view with the scenarios it had.
    await page.goBack();
    await expect.poll(current).toBe('about');
    await expect.poll(() => param('a')).not.toBe('hvr-nord-stafett');
    // The parameter table is built when opened, from docs/parameters.md.
    await page.locator('#about-body details.about-parameters summary').click();
    await expect.poll(() => page.locator('#about-body details.about-parameters tbody tr').count()).toBeGreaterThan(200);
  }, 120_000);
});
