import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTasks } from '../../src/experiment/pool.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { validateScenarioText } from '../../src/scenario/validate.js';

// A sweep task past its runaway bound fails with the RunawayError as its cause, in process and in
// a worker thread alike, so `koordsim sweep` reports it as bad input (exit 1), not as a bug.
const r = validateScenarioText(readFileSync('scenarios/hvr-sor-team.json', 'utf8'), 'hvr-sor-team.json');
if (!r.ok) throw new Error('invalid');
const scenario: Scenario = r.scenario;

describe('runaway replications in the pool', () => {
  for (const jobs of [1, 2]) {
    it(`stop at their bound with a RunawayError cause (jobs ${jobs})`, async () => {
      const tasks = [0, 1].map((i) => ({ scenario, seed: 1 + i, years: 2, warmupDays: 0, maxEvents: 1000 }));
      const error = await runTasks(tasks, { jobs }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/failed: RunawayError: "Hverdagsrehabilitering: Sørkommunen \(integrated team\)" \(seed \d\) fired \d+ events by day/);
      expect((error?.cause as Error | undefined)?.name).toBe('RunawayError');
      // Within the bound the same tasks run.
      expect(await runTasks(tasks.map((t) => ({ ...t, maxEvents: 1e7 })), { jobs })).toHaveLength(2);
    });
  }
});
