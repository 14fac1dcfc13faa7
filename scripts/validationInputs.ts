// What the validation report (docs/validation.md) is made from, and the hash that says whether it is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { MODEL_VERSION } from '../src/version.js';

/** The pattern tests the report runs, and the files their figures depend on besides the model. */
export const PATTERN_TEST_FILES = [
  'tests/model/municipality/stylizedFacts.test.ts',
  'tests/model/municipality/coordination/stylizedFacts.test.ts',
  'tests/model/municipality/municipality.test.ts',
  'tests/model/queueErlang.test.ts',
];
const SUPPORT_FILES = ['tests/validation/figure.ts', 'tests/model/municipality/helpers.ts', 'tests/model/municipality/coordination/fixture.ts', 'scripts/validation.ts', 'scripts/validationInputs.ts', 'scripts/screening.ts'];

/**
 * The report is stale when any of its inputs changed: the model version (a change to the rules
 * that moves a number bumps it; the golden files enforce that), a built-in scenario, a pattern test
 * or the generator. A refactor that moves no number keeps the model version and the report.
 */
export function validationInputsHash(root = '.'): string {
  const h = createHash('sha256');
  h.update(`model ${MODEL_VERSION}\n`);
  const scenarios = readdirSync(`${root}/scenarios`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `scenarios/${f}`);
  for (const f of [...scenarios, ...PATTERN_TEST_FILES, ...SUPPORT_FILES]) {
    h.update(`${f}\n`);
    h.update(readFileSync(`${root}/${f}`, 'utf8').replace(/\r\n/g, '\n'));
  }
  return h.digest('hex');
}

export const HASH_LINE = /^<!-- validation-inputs: ([0-9a-f]{64}) -->$/m;
