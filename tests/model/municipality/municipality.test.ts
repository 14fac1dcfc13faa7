import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import { runMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import { EXIT_REASONS } from '../../../src/model/municipality/record.js';
import { parseScenario } from '../../../src/scenario/validate.js';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { mmc } from '../../../src/stats/erlang.js';
import { summarize } from '../../../src/stats/summary.js';
import { col, loadScenario, mean, metricsOver, mmcMunicipality } from './helpers.js';
import { figure } from '../../validation/figure.js';

const NORD = loadScenario('scenarios/hvr-nord-stafett.json');
const SOR = loadScenario('scenarios/hvr-sor-team.json');

describe('municipality model: invariants, determinism, traces', () => {
  it('accounts for every user exactly once and is deterministic for a seed', () => {
    const a = runMunicipality(NORD, 3);
    const b = runMunicipality(NORD, 3);
    const c = runMunicipality(NORD, 4);
    expect(municipalityMetrics(a)).toEqual(municipalityMetrics(b));
    expect(municipalityMetrics(a)).not.toEqual(municipalityMetrics(c));
    const m = municipalityMetrics(a);
    const exits = a.users.exitReason.filter((r) => r >= 0).length;
    expect(exits + m.usersActiveEnd).toBe(a.users.arrival.length);
    expect(a.users.arrival.length).toBeGreaterThan(1000);
  });

  it('gives the relay and the team the same users (common random numbers)', () => {
    const a = runMunicipality(NORD, 9);
    const b = runMunicipality(SOR, 9);
    expect(b.users.arrival).toEqual(a.users.arrival);
    expect(b.users.group).toEqual(a.users.group);
  });

  it("replays any single user's path from the trace, in time order", () => {
    const r = runMunicipality(NORD, 5);
    const served = r.episodes.user[0];
    const path = r.trace.userPath(served);
    expect(path[0].kind).toBe('arrive');
    expect(path.map((e) => e.kind)).toContain('admitted');
    for (let i = 1; i < path.length; i++) expect(path[i].t).toBeGreaterThanOrEqual(path[i - 1].t);
    expect(r.trace.isComplete(served)).toBe(true);
    const lines = r.trace.toJsonLines(r.serviceIds).trim().split('\n');
    expect(lines.length).toBe(r.trace.length);
    expect(JSON.parse(lines[0])).toMatchObject({ user: expect.any(Number), kind: 'arrive' });
  });

  it('keeps the trace bounded and says which users are incomplete', () => {
    const s = structuredClone(NORD);
    s.municipality.trace.maxEntries = 500;
    const r = runMunicipality(s, 5);
    expect(r.trace.length).toBe(500);
    expect(r.trace.dropped).toBeGreaterThan(0);
    const last = r.users.arrival.length - 1;
    expect(r.trace.isComplete(last)).toBe(false);
    // Metrics do not depend on the trace.
    expect(municipalityMetrics(r).usersServed).toBe(municipalityMetrics(runMunicipality(NORD, 5)).usersServed);
  });

  it('conserves users and ends consistent across random valid scenarios (property)', () => {
    // A valid amount: 0, or within the magnitudes a scenario may hold (src/scenario/magnitude.ts rejects subnormals).
    const amount = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max, noNaN: true }));
    const arb = fc.record({
      incidence: fc.double({ min: 1, max: 40, noNaN: true }),
      stock: amount(20),
      fte: amount(3),
      lost: amount(0.5),
      turf: amount(0.9),
      noShow: amount(0.5),
      reopen: amount(1),
      decline: amount(0.5),
      crises: amount(4),
      kind: fc.constantFrom('relay', 'team', 'pathway'),
      grey: fc.boolean(),
      cap: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      maxAge: fc.option(fc.integer({ min: 5, max: 40 }), { nil: null }),
    });
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 1000 }), (p, seed) => {
        const legs = [
          { service: 'a', activity: 'assess', days: 5 },
          { service: 'b', activity: 'deliver' },
        ];
        const design =
          p.kind === 'team'
            ? { kind: 'team', team: { needTypes: ['x'], memberFte: [Math.min(1, p.fte / 2 + 0.1), 0.5], exitTo: 'b' } }
            : { kind: p.kind, routes: [{ needTypes: ['x'], legs }] };
        const s = parseScenario(
          {
            formatVersion: 1,
            name: 'random',
            model: 'municipality',
            horizon: { years: 2, warmupDays: 100 },
            municipality: {
              inhabitants: 5000,
              userGroups: [
                {
                  id: 'g',
                  incidencePer1000PerYear: p.incidence,
                  initialStockPer1000: p.stock,
                  ageYears: { min: 0, max: 30 },
                  function: { declinePerYear: p.decline, crisisRatePerYear: p.crises },
                  needs: [
                    { type: 'x', reopenProbability: p.reopen, reopenAfterDays: 20 },
                    { type: p.grey ? 'grey' : 'y', probability: 0.5 },
                  ],
                  noShowProbability: p.noShow,
                  disengageAfterSetbacks: 2,
                },
              ],
              services: [
                { id: 'a', accepts: ['x', 'y'], staffFte: p.fte, turf: p.turf, annualCap: p.cap, maxAgeYears: p.maxAge, assessmentDays: 3, decisionDelayDays: 2 },
                { id: 'b', accepts: ['x', 'y'], staffFte: 1, eligibleBelowFunction: 0.8 },
              ],
              channels: { paper: { lostProbability: p.lost }, message: { lostProbability: p.lost } },
              design,
            },
          },
          'random',
        ) as MunicipalityScenario;
        const r = runMunicipality(s, seed); // checkInvariants throws inside on any inconsistency
        const active = r.users.exitReason.filter((x) => x === -1).length;
        const byReason = EXIT_REASONS.map((_, i) => r.users.exitReason.filter((x) => x === i).length);
        return active + byReason.reduce((a, b) => a + b, 0) === r.users.arrival.length;
      }),
      { numRuns: 60, seed: 4242 },
    );
  });
});

describe('domain brief §7 pattern 15: with mechanisms off, a service is an M/M/c queue', () => {
  it.each([
    [2, 0.8, 100],
    [4, 0.9, 200],
  ])('c = %i at load %f: Erlang C wait and Little-consistent utilisation', (c, rho, years) => {
    const meanService = 1;
    const lambda = (rho * c) / meanService;
    const s = mmcMunicipality(c, lambda, meanService, years);
    const runs = metricsOver(s, 6, 100);
    const theory = mmc({ lambda, mu: 1 / meanService, c });
    const w = summarize(col(runs, 'waitDays.mean'));
    figure({ pattern: 15, label: `municipal M/M/${c} at load ${rho}: mean wait / Erlang C`, value: w.mean / theory.meanWait, ci95: [w.ci95[0] / theory.meanWait, w.ci95[1] / theory.meanWait] });
    expect((w.ci95[1] - w.ci95[0]) / 2 / theory.meanWait).toBeLessThan(0.06);
    expect(Math.abs(w.mean / theory.meanWait - 1)).toBeLessThan(0.06);
    // Utilisation = hours used / capacity = offered load per server.
    expect(Math.abs(mean(col(runs, `utilisation.s`)) / rho - 1)).toBeLessThan(0.02);
    expect(mean(col(runs, 'betweenChairs.events'))).toBe(0);
  });
});
