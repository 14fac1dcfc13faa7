// Honest uncertainty: the 95 % t-interval over replications covers a known mean about 95 % of
// the time, and common random numbers narrow the interval of a difference, by about as much as
// the estimate printed by `koordsim compare` says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../src/experiment/compare.js';
import { runReplications } from '../../src/experiment/replicate.js';
import { parseScenario } from '../../src/scenario/validate.js';
import type { MunicipalityScenario, QueueScenario } from '../../src/scenario/schema.js';
import { crnNarrowing, pairedDifference, welchDifference } from '../../src/stats/summary.js';

const load = <T>(file: string) => parseScenario(JSON.parse(readFileSync(file, 'utf8')), file) as T;

describe('interval coverage', () => {
  it('the 95 % interval of mean arrivals covers lambda x window in about 95 % of repeated experiments', () => {
    // Arrivals in the observation window are Poisson with mean lambda * (T - W): a known mean.
    const mmc = load<QueueScenario>('scenarios/validation/mmc.json');
    const years = 0.25;
    const truth = mmc.queue.arrivalsPerDay * (years * 365 - mmc.horizon.warmupDays);
    const experiments = 400;
    let covered = 0;
    for (let k = 0; k < experiments; k++) {
      const out = runReplications(mmc, { seed: 1_000 * k + 1, reps: 10, years });
      const [lo, hi] = out.metrics.arrivals.ci95;
      if (lo <= truth && truth <= hi) covered++;
    }
    const share = covered / experiments;
    // Binomial sd at 95 % over 400 experiments is 1.1 points: accept 95 % +- 3.3 points.
    expect(share).toBeGreaterThan(0.917);
    expect(share).toBeLessThan(0.983);
  }, 120_000);
});

describe('common random numbers', () => {
  const relay = load<MunicipalityScenario>('scenarios/hvr-nord-stafett.json');
  // The same relay with a lossier paper channel: the difference is what we want to measure.
  const lossy = parseScenario({ ...relay, municipality: { ...relay.municipality, channels: { ...relay.municipality.channels, paper: { ...relay.municipality.channels.paper, lostProbability: 0.06 } } } }, 'lossy');
  const reps = 16;
  const years = 3;
  const warmupDays = 365; // the scenario discards four years; three years with one discarded suffice here

  it('narrow the interval of B − A against independent seeds, as much as the printed estimate says', () => {
    const crn = compareScenarios(relay, lossy, { seed: 1, reps, years, warmupDays });
    // The same comparison with B on seeds no replication of A uses.
    const aIndep = runReplications(relay, { seed: 1, reps, years, warmupDays });
    const bIndep = runReplications(lossy, { seed: 1_000_001, reps, years, warmupDays });
    // Not the wait since model 1.6.0: the purchaser's queue no longer grows, and the short wait left is
    // noise of the assessments that two channels do not share (paired 4.79 vs independent 4.76 days).
    for (const metric of ['usersServed', 'referralsLost']) {
      const paired = crn.diff[metric].ci95;
      const indep = welchDifference(bIndep.metrics[metric].values, aIndep.metrics[metric].values).ci95;
      const widthPaired = paired[1] - paired[0];
      const widthIndep = indep[1] - indep[0];
      expect(widthPaired, `${metric}: paired ${widthPaired} vs independent ${widthIndep}`).toBeLessThan(widthIndep);
      // The estimate from the CRN runs alone predicts the measured narrowing within sampling error.
      const measured = 1 - widthPaired / widthIndep;
      expect(Math.abs(crn.diff[metric].crnNarrowing - measured), metric).toBeLessThan(0.35);
    }
    // Arrivals are the same users under CRN: the difference is exactly 0 with an interval of width 0.
    expect(crn.diff.usersArrived.ci95).toEqual([0, 0]);
    expect(crn.diff.usersArrived.crnNarrowing).toBe(1);
  }, 120_000);

  it('crnNarrowing is 1 for a constant difference and large for strongly correlated samples', () => {
    const a = [10, 12, 9, 14, 11, 13, 8, 15];
    const shifted = a.map((x) => x + 2);
    expect(crnNarrowing(a, shifted)).toBe(1); // B − A constant: no spread left
    // Small noise on top of A: the paired spread is the noise's, far below A's own.
    const noise = [0.3, -0.3, 0.6, -0.6, 0.15, -0.15, 0.45, -0.45];
    const b = a.map((x, i) => x + 2 + noise[i]);
    expect(crnNarrowing(a, b)).toBeGreaterThan(0.6);
    expect(pairedDifference(b, a).mean).toBeCloseTo(welchDifference(b, a).mean, 12);
  });
});
