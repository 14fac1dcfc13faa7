// What keeps a person's work when things go wrong (issue 19, issue 21 item 7), in Debian's Chromium:
// a slow but healthy worker is not taken for a hung one; a worker that runs out of memory is
// replaced while the page keeps the scenarios and earlier results and offers Retry; results come
// back after a reload from IndexedDB without a rerun; a saved draft that does not validate is
// never run in place of what the editor shows; a run above the size limits is refused with a way
// to run it anyway; a scenario exports and imports byte for byte; and two tabs editing the same
// scenario never overwrite each other silently, while an edit survives a crash of the tab.
// Skipped, with the install hint, when /usr/bin/chromium is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashArb, renderHash } from '../fuzz/hashInputs.js';
import { CHROMIUM_HINT, REPO_ROOT, box, hasChromium, openDashboard, overlap, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

const VIEWPORT = { width: 1366, height: 900 };
const A_ID = 'kommune-stafettlop-koordinator';
const A_TEXT = readFileSync(join(REPO_ROOT, 'scenarios', `${A_ID}.json`), 'utf8');

interface Koordsim {
  pool: Array<{ restarts: number; heartbeats: number; api: { simulateFault(kind: string, ms?: number): Promise<void> } }>;
  infos: Map<string, { hash: string }>;
  digests: Record<'A' | 'B', unknown[]>;
  batches(): number;
}


describe.skipIf(!hasChromium)(`reliability of the dashboard${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let context: BrowserContext;
  let page: Page;
  let close: (() => Promise<void>) | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, context, page, close } = await openDashboard({
      viewport: VIEWPORT,
      // English unless a test switches: the assertions read the words.
      prepare: async (c) => {
        // Not on about:blank, where localStorage throws (and the error would be counted as the page's).
        await c.addInitScript(() => location.protocol.startsWith('http') && (localStorage.getItem('koordsim.lang') ?? localStorage.setItem('koordsim.lang', 'en')));
      },
    }));
    page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
  }, 90_000);

  afterAll(async () => {
    await close?.();
  }, 30_000);

  const open = async (p: Page, query = '', hash = '') => {
    await p.goto(`${server!.url}${query}${hash}`, { waitUntil: 'load' });
    await p.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
  };
  const k = <T>(p: Page, f: (k: Koordsim) => T) => p.evaluate(`(${f.toString()})(window.koordsim)`) as Promise<T>;
  const setReps = async (p: Page, n: number) => {
    await p.fill('#reps', String(n));
    await p.locator('#reps').dispatchEvent('change');
  };

  it('keeps a slow but healthy worker: busy far longer than the watchdog, with heartbeats, it is not restarted', async () => {
    // A 1.5 s watchdog, one replication worker. The worker computes for 9 s without answering a
    // ping (as in a long replication on a loaded machine), with its heartbeats meanwhile.
    await open(page, '?watchdog=1500&workers=1');
    const t0 = Date.now();
    await k(page, (x) => x.pool[0].api.simulateFault('slow', 9000));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(9000);
    expect(await k(page, (x) => x.pool[0].restarts), 'restarts of a slow but healthy worker').toBe(0);
    expect(await page.locator('#toast.error').isVisible()).toBe(false);
    // A real replication sends heartbeats too, and its results arrive.
    const beats = await k(page, (x) => x.pool[0].heartbeats);
    await setReps(page, 1);
    await page.click('#run');
    await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered'), { timeout: 180_000 }).toBe('2');
    expect(await k(page, (x) => x.pool[0].heartbeats)).toBeGreaterThan(beats);
    expect(await k(page, (x) => x.pool[0].restarts)).toBe(0);
  }, 240_000);

  it('replaces a worker that runs out of memory, says so, keeps scenarios and earlier results, and offers Retry', async () => {
    const before = await k(page, (x) => ({ hash: x.infos.get('A')!.hash, n: x.digests.A.length + x.digests.B.length }));
    expect(before.n).toBe(2);
    const headline = await page.locator('#headline-table').innerHTML();
    await page.click('#run');
    // The worker allocates until an allocation fails, uncaught: the real fault path of the page.
    await k(page, (x) => void x.pool[0].api.simulateFault('memory'));
    await page.locator('#toast.error').waitFor({ timeout: 60_000 });
    expect(await page.locator('#toast').textContent()).toMatch(/ran out of memory and was restarted.*scenarios and earlier results are kept/);
    expect(await k(page, (x) => x.pool[0].restarts)).toBe(1);
    // The scenario and the earlier results are as they were.
    expect(await k(page, (x) => x.infos.get('A')!.hash)).toBe(before.hash);
    await expect.poll(() => k(page, (x) => x.digests.A.length + x.digests.B.length)).toBe(2);
    expect(await page.locator('#headline-table').innerHTML()).toBe(headline);
    expect(await page.locator('#run').isEnabled()).toBe(true);
    // In bokmål too.
    await page.click('[data-lang="nb"]');
    expect(await page.locator('#status').textContent()).toMatch(/gikk tom for minne og ble startet på nytt/);
    await page.click('[data-lang="en"]');
    // Retry runs on the fresh worker.
    await page.locator('#toast button', { hasText: 'Try again' }).click();
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 180_000 }).toMatch(/^Done/);
    expect(await page.locator('#chart-grid').getAttribute('data-rendered')).toBe('2');
  }, 300_000);

  it('shows the results of the same state again after a reload, from IndexedDB, without running', async () => {
    const headline = await page.locator('table.headline tbody').textContent();
    await page.waitForTimeout(400); // the URL is written after 200 ms
    await page.reload({ waitUntil: 'load' });
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('#headline').getAttribute('data-from-cache'), { timeout: 30_000 }).toBe('true');
    expect(await page.locator('table.headline tbody').textContent()).toBe(headline);
    expect(await page.locator('#status').textContent()).toMatch(/Results kept from .*not rerun/);
    await expect.poll(() => page.locator('#chart-grid').getAttribute('data-rendered')).toBe('2');
    expect(await k(page, (x) => x.batches())).toBe(0);
    // Another seed is another result: a page opened on it does not show these.
    const url = page.url();
    await open(page, '', new URL(url).hash.replace(/seed=1\b/, 'seed=99'));
    await page.waitForTimeout(1500); // the cache is asked after the scenarios load
    expect(await page.locator('#headline').getAttribute('data-from-cache')).toBe(null);
    expect(await page.locator('table.headline').count()).toBe(0);
  }, 120_000);

  it('never runs another scenario in place of a saved draft that does not validate: problems beside the editor, Revert, Run off with the reason', async () => {
    if (!page.url().startsWith(server!.url)) await open(page); // localStorage of the page's origin
    const bad = A_TEXT.replace('"inhabitants": 50000', '"inhabitants": "many"');
    expect(bad).not.toBe(A_TEXT);
    await page.evaluate(([id, text]) => localStorage.setItem('koordsim.drafts', JSON.stringify({ [id]: { text, file: `scenarios/${id}.json` } })), [A_ID, bad]);
    await open(page);
    // Nothing runs in A: the built-in was not loaded in its place.
    expect(await k(page, (x) => x.infos.has('A'))).toBe(false);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    expect(await page.locator('#run-note').textContent()).toBe('Run is off: scenario A has 1 problem. Fix it in the scenario editor or revert.');
    // The drawer is open on A, its problems and Revert on screen at 1366x900, next to the editor.
    const issues = page.locator('#scenario-body .issues');
    await issues.locator('li').first().waitFor();
    expect(await issues.textContent()).toContain('1 problem');
    expect(await issues.textContent()).toContain('$.municipality.inhabitants');
    for (const sel of ['#scenario-body .issues .error-title', '#scenario-body .issues .revert-issues', '#scenario-body .issues li']) {
      const b = await box(page, sel);
      expect(b.top, sel).toBeGreaterThanOrEqual(0);
      expect(b.bottom, sel).toBeLessThanOrEqual(VIEWPORT.height);
    }
    // No message covers the controls.
    if (await page.locator('#toast').isVisible()) {
      const toast = await box(page, '#toast');
      for (const sel of ['#top', '#scenario-panel']) expect(overlap(toast, await box(page, sel)), `toast over ${sel}`).toBe(false);
    }
    // The drawer covers the language buttons: a click from the keyboard's side.
    await page.locator('[data-lang="nb"]').dispatchEvent('click');
    expect(await page.locator('#run-note').textContent()).toBe('Kjør er slått av: scenario A har 1 feil. Rett den i scenarioredigeringen eller tilbakestill.');
    await page.locator('[data-lang="en"]').dispatchEvent('click');
    // Revert: the built-in runs again and Run is on.
    await page.locator('#scenario-body .issues .revert-issues').click();
    await expect.poll(() => k(page, (x) => x.infos.has('A'))).toBe(true);
    expect(await page.locator('#run').isEnabled()).toBe(true);
    expect(await issues.locator('li').count()).toBe(0);
    expect(await page.locator('#run-note').textContent()).toMatch(/^Size: about .* events/);
    await page.click('#scenario-close');
  }, 120_000);

  it('shows the size before Run and refuses a run above the limits unless asked to run it anyway', async () => {
    if (!page.url().startsWith(server!.url)) await open(page); // localStorage of the page's origin
    const huge = A_TEXT.replace('"inhabitants": 50000', '"inhabitants": 2500000');
    await page.evaluate(([id, text]) => localStorage.setItem('koordsim.drafts', JSON.stringify({ [id]: { text, file: `scenarios/${id}.json` } })), [A_ID, huge]);
    await open(page);
    await setReps(page, 10);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    expect(await page.locator('#run-note').textContent()).toMatch(/^Too large to run: about 1\.\d GB of memory per replication \(limit 1 GB\)/);
    await page.click('[data-lang="nb"]');
    expect(await page.locator('#run-note').textContent()).toMatch(/^For stort til å kjøre: omtrent 1,\d GB minne per replikasjon \(grense 1 GB\)/);
    await page.click('[data-lang="en"]');
    await page.locator('#run-anyway').click();
    expect(await page.locator('#run').isEnabled()).toBe(true);
    expect(await page.locator('#run-anyway').isHidden()).toBe(true);
    // Another count of replications asks again.
    await setReps(page, 11);
    expect(await page.locator('#run').isDisabled()).toBe(true);
    await page.evaluate(() => localStorage.removeItem('koordsim.drafts'));
  }, 120_000);

  it('exports and imports a scenario byte for byte; a BOM is removed with a message, CRLF kept', async () => {
    await open(page);
    const exportA = async () => {
      const dl = page.waitForEvent('download');
      await page.click('#export-scenario-a');
      return readFileSync((await (await dl).path())!);
    };
    const importA = async (name: string, bytes: Buffer) => {
      await page.click('#edit-scenarios');
      await page.locator('#scenario-body input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
      await expect.poll(() => page.locator('#scenario-a').inputValue()).toBe(`file:${name}`);
      await page.click('#scenario-close');
    };
    const first = await exportA();
    expect(first.toString('utf8')).toBe(A_TEXT);
    await importA('eksport.json', first);
    const second = await exportA();
    expect(Buffer.compare(second, first)).toBe(0);
    // CRLF and non-ASCII: accepted as they are.
    const crlf = Buffer.from(A_TEXT.replace(/\n/g, '\r\n').replace('"name": "', '"name": "Bærum – '), 'utf8');
    await importA('crlf.json', crlf);
    expect(Buffer.compare(await exportA(), crlf)).toBe(0);
    // A BOM: removed, and the page says so; the rest of the bytes unchanged.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), first]);
    await importA('bom.json', bom);
    expect(await page.locator('#toast').textContent()).toContain('bom.json: the byte order mark (BOM) at its start was removed');
    expect(Buffer.compare(await exportA(), first)).toBe(0);
    await page.selectOption('#scenario-a', A_ID);
  }, 120_000);

  it('tells a second tab of an edit, never overwrites it silently, and keeps an edit through a crash of the tab', async () => {
    await page.evaluate(() => localStorage.removeItem('koordsim.drafts'));
    await open(page);
    const other = await context.newPage();
    other.on('pageerror', (e) => pageErrors.push(`second tab: ${e.name}: ${e.message}`));
    await open(other);
    const lever = (p: Page, value: string) => p.locator('#scenario-body [data-lever="inhabitants"] input').fill(value);
    const stored = () => page.evaluate((id) => (JSON.parse(localStorage.getItem('koordsim.drafts') ?? '{}') as Record<string, { text: string }>)[id]?.text ?? '', A_ID);
    await page.click('#edit-scenarios');
    await other.click('#edit-scenarios');

    await lever(page, '41000');
    await expect.poll(stored).toContain('"inhabitants": 41000');
    // The other tab is told at once and offered both versions.
    await other.locator('#toast', { hasText: 'was changed in another tab' }).waitFor({ timeout: 10_000 });
    // An edit there before answering does not overwrite the first tab's.
    await lever(other, '42000');
    await other.waitForTimeout(300);
    expect(await stored()).toContain('"inhabitants": 41000');
    await other.locator('#toast button', { hasText: 'Keep this version' }).click();
    await expect.poll(stored).toContain('"inhabitants": 42000');
    // Now the first tab is told, and loads the other's version.
    await page.locator('#toast', { hasText: 'was changed in another tab' }).waitFor({ timeout: 10_000 });
    await page.locator('#toast button', { hasText: "Load the other tab's version" }).click();
    await expect.poll(() => page.locator('#scenario-body [data-lever="inhabitants"] input').inputValue()).toBe('42000');
    expect(await stored()).toContain('"inhabitants": 42000');

    // A crash of the tab right after an edit: the edit is there in a new tab.
    await lever(other, '43000');
    await expect.poll(stored).toContain('"inhabitants": 43000');
    const crashed = new Promise<void>((resolve) => other.on('crash', () => resolve()));
    await other.goto('chrome://crash').catch(() => undefined);
    await crashed;
    const third = await context.newPage();
    await open(third);
    await third.click('#edit-scenarios');
    expect(await third.locator('#scenario-body [data-lever="inhabitants"] input').inputValue()).toBe('43000');
    await third.close();
    await other.close().catch(() => undefined);
  }, 180_000);

  it('opens fuzzed links to a working page: ready, headline and Run on screen, no uncaught error', async () => {
    // A few of the fuzz test's hashes (fast-check, seed 19) and some a person could make by hand.
    const hashes = [
      ...(await Promise.all(fc.sample(hashArb, { seed: 19, numRuns: 4 }).map(renderHash))),
      '#a=file:borte.json&b=ukjent&seed=1e400&reps=-1&view=LIVE&lang=de&story=A999999999',
      '#sa=!!!&pa=AAAA&sb=%E2%82&da=1&db=1',
    ];
    for (const hash of hashes) {
      const before = pageErrors.length;
      await page.goto('about:blank');
      await open(page, '', hash.startsWith('#') ? hash : `#${hash}`);
      expect(await page.locator('#headline').isVisible(), hash).toBe(true);
      expect(await page.locator('#run').isVisible(), hash).toBe(true);
      expect(pageErrors.slice(before), hash).toEqual([]);
    }
  }, 300_000);

  it('logged no uncaught error', () => {
    expect(pageErrors).toEqual([]);
  });
});
