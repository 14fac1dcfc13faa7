import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricsOf, runScenario } from '../../src/model/registry.js';
import { scenarioHash } from '../../src/scenario/hash.js';
import type { MunicipalityScenario } from '../../src/scenario/schema.js';
import { validateScenarioText } from '../../src/scenario/validate.js';

/**
 * The scenario library (issue 14): every file in scenarios/ (top level) states what system it is,
 * its question and what to look at (`teaching`), names everything in both languages (`label`, as the
 * dashboard shows it), gives its sources (`provenance`: author and year or "assumption" per
 * parameter), computes something no other file computes, and runs: half a year of one replication
 * with every invariant checked after every event (`--check`). Horizons and growth are the horizon
 * test's (tests/model/municipality/horizon.test.ts); behaviour under each file's levers is the
 * pattern tests'.
 */
const FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort()
  .map((f) => `scenarios/${f}`);

function load(file: string): { raw: any; scenario: MunicipalityScenario } {
  const text = readFileSync(file, 'utf8');
  const r = validateScenarioText(text, file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return { raw: JSON.parse(text), scenario: r.scenario as MunicipalityScenario };
}

const bilingual = (b: unknown, what: string) => {
  const x = b as { nb?: unknown; en?: unknown } | undefined;
  expect(typeof x?.nb === 'string' && x.nb.trim() !== '', `${what}: nb`).toBe(true);
  expect(typeof x?.en === 'string' && x.en.trim() !== '', `${what}: en`).toBe(true);
};

/** "Vabø 2019", "Vik & Aarseth 2019", "Florell 2022; Rorgemoen 2020", "assumption", "derived: ...". */
const SOURCE = /^(assumption|derived\b.*|.*[A-ZÆØÅ][\p{L}'-]+.* (19|20)\d{2}[a-z]?\b.*)$/u;

describe('the scenario library: every file in scenarios/', () => {
  it('is more than the four systems of the first release', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(FILES)('%s has a name, a description, a label and teaching notes in both languages', (file) => {
    const { raw, scenario } = load(file);
    expect(raw.description?.length ?? 0, 'description').toBeGreaterThan(100);
    bilingual(raw.label, 'label');
    const m = scenario.municipality;
    const serviceIds = [...m.services.map((s) => s.id), ...(m.design.kind === 'team' ? [m.design.team.id] : [])];
    for (const id of serviceIds) bilingual(raw.label.services?.[id], `label.services.${id}`);
    for (const g of m.userGroups) bilingual(raw.label.userGroups?.[g.id], `label.userGroups.${g.id}`);
    for (const p of m.coordination?.pools ?? []) bilingual(raw.label.pools?.[p.id], `label.pools.${p.id}`);
    const t = scenario.teaching;
    expect(t, 'teaching').not.toBeNull();
    bilingual(t!.narrative, 'teaching.narrative');
    bilingual(t!.predict, 'teaching.predict');
    expect(t!.predict.en, 'teaching.predict asks a question').toMatch(/\?/);
    expect(t!.predict.nb, 'teaching.predict asks a question').toMatch(/\?/);
    expect(t!.notice.length, 'teaching.notice').toBeGreaterThan(0);
    t!.notice.forEach((n, i) => bilingual(n, `teaching.notice[${i}]`));
  });

  it.each(FILES)('%s gives a source or "assumption" for its parameters, citing at least one source', (file) => {
    const { scenario } = load(file);
    const refs = Object.entries(scenario.provenance);
    expect(refs.length, 'provenance entries').toBeGreaterThanOrEqual(10);
    const sources = refs.map(([, r]) => (typeof r === 'string' ? r : r.source));
    const bad = refs.filter(([, r]) => !SOURCE.test(typeof r === 'string' ? r : r.source)).map(([p]) => p);
    expect(bad, 'sources that are neither author and year nor "assumption"').toEqual([]);
    expect(sources.some((s) => s !== 'assumption' && !s.startsWith('derived')), 'a source from the literature').toBe(true);
  });

  it('computes something different in every file (no two files with the same scenario hash)', () => {
    const byHash = new Map<string, string>();
    for (const file of FILES) {
      const h = scenarioHash(load(file).scenario);
      expect(byHash.get(h), `${file} computes the same as ${byHash.get(h)}`).toBeUndefined();
      byHash.set(h, file);
    }
  });

  it.each(FILES)('%s runs half a year with every invariant checked after every event', (file) => {
    const { scenario } = load(file);
    const record = runScenario(scenario, 3, { years: 0.5, warmupDays: 0, check: true });
    const m = metricsOf(record);
    expect(m.usersArrived + (m.usersActiveEnd ?? 0), 'users').toBeGreaterThan(0);
    expect(m.usersServed, 'users served').toBeGreaterThan(0);
    const notFinite = Object.entries(m).filter(([, v]) => typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v));
    expect(notFinite, 'infinite metrics').toEqual([]);
    if (scenario.municipality.coordination !== null) expect(m['coordinators.mean'], 'coordinators').toBeGreaterThan(0);
  });
});
