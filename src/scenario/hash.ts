import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Fields that document a scenario but do not change what it computes. */
const COSMETIC = new Set(['$schema', 'name', 'description', 'label', 'provenance', 'teaching']);

/**
 * Canonical JSON: object keys sorted, no whitespace. Numbers use JavaScript's shortest round-trip
 * form, identical in Node and the browser.
 */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Hash of what a scenario computes: SHA-256 (@noble/hashes, same in Node and browser) of the
 * canonical JSON of the resolved scenario (defaults filled) without its cosmetic fields, so
 * renaming a scenario or editing its provenance keeps the hash; changing any parameter changes it.
 */
export function scenarioHash(resolved: object): string {
  const o = Object.fromEntries(Object.entries(resolved).filter(([k]) => !COSMETIC.has(k)));
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(o)))).slice(0, 16)}`;
}
