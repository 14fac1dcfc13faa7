import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/validate.js';
import { differingAssumptions, differingParameters, isAssumption, scenarioDifferences } from '../../web/derive/scenarioDiff.js';

const base = {
  name: 'A',
  label: { nb: 'A', en: 'A' },
  provenance: { '/m/services/0/staff': 'assumption', '/m/channel': { source: 'Vabø 2019', note: 'paper in the relay' } },
  m: {
    channel: 'paper',
    services: [
      { id: 'home', staff: 3, delay: 1 },
      { id: 'gp', staff: 1, delay: 0 },
    ],
    routes: [1, 2, 3],
  },
};
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('scenarioDifferences', () => {
  it('finds nothing between a scenario and itself, and ignores names, labels and provenance', () => {
    const b = clone(base);
    b.name = 'B';
    b.label = { nb: 'B', en: 'B' };
    b.provenance = {} as never;
    expect(scenarioDifferences(base, b)).toEqual([]);
  });

  it('matches list entries by id, so an entry more on one side does not shift the rest', () => {
    const b = clone(base);
    b.m.services = [{ id: 'new', staff: 2, delay: 0 }, { id: 'gp', staff: 1, delay: 0 }, { id: 'home', staff: 4, delay: 1 }];
    const d = scenarioDifferences(base, b);
    expect(d.map((x) => x.path.join('.'))).toEqual(['m.services.home.staff', 'm.services.new']);
    expect(d[0]).toMatchObject({ pointerA: '/m/services/0/staff', pointerB: '/m/services/2/staff', a: 3, b: 4 });
    expect(d[1]).toMatchObject({ pointerA: null, pointerB: '/m/services/0', a: undefined });
  });

  it('says a section only one side has, or a list of another length, once', () => {
    const b = clone(base) as typeof base & { m: { team?: object } };
    b.m.routes = [1];
    b.m.team = { size: 5, meetEvery: 7 };
    expect(scenarioDifferences(base, b).map((x) => x.path.join('.'))).toEqual(['m.routes', 'm.team']);
    // ... and each of its fields as a parameter that differs (the first route is the same on both sides).
    expect(differingParameters(base, b).map((x) => x.path.join('.'))).toEqual(['m.routes.1', 'm.routes.2', 'm.team.size', 'm.team.meetEvery']);
  });
});

describe('differingAssumptions', () => {
  it('lists the differing parameters whose provenance on either side is an assumption, with its note', () => {
    const b = clone(base);
    b.m.services[0].staff = 5; // assumption in A
    b.m.services[0].delay = 2; // no provenance
    b.m.channel = 'message'; // sourced
    const a = differingAssumptions(base, b, base.provenance, { '/m/services/0/staff': { source: 'assumption', note: 'five in the team' } });
    expect(a).toEqual([{ pointerA: '/m/services/0/staff', pointerB: '/m/services/0/staff', path: ['m', 'services', 'home', 'staff'], a: 3, b: 5, note: 'five in the team' }]);
  });

  it('knows an assumption by its source word, with or without a note after it', () => {
    expect(isAssumption('assumption')).toBe(true);
    expect(isAssumption('Assumption (Florell 2022)')).toBe(true);
    expect(isAssumption('Vabø 2019')).toBe(false);
    expect(isAssumption('derived: koordsim warmup')).toBe(false);
  });

  it('on the default pair: the design differs, and at least one assumption drives it', () => {
    const read = (f: string) => parseScenario(JSON.parse(readFileSync(new URL(`../../scenarios/${f}.json`, import.meta.url), 'utf8'))) as unknown as { provenance: Record<string, string> };
    const a = read('kommune-stafettlop-koordinator');
    const b = read('kommune-integrert-team-koordinator');
    const d = scenarioDifferences(a, b);
    expect(d.find((x) => x.path.join('.') === 'municipality.design.kind')).toMatchObject({ a: 'relay', b: 'team' });
    const assumptions = differingAssumptions(a, b, a.provenance, b.provenance);
    expect(assumptions.length).toBeGreaterThan(0);
    for (const x of assumptions) expect(x.a).not.toEqual(x.b);
  });
});
