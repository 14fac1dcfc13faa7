import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citedSources, scenarioIndex } from '../../scripts/scenarioIndex.js';

/** docs/scenarios.md is generated from the scenario files (npm run docs:scenarios) and must not be stale. */
describe('docs/scenarios.md, the scenario index', () => {
  it('is up to date with scenarios/ (else run npm run docs:scenarios and commit)', () => {
    expect(readFileSync('docs/scenarios.md', 'utf8')).toBe(scenarioIndex());
  });

  it('lists every file in scenarios/ with its question', () => {
    const text = readFileSync('docs/scenarios.md', 'utf8');
    for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.json') && x !== 'schema.json')) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${f.replace(/\.json$/, '')}\` |`));
      expect(row, f).toBeDefined();
      expect(row!.split(' | ').at(-1), `${f}: question`).toMatch(/\?/);
    }
  });

  it('cites the sources of the provenance, most cited first, without assumptions', () => {
    expect(citedSources({ '/a': 'assumption', '/b': 'Systad 2021', '/c': { source: 'Florell 2022', note: 'x' }, '/d': 'Florell 2022; Rorgemoen 2020', '/e': 'derived: x' })).toEqual(['Florell 2022', 'Rorgemoen 2020', 'Systad 2021']);
  });
});
