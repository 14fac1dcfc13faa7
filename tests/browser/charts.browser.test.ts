// The dashboard's charts in a real browser: each chart module, fed series derived from real digests
// of a stafettløp and an integrated-team run, must draw marks, replace itself when drawn again,
// say "no data" when there is none, and export as a standalone SVG and a PNG. Debian's Chromium
// via playwright-core on the repo's Vite config; skipped, with the install hint, without Chromium.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, REPO_ROOT, hasChromium, isLocalUrl, launchChromium, startDevServer, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

const SCENARIOS = { A: 'scenarios/kommune-stafettlop-koordinator.json', B: 'scenarios/kommune-integrert-team-koordinator.json' };
const BLANK = '__charts.html';
const SCREENSHOT = join(REPO_ROOT, 'tests/browser/screenshots/charts.png');
const CHARTS = ['caseload', 'waitEcdf', 'waitOverTime', 'betweenChairs', 'userDays', 'staffTime', 'coordinatorTime', 'coping', 'handoffs'] as const;

/** In the page: loads a module through Vite (installed in beforeAll). */
declare const load: (path: string) => Promise<any>;

interface ChartReport {
  id: string;
  svgs: number;
  points: number;
  pointsAgain: number;
  svgsAgain: number;
  emptyPoints: number;
  emptyText: string;
  labels: number;
  ariaLabel: string;
}

describe.skipIf(!hasChromium)(`charts in Chromium${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const external: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startDevServer();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, serviceWorkers: 'block' });
    context.setDefaultTimeout(30_000);
    context.on('request', (req) => {
      if (!isLocalUrl(req.url())) external.push(req.url());
    });
    // A blank page on the dev server's origin, so chart modules load through Vite without main.ts.
    await context.route(`${server.url}${BLANK}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>charts</title></head><body style="margin:8px;font-family:system-ui"></body></html>' }),
    );
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}${BLANK}`);
    // A string, so Vitest does not rewrite this import() into its own SSR loader.
    await page.evaluate('window.load = (path) => import(path)');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  it('every chart draws real series, redraws in place, and shows "no data" when empty', async () => {
    const texts = { A: readFileSync(join(REPO_ROOT, SCENARIOS.A), 'utf8'), B: readFileSync(join(REPO_ROOT, SCENARIOS.B), 'utf8') };
    const reports: ChartReport[] = await page.evaluate(
      async ({ root, texts, ids }) => {
        const src = (p: string) => load(`/@fs${root}/src/${p}`);
        const web = (p: string) => load(`/${p}`);
        const [{ digestOf }, { runScenario, metricsOf }, { parseScenario }] = await Promise.all([src('experiment/digest.ts'), src('model/registry.ts'), src('scenario/validate.ts')]);
        const run = (text: string) => {
          const raw = JSON.parse(text);
          raw.horizon.warmupDays = 91.25;
          const s = parseScenario(raw);
          return [1, 2, 3].map((seed) => {
            const r = runScenario(s, seed, { years: 1 });
            return digestOf(r, metricsOf(r));
          });
        };
        const A = run(texts.A);
        const B = run(texts.B);
        const d = {
          caseload: await web('derive/caseload.ts'),
          waiting: await web('derive/waiting.ts'),
          bc: await web('derive/betweenChairs.ts'),
          staff: await web('derive/staffTime.ts'),
          coping: await web('derive/coping.ts'),
          handoffs: await web('derive/handoffs.ts'),
        };
        const c = {
          caseload: await web('charts/caseloadChart.ts'),
          waitEcdf: await web('charts/waitEcdfChart.ts'),
          waitOverTime: await web('charts/waitOverTimeChart.ts'),
          betweenChairs: await web('charts/betweenChairsChart.ts'),
          userDays: await web('charts/userDaysChart.ts'),
          staffTime: await web('charts/staffTimeChart.ts'),
          coordinatorTime: await web('charts/coordinatorTimeChart.ts'),
          coping: await web('charts/copingChart.ts'),
          handoffs: await web('charts/handoffChart.ts'),
        };
        const both = <T>(f: (x: unknown[]) => T) => ({ A: f(A), B: f(B) });
        const base = { noData: 'Ingen data (no data)', format: (n: number) => n.toLocaleString('nb-NO', { maximumFractionDigits: 1 }), width: 620 };
        const sides = { A: 'A: Stafettløp', B: 'B: Integrert team' };
        const time = { x: 'Dager fra start (days)', warmup: 'Innkjøring (warm-up)' };
        const warmupDays = 91.25;
        const draws: Record<string, (el: HTMLElement, empty: boolean) => void> = {
          caseload: (el, e) =>
            c.caseload.drawCaseload(el, e ? {} : both((x) => ({ bands: d.caseload.caseloadBands(x), lines: d.caseload.caseloadLines(x[0]) })), {
              ...base, height: 300, title: 'Saksmengde per koordinator (caseload)', warmupDays, collapse: 14,
              labels: { ...time, y: 'Saker (cases)', ...sides, median: 'median', band: 'p10–p90', max: 'maks', collapse: 'Kollaps (collapse)' },
            }),
          waitEcdf: (el, e) =>
            c.waitEcdf.drawWaitEcdf(el, e ? { A: [], B: null } : both(d.waiting.waitEcdf), {
              ...base, height: 280, title: 'Ventetid (waiting)', formatShare: (s: number) => `${Math.round(100 * s)} %`,
              labels: { x: 'Dager til første tjeneste (days)', y: 'Andel (share)', ...sides },
            }),
          waitOverTime: (el, e) =>
            c.waitOverTime.drawWaitOverTime(el, e ? {} : both(d.waiting.waitOverTime), {
              ...base, height: 280, title: 'Ventetid over tid (waiting over time)', warmupDays, labels: { ...time, y: 'Dager (days)', ...sides },
            }),
          betweenChairs: (el, e) =>
            c.betweenChairs.drawBetweenChairs(el, e ? {} : both(d.bc.betweenChairsStack), {
              ...base, width: 900, height: 320, title: 'Mellom stolene etter årsak (between chairs by cause)', warmupDays,
              labels: { ...time, y: 'Hendelser per replikasjon (events)', ...sides, causes: ['Eierløst behov', 'Mistet stafettpinne', 'Overgangsbrudd', 'Frafall', 'Returnert oppdrag', 'Uoppfylt rett', 'Foreldreløs sak'] },
            }),
          userDays: (el, e) =>
            c.userDays.drawUserDays(el, e ? {} : both(d.bc.betweenChairsUserDays), {
              ...base, height: 280, title: 'Brukerdøgn mellom stolene (user-days)', warmupDays, labels: { ...time, y: 'Brukerdøgn (user-days)', ...sides },
            }),
          staffTime: (el, e) =>
            c.staffTime.drawStaffTime(el, e ? {} : both(d.staff.staffTimeByActivity), {
              ...base, title: 'Personaltid (staff time)',
              labels: { x: 'Timer per år (hours/year)', y: 'Aktivitet (activity)', ...sides, activities: ['Kartlegging', 'Tjenesteyting', 'Overlevering', 'Møter', 'Dokumentasjon'] },
            }),
          coordinatorTime: (el, e) =>
            c.coordinatorTime.drawCoordinatorTime(el, e ? { A: null, B: null } : both(d.staff.coordinatorTime), {
              ...base, title: 'Koordinatortid (coordinator time)',
              labels: { x: 'Timer per år (hours/year)', y: 'Aktivitet (activity)', ...sides, worked: 'Utført (worked)', asked: 'Etterspurt (asked)', activities: ['Direkte', 'Koordinering', 'Møter', 'Reise', 'Dokumentasjon', 'Nettverk'] },
            }),
          coping: (el, e) =>
            c.coping.drawCoping(el, e ? {} : both(d.coping.copingUse), {
              ...base, title: 'Mestring (coping)', labels: { x: 'Bruk per år (uses/year)', y: 'Strategi (policy)', ...sides, policies: [] },
            }),
          handoffs: (el, e) =>
            c.handoffs.drawHandoffs(el, e ? {} : both(d.handoffs.handoffMatrix), {
              ...base, width: 900, height: 520, title: 'Henvisninger (referrals)', formatShare: (s: number) => `${Math.round(100 * s)} %`,
              labels: { from: 'Fra (from)', to: 'Til (to)', ...sides, entry: 'Inngang (entry)', perYear: 'Per år (per year)', lostShare: 'Tapt (lost)' },
            }),
        };
        const out = [];
        for (const id of ids) {
          const el = document.createElement('div');
          el.dataset.chart = id;
          el.style.display = 'inline-block';
          el.style.verticalAlign = 'top';
          document.body.append(el);
          draws[id](el, false);
          const points = Number(el.querySelector('svg')!.getAttribute('data-points'));
          draws[id](el, false);
          const svgsAgain = el.querySelectorAll('svg').length;
          const pointsAgain = Number(el.querySelector('svg')!.getAttribute('data-points'));
          const probe = document.createElement('div');
          draws[id](probe, true);
          const svg = el.querySelector('svg')!;
          out.push({
            id,
            svgs: 1,
            points,
            pointsAgain,
            svgsAgain,
            emptyPoints: Number(probe.querySelector('svg')!.getAttribute('data-points')),
            emptyText: probe.querySelector('svg')!.textContent ?? '',
            labels: svg.querySelectorAll('.axis-label').length,
            ariaLabel: `${svg.getAttribute('role')}:${svg.getAttribute('aria-label')}`,
          });
        }
        return out;
      },
      { root: REPO_ROOT, texts, ids: [...CHARTS] },
    );

    expect(reports.map((r) => r.id)).toEqual([...CHARTS]);
    for (const r of reports) {
      expect(r.points, `${r.id} data-points`).toBeGreaterThan(0);
      expect(r.pointsAgain, `${r.id} redraw`).toBe(r.points);
      expect(r.svgsAgain, `${r.id} redraw replaces`).toBe(1);
      expect(r.emptyPoints, `${r.id} empty`).toBe(0);
      expect(r.emptyText, `${r.id} empty`).toContain('Ingen data (no data)');
      expect(r.labels, `${r.id} axis labels`).toBeGreaterThanOrEqual(2);
      expect(r.ariaLabel, `${r.id} aria`).toMatch(/^img:.+/);
    }
    mkdirSync(join(REPO_ROOT, 'tests/browser/screenshots'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 120_000);

  it('hovering the caseload chart shows the coordinators of the first replication and a tooltip', async () => {
    const chart = page.locator('[data-chart="caseload"]');
    expect(await chart.locator('g.coordinators').first().evaluate((g) => getComputedStyle(g).display)).toBe('none');
    const box = (await chart.locator('rect.hover').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    expect(await chart.locator('g.coordinators').first().evaluate((g) => getComputedStyle(g).display)).not.toBe('none');
    expect(await chart.locator('path.coordinator').count()).toBeGreaterThan(0);
    await expect.poll(() => chart.locator('.chart-tooltip').isVisible()).toBe(true);
    expect(await chart.locator('.chart-tooltip').textContent()).toContain('A: Stafettløp');
    await page.mouse.move(0, 0);
  }, 30_000);

  it('exports a chart as a standalone SVG and as a PNG', async () => {
    const result = await page.evaluate(async () => {
      const { svgString, pngBlob } = await load('/export/exportFigure.ts');
      const svg = document.querySelector<SVGSVGElement>('[data-chart="betweenChairs"] svg')!;
      const text: string = svgString(svg);
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const png: Blob = await pngBlob(svg, 2);
      const bytes = new Uint8Array(await png.slice(0, 4).arrayBuffer());
      return {
        parseError: doc.querySelector('parsererror') !== null,
        root: doc.documentElement.namespaceURI,
        firstFill: doc.documentElement.querySelector('rect')?.getAttribute('fill'),
        styled: /fill:/.test(text) && /font-family:/.test(text),
        pngType: png.type,
        pngSize: png.size,
        magic: Array.from(bytes.slice(1, 4), (b) => String.fromCharCode(b)).join(''),
        width: Number(svg.viewBox.baseVal.width),
      };
    });
    expect(result.parseError).toBe(false);
    expect(result.root).toBe('http://www.w3.org/2000/svg');
    expect(result.firstFill).toBe('white');
    expect(result.styled).toBe(true);
    expect(result.pngType).toBe('image/png');
    expect(result.magic).toBe('PNG');
    expect(result.pngSize).toBeGreaterThan(5_000);
  }, 30_000);

  it('made no request beyond localhost and logged no error', async () => {
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });
});
