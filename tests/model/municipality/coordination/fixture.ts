import { COPING_POLICIES } from '../../../../src/scenario/coordinationSchema.js';
import type { MunicipalityScenario } from '../../../../src/scenario/schema.js';
import { parseScenario } from '../../../../src/scenario/validate.js';

/**
 * A small municipality with coordinators, built for tests: adults with co-occurring substance use
 * and mental illness (many services, crises, re-opening needs) and children who cross the age-18
 * split. Runs in tens of milliseconds, so stylized-fact tests can afford many replications.
 * `tweak` edits the raw JSON before validation (defaults then fill in).
 */
export function coordFixture(tweak: (raw: any) => void = () => {}, years = 4): MunicipalityScenario {
  const need = (type: string, probability: number, extra: object = {}) => ({ type, probability, hoursPerWeek: 1.5, episodeDays: 60, reopenProbability: 0.3, reopenAfterDays: 60, ...extra });
  const raw: any = {
    formatVersion: 1,
    name: 'coordination test fixture',
    model: 'municipality',
    horizon: { years, warmupDays: 180 },
    municipality: {
      inhabitants: 20_000,
      userGroups: [
        {
          id: 'voksne',
          incidencePer1000PerYear: 2,
          initialStockPer1000: 4,
          ageYears: { min: 25, max: 60 },
          function: { initialMin: 0.3, initialMax: 0.7, declinePerYear: 0.02, crisisRatePerYear: 1, crisisDrop: 0.2 },
          needs: [need('oppfolging', 1), need('bolig', 0.5), need('inntekt', 0.6), need('lege', 0.8), need('dps', 0.4), need('gra-sone', 0.2)],
          referral: { belowFunction: 0.8, meanDelayDays: 14 },
          exits: { deathRatePerYear: 0.02, moveRatePerYear: 0.05, recoveredAfterDays: 120 },
          relativeCoordinates: 0.4,
          noShowProbability: 0.1,
        },
        {
          id: 'barn',
          incidencePer1000PerYear: 0.5,
          initialStockPer1000: 1,
          ageYears: { min: 12, max: 17.5 },
          ageOutAtYears: 20,
          function: { initialMin: 0.3, initialMax: 0.6 },
          needs: [need('skole', 1), need('habilitering', 0.8), need('familie', 0.5)],
          exits: { deathRatePerYear: 0.001, moveRatePerYear: 0.03, recoveredAfterDays: 365 },
          relativeCoordinates: 0.9,
        },
      ],
      services: [
        { id: 'rus-psykisk', accepts: ['oppfolging'], staffFte: 4 },
        { id: 'fastlege', accepts: ['lege'], staffFte: 1.5 },
        { id: 'nav', accepts: ['inntekt'], staffFte: 2, turf: 0.2 },
        { id: 'bolig', accepts: ['bolig'], staffFte: 0.8, turf: 0.3 },
        { id: 'dps', level: 'specialist', accepts: ['dps'], staffFte: 1.5, turf: 0.2 },
        { id: 'skole', accepts: ['skole'], staffFte: 3, maxAgeYears: 18 },
        { id: 'voksenopplaering', accepts: ['skole'], staffFte: 1 },
        { id: 'habilitering', accepts: ['habilitering'], staffFte: 1.5 },
        { id: 'barnevern', accepts: ['familie'], staffFte: 1.2, turf: 0.2 },
      ],
      design: { kind: 'relay', channel: 'paper' },
      coordination: {
        pools: [
          { id: 'rus', homeService: 'rus-psykisk', count: 8, coordinationShare: 0.4, niche: ['voksne'] },
          { id: 'barn', homeService: 'habilitering', count: 3, coordinationShare: 0.2, maxUserAgeYears: 18, niche: ['barn'] },
          { id: 'ke', homeService: null, count: 1, coordinationShare: 1 },
        ],
        coordinatingUnit: { assignment: 'continuous' },
      },
    },
  };
  tweak(raw);
  return parseScenario(raw, 'coordination-fixture') as MunicipalityScenario;
}

/** Sets every coping policy on or off. */
export function allCoping(raw: any, on: boolean): void {
  const c = raw.municipality.coordination;
  c.coping ??= {};
  c.coping.policies = Object.fromEntries(COPING_POLICIES.map((p) => [p, on]));
}
