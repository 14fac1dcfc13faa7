// docs/model.md names files in backticks (under src/model/municipality/ unless the path says otherwise)
// and links other documents: every one must exist, so the ODD overview and the code map never point
// at a file that was renamed or removed. (tests/model/docsNameEveryFile.test.ts checks the other way:
// every file under src/model/ is named.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** Where a bare name in docs/model.md is looked up, in order. */
const BASES = ['.', 'src/model/municipality', 'src/model', 'scenarios', 'docs'];
const FILE = /^[\w./-]+\.(ts|js|mjs|json|md|csv|svg|png)$/;
const FOLDER = /^[\w.-]+(\/[\w.-]+)*\/$/;

function named(text: string): string[] {
  const ticks = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter((p) => FILE.test(p) || FOLDER.test(p));
  const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((p) => !/^[a-z]+:/.test(p));
  return [...new Set([...ticks, ...links.map((l) => `docs/${l}`)])];
}

it('every file and folder docs/model.md names exists', () => {
  const paths = named(readFileSync('docs/model.md', 'utf8'));
  expect(paths.length).toBeGreaterThan(60);
  const missing = paths.filter((p) => !BASES.some((b) => existsSync(join(b, p))));
  expect(missing, 'docs/model.md names files that do not exist').toEqual([]);
});

it('the ODD overview has every element of Grimm et al. 2020, and each submodel a source and a file', () => {
  const text = readFileSync('docs/model.md', 'utf8');
  const odd = text.split('## ODD overview')[1].split('\n## ')[0];
  for (const element of ['Purpose and patterns', 'Entities, state variables and scales', 'Process overview and scheduling', 'Initialisation', 'Input data', 'Submodels']) {
    expect(odd, element).toMatch(new RegExp(`\\*\\*\\d\\. ${element}\\.\\*\\*`));
  }
  for (const concept of ['Basic principles', 'Emergence', 'Adaptation', 'Objectives', 'Learning', 'Prediction', 'Sensing', 'Interaction', 'Stochasticity', 'Collectives', 'Observation']) {
    expect(odd, concept).toContain(`**${concept}.**`);
  }
  const submodels = odd.split('**7. Submodels.**')[1].split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| submodel'));
  expect(submodels.length).toBeGreaterThan(15);
  for (const row of submodels) {
    const [name, , sources, code] = row.replace(/^\| | \|$/g, '').split(' | ');
    expect(sources, `${name}: source`).toMatch(/\d{4}|Lipsky|Williams|Erlang|domain brief/);
    expect(code, `${name}: code file`).toMatch(/`[\w/.]+\.ts`/);
  }
});
