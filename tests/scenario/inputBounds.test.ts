import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateJsonText, validateScenarioText } from '../../src/scenario/validate.js';
import { ExperimentSchema, experimentJsonSchema } from '../../src/experiment/experimentSchema.js';
import { runScenario } from '../../src/model/registry.js';

// Two classes of input the fuzz suite (tests/fuzz/) found crashing the CLI with exit 2.
const mmc = () => JSON.parse(readFileSync('scenarios/validation/mmc.json', 'utf8')) as { queue: Record<string, unknown>; description: unknown };

describe('input bounds', () => {
  it('a document nested 100,000 deep is a problem at its path, not a stack overflow', () => {
    const s = mmc();
    s.description = 'DEEP';
    const text = JSON.stringify(s).replace('"DEEP"', `${'['.repeat(100_000)}1${']'.repeat(100_000)}`);
    const r = validateScenarioText(text, 'deep.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: expect.stringMatching(/^\$\.description(\[0\])+$/), expected: 'JSON nested at most 64 levels deep' });
    // Broken as well as deep (a truncated file), and an experiment file.
    expect(validateScenarioText(text.slice(0, 150_000), 'deep.json').ok).toBe(false);
    expect(validateJsonText(ExperimentSchema, experimentJsonSchema(), `{"name": ${'['.repeat(5000)}`, 'e.json').ok).toBe(false);
  });

  it('numbers too small or too large for any municipal quantity are refused at their path', () => {
    for (const v of [5e-324, 1e-300, 1e308, 2e9]) {
      const s = mmc();
      s.queue.arrivalsPerDay = v;
      const r = validateScenarioText(JSON.stringify(s), 'x.json');
      expect(r.ok, String(v)).toBe(false);
      if (!r.ok) expect(r.issues.some((i) => i.path === '$.queue.arrivalsPerDay' && /between 1e-9 and 1000000000/.test(i.expected) && i.found === String(v))).toBe(true);
    }
    const s = mmc();
    s.queue.arrivalsPerDay = 1e-9;
    const r = validateScenarioText(JSON.stringify(s), 'x.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(() => runScenario(r.scenario, 1, { years: 1, warmupDays: 0 })).not.toThrow();
  });
});
