// Writes scenarios/schema.json from src/scenario/schema.ts (the single source of truth).
// With --check, fails if the committed file is out of date (run by `npm test`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/scenario/schema.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'schema.json');
const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    process.stderr.write('scenarios/schema.json is out of date with src/scenario/schema.ts: run `npm run schema` and commit it.\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
