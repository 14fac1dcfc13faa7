import { readFileSync } from 'node:fs';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import { runMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { parseScenario } from '../../../src/scenario/validate.js';
import { pairedDifference, type PairedDifference } from '../../../src/stats/summary.js';

export function loadScenario(file: string): MunicipalityScenario {
  return parseScenario(JSON.parse(readFileSync(file, 'utf8')), file) as MunicipalityScenario;
}

/** Deep copy with edits applied, re-validated so defaults and cross-references still hold. */
export function edit(s: MunicipalityScenario, f: (draft: MunicipalityScenario) => void): MunicipalityScenario {
  const d = structuredClone(s);
  f(d);
  d.provenance = {}; // structural edits would leave pointers dangling; provenance is not under test here
  return parseScenario(d, 'edited') as MunicipalityScenario;
}

export function metricsOver(s: MunicipalityScenario, reps: number, seed = 1, years?: number): Array<Record<string, number>> {
  return Array.from({ length: reps }, (_, r) => municipalityMetrics(runMunicipality(s, seed + r, { horizonDays: years !== undefined ? years * 365 : undefined })));
}

export function col(runs: Array<Record<string, number>>, name: string): number[] {
  return runs.map((m) => m[name]);
}

export function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Paired difference B - A of a metric over replications run with the same seeds. */
export function paired(a: Array<Record<string, number>>, b: Array<Record<string, number>>, name: string): PairedDifference {
  return pairedDifference(col(b, name), col(a, name));
}

/** A textbook M/M/c queue built from the municipality model with every behavioural mechanism off. */
export function mmcMunicipality(c: number, lambdaPerDay: number, meanServiceDays: number, years: number): MunicipalityScenario {
  const zero = { delayDays: 0, infoLossProbability: 0, lostProbability: 0, adminHours: 0 };
  return parseScenario(
    {
      formatVersion: 1,
      name: `municipality as M/M/${c}`,
      model: 'municipality',
      horizon: { years, warmupDays: 200 },
      calendar: { alwaysOpen: true },
      municipality: {
        inhabitants: 100_000,
        userGroups: [
          {
            id: 'g',
            incidencePer1000PerYear: (lambdaPerDay * 365) / 100,
            needs: [{ type: 'n', hoursPerWeek: 1, episodeDays: meanServiceDays, episodeCv: 1 }],
            referral: { belowFunction: 1, meanDelayDays: 0 },
            exits: { deathRatePerYear: 0, moveRatePerYear: 0, recoveredAfterDays: 0 },
            function: { initialMin: 0.5, initialMax: 0.5 },
          },
        ],
        services: [{ id: 's', accepts: ['n'], staffFte: c / 37.5, directShare: 1 }],
        channels: { paper: zero, message: zero, sharedLog: zero },
        design: { kind: 'relay', channel: 'paper' },
      },
    },
    'mmc-municipality',
  ) as MunicipalityScenario;
}
