import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../src/scenario/validate.js';
import type { Scenario } from '../../src/scenario/schema.js';

/** Every built-in scenario file (scenarios/ and its subfolders, without schema.json), raw and resolved. */
export interface BuiltIn {
  file: string;
  raw: unknown;
  resolved: Scenario;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return scenarioFiles(p);
      return f.endsWith('.json') && f !== 'schema.json' ? [p] : [];
    });
}

export const BUILT_INS: readonly BuiltIn[] = scenarioFiles(join(ROOT, 'scenarios')).map((p) => {
  const file = relative(ROOT, p);
  const raw: unknown = JSON.parse(readFileSync(p, 'utf8'));
  return { file, raw, resolved: parseScenario(raw, file) };
});
