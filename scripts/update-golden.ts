// `npm run golden:update`: recomputes every golden file in tests/golden/ and its SHA-256 in
// tests/golden/SHA256SUMS (`sha256sum -c SHA256SUMS` checks them by hand). Run it only in a commit
// that moves numbers on purpose, and say in that commit's message which numbers moved and why.
// It refuses to record moved numbers under an unchanged MODEL_VERSION (src/version.ts): a change
// of the model's rules is a new model version, with a line in docs/model.md's change log.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_VERSION } from '../src/version.js';
import { GOLDEN_CASES, computeGolden, experimentScenarioPath, goldenFile, goldenInputs } from '../tests/golden/cases.js';

const DIR = join('tests', 'golden');
const VERSION_FIELDS = /"(version|modelVersion)": "[^"]*",?/g;
const CSV_VERSIONS = /,\d+\.\d+\.\d+,(\d+\.\d+\.\d+),/; // the version,modelVersion columns of a sweep CSV

/** The numbers of a golden text, without the version fields: what a change of the model moves. */
function numbersOf(text: string): string {
  return (text.replace(VERSION_FIELDS, '').replace(new RegExp(CSV_VERSIONS.source, 'g'), ',').match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g) ?? []).join(' ');
}

/** The model version a golden text was made with (undefined for files from before model versions). */
function modelVersionOf(text: string): string | undefined {
  return /"modelVersion": "([^"]+)"/.exec(text)?.[1] ?? CSV_VERSIONS.exec(text)?.[1];
}

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

const outputs = GOLDEN_CASES.map((c) => {
  const inputs = goldenInputs(c);
  if (c.kind === 'sweep') inputs.push(experimentScenarioPath(c.experiment, readFileSync(c.experiment, 'utf8')));
  const texts = Object.fromEntries(inputs.map((p) => [p, readFileSync(p, 'utf8')]));
  const name = goldenFile(c);
  return { name, text: computeGolden(c, texts), before: read(join(DIR, name)) };
});

const refused = outputs.filter((o) => o.before !== undefined && modelVersionOf(o.before) === MODEL_VERSION && numbersOf(o.before) !== numbersOf(o.text));
if (refused.length > 0) {
  process.stderr.write(
    `numbers moved in ${refused.map((o) => o.name).join(', ')} under the same model version ${MODEL_VERSION}: bump MODEL_VERSION in src/version.ts, add a line to the change log in docs/model.md saying what changed, and run this again. Nothing was written.\n`,
  );
  process.exit(1);
}
for (const o of outputs) {
  writeFileSync(join(DIR, o.name), o.text);
  process.stderr.write(`${o.name}: ${o.before === undefined ? 'written' : o.before === o.text ? 'unchanged' : 'CHANGED'}\n`);
}
writeFileSync(join(DIR, 'SHA256SUMS'), `${outputs.map((o) => `${createHash('sha256').update(o.text).digest('hex')}  ${o.name}`).join('\n')}\n`);
