// A lean run (RunOptions.lean: no event log, users who left release their needs and crisis times)
// must give the same record as a full run, column for column, for every scenario in the library:
// it is what every batch run (replications, sweeps, the dashboard's workers) now uses, so a
// mechanism that still read a released user would change numbers, and this test would say where.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import type { MunicipalityRecord } from '../../../src/model/municipality/record.js';
import { runScenario } from '../../../src/model/registry.js';
import type { MunicipalityScenario } from '../../../src/scenario/schema.js';
import { validateScenarioText } from '../../../src/scenario/validate.js';

const FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort();

function load(file: string): MunicipalityScenario {
  const r = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'), file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return r.scenario as MunicipalityScenario;
}

/** Every column but the trace, NaN and -0 kept apart from null and 0. */
const columns = (rec: MunicipalityRecord) =>
  JSON.stringify({ ...rec, trace: undefined }, (_, v) => (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0) || !Number.isFinite(v)) ? `#${Object.is(v, -0) ? '-0' : v}` : v));

describe('a lean run', () => {
  it.each(FILES)('%s: the same record as a full run, bar the event log (3 years, seed 7)', (file) => {
    const s = load(file);
    const opts = { years: 3, warmupDays: 365 };
    const full = runScenario(s, 7, opts) as MunicipalityRecord;
    const lean = runScenario(s, 7, { ...opts, lean: true }) as MunicipalityRecord;
    expect(columns(lean)).toBe(columns(full));
    expect(full.trace.length).toBeGreaterThan(0);
    expect(lean.trace.length).toBe(0);
    expect(lean.trace.isComplete(0)).toBe(false); // a story from a lean run says it is not complete
  });

  it('also with every invariant checked after every event (--check), and it releases the users who left', () => {
    const s = load('kommune-stafettlop-koordinator.json');
    const full = runScenario(s, 3, { years: 1, warmupDays: 100 }) as MunicipalityRecord;
    const checked = runScenario(s, 3, { years: 1, warmupDays: 100, lean: true, check: true }) as MunicipalityRecord;
    expect(columns(checked)).toBe(columns(full));

    const run = startMunicipality(s, 3, { horizonDays: 365 * 3, warmupDays: 365, lean: true });
    const w = run.world;
    run.finish();
    const gone = w.users.filter((u) => u.gone);
    const released = gone.filter((u) => u.needs.length === 0 && u.crises.length === 0);
    expect(gone.length).toBeGreaterThan(100);
    // All but those who left at the very last exit event (released at the next exit, which never came).
    expect(gone.length - released.length).toBeLessThanOrEqual(2);
    expect(w.users.filter((u) => !u.gone).every((u) => u.needs.length > 0)).toBe(true);
    expect(() => gone[0].needs.push(gone[0].needs[0])).toThrow(TypeError);
  });
});
