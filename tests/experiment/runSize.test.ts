import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_LIMITS, describeRunSize, estimateRunSize, formatBytes, formatCount, sizeProblem } from '../../src/experiment/runSize.js';
import { RunawayError, runScenario } from '../../src/model/registry.js';
import type { MunicipalityScenario, Scenario } from '../../src/scenario/schema.js';
import { validateScenarioText } from '../../src/scenario/validate.js';

const load = (f: string): Scenario => {
  const r = validateScenarioText(readFileSync(f, 'utf8'), f);
  if (!r.ok) throw new Error(f);
  return r.scenario;
};
const relay = load('scenarios/kommune-stafettlop.json') as MunicipalityScenario;

describe('run size estimate', () => {
  it('is within a factor of two of the events measured (scripts/calibrate-run-size.ts)', () => {
    for (const f of ['scenarios/kommune-stafettlop.json', 'scenarios/rop-kombinert-rolle.json', 'scenarios/hvr-sor-team.json', 'scenarios/validation/mmc.json']) {
      const s = load(f);
      const measured = runScenario(s, 1, { years: 2, warmupDays: 0 }).eventsProcessed;
      const ratio = estimateRunSize(s, { years: 2, replications: 1 }).eventsPerReplication / measured;
      expect(ratio, f).toBeGreaterThan(0.5);
      expect(ratio, f).toBeLessThan(2);
    }
  });

  it('scales with replications, years and population', () => {
    const one = estimateRunSize(relay, { years: 2, replications: 1 });
    expect(estimateRunSize(relay, { years: 2, replications: 10 }).eventsTotal).toBeCloseTo(10 * one.eventsPerReplication);
    expect(estimateRunSize(relay, { years: 4, replications: 1 }).eventsPerReplication).toBeGreaterThan(1.5 * one.eventsPerReplication);
    const big = structuredClone(relay);
    big.municipality.inhabitants *= 10;
    expect(estimateRunSize(big, { years: 2, replications: 1 }).users).toBeCloseTo(10 * one.users);
  });

  it('refuses the runs of issue 19 and allows the README sweep', () => {
    const incidence = structuredClone(relay);
    incidence.municipality.userGroups[0].incidencePer1000PerYear = 1e6;
    const inhabitants = structuredClone(relay);
    inhabitants.municipality.inhabitants = 10_000_000;
    const crises = structuredClone(relay);
    crises.municipality.userGroups[0].function.crisisRatePerYear = 1e6;
    for (const s of [incidence, inhabitants, crises]) expect(sizeProblem(estimateRunSize(s, { replications: 10 }), 'x.json'), s.name).toMatch(/^x\.json is too large to run: .* add --allow-large/);
    // 25 points x 20 replications of ten years (experiments/koordinatorer-antall-og-andel.json): about 130 s.
    const coordinators = load('scenarios/kommune-stafettlop-koordinator.json');
    const sweep = estimateRunSize(coordinators, { replications: 500 });
    expect(sweep.eventsTotal).toBeLessThan(RUN_LIMITS.eventsTotal);
    expect(sizeProblem(sweep, 'x')).toBeNull();
    expect(describeRunSize(estimateRunSize(relay, { replications: 1 }))).toMatch(/^about 1\d\d thousand events and \d+ MB per replication, 4\.7 thousand users$/);
  });

  it('formats counts and bytes without exponents', () => {
    expect([formatCount(950), formatCount(1500), formatCount(1.04e8), formatCount(3.1e9)]).toEqual(['950', '1.5 thousand', '104 million', '3.1 billion']);
    expect([formatBytes(2e5), formatBytes(7.2e7), formatBytes(3.9e11)]).toEqual(['1 MB', '72 MB', '390 GB']);
  });

  it('stops a runaway replication with RunawayError naming the scenario and the day', () => {
    expect(() => runScenario(relay, 1, { years: 2, warmupDays: 0, maxEvents: 10_000 })).toThrow(RunawayError);
    expect(() => runScenario(relay, 1, { years: 2, warmupDays: 0, maxEvents: 10_000 })).toThrow(/"Kommune 50 000: stafettløp \(relay\)" \(seed 1\) fired \d+ events by day [\d.]+ of 730/);
  });

  it('reports progress through the horizon and gives the same record as a straight run', () => {
    const seen: number[] = [];
    const a = runScenario(relay, 3, { years: 2, warmupDays: 0, onProgress: (f) => seen.push(f), maxEvents: 1e9 });
    const b = runScenario(relay, 3, { years: 2, warmupDays: 0 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(JSON.stringify(a, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v))).toBe(JSON.stringify(b, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v)));
  });
});
