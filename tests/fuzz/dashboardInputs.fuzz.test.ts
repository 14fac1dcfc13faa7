import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenarioText } from '../../src/scenario/validate.js';
import { applyPatch } from '../../web/app/linkPatch.js';
import { decodeHash } from '../../web/app/persist.js';
import { decodeScenarioFile } from '../../web/app/scenarioFile.js';
import { budget, encode, encodingArb, mutate, mutationArb, timeoutFor, type Json } from './fuzzInputs.js';
import { hashArb, renderHash } from './hashInputs.js';

// The dashboard's own inputs, through the pure functions the page uses: the URL's hash (decodeHash,
// then a link's patch applied to a built-in) and an imported file's bytes (decodeScenarioFile,
// then the validation the worker runs on load). Every input is loaded or rejected with a message
// that names a JSON path, what was expected and what was found; nothing throws. Fixed seed 19;
// KOORDSIM_FUZZ=long runs 50 times as many inputs.

const BUILT_IN = readFileSync('scenarios/kommune-stafettlop-koordinator.json', 'utf8');
const BASES = {
  relay: JSON.parse(readFileSync('scenarios/hvr-nord-stafett.json', 'utf8')) as Json,
  coordinators: JSON.parse(readFileSync('scenarios/barn-ip-koordinerende-enhet.json', 'utf8')) as Json,
};

/** The rule every validation outcome must keep: ok, or problems each with a path, an expectation and a finding. */
function validationContract(text: string): 'loaded' | 'rejected' {
  const v = validateScenarioText(text, 'fuzz.json');
  if (v.ok) return 'loaded';
  expect(v.issues.length).toBeGreaterThan(0);
  for (const i of v.issues) {
    expect(i.path).toMatch(/^\$/);
    expect(i.expected.length).toBeGreaterThan(0);
    expect(typeof i.found).toBe('string');
  }
  return 'rejected';
}

describe('fuzz: the dashboard\'s URL and imported files', () => {
  it(
    'every hash decodes to a well-formed state; its texts and patches load or are rejected with a message',
    async () => {
      const tally = { loaded: 0, rejected: 0 };
      await fc.assert(
        fc.asyncProperty(hashArb, async (h) => {
          const hash = await renderHash(h);
          const d = await decodeHash(hash);
          const s = d.state;
          if (s.seed !== undefined) expect(Number.isSafeInteger(s.seed)).toBe(true);
          if (s.reps !== undefined) expect(Number.isInteger(s.reps) && s.reps >= 1 && s.reps <= 500).toBe(true);
          if (s.view !== undefined) expect(['compare', 'live', 'charts', 'experiments']).toContain(s.view);
          if (s.story) expect(['A', 'B']).toContain(s.story.slot);
          if (s.a !== undefined) expect(typeof s.a).toBe('string');
          for (const p of [d.patchA, d.patchB]) {
            if (p === undefined) continue;
            const text = applyPatch(BUILT_IN, p);
            if (text !== null) tally[validationContract(text)]++;
          }
          for (const text of [d.textA, d.textB]) if (text !== undefined) tally[validationContract(text)]++;
        }),
        budget(300, 20),
      );
      expect(tally.rejected, 'texts from links were checked').toBeGreaterThan(0);
    },
    timeoutFor(20),
  );

  it(
    'every imported file is loaded, or rejected with a message: not UTF-8, or its problems by path',
    async () => {
      const tally = { notUtf8: 0, loaded: 0, rejected: 0 };
      await fc.assert(
        fc.property(fc.constantFrom('relay', 'coordinators'), fc.array(mutationArb, { maxLength: 3 }), encodingArb, fc.boolean(), (base, mutations, encoding, crlf) => {
          let bytes = encode(mutate(BASES[base as keyof typeof BASES], mutations), encoding);
          if (crlf) bytes = Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
          const f = decodeScenarioFile(bytes);
          if (!f.ok) {
            expect(f.reason).toBe('notUtf8');
            tally.notUtf8++;
            return;
          }
          tally[validationContract(f.text)]++;
        }),
        budget(150, 30),
      );
      expect(tally.loaded, 'some mutated files load').toBeGreaterThan(0);
      expect(tally.rejected, 'some are rejected').toBeGreaterThan(0);
    },
    timeoutFor(30),
  );
});
