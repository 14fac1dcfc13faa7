import { describe, expect, it } from 'vitest';
import { growthMetrics, riseOverWindow } from '../../../src/model/municipality/growth.js';
import { emptyRecord } from '../../../src/model/municipality/record.js';
import { TraceLog } from '../../../src/model/municipality/trace.js';

/** The rise of a quantity over the observation window, on hand-made records (growth.ts). */
describe('growth over the window (growth.ts)', () => {
  it('is 0 for a flat level, positive for a rising one, and 0 for a quantity that is 0 throughout', () => {
    expect(riseOverWindow(() => 4, 0, 300)).toBe(0);
    // A level equal to the midpoint of the interval: 50 in [0, 100], 250 in [200, 300], 150 overall.
    expect(riseOverWindow((a, b) => (a + b) / 2, 0, 300)).toBeCloseTo(200 / 150, 12);
    expect(riseOverWindow(() => 0, 0, 300)).toBe(0);
  });

  it('reads users present, users between chairs and waits from the record, over the window only', () => {
    const rec = emptyRecord(1, 400, 100, ['a'], [10], 40, ['g'], new TraceLog(10));
    // Users present: one all along, a second from day 300 on (the last third of [100, 400]).
    rec.users = { arrival: [0, 300], group: [0, 0], exitTime: [NaN, NaN], exitReason: [-1, -1], initial: [true, false], functionEnd: [NaN, NaN] };
    // Between chairs: one user from day 50 (before the window) to the horizon: a flat stock.
    rec.spells = { user: [0], start: [50], end: [400] };
    // Waits of 2 days in the first third, 6 in the last.
    rec.episodes = { user: [0, 0], service: [0, 0], referral: [148, 344], firstService: [150, 350], entryFunction: [0.5, 0.5] };
    const g = growthMetrics(rec);
    expect(g['growth.usersPresent']).toBeCloseTo((2 - 1) / (400 / 300), 12); // 1.333 users on average
    expect(g['growth.betweenChairsUsers']).toBe(0);
    expect(g['growth.waitDays']).toBeCloseTo((6 - 2) / 4, 12);
  });
});
