import { describe, expect, it } from 'vitest';
import { CAUSES, CAUSE_INDEX } from '../../../src/model/municipality/causes.js';
import { municipalityMetricNames, municipalityMetrics, spellsByCause } from '../../../src/model/municipality/metrics.js';
import { emptyRecord } from '../../../src/model/municipality/record.js';
import { REASON_INDEX, REASON_OF_CAUSE } from '../../../src/model/municipality/spellReasons.js';
import { TraceLog } from '../../../src/model/municipality/trace.js';

/** Spells by cause on one basis: counted where they start, user-days merged per user and cause, clipped to the window. */
describe('between-chairs metrics on a hand-made record (metrics.ts)', () => {
  const W = 100;
  const T = 200;
  const spells = (rows: Array<[user: number, cause: (typeof CAUSES)[number], start: number, end: number]>) => {
    const s = { user: [] as number[], need: [] as number[], cause: [] as number[], start: [] as number[], end: [] as number[], serviceA: [] as number[], serviceB: [] as number[], keptBy: [] as number[] };
    for (const [u, c, a, z] of rows) {
      s.user.push(u);
      s.need.push(-1);
      s.cause.push(CAUSE_INDEX[c]);
      s.start.push(a);
      s.end.push(z);
      s.serviceA.push(-1);
      s.serviceB.push(-1);
      s.keptBy.push(REASON_INDEX[REASON_OF_CAUSE[c]]);
    }
    return s;
  };

  it('counts spells that start in the window, and merges one user\'s overlapping spells of one cause', () => {
    const s = spells([
      [0, 'droppedBaton', 90, 110], // starts before the window: 10 days in it, not counted
      [0, 'droppedBaton', 105, 120], // overlaps the first: 110-120 adds 10
      [0, 'droppedBaton', 150, 160], // 10 more
      [1, 'droppedBaton', 120, 130], // another user: 10
      [0, 'orphanedCase', 190, 250], // clipped at the horizon: 10
      [2, 'unmetRight', 50, 60], // before the window: nothing
    ]);
    const r = spellsByCause(s, W, T);
    expect(r.count[CAUSE_INDEX.droppedBaton]).toBe(3);
    expect(r.userDays[CAUSE_INDEX.droppedBaton]).toBe(40);
    expect(r.count[CAUSE_INDEX.orphanedCase]).toBe(1);
    expect(r.userDays[CAUSE_INDEX.orphanedCase]).toBe(10);
    expect(r.count[CAUSE_INDEX.unmetRight]).toBe(0);
    expect(r.userDays[CAUSE_INDEX.unmetRight]).toBe(0);
  });

  it('names every cause in the public metrics, and fills them from the record', () => {
    const rec = emptyRecord(1, T, W, ['a'], [10], 10, ['g'], new TraceLog(10));
    rec.unownedSpells = spells([
      [0, 'unmetRight', 120, 140],
      [0, 'droppedBaton', 130, 150],
    ]);
    rec.spells = { user: [0], start: [120], end: [150] };
    const m = municipalityMetrics(rec);
    for (const c of CAUSES) {
      expect(municipalityMetricNames(['a'])).toContain(`betweenChairs.spellsByCause.${c}`);
      expect(municipalityMetricNames(['a'])).toContain(`betweenChairs.userDaysByCause.${c}`);
    }
    expect(m['betweenChairs.spells']).toBe(2);
    expect(m['betweenChairs.userDaysByCause.unmetRight']).toBe(20);
    expect(m['betweenChairs.userDaysByCause.droppedBaton']).toBe(20);
    expect(m['betweenChairs.userDays']).toBe(30); // the user-level stretch: any cause
  });
});
