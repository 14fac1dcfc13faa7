// Both languages, complete: the dashboard walked in bokmål, then switched to English, then back,
// with the replications run, an experiment run, the scenario drawer and a user's story open, the
// charts' data tables open, presentation mode and the printed report.
// Every visible string, option, tooltip (title) and ARIA label is collected and fails the test if
// it holds a word of the other language or a raw id (word lists: languageWords.ts).
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, openAboutDetails, openPresentation, showPrintedReport, REPO_ROOT, hasChromium, openDashboard, warnIfNoChromium, type DevServer } from './browser.js';
import { ALLOWED_TOKENS, BARE_IDS, CAMEL_CASE_ID, ENGLISH_WORDS, NORWEGIAN_WORDS, dataIds } from './languageWords.js';

warnIfNoChromium();

const DATA_IDS = dataIds(REPO_ROOT);

type Lang = 'nb' | 'en';

/**
 * Every string a person can see or hear on the page now: text, options, titles, ARIA labels. Left
 * out: the JSON editor's text and the scenario files' provenance notes quoted in the printed
 * report (`.file-quote`: data, quoted as the files have them), `<code>` (a JSON key the About view's
 * exercises ask you to type into that editor: data too, and the only place the page uses <code>),
 * and parts marked as another language with a `lang` attribute (the English-only notes and
 * descriptions of the data files, read out in English).
 */
async function pageStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const pageLang = document.documentElement.lang;
    const otherLang = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? pageLang) !== pageLang;
    const shown = (el: Element) => !el.closest('[hidden], .cm-editor, .file-quote, code, script, style') && !otherLang(el) && (el instanceof SVGElement ? (el.ownerSVGElement ?? el).checkVisibility() : el.checkVisibility());
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      const el = n.parentElement;
      const s = n.textContent?.trim();
      if (!el || !s) continue;
      // SVG <title>s are tooltips: not rendered, but read out and shown on hover.
      if (el.closest('option') ? shown(el.closest('select')!) : el.tagName.toLowerCase() === 'title' ? shown(el.parentElement ?? el) : shown(el)) out.add(s);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (!shown(el)) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.add(v);
      }
    }
    return [...out];
  });
}

/** The strings that give away the other language or a raw id, as "token ← string". */
function foreign(strings: readonly string[], lang: Lang): string[] {
  const other = new Set<string>(lang === 'nb' ? ENGLISH_WORDS : NORWEGIAN_WORDS);
  const bad = new Set<string>();
  for (const s of strings) {
    // English pages keep the users' own Norwegian terms in parentheses beside the English ones.
    // A file's path is its name, not a word of either language.
    const noPaths = s.replace(/\S+\.json\b/g, ' ');
    const checked = lang === 'en' ? noPaths.replace(/\([^()]*\)/g, ' ') : noPaths;
    for (const token of checked.split(/[\s.,:;!?"«»'’‘“”()[\]{}·—–/=+×<>|…%#]+/u)) {
      if (!token || /^[\d\-−]/.test(token)) continue;
      const lower = token.toLowerCase();
      if (ALLOWED_TOKENS.has(lower)) continue;
      const why = other.has(lower) ? 'foreign word' : CAMEL_CASE_ID.test(token) || BARE_IDS.has(token) || DATA_IDS.has(token) ? 'raw id' : null;
      if (why) bad.add(`${why} "${token}" ← "${s.length > 90 ? `${s.slice(0, 90)}…` : s}"`);
    }
  }
  return [...bad].sort();
}

describe.skipIf(!hasChromium)(`the dashboard in one language at a time${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ server, page, close } = await openDashboard());
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  /** The strings of every view as it stands: the page, the About view's documents, the scenario drawer, a user's story. */
  const walk = async (): Promise<string[]> => {
    const all = new Set(await pageStrings(page));
    // The About view renders docs/about.md and docs/teaching.md in the page's language; the table of
    // parameters and the list of sources are English only and marked so.
    // Every metric is defined in one sentence, in the page's language.
    await openAboutDetails(page);
    expect(await page.locator('#about-body .about-teaching h4').count()).toBe(5);
    for (const s of await pageStrings(page)) all.add(s);
    await page.click('#edit-scenarios');
    await page.locator('#scenario-body .lever').first().waitFor();
    for (const s of await pageStrings(page)) all.add(s);
    await page.click('#scenario-close');
    await page.locator('#chairs-A .floor-list button').first().click();
    await page.locator('#story svg.story').waitFor();
    for (const s of await pageStrings(page)) all.add(s);
    await page.click('#story-close');
    // The numbers behind the charts.
    await page.locator('#chart-grid details.chart-data').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await expect.poll(() => page.locator('#chart-grid details.chart-data table').count()).toBe(9);
    for (const s of await pageStrings(page)) all.add(s);
    await page.locator('#chart-grid details.chart-data').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = false)));
    // Presentation mode: the headline and a chart.
    await openPresentation(page);
    for (const s of await pageStrings(page)) all.add(s);
    await page.keyboard.press('ArrowRight');
    for (const s of await pageStrings(page)) all.add(s);
    await page.keyboard.press('Escape');
    // The printed report, as print media shows it (the print dialog itself is not opened).
    await showPrintedReport(page);
    const printed = await pageStrings(page);
    expect(printed.length, 'the report has text').toBeGreaterThan(20);
    for (const s of printed) all.add(s);
    await page.emulateMedia({ media: 'screen' });
    return [...all];
  };

  const setLang = async (lang: Lang) => {
    await page.click(`[data-lang="${lang}"]`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    // Charts redraw one per frame: wait for the last one.
    await expect.poll(() => page.locator('#chart-grid').getAttribute('data-drawn-lang'), { timeout: 30_000 }).toBe(lang);
  };

  it('nb, then en, then nb again: no word of the other language and no raw id anywhere', async () => {
    // A long watchdog: on a loaded two-core machine a worker's first answers can take longer than
    // the 5 s after which the page would take it for hung and restart it (not what is tested here).
    await page.goto(`${server!.url}?watchdog=120000#lang=nb`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await setLang('nb');
    const firstScreen = await pageStrings(page);

    await page.fill('#reps', '2');
    await page.locator('#reps').dispatchEvent('change');
    await page.click('#run');
    await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered'), { timeout: 120_000 }).toBe('4');
    await page.click('#exp-run');
    await expect.poll(() => page.locator('#exp-run').isDisabled(), { timeout: 5_000 }).toBe(true).catch(() => undefined);
    await expect.poll(() => page.locator('#exp-run').isDisabled(), { timeout: 240_000 }).toBe(false);
    await page.locator('#exp-charts [data-chart="tornado"] svg').first().waitFor();
    await expect.poll(() => page.locator('#chairs-A .floor-list button').count(), { timeout: 60_000 }).toBeGreaterThan(0);

    const nb = [...firstScreen, ...(await walk())];
    await setLang('en');
    const en = await walk();
    await setLang('nb');
    const nbAgain = await walk();

    expect(foreign(nb, 'nb'), 'bokmål').toEqual([]);
    expect(foreign(en, 'en'), 'English after switching').toEqual([]);
    expect(foreign(nbAgain, 'nb'), 'bokmål after switching back').toEqual([]);
  }, 600_000);
});
