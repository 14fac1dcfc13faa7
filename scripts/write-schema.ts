// Writes the generated files from src/scenario/ (the single source of truth):
//   scenarios/schema.json                 the JSON Schema of scenario files
//   experiments/schema.json               the JSON Schema of experiment files (src/experiment/experimentSchema.ts)
//   README.md, coordinator parameter table between its markers
//   docs/parameters.md                    every scenario parameter with unit, default, range and source
// With --check, fails if either committed file is out of date (run by `npm test`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentJsonSchema } from '../src/experiment/experimentSchema.js';
import { scenarioJsonSchema } from '../src/scenario/schema.js';
import { parameterDoc } from './parameterDoc.js';
import { withParameterTable } from './parameterTable.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return ''; // missing counts as stale
  }
};
const schemaFile = join(root, 'scenarios', 'schema.json');
const readmeFile = join(root, 'README.md');
const targets: [string, string][] = [
  [schemaFile, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`],
  [join(root, 'experiments', 'schema.json'), `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`],
  [readmeFile, withParameterTable(read(readmeFile))],
  [join(root, 'docs', 'parameters.md'), parameterDoc()],
];
if (process.argv.includes('--check')) {
  const stale = targets.filter(([f, text]) => read(f) !== text).map(([f]) => f.slice(root.length + 1));
  if (stale.length > 0) {
    process.stderr.write(`${stale.join(', ')} out of date with their source in src/: run \`npm run schema\` and commit.\n`);
    process.exit(1);
  }
} else {
  for (const [f, text] of targets) {
    writeFileSync(f, text);
    process.stdout.write(`wrote ${f}\n`);
  }
}
