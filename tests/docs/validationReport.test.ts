import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HASH_LINE, validationInputsHash } from '../../scripts/validationInputs.js';
import { MODEL_VERSION } from '../../src/version.js';

/**
 * docs/validation.md is generated (npm run validation) and must be true to the model it describes:
 * it records a hash of its inputs (model version, built-in scenarios, pattern tests, generator), and
 * this test fails when any of them changed since it was made. Regenerating takes a few minutes, so
 * it is not done here.
 */
describe('docs/validation.md', () => {
  const text = readFileSync('docs/validation.md', 'utf8');

  it('is not stale: made from the model version, scenarios and pattern tests as they are now', () => {
    const m = HASH_LINE.exec(text);
    expect(m, 'docs/validation.md has no validation-inputs line: run npm run validation').not.toBeNull();
    expect(m![1], 'docs/validation.md is stale: run npm run validation and commit it').toBe(validationInputsHash());
    expect(text).toContain(`koordsim model ${MODEL_VERSION}`);
  });

  it('names all fifteen patterns and fails none of them', () => {
    for (let n = 1; n <= 15; n++) expect(text, `pattern ${n}`).toMatch(new RegExp(`^\\| ${n} \\|`, 'm'));
    expect(text).not.toMatch(/\*\*fail\*\*/);
  });

  it('the stale check can fail: the hash depends on the model version and on every input file', () => {
    const h = validationInputsHash();
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(HASH_LINE.exec(text.replace(h, '0'.repeat(64)))![1]).not.toBe(h);
  });
});
