// `npm run golden:update`: recomputes every golden file in tests/golden/ and its SHA-256 in
// tests/golden/SHA256SUMS (`sha256sum -c SHA256SUMS` checks them by hand). Run it only in a commit
// that moves numbers on purpose, and say in that commit's message which numbers moved and why.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_CASES, computeGolden, experimentScenarioPath, goldenFile, goldenInputs } from '../tests/golden/cases.js';

const DIR = join('tests', 'golden');
const sums: string[] = [];
for (const c of GOLDEN_CASES) {
  const inputs = goldenInputs(c);
  if (c.kind === 'sweep') inputs.push(experimentScenarioPath(c.experiment, readFileSync(c.experiment, 'utf8')));
  const texts = Object.fromEntries(inputs.map((p) => [p, readFileSync(p, 'utf8')]));
  const text = computeGolden(c, texts);
  const name = goldenFile(c);
  const before = (() => {
    try {
      return readFileSync(join(DIR, name), 'utf8');
    } catch {
      return undefined;
    }
  })();
  writeFileSync(join(DIR, name), text);
  sums.push(`${createHash('sha256').update(text).digest('hex')}  ${name}`);
  process.stderr.write(`${name}: ${before === undefined ? 'written' : before === text ? 'unchanged' : 'CHANGED'}\n`);
}
writeFileSync(join(DIR, 'SHA256SUMS'), `${sums.join('\n')}\n`);
