// One-at-a-time screening of the assumed parameters behind the two headline comparisons (issue 14,
// item 4): does the verdict (which design is better, and whether the interval excludes no difference)
// change anywhere in an assumption's plausible range? Used by scripts/validation.ts.
import { lookup, setCreating } from '../src/scenario/jsonPathEdit.js';
import { readFileSync } from 'node:fs';
import { municipalityMetrics } from '../src/model/municipality/metrics.js';
import { runMunicipality } from '../src/model/municipality/municipalityModel.js';
import type { MunicipalityScenario } from '../src/scenario/schema.js';
import { parseScenario } from '../src/scenario/validate.js';
import { pairedDifference, type PairedDifference } from '../src/stats/summary.js';

/** An assumption and the range the screening tries: its low and high plausible values. */
export interface Assumption {
  /** JSON path from the scenario's root, as keys. */
  path: Array<string | number>;
  low: number;
  high: number;
  /** Why this range. */
  why: string;
  /** Set only in a scenario where the parameter is already a number (e.g. the relay's cap). */
  onlyWhereSet?: boolean;
}

export interface HeadlinePair {
  name: string;
  a: string;
  b: string;
  /** The metric the verdict is about, and whether higher is better. */
  metric: string;
  higherIsBetter: boolean;
  assumptions: Assumption[];
}

export const PAIRS: HeadlinePair[] = [
  {
    name: 'HVR: Nordkommunen relay (A) vs Sørkommunen team (B)',
    a: 'scenarios/hvr-nord-stafett.json',
    b: 'scenarios/hvr-sor-team.json',
    metric: 'usersServed',
    higherIsBetter: true,
    assumptions: [
      { path: ['municipality', 'services', 0, 'annualCap'], onlyWhereSet: true, low: 20, high: 120, why: "the relay purchaser's savings cap of 40 a year is our reading of Vabø's savings process (no figure given)" },
      { path: ['municipality', 'channels', 'paper', 'lostProbability'], low: 0.005, high: 0.1, why: 'no source gives a loss rate per paper referral' },
      { path: ['municipality', 'lostReferralDiscoveryDays', 'withoutRelatives'], low: 14, high: 180, why: 'assumption' },
      { path: ['municipality', 'unownedThresholdDays'], low: 7, high: 60, why: 'the threshold of falling between chairs is a definition, not a finding' },
    ],
  },
  {
    name: 'Kommune: relay with coordinators (A) vs integrated team with coordinators (B)',
    a: 'scenarios/kommune-stafettlop-koordinator.json',
    b: 'scenarios/kommune-integrert-team-koordinator.json',
    metric: 'betweenChairs.events',
    higherIsBetter: false,
    assumptions: [
      { path: ['municipality', 'coordination', 'coordinatingUnit', 'reportProbability'], low: 0.5, high: 1, why: 'assumption: the share of eligible users the services report to the KE' },
      { path: ['municipality', 'coordination', 'coping', 'informBase'], low: 0.6, high: 1, why: 'assumption: no source gives how often families are told of the IP' },
      { path: ['municipality', 'coordination', 'coping', 'loadThreshold'], low: 0.7, high: 1.2, why: 'assumption (source brief for Mathisen 2020 suggests 0.9)' },
      { path: ['municipality', 'coordination', 'turnover', 'hazardPerYear'], low: 0.05, high: 0.4, why: 'assumption' },
      { path: ['municipality', 'relatives', 'reserveHours'], low: 40, high: 600, why: 'assumption' },
      { path: ['municipality', 'unownedThresholdDays'], low: 7, high: 60, why: 'the threshold of falling between chairs is a definition, not a finding' },
    ],
  },
];

export interface ScreenRow {
  assumption: Assumption;
  level: 'low' | 'high';
  value: number;
  /** B - A of the pair's metric, paired over the replications. */
  diff: PairedDifference;
}

export interface ScreenResult {
  pair: HeadlinePair;
  base: PairedDifference;
  rows: ScreenRow[];
  reps: number;
}

/** The scenario file with the assumption set (only where it is already a number, for `onlyWhereSet`: a relay-only cap leaves the team as it is). */
function load(file: string, set?: { path: Array<string | number>; value: number; onlyWhereSet?: boolean }): MunicipalityScenario {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (set) {
    const at = lookup(raw, set.path);
    if (!(set.onlyWhereSet && !(at.found && typeof at.value === 'number'))) setCreating(raw, set.path, set.value);
  }
  return parseScenario(raw, file) as MunicipalityScenario;
}

function pairedOver(a: MunicipalityScenario, b: MunicipalityScenario, metric: string, reps: number): PairedDifference {
  const ya: number[] = [];
  const yb: number[] = [];
  for (let seed = 1; seed <= reps; seed++) {
    ya.push(municipalityMetrics(runMunicipality(a, seed))[metric]);
    yb.push(municipalityMetrics(runMunicipality(b, seed))[metric]);
  }
  return pairedDifference(yb, ya);
}

export function screen(reps = 4, log: (s: string) => void = () => {}): ScreenResult[] {
  return PAIRS.map((pair) => {
    log(`screening ${pair.name}`);
    const base = pairedOver(load(pair.a), load(pair.b), pair.metric, reps);
    const rows: ScreenRow[] = [];
    for (const as of pair.assumptions) {
      for (const level of ['low', 'high'] as const) {
        const value = as[level];
        const set = { path: as.path, value, onlyWhereSet: as.onlyWhereSet };
        rows.push({ assumption: as, level, value, diff: pairedOver(load(pair.a, set), load(pair.b, set), pair.metric, reps) });
      }
    }
    return { pair, base, rows, reps };
  });
}

/** Which design the interval favours: 'B', 'A', or 'none' when it includes 0. */
export function verdict(d: PairedDifference, higherIsBetter: boolean): 'A' | 'B' | 'none' {
  if (d.ci95[0] > 0) return higherIsBetter ? 'B' : 'A';
  if (d.ci95[1] < 0) return higherIsBetter ? 'A' : 'B';
  return 'none';
}
