import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MODEL_VERSION, VERSION } from '../src/version.js';

it('src/version.ts matches package.json', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});

it('CITATION.cff carries the software and the model version of src/version.ts', () => {
  const cff = readFileSync('CITATION.cff', 'utf8');
  expect(/^version: "([^"]+)"$/m.exec(cff)?.[1]).toBe(VERSION);
  expect(/^ {2}model-version: "([^"]+)"$/m.exec(cff)?.[1]).toBe(MODEL_VERSION);
  expect(cff).toContain(`Model version ${MODEL_VERSION};`);
});

it('docs/model.md has a change-log line for the current model version', () => {
  expect(readFileSync('docs/model.md', 'utf8')).toMatch(new RegExp(`^\\| ${MODEL_VERSION.replace(/\./g, '\\.')} \\|`, 'm'));
});
