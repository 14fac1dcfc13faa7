import { describe, expect, it } from 'vitest';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import { runMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import type { MunicipalityRecord } from '../../../src/model/municipality/record.js';
import { pairedDifference } from '../../../src/stats/summary.js';
import { loadScenario, mean } from './helpers.js';

/**
 * No artefacts from the horizon (issue 20, item 5; docs/model.md §5 and §10). In a scenario at
 * steady state after its warm-up, waits and between-chairs rates are the same whether the run
 * lasts Y years or 2Y: same seeds (the same users arrive in the first Y years), paired
 * differences. A quantity that keeps growing (needs that stay unowned until the user leaves, a
 * queue that piles up) makes the longer run's average larger. The test fails when the 95% interval
 * of the relative difference lies wholly outside ±MARGIN (5%): a horizon effect both real and material.
 * Besides the window averages it compares the users between chairs in the run's last year, which
 * a stock that never empties pushes up most. Before model 1.6.0 it failed for the HVR relay's wait
 * (+119%) and the users between chairs at the end of the kommune runs (see the commit message).
 */
const REPS = 5;
const MARGIN = 0.05;

/** Users between chairs on average over the run's last year, from the record's user-level spells. */
function betweenChairsLastYear(r: MunicipalityRecord): number {
  const T = r.horizonDays;
  let days = 0;
  for (let i = 0; i < r.spells.start.length; i++) days += Math.max(0, Math.min(r.spells.end[i], T) - Math.max(r.spells.start[i], T - 365));
  return days / 365;
}

/** Rates that must not depend on the run length; user-days are per observed year. */
const RATES: Array<[string, (m: Record<string, number>, r: MunicipalityRecord) => number]> = [
  ['waitDays.mean', (m) => m['waitDays.mean']],
  ['betweenChairs.per100UserYears', (m) => m['betweenChairs.per100UserYears']],
  ['betweenChairs.userDays per year', (m, r) => (365 * m['betweenChairs.userDays']) / (r.horizonDays - r.warmupDays)],
  ['users between chairs in the last year', (_m, r) => betweenChairsLastYear(r)],
];

/** Each rate of each replication (seeds 1..REPS) at a horizon of `years`. */
function ratesOver(file: string, years: number): number[][] {
  const s = loadScenario(file);
  return Array.from({ length: REPS }, (_, i) => {
    const r = runMunicipality(s, 1 + i, { horizonDays: years * 365 });
    const m = municipalityMetrics(r);
    return RATES.map(([, rate]) => rate(m, r));
  });
}

const CASES: Array<[file: string, years: number]> = [
  ['scenarios/hvr-nord-stafett.json', 9],
  ['scenarios/hvr-sor-team.json', 9],
  ['scenarios/kommune-stafettlop.json', 8],
  ['scenarios/kommune-integrert-team.json', 8],
  ['scenarios/kommune-stafettlop-koordinator.json', 8],
  ['scenarios/kommune-integrert-team-koordinator.json', 8],
  ['scenarios/kommune-pakkeforlop.json', 8],
  ['scenarios/barn-ip-koordinerende-enhet.json', 10],
  ['scenarios/kreftkoordinator.json', 10],
  ['scenarios/rop-kombinert-rolle.json', 10],
  ['scenarios/rop-kombinert-rolle-tak.json', 10],
  ['scenarios/systemkoordinator.json', 10],
  ['scenarios/bti-logg-med-forum.json', 10],
  ['scenarios/rop-senger-dagens.json', 10],
  ['scenarios/rop-senger-kuttet.json', 10],
  // Not here: scenarios/bti-logg-uten-forum.json, where knowledge wears away for twelve years after the
  // forums end (forums.ts): its rates move with the run's length by design, not as an artefact.
];

describe('waits and between-chairs rates do not depend on how long the run is (paired seeds, Y vs 2Y years)', () => {
  it.each(CASES)('%s: %i vs twice as many years', (file, years) => {
    const short = ratesOver(file, years);
    const long = ratesOver(file, 2 * years);
    const moved: string[] = [];
    for (const [k, [name]] of RATES.entries()) {
      const a = short.map((x) => x[k]);
      const b = long.map((x) => x[k]);
      const level = mean(a);
      if (level === 0) continue;
      const d = pairedDifference(b, a);
      const [lo, hi] = [d.ci95[0] / level, d.ci95[1] / level];
      if (lo > MARGIN || hi < -MARGIN) moved.push(`${name}: ${(100 * (d.mean / level)).toFixed(1)}% [${(100 * lo).toFixed(1)}%, ${(100 * hi).toFixed(1)}%]`);
    }
    expect(moved, `${file}: these rates depend on the run length`).toEqual([]);
  });
});
