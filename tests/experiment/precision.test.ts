// Replicate until the interval is narrow enough: stops at the first replication count that meets
// the target (never later, never before the minimum), says so when the maximum comes first, and
// rejects a metric the scenario does not have.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { relativeHalfWidth, runUntilPrecision } from '../../src/experiment/replicate.js';
import type { QueueScenario } from '../../src/scenario/schema.js';
import { parseScenario } from '../../src/scenario/validate.js';

const mmc = parseScenario(JSON.parse(readFileSync('scenarios/validation/mmc.json', 'utf8')), 'mmc') as QueueScenario;

describe('replicate until precision', () => {
  it('stops at the first replication count whose interval meets the target', () => {
    const { output, precision } = runUntilPrecision(mmc, { seed: 3, years: 0.5, metric: 'waitDays.mean', target: 0.08, minReps: 5, maxReps: 500 });
    expect(precision.reached).toBe(true);
    expect(precision.achieved).toBeLessThanOrEqual(0.08);
    expect(output.reps).toBeGreaterThanOrEqual(5);
    const values = output.metrics['waitDays.mean'].values;
    expect(values.length).toBe(output.reps);
    if (output.reps > 5) expect(relativeHalfWidth(values.slice(0, -1))).toBeGreaterThan(0.08);
    expect(output.seeds).toEqual(values.map((_, r) => 3 + r));
  });

  it('reports a target not reached at the maximum, and never runs fewer than the minimum', () => {
    const strict = runUntilPrecision(mmc, { seed: 1, years: 0.25, metric: 'waitDays.mean', target: 0.001, minReps: 3, maxReps: 7 });
    expect(strict.output.reps).toBe(7);
    expect(strict.precision.reached).toBe(false);
    const loose = runUntilPrecision(mmc, { seed: 1, years: 0.25, metric: 'arrivals', target: 0.9, minReps: 6, maxReps: 50 });
    expect(loose.output.reps).toBe(6);
  });

  it('rejects an unknown metric and a target outside (0, 1)', () => {
    expect(() => runUntilPrecision(mmc, { seed: 1, metric: 'betweenChairs.events', target: 0.05 })).toThrow(/no metric "betweenChairs.events"/);
    expect(() => runUntilPrecision(mmc, { seed: 1, metric: 'waitDays.mean', target: 5 })).toThrow(/share in \(0, 1\)/);
  });

  it('the CLI prints the precision reached and rejects bad flags', async () => {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty: false };
    expect(await main(['run', 'scenarios/validation/mmc.json', '--years', '0.5', '--precision', '10%', '--metric', 'waitDays.mean'], io)).toBe(0);
    expect(out).toMatch(/precision: waitDays\.mean 95% half-width \d+\.\d+% of the mean after \d+ replications \(target 10\.00%, reached\)/);
    expect(await main(['run', 'scenarios/validation/mmc.json', '--precision', 'abc'], io)).toBe(1);
    expect(err).toContain('--precision must be a percentage');
    expect(await main(['compare', 'scenarios/validation/mmc.json', 'scenarios/validation/mmc.json', '--precision', '5'], io)).toBe(1);
  });
});
