// Item 7 of issue 14: a result can be cited. CITATION.cff names the software and model version
// (tests/version.test.ts), and every output carries both: run and compare JSON and CSV
// (tests/golden/, tests/cli/cli.test.ts), sweep CSV and manifest (tests/experiment/sweep.test.ts), the
// warm-up curve's CSV (tests/experiment/warmup.test.ts), exported figures
// (tests/browser/csp.browser.test.ts) and the dashboard's CSV (tests/web/derive.test.ts). This file
// checks the dashboard's JSON exports and that CITATION.cff tells people where to find the versions.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MODEL_VERSION, VERSION } from '../../src/version.js';
import { jsonText, withVersions } from '../../web/export/exportData.js';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

it('a JSON export of the dashboard is headed by the software and the model version', () => {
  const out = JSON.parse(jsonText(withVersions({ seed: 1, rows: [1, 2] }))) as Record<string, unknown>;
  expect(Object.keys(out).slice(0, 2)).toEqual(['version', 'modelVersion']);
  expect([out.version, out.modelVersion]).toEqual([VERSION, MODEL_VERSION]);
  expect(out.rows).toEqual([1, 2]);
});

it('every JSON download of the dashboard goes through withVersions', () => {
  // Results (web/main.ts) and experiment rows (web/views/experimentsView.ts); scenario files are inputs, downloaded as they are.
  const downloads = files('web').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?<!function )jsonBlob\(([^\n]*)/g)].map((m) => ({ f, call: m[1] })));
  expect(downloads.length).toBeGreaterThanOrEqual(2);
  for (const { f, call } of downloads) {
    const text = readFileSync(f, 'utf8');
    const arg = /^(\w+)\)/.exec(call)?.[1];
    // Either withVersions(...) inline, or a variable built with it.
    expect(call.startsWith('withVersions(') || (arg !== undefined && new RegExp(`const ${arg} = withVersions\\(`).test(text)), `${f}: jsonBlob(${call}`).toBe(true);
  }
});

it('CITATION.cff says where each output carries the versions', () => {
  const cff = readFileSync('CITATION.cff', 'utf8');
  for (const where of ['"version" and "modelVersion"', 'CSV', 'manifests']) expect(cff).toContain(where);
});
