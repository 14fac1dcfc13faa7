// Golden results in Node: each file in tests/golden/ is exactly what koordsim prints for its case
// (cases.ts), and its SHA-256 is the one committed in SHA256SUMS. The same cases are computed in
// Chromium by tests/browser/golden.browser.test.ts and compared with the same files, so a number
// that differs between engines, or moves without the golden files being updated, fails here.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { GOLDEN_CASES, computeGolden, experimentScenarioPath, goldenCommand, goldenFile, goldenInputs } from './cases.js';

const DIR = 'tests/golden';
const UPDATE_HINT = 'if this change moves numbers on purpose, run `npm run golden:update` and say in the commit message which numbers moved and why';

const sums = new Map(
  readFileSync(join(DIR, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash, name] = line.split(/\s+/);
      return [name, hash] as const;
    }),
);

function inputsOf(c: (typeof GOLDEN_CASES)[number]): Record<string, string> {
  const paths = goldenInputs(c);
  if (c.kind === 'sweep') paths.push(experimentScenarioPath(c.experiment, readFileSync(c.experiment, 'utf8')));
  return Object.fromEntries(paths.map((p) => [p, readFileSync(p, 'utf8')]));
}

describe('golden results (Node)', () => {
  it('SHA256SUMS lists exactly the golden files, and each file has its listed hash', () => {
    expect([...sums.keys()].sort()).toEqual(GOLDEN_CASES.map(goldenFile).sort());
    for (const c of GOLDEN_CASES) {
      const text = readFileSync(join(DIR, goldenFile(c)), 'utf8');
      expect(createHash('sha256').update(text).digest('hex'), `${goldenFile(c)} was edited without updating SHA256SUMS`).toBe(sums.get(goldenFile(c)));
    }
  });

  for (const c of GOLDEN_CASES) {
    it(`${goldenFile(c)} is what \`koordsim ${goldenCommand(c).join(' ')}\` prints, bit for bit`, async () => {
      const golden = readFileSync(join(DIR, goldenFile(c)), 'utf8');
      expect(computeGolden(c, inputsOf(c)), UPDATE_HINT).toBe(golden);
      // The real command, in-process: stdout for a run, the --out file for a sweep.
      let out = '';
      const io: CliIo = { stdout: (s) => (out += s), stderr: () => {}, stderrIsTty: false };
      const argv = goldenCommand(c);
      const outFile = c.kind === 'sweep' ? join(mkdtempSync(join(tmpdir(), 'koordsim-golden-')), goldenFile(c)) : undefined;
      if (outFile) argv[argv.indexOf('--out') + 1] = outFile;
      expect(await main(argv, io)).toBe(0);
      expect(outFile ? readFileSync(outFile, 'utf8') : out, UPDATE_HINT).toBe(golden);
    });
  }
});
