// What the tests that run every scenario of the library both ways (lean.test.ts, stream.test.ts)
// share: the library's top-level files, loading one, and a serialisation that tells every number apart.
import { readdirSync, readFileSync } from 'node:fs';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { validateScenarioText } from '../../../src/scenario/validate.js';

/** The library's top-level scenario files (every one is a municipality scenario). */
export const LIBRARY_FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort();

export function loadLibraryScenario(file: string): MunicipalityScenario {
  const r = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'), file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return r.scenario as MunicipalityScenario;
}

/** JSON in which NaN, ±Infinity and -0 stay apart from null and 0. */
export const exactly = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0) || !Number.isFinite(v)) ? `#${Object.is(v, -0) ? '-0' : v}` : v));
