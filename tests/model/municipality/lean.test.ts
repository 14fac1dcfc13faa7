// A lean run (RunOptions.lean: no event log, users who left release their needs and crisis times)
// must give the same record as a full run, column for column, for every scenario in the library:
// `warmup` and the dashboard's replication workers run lean, and every streamed run is lean too
// (stream.test.ts), so a mechanism that still read a released user would change numbers, and this
// test would say where.
import { describe, expect, it } from 'vitest';
import { startMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import type { MunicipalityRecord } from '../../../src/model/municipality/record.js';
import { runScenario } from '../../../src/model/registry.js';
import { exactly, LIBRARY_FILES, loadLibraryScenario } from './libraryRuns.js';

const FILES = LIBRARY_FILES;
const load = loadLibraryScenario;

/** Every column but the trace, NaN and -0 kept apart from null and 0. */
const columns = (rec: MunicipalityRecord) => exactly({ ...rec, trace: undefined });

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
