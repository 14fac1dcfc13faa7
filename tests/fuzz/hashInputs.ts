import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { textHash } from '../../web/app/linkPatch.js';
import { deflate } from '../../web/app/persist.js';

/** Patches fitted to this built-in (the default A) apply, so their texts reach validation. */
const BUILT_IN_HASH = textHash(readFileSync(new URL('../../scenarios/kommune-stafettlop-koordinator.json', import.meta.url), 'utf8'));

// Hashes of the dashboard's URL as a fuzzer makes them: the known parameters with any values,
// real compressed payloads of junk, or any string at all. Shared by the pure fuzz test
// (dashboardInputs.fuzz.test.ts) and the browser test that opens a few of them.

type HashValue = string | { deflateOf: string };
export type HashInput = string | Array<[string, HashValue]>;

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), maxLength: 80 });
const KEYS = ['a', 'b', 'seed', 'reps', 'view', 'lang', 'story', 'sa', 'sb', 'pa', 'pb', 'da', 'db'] as const;
const value = fc.oneof<fc.Arbitrary<HashValue>[]>(
  fc.string(),
  fc.integer().map(String),
  fc.double().map(String),
  base64url,
  fc.constantFrom('compare', 'live', 'charts', 'experiments', 'nb', 'en', 'A12', 'B0', '1', '', 'kommune-stafettlop-koordinator', '%', '%E2%82', '&&', '=='),
  // Real compressed payloads: valid deflate of junk text and of JSON that is not a patch.
  fc.string().map((s) => ({ deflateOf: s })),
  // Line patches of the built-in: right hash, any lines.
  fc
    .array(fc.tuple(fc.nat(2200), fc.nat(4), fc.array(fc.oneof(fc.string(), fc.constantFrom('  "inhabitants": -1,', '}', '{', '"x": 1e999,', '  "years": 0,')), { maxLength: 3 })), { maxLength: 3 })
    .map((d) => ({ deflateOf: JSON.stringify({ h: BUILT_IN_HASH, d: d.sort((x, y) => x[0] - y[0]) }) })),
);
/** A hash as a person or a chat tool might hand it over: known keys with any values, cut, doubled, percent-mangled. */
export const hashArb: fc.Arbitrary<HashInput> = fc.oneof<fc.Arbitrary<HashInput>[]>(
  fc.string(),
  fc.array(fc.tuple(fc.constantFrom<string>(...KEYS), value), { maxLength: 8 }),
);

export async function renderHash(h: HashInput): Promise<string> {
  if (typeof h === 'string') return h;
  const parts: string[] = [];
  for (const [k, v] of h) parts.push(`${k}=${typeof v === 'string' ? encodeURIComponent(v) : await deflate(v.deflateOf)}`);
  return `#${parts.join('&')}`;
}

