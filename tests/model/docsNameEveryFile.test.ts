// docs/model.md follows the code: every file under src/model/ is named there (by its path under
// src/model/municipality/ or src/model/, in backticks), so a reader who opens the docs finds where
// each rule lives, and a new mechanism file cannot land undocumented.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('docs/model.md names every file under src/model/', () => {
  const docs = readFileSync('docs/model.md', 'utf8');
  const missing = files('src/model').filter((f) => {
    const names = [relative('src/model/municipality', f), relative('src/model', f), f].map((n) => n.split('\\').join('/'));
    return !names.some((n) => !n.startsWith('..') && docs.includes(`\`${n}\``));
  });
  expect(missing, 'add each to docs/model.md (the section of its rule, and §13 the code map)').toEqual([]);
});
