// A streamed run (RunOptions.stream) folds the rows of its append-only tables into what the
// metrics need as it goes (recordFold.ts), so its memory stays flat in simulated time. Its metrics
// must be those of a run that keeps every row, bit for bit, for every scenario in the library:
// replications, sweeps and the experiment pool now use it, and the golden files guard its numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startMunicipality } from '../../../src/model/municipality/municipalityModel.js';
import { municipalityMetrics } from '../../../src/model/municipality/metrics.js';
import type { MunicipalityRecord } from '../../../src/model/municipality/record.js';
import { drain, unfoldedRows } from '../../../src/model/municipality/recordFold.js';
import { digestOf } from '../../../src/experiment/digest.js';
import { InvariantError } from '../../../src/model/municipality/invariants.js';
import { metricsOf, runScenario } from '../../../src/model/registry.js';
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

/** Every value, NaN, ±Infinity and -0 kept apart. */
const exactly = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0) || !Number.isFinite(v)) ? `#${Object.is(v, -0) ? '-0' : v}` : v));

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

  it('driven in pieces (the pool and the CLI step in batches of events), with --check, it gives the same metrics', () => {
    const s = load('kommune-stafettlop-koordinator.json');
    const full = runScenario(s, 4, { years: 6 }) as MunicipalityRecord;
    const batched = runScenario(s, 4, { years: 6, stream: true, maxEvents: 1e9 }) as MunicipalityRecord;
    const checked = runScenario(s, 4, { years: 2, warmupDays: 200, stream: true, check: true }) as MunicipalityRecord;
    expect(exactly(metricsOf(batched))).toBe(exactly(metricsOf(full)));
    expect(exactly(metricsOf(checked))).toBe(exactly(metricsOf(runScenario(s, 4, { years: 2, warmupDays: 200 }))));
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
    expect(exactly(later.folded)).toBe(exactly(again));
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
