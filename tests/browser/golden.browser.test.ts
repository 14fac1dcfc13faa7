// Golden results in Chromium: the same cases as tests/golden/golden.test.ts, computed by the same
// engine code loaded through Vite into Debian's Chromium, must give the committed files byte for
// byte. Node and Chromium compute Math.exp/log/pow differently in the last bit; this passes only
// because src/ uses src/engine/detmath.ts. Skipped, with the install hint, without Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_CASES, experimentScenarioPath, goldenFile, goldenInputs } from '../golden/cases.js';
import { CHROMIUM_HINT, REPO_ROOT, hasChromium, launchChromium, startDevServer, warnIfNoChromium, type DevServer } from './browser.js';

warnIfNoChromium();

describe.skipIf(!hasChromium)(`golden results in Chromium${hasChromium ? '' : ` — ${CHROMIUM_HINT}`}`, () => {
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    server = await startDevServer();
    browser = await launchChromium();
    page = await browser.newPage();
    // An empty page on the dev server's origin, so the engine's modules load from it (not the
    // dashboard, whose workers would compete for the two cores).
    const blank = `${server.url}__golden__.html`;
    await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>golden</title>' }));
    await page.goto(blank);
    // A module script (a string, so Vitest does not rewrite its import) exposes the golden cases.
    await page.addScriptTag({ type: 'module', content: `import * as m from '/@fs${join(REPO_ROOT, 'tests/golden/cases.ts')}'; window.__golden = m;` });
    await page.waitForFunction(() => '__golden' in window, undefined, { timeout: 60_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  it('reports the browser it compares', async () => {
    const version = browser!.version();
    console.info(`golden results compared in Chromium ${version}`);
    expect(Number(version.split('.')[0])).toBeGreaterThan(0);
  });

  for (const c of GOLDEN_CASES) {
    it(`${goldenFile(c)}: Chromium computes the committed file bit for bit`, async () => {
      const paths = goldenInputs(c);
      if (c.kind === 'sweep') paths.push(experimentScenarioPath(c.experiment, readFileSync(join(REPO_ROOT, c.experiment), 'utf8')));
      const texts = Object.fromEntries(paths.map((p) => [p, readFileSync(join(REPO_ROOT, p), 'utf8')]));
      const fromChromium = await page.evaluate(
        ({ id, texts }) => {
          const m = (window as unknown as { __golden: typeof import('../golden/cases.js') }).__golden;
          return m.computeGolden(m.GOLDEN_CASES.find((x) => x.id === id)!, texts);
        },
        { id: c.id, texts },
      );
      const golden = readFileSync(join(REPO_ROOT, 'tests/golden', goldenFile(c)), 'utf8');
      if (fromChromium !== golden) {
        // Name the first differing line, which is what a reader needs, not 20 KB of diff.
        const a = fromChromium.split('\n');
        const b = golden.split('\n');
        const i = a.findIndex((line, k) => line !== b[k]);
        expect(`line ${i + 1}: ${a[i]}`, `${goldenFile(c)} differs in Chromium`).toBe(`line ${i + 1}: ${b[i]}`);
      }
      expect(fromChromium).toBe(golden);
    }, 120_000);
  }
});
