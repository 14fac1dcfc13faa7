// The dashboard in the room (issue 21): a first visit's guide that covers no control and stays
// dismissed; charts and the live chairs that grow with the window and redraw on a resize (the
// chairs while paused, every dot still in its seat); a table of numbers behind every chart; the
// printed report (A4 through print CSS: page count, controls hidden, headline, assumptions,
// provenance and a link that reruns it); presentation mode by keyboard; and the headline saying
// plainly that its intervals are still forming while replications stream in.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, CHROMIUM_HINT, hasChromium, openDashboard, overlap, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

/** Pages of a PDF: its page objects ("/Type /Page", not "/Pages"). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

/**
 * Where the dots of live panel `slot` are, against its boxes: crowd dots (one path per state, a
 * circle per user, "M x-r,y a…") must lie inside a service box, queued ones in a queue strip, and
 * the users between chairs (circles) on the floor; the drawing's own width against the viewBox
 * (1 unit = 1 px when it was laid out for its width, not scaled).
 */
const chairs = (page: Page, slot: 'A' | 'B') =>
  page.locator(`#chairs-${slot} svg.chairs`).evaluate((svg: SVGSVGElement) => {
    const num = (el: Element, a: string) => Number(el.getAttribute(a));
    const rect = (el: Element) => ({ x: num(el, 'x'), y: num(el, 'y'), w: num(el, 'width'), h: num(el, 'height') });
    const inside = (p: { x: number; y: number }, r: { x: number; y: number; w: number; h: number }) => p.x >= r.x - 0.5 && p.x <= r.x + r.w + 0.5 && p.y >= r.y - 0.5 && p.y <= r.y + r.h + 0.5;
    const frames = [...svg.querySelectorAll('g.box rect.frame')].map(rect);
    const strips = [...svg.querySelectorAll('g.box rect.queue-strip')].map(rect);
    const floor = rect(svg.querySelector('g.floor rect')!);
    const centres = (cls: string) =>
      [...(svg.querySelector(`g.crowd path.${cls}`)?.getAttribute('d') ?? '').matchAll(/M([\d.-]+),([\d.-]+)a([\d.]+)/g)].map((m) => ({ x: Number(m[1]) + Number(m[3]), y: Number(m[2]) }));
    const seated = centres('seated');
    const queued = centres('queued');
    const floorDots = [...svg.querySelectorAll('circle.floor-user')].map((c) => ({ x: num(c, 'cx'), y: num(c, 'cy') }));
    const vb = svg.viewBox.baseVal;
    return {
      viewBoxWidth: vb.width,
      width: svg.getBoundingClientRect().width,
      seated: seated.length,
      queued: queued.length,
      floor: floorDots.length,
      seatedOutside: seated.filter((p) => !frames.some((r) => inside(p, r))).length,
      queuedOutside: queued.filter((p) => !strips.some((r) => inside(p, r))).length,
      floorOutside: floorDots.filter((p) => !inside(p, floor)).length,
    };
  });

describe.skipIf(!hasChromium)(`the dashboard in the room${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let page: Page;
  let close: (() => Promise<void>) | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, page, close } = await openDashboard({
      viewport: { width: 1366, height: 900 },
      // window.print() would open the print dialog: counted instead, and the report printed by page.pdf().
      prepare: async (c) => {
        await c.addInitScript(() => {
          const w = window as unknown as { __printed: number };
          w.__printed = 0;
          window.print = () => void w.__printed++;
        });
      },
    }));
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server!.url}?watchdog=120000#${hash}`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  };

  it('a first visit gets the three-step guide, which covers no control and, once dismissed, stays away', async () => {
    await open('lang=nb&reps=2');
    const guide = page.locator('#guide');
    expect(await guide.isVisible()).toBe(true);
    expect(await guide.locator('li').allTextContents()).toEqual([
      'Velg spørsmålet: scenario A og scenario B øverst.',
      'Trykk Kjør: begge simuleres med de samme frøene.',
      'Les svaret: B − A med 95 %-intervall, og hvem som gjør det best.',
    ]);
    const g = await box(page, '#guide');
    for (const sel of ['#top', '#scenario-a', '#scenario-b', '#run', '#headline-table']) expect(overlap(g, await box(page, sel)), `guide over ${sel}`).toBe(false);
    // Run is what a click at its centre reaches.
    expect(await page.locator('#run').evaluate((b) => {
      const r = b.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b;
    })).toBe(true);
    await page.click('#guide-dismiss');
    expect(await guide.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('headline');
    await open('lang=nb&reps=2');
    expect(await guide.isVisible()).toBe(false);
    await page.click('[data-lang="en"]');
    expect(await guide.isVisible()).toBe(false);
  }, 90_000);

  it('the live chairs, paused, and the charts redraw wider when the window grows from 1366 to 1920, every dot still in its seat', async () => {
    await open('lang=nb&reps=2');
    await expect.poll(() => page.locator('#chairs-A').getAttribute('data-t')).toBe('0');
    // A week on, paused: users sit in seats and queues, some on the floor.
    await page.click('#step-week');
    await expect.poll(async () => Number(await page.locator('#chairs-A').getAttribute('data-t'))).toBeGreaterThan(0);
    await page.locator('#chart-grid [data-chart="waitEcdf"] svg').waitFor();
    const t = await page.locator('#chairs-A').getAttribute('data-t');
    const chartWidth = () => page.locator('#chart-grid [data-chart="waitEcdf"] svg').evaluate((s: SVGSVGElement) => ({ width: s.getBoundingClientRect().width, viewBox: s.viewBox.baseVal.width }));

    const before = { A: await chairs(page, 'A'), B: await chairs(page, 'B'), chart: await chartWidth() };
    for (const slot of ['A', 'B'] as const) {
      const c = before[slot];
      expect(c.seated + c.queued, `${slot}: users in the picture`).toBeGreaterThan(50);
      expect(Math.abs(c.viewBoxWidth - c.width), `${slot}: laid out at its own width`).toBeLessThanOrEqual(2);
      expect([c.seatedOutside, c.queuedOutside, c.floorOutside], `${slot}: dots outside their seats, queues, floor`).toEqual([0, 0, 0]);
    }
    expect(Math.abs(before.chart.viewBox - before.chart.width), 'chart drawn at its card width').toBeLessThanOrEqual(2);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await chairs(page, 'A')).viewBoxWidth, { timeout: 10_000 }).toBeGreaterThan(before.A.viewBoxWidth + 100);
    await expect.poll(async () => (await chartWidth()).viewBox, { timeout: 10_000 }).toBeGreaterThan(before.chart.viewBox + 100);
    expect(await page.locator('#chairs-A').getAttribute('data-t'), 'still paused on the same day').toBe(t);
    for (const slot of ['A', 'B'] as const) {
      const c = await chairs(page, slot);
      expect(c.width, `${slot} wider`).toBeGreaterThan(before[slot].width + 100);
      expect(Math.abs(c.viewBoxWidth - c.width), `${slot}: laid out again at its new width`).toBeLessThanOrEqual(2);
      expect(c.seated + c.queued + c.floor, `${slot}: the same users`).toBe(before[slot].seated + before[slot].queued + before[slot].floor);
      expect([c.seatedOutside, c.queuedOutside, c.floorOutside], `${slot}: dots outside their seats after the resize`).toEqual([0, 0, 0]);
    }
    const after = await chartWidth();
    expect(after.width).toBeGreaterThan(before.chart.width + 100);
    expect(Math.abs(after.viewBox - after.width), 'chart redrawn at the new width, not magnified').toBeLessThanOrEqual(2);
    await page.setViewportSize({ width: 1366, height: 900 });
  }, 90_000);

  describe('after a run of two replications a side', () => {
    let headline: string[] = [];

    it('runs', async () => {
      await open('lang=nb&reps=2');
      await page.click('#run');
      await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered'), { timeout: 240_000 }).toBe('4').catch(async (e) => {
        throw new Error(`${(e as Error).message}; status "${await page.locator('#status').textContent()}", errors ${errors.join(' | ')}`);
      });
      headline = await page.locator('table.headline tbody td.diff').allTextContents();
      expect(headline.length).toBeGreaterThanOrEqual(5);
    }, 300_000);

    it('every chart has its numbers in a table under it, from the series the chart draws', async () => {
      const cards = page.locator('#chart-grid [data-chart]');
      expect(await cards.count()).toBe(9);
      for (const id of await cards.evaluateAll((cs) => cs.map((c) => (c as HTMLElement).dataset.chart!))) {
        const card = page.locator(`#chart-grid [data-chart="${id}"]`);
        const summary = card.locator('details.chart-data summary');
        expect(await summary.textContent()).toBe('Tall');
        await summary.click();
        const rows = card.locator('details.chart-data table.data-table tbody tr');
        await expect.poll(() => rows.count(), { message: id }).toBeGreaterThan(0);
        // Each row names its side as the chart's legend does.
        const sides = await card.locator('details.chart-data tbody th[scope="row"]').allTextContents();
        expect(sides.every((s) => s.startsWith('A: ') || s.startsWith('B: ')), id).toBe(true);
        if (id === 'waitEcdf') {
          // The chart's data-points count the ECDF points it drew, over both sides: one row each.
          expect(await rows.count()).toBe(Number(await card.locator('.chart-host svg').getAttribute('data-points')));
        }
        await summary.click();
      }
    }, 90_000);

    it('prints an A4 report: question, scenarios and their differences, headline with intervals, charts, assumptions and provenance, controls hidden', async () => {
      await page.click('#print-report');
      await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
      await page.emulateMedia({ media: 'print' });
      const report = page.locator('#report');
      expect(await report.isVisible()).toBe(true);
      for (const sel of ['#top', '#run', '#live', '#chart-grid', '#headline']) expect(await page.locator(sel).isVisible(), `${sel} in print`).toBe(false);
      expect(await report.locator('.question').textContent()).toBe('Hvilken organisering av tjenestene gir brukerne best hjelp, A eller B, og hvor mye bedre?');
      expect(await report.locator('.report-scenarios li').count()).toBe(2);
      // What differs, in words: the design (relay vs team) among them.
      const differences = await report.locator('.report-block').first().locator('tbody tr').allTextContents();
      expect(differences.length).toBeGreaterThanOrEqual(5);
      expect(differences.some((r) => r.includes('Stafettløp') && r.includes('Integrert team'))).toBe(true);
      // The same headline as on screen, with its intervals.
      expect(await report.locator('table.headline tbody td.diff').allTextContents()).toEqual(headline);
      expect(await report.locator('.report-chart svg').count()).toBe(4);
      const assumptions = report.locator('.report-assumptions tbody tr');
      expect(await assumptions.count()).toBeGreaterThanOrEqual(1);
      const made = await report.locator('.report-provenance .made').textContent();
      expect(made).toMatch(/^koordsim \S+ · modell \S+ · frø 1 · 2 replikasjoner per side · \d+\. \S+ \d{4}$/);
      const link = await report.locator('a.rerun').getAttribute('href');
      expect(link).toContain('seed=1');
      expect(link).toContain('reps=2');
      expect(link).toContain('run=1');
      // No chart, table row or the provenance split over a page break.
      for (const sel of ['.report-chart', '.report-provenance', 'tbody tr']) expect(await report.locator(sel).first().evaluate((el) => getComputedStyle(el).breakInside), sel).toBe('avoid');

      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = pdfPages(pdf);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
      await page.emulateMedia({ media: 'screen' });
      expect(await report.isVisible()).toBe(false);
    }, 90_000);

    it('presentation mode by keyboard: P opens it on the headline, arrows and Page Down step through the charts, Escape leaves', async () => {
      await page.locator('#share').focus();
      await page.keyboard.press('p');
      const p = page.locator('#presentation');
      await p.waitFor();
      expect(await p.getAttribute('data-slide')).toBe('0');
      expect(await p.locator('table.headline tbody td.diff').allTextContents()).toEqual(headline);
      // Large type: the headline's numbers at least half again the page's 14 px.
      expect(await p.locator('table.headline td.diff').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(21);
      const playing = await page.locator('#play').getAttribute('data-playing');
      await page.keyboard.press('ArrowRight');
      expect(await p.getAttribute('data-slide')).toBe('1');
      expect(await p.getAttribute('data-kind')).toBe('caseload');
      expect(await p.locator('.presentation-chart svg').count()).toBe(1);
      await page.keyboard.press('PageDown');
      expect(await p.getAttribute('data-kind')).toBe('waitEcdf');
      await page.keyboard.press('ArrowLeft');
      expect(await p.getAttribute('data-kind')).toBe('caseload');
      await page.keyboard.press('End');
      expect(await p.getAttribute('data-kind')).toBe('handoffs');
      expect(await p.locator('.presentation-count').textContent()).toBe('10 av 10');
      await page.keyboard.press('PageDown'); // past the end: stays on the last
      expect(await p.getAttribute('data-slide')).toBe('9');
      await page.keyboard.press('Home');
      expect(await p.getAttribute('data-slide')).toBe('0');
      // The slide fills the window: the chart, one at a time, nearly as wide as the screen.
      await page.keyboard.press('ArrowRight');
      expect((await box(page, '#presentation .presentation-chart svg')).right - (await box(page, '#presentation .presentation-chart svg')).left).toBeGreaterThan(1000);
      // Space steps the slides, not the live view behind them.
      await page.keyboard.press(' ');
      expect(await p.getAttribute('data-slide')).toBe('2');
      expect(await page.locator('#play').getAttribute('data-playing')).toBe(playing);
      await page.keyboard.press('Escape');
      expect(await p.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('share');
    }, 60_000);

    it("the report's link reruns the comparison: the same headline, with no click", async () => {
      const link = await page.locator('#report a.rerun').getAttribute('href');
      await page.goto('about:blank');
      await page.goto(link!, { waitUntil: 'load' });
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered'), { timeout: 240_000 }).toBe('4');
      expect(await page.locator('table.headline tbody td.diff').allTextContents()).toEqual(headline);
      // The link ran once: the address keeps the state but no longer asks for a run.
      await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('run=1');
    }, 300_000);
  });

  it('logged no uncaught error', () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)(`the headline while replications stream in${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // On two cores the page draws results only at the end (main.ts, SMALL_MACHINE): this page says
    // it has eight, and one replication worker, so results stream in pair by pair as on a laptop.
    ({ server, page, close } = await openDashboard({
      prepare: async (c) => {
        await c.addInitScript(() => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 8 }));
      },
    }));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  it('says plainly that its intervals are still forming, and stops saying so when the run is done', async () => {
    await page.goto(`${server!.url}?watchdog=120000&workers=1#lang=en&reps=4`, { waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.click('#run');
    const note = page.locator('#headline-note .forming-note');
    // The moment both sides have a replication in and more are coming (before that the table has A's column only).
    const forming = () =>
      page.evaluate(() => {
        const n = document.querySelector('#headline-note .forming-note');
        const verdicts = [...document.querySelectorAll('table.headline td.verdict')].map((td) => td.textContent ?? '');
        return n && verdicts.length > 0 ? { note: n.textContent ?? '', verdicts } : null;
      });
    let seen: Awaited<ReturnType<typeof forming>> = null;
    await expect.poll(async () => (seen = await forming()), { timeout: 240_000, interval: 200 }).not.toBeNull();
    const { note: said, verdicts } = seen!;
    expect(said).toMatch(/Intervals still forming: \d of 4 pairs are in, and the verdicts may still change\./);
    expect(verdicts.length).toBeGreaterThanOrEqual(5);
    expect(verdicts.some((v) => v === 'Interval still forming' || v.startsWith('So far: '))).toBe(true);
    await expect.poll(() => page.locator('#run').isDisabled(), { timeout: 300_000 }).toBe(false);
    expect(await note.count()).toBe(0);
    const done = await page.locator('table.headline td.verdict').allTextContents();
    expect(done.some((v) => v === 'Interval still forming' || v.startsWith('So far: '))).toBe(false);
  }, 400_000);
});
