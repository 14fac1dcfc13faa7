import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/validate.js';
import type { MunicipalityScenario } from '../../src/scenario/schema.js';
import { scaleScenario, type RawScenario } from '../../scripts/scaleScenario.js';
import { CITY_BASE, CITY_FILE, cityScenarioText } from '../../scripts/write-city-scenario.js';

const baseText = readFileSync(CITY_BASE, 'utf8');
const base = JSON.parse(baseText) as RawScenario;

describe('scaleScenario', () => {
  it('multiplies inhabitants, every staffFte and every pool count, and nothing per inhabitant', () => {
    const s = scaleScenario(base, 4);
    expect(s.municipality.inhabitants).toBe(200_000);
    s.municipality.services.forEach((svc, i) => expect(svc.staffFte).toBeCloseTo(base.municipality.services[i].staffFte * 4, 9));
    s.municipality.coordination!.pools!.forEach((p, i) => expect(p.count).toBe(base.municipality.coordination!.pools![i].count * 4));
    const rest = (x: RawScenario) => JSON.stringify({ ...x, municipality: { ...x.municipality, inhabitants: 0, services: x.municipality.services.map((v) => ({ ...v, staffFte: 0 })), coordination: { ...x.municipality.coordination, pools: x.municipality.coordination!.pools!.map((p) => ({ ...p, count: 0 })) } } });
    expect(rest(s)).toBe(rest(base));
    expect(JSON.parse(baseText)).toEqual(base); // the base is not touched
  });

  it('keeps at least one coordinator in a pool that had any, and rejects a bad factor', () => {
    const small = scaleScenario(base, 0.01);
    for (const p of small.municipality.coordination!.pools!) expect(p.count).toBeGreaterThanOrEqual(1);
    expect(() => scaleScenario(base, 0)).toThrow(/factor/);
    expect(() => scaleScenario(base, Number.NaN)).toThrow(/factor/);
    expect(() => scaleScenario({ ...base, model: 'queue' }, 2)).toThrow(/municipality/);
  });
});

describe('the shipped 700,000-inhabitant city', () => {
  it('is its base ×14 as scripts/write-city-scenario.ts writes it (run `npm run scenario:city` after changing the base)', () => {
    expect(readFileSync(CITY_FILE, 'utf8')).toBe(cityScenarioText(baseText));
  });

  it('validates, has hundreds of coordinators, and sources every scaled number', () => {
    const s = parseScenario(JSON.parse(readFileSync(CITY_FILE, 'utf8')), CITY_FILE) as MunicipalityScenario;
    expect(s.municipality.inhabitants).toBe(700_000);
    const coordinators = s.municipality.coordination!.pools.reduce((n, p) => n + p.count, 0);
    expect(coordinators).toBeGreaterThanOrEqual(300);
    const text = (path: string) => JSON.stringify(s.provenance[path] ?? null);
    s.municipality.services.forEach((_, i) => expect(text(`/municipality/services/${i}/staffFte`), `service ${i}`).toMatch(/×14/));
    s.municipality.coordination!.pools.forEach((_, i) => expect(text(`/municipality/coordination/pools/${i}/count`), `pool ${i}`).toMatch(/×14/));
    expect(text('/municipality/inhabitants')).toMatch(/Oslo/);
  });
});
