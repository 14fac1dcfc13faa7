import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultJobs, runTasks, type RunTask } from '../../src/experiment/pool.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { parseScenario } from '../../src/scenario/validate.js';

function load(file: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(file, 'utf8')), file);
}

const mmc = load('scenarios/validation/mmc.json');
const hvr = load('scenarios/hvr-nord-stafett.json');

// Two scenarios interleaved, so every worker needs both and their run times differ (dynamic
// scheduling then finishes tasks out of order).
const mixed: RunTask[] = [1, 2, 3].flatMap((seed) => [
  { scenario: mmc, seed, years: 1 },
  { scenario: hvr, seed, years: 2, warmupDays: 365 }, // the scenario discards four years; a short run here
]);

// hvr-nord-stafett warms up for 1,460 days, so a 1-year horizon is a RangeError in runScenario.
const failing: RunTask[] = [
  { scenario: mmc, seed: 10, years: 1 },
  { scenario: mmc, seed: 11, years: 1 },
  { scenario: mmc, seed: 12, years: 1 },
  { scenario: hvr, seed: 13, years: 1 },
  { scenario: mmc, seed: 14, years: 1 },
];
const failure = /task 3 \(seed 13\) failed: RangeError: warm-up \(1460 days\) must be shorter than the horizon \(365 days\)/;

describe('runTasks', () => {
  it('gives exactly the serial metrics in task order when run on 2 workers', async () => {
    const serial = await runTasks(mixed, { jobs: 1 });
    const parallel = await runTasks(mixed, { jobs: 2 });
    expect(serial).toHaveLength(6);
    expect(serial[0]).not.toStrictEqual(serial[2]); // different seeds, different runs
    expect(Object.keys(serial[1]).length).toBeGreaterThan(Object.keys(serial[0]).length); // each in its own place
    // toStrictEqual compares numbers with Object.is (-0, NaN); key order is checked apart.
    expect(parallel).toStrictEqual(serial);
    expect(parallel.map((m) => Object.keys(m))).toStrictEqual(serial.map((m) => Object.keys(m)));
  });

  it('calls onDone once per task with that task’s metrics, serially and in parallel', async () => {
    for (const jobs of [1, 2]) {
      const calls: Array<[number, Record<string, number>]> = [];
      const results = await runTasks(mixed, { jobs, onDone: (index, metrics) => calls.push([index, metrics]) });
      expect(calls.map(([i]) => i).sort((a, b) => a - b)).toStrictEqual([0, 1, 2, 3, 4, 5]);
      for (const [i, metrics] of calls) expect(metrics).toStrictEqual(results[i]);
    }
  });

  it('rejects naming the failed task, its seed and the original error', async () => {
    await expect(runTasks(failing, { jobs: 1 })).rejects.toThrow(failure);
    await expect(runTasks(failing, { jobs: 2 })).rejects.toThrow(failure);
  });

  it('rejects a scenario that cannot cross to a worker, naming the task', async () => {
    const unsendable = { ...mmc, extra: () => 0 } as unknown as Scenario;
    await expect(runTasks([{ scenario: unsendable, seed: 5, years: 1 }], { jobs: 2 })).rejects.toThrow(
      /task 0 \(seed 5\) failed: could not be sent to a worker: DataCloneError/,
    );
  });

  it('returns [] for no tasks and handles more jobs than tasks', async () => {
    expect(await runTasks([], { jobs: 1 })).toStrictEqual([]);
    expect(await runTasks([], { jobs: 4 })).toStrictEqual([]);
    const two = mixed.slice(0, 2);
    expect(await runTasks(two, { jobs: 8 })).toStrictEqual(await runTasks(two, { jobs: 1 }));
  });

  it('rejects a jobs count that is not a positive integer', async () => {
    for (const jobs of [0, -1, 1.5, Number.NaN]) await expect(runTasks(mixed, { jobs })).rejects.toThrow(RangeError);
    expect(Number.isInteger(defaultJobs()) && defaultJobs() >= 1).toBe(true);
  });

  it('loads its worker when tsx is registered in the main thread only (as bin/koordsim.js does), and leaves no worker running', async () => {
    // A fresh process, so nothing of vitest is inherited. It exits by itself only if every worker
    // was terminated, after a successful batch and after a failed one.
    const script = `
      const { register } = await import('tsx/esm/api');
      register();
      const { readFileSync } = await import('node:fs');
      const { runTasks } = await import('./src/experiment/pool.ts');
      const { parseScenario } = await import('./src/scenario/validate.ts');
      const load = (f) => parseScenario(JSON.parse(readFileSync(f, 'utf8')), f);
      const mmc = load('scenarios/validation/mmc.json');
      const hvr = load('scenarios/hvr-nord-stafett.json');
      const metrics = await runTasks([1, 2, 3, 4].map((seed) => ({ scenario: mmc, seed, years: 1 })), { jobs: 2 });
      let error = null;
      try {
        await runTasks([{ scenario: mmc, seed: 1, years: 1 }, { scenario: hvr, seed: 7, years: 1 }], { jobs: 2 });
      } catch (e) {
        error = e.message;
      }
      process.stdout.write(JSON.stringify({ metrics, error }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.error, 'the process did not exit by itself').toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout) as { metrics: Array<Record<string, number>>; error: string | null };
    const serial = await runTasks([1, 2, 3, 4].map((seed) => ({ scenario: mmc, seed, years: 1 })), { jobs: 1 });
    // Through JSON: these mmc metrics are finite numbers, so the round trip is exact.
    expect(out.metrics).toStrictEqual(serial);
    expect(out.error).toMatch(/task 1 \(seed 7\) failed: RangeError: warm-up/);
  });
});
