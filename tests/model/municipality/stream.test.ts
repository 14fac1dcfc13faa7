// A streamed run (RunOptions.stream) folds the rows of its append-only tables into what the
// metrics need as it goes (recordFold.ts), so it keeps no rows of handoffs, episodes or
// coordinator-weeks. Its metrics must be those of a run that keeps every row, bit for bit, for every
// scenario in the library: replications, compare, sweeps and the experiment pool now use it, and
// the golden files guard its numbers.
import { describe, expect, it } from 'vitest';
import { startMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import type { MunicipalityRecord } from '../../../src/model/municipality/record.js';
import { drain, unfoldedRows } from '../../../src/model/municipality/recordFold.js';
import { digestOf } from '../../../src/experiment/digest.js';
import { InvariantError } from '../../../src/model/municipality/invariants.js';
import { runReplications } from '../../../src/experiment/replicate.js';
import { metricsOf, runScenario } from '../../../src/model/registry.js';
import { exactly, LIBRARY_FILES, loadLibraryScenario } from './libraryRuns.js';

const FILES = LIBRARY_FILES;
const load = loadLibraryScenario;

/** The tables a streamed run keeps whole (recordFold.ts): they must be the same as a kept run's. */
const kept = (r: MunicipalityRecord) => ({
  users: r.users,
  unownedSpells: r.unownedSpells,
  staffHours: r.staffHours,
  relativeHours: r.relativeHours,
  eventsProcessed: r.eventsProcessed,
  coordination: r.coordination && { ...r.coordination, weeks: undefined, meetings: undefined, refusals: undefined, exits: undefined },
});

const COORD_TABLES = ['weeks', 'meetings', 'refusals', 'exits'] as const;
const TABLES = ['episodes', 'rejections', 'handoffs', 'betweenChairs', 'spells', 'spellEndings', 'planAdjustments', 'pushBacks', 'crisesInService', 'relativesExhausted'] as const;

describe('a streamed run', () => {
  it.each(FILES)('%s: the same metrics as a run that keeps its rows, and no rows (3 years, seed 7)', (file) => {
    const s = load(file);
    const opts = { years: 3, warmupDays: 365 };
    const full = runScenario(s, 7, opts) as MunicipalityRecord;
    const streamed = runScenario(s, 7, { ...opts, stream: true }) as MunicipalityRecord;
    expect(exactly(metricsOf(streamed))).toBe(exactly(metricsOf(full)));
    expect(exactly(kept(streamed))).toBe(exactly(kept(full)));
    expect(unfoldedRows(streamed)).toBe(0);
    expect(streamed.folded!.rows).toBe(unfoldedRows(full));
    expect(full.folded).toBeUndefined();
    expect(streamed.trace.length).toBe(0);
    // Nothing that reads rows may take it for a record that has none.
    expect(() => digestOf(streamed, metricsOf(streamed))).toThrow(/streamed run/);
  });

  it('driven in batches of events (as the pool and the CLI drive it), folding when rows pile up, it gives the same metrics; and under --check', () => {
    const s = load('kommune-stafettlop-koordinator.json');
    const full = runScenario(s, 4, { years: 10 }) as MunicipalityRecord;
    const batched = runScenario(s, 4, { years: 10, stream: true, maxEvents: 1e9 }) as MunicipalityRecord;
    expect(exactly(metricsOf(batched))).toBe(exactly(metricsOf(full)));
    // The same run stepped by hand: the rows waiting to be folded must drop at least once before
    // the end (a fold in the middle of the run, not only the one at the horizon).
    const run = startMunicipality(s, 4, { stream: true });
    let waiting = 0;
    let foldsMidRun = 0;
    while (run.stepEvents(20_000) === 20_000) {
      const now = unfoldedRows(run.world.rec);
      if (now < waiting) foldsMidRun++;
      waiting = now;
    }
    expect(foldsMidRun).toBeGreaterThan(0);
    expect(exactly(metricsOf(run.finish()))).toBe(exactly(metricsOf(full)));
    const checked = runScenario(s, 4, { years: 2, warmupDays: 200, stream: true, check: true }) as MunicipalityRecord;
    expect(exactly(metricsOf(checked))).toBe(exactly(metricsOf(runScenario(s, 4, { years: 2, warmupDays: 200 }))));
  });

  it('advanced to a day off its quarterly grid and then finished, it gives the same metrics; it offers no live snapshot', () => {
    const s = load('kommune-integrert-team-koordinator.json');
    const opts = { horizonDays: 3 * 365, warmupDays: 365 };
    const run = startMunicipality(s, 6, { ...opts, stream: true });
    run.advanceTo(500.5);
    expect(() => run.snapshot()).toThrow(/streamed run/);
    const streamed = run.finish();
    const full = startMunicipality(s, 6, opts).finish();
    expect(exactly(metricsOf(streamed))).toBe(exactly(metricsOf(full)));
  });

  it('reading its metrics, twice, leaves its fold as it was', () => {
    const s = load('barn-ip-koordinerende-enhet.json');
    const streamed = runScenario(s, 8, { years: 3, warmupDays: 365, stream: true }) as MunicipalityRecord;
    const before = structuredClone(streamed.folded);
    const first = metricsOf(streamed);
    expect(metricsOf(streamed)).toStrictEqual(first);
    expect(streamed.folded).toStrictEqual(before);
  });

  it('is what every replication but the --trace one is: that one keeps its rows and its log', () => {
    const s = load('kommune-stafettlop-koordinator.json');
    const records: MunicipalityRecord[] = [];
    runReplications(s, { seed: 3, reps: 2, years: 1, warmupDays: 100, traceReplication: 0, onRecord: (_, r) => records.push(r as MunicipalityRecord) });
    expect(records[0].folded).toBeUndefined();
    expect(records[0].handoffs.time.length).toBeGreaterThan(0);
    expect(records[0].trace.length).toBeGreaterThan(0);
    expect(records[1].folded).toBeDefined();
    expect(unfoldedRows(records[1])).toBe(0);
  });

  it('metrics of a record partly folded and partly kept are those of the whole record', () => {
    const s = load('kommune-integrert-team-koordinator.json');
    const run = startMunicipality(s, 5, { horizonDays: 4 * 365, warmupDays: 365 });
    run.advanceTo(2.5 * 365);
    // The rows so far, folded on their own (what a streamed run would have done at this point).
    const early = structuredClone({ ...run.world.rec, trace: undefined }) as unknown as MunicipalityRecord;
    const lengths = Object.fromEntries(TABLES.map((t) => [t, Object.values(early[t])[0].length]));
    const coordLengths = Object.fromEntries(COORD_TABLES.map((t) => [t, Object.values(early.coordination![t])[0].length]));
    drain(early);
    const whole = run.finish();
    const later = structuredClone({ ...whole, trace: undefined }) as unknown as MunicipalityRecord;
    // The rows after that point, with the early fold: a record partly folded, partly kept.
    for (const t of TABLES) for (const col of Object.values(later[t]) as unknown[][]) col.splice(0, lengths[t]);
    for (const t of COORD_TABLES) for (const col of Object.values(later.coordination![t]) as unknown[][]) col.splice(0, coordLengths[t]);
    expect(unfoldedRows(later)).toBeGreaterThan(1000);
    expect(early.folded!.rows).toBeGreaterThan(1000);
    later.folded = early.folded;
    expect(exactly(municipalityMetrics(later))).toBe(exactly(municipalityMetrics(whole)));
    // Reading a record's metrics does not change its fold.
    const again = structuredClone(later.folded);
    municipalityMetrics(later);
    expect(later.folded).toStrictEqual(again);
  });

  it('checks, as it folds, that time never goes back in a log, across folds too', () => {
    const s = load('kommune-stafettlop-koordinator.json');
    const r = runScenario(s, 2, { years: 2, warmupDays: 100 }) as MunicipalityRecord;
    const last = r.handoffs.time[r.handoffs.time.length - 1];
    drain(r);
    r.handoffs.time.push(last - 1);
    for (const col of ['user', 'from', 'to'] as const) r.handoffs[col].push(0);
    for (const col of ['boundary', 'lost', 'infoLost'] as const) r.handoffs[col].push(false);
    expect(() => drain(r)).toThrow(InvariantError);
    expect(() => drain(r)).toThrow(/time went back in handoffs/);
  });
});
