/**
 * Does a quantity settle, or grow for the whole run? The rise of a quantity from the first to the
 * last third of the observation window, relative to its level over the whole window: about 0 in a
 * steady state, positive while a stock keeps piling up (a queue, users between chairs, users who
 * never leave). A pure function of the record, like every metric; `koordsim run` reads it across
 * replications and says when a quantity grows (src/experiment/growth.ts). docs/model.md §6.
 */
import type { MunicipalityRecord } from './record.js';
import { completeFold, growthWindows, type RecordFold } from './recordFold.js';
import { overlap } from './observationWindow.js';

/** (level in the last third − level in the first third) / level over the window; 0 for a quantity that is 0 throughout. */
export function riseOverWindow(level: (a: number, b: number) => number, W: number, T: number): number {
  const [all, first, last] = growthWindows(W, T).map(([a, b]) => level(a, b));
  return rise(all, first, last);
}

/** The rise from the levels over the whole window, its first third and its last third. */
function rise(all: number, first: number, last: number): number {
  if (all === 0) return 0;
  return (last - first) / all;
}

/** Time-average number of intervals [start, end) open over [a, b]. */
function meanOpen(start: readonly number[], end: readonly number[], a: number, b: number): number {
  let days = 0;
  for (let i = 0; i < start.length; i++) days += overlap(start[i], end[i], a, b);
  return days / (b - a);
}

/**
 * The rise over the window of users present (from the users' rows), users between chairs and the
 * wait for a first service (from the fold of the spells and episodes, recordFold.ts, which sums
 * them row by row over the growth windows).
 */
export function growthMetrics(r: MunicipalityRecord, f: RecordFold = completeFold(r)): Record<string, number> {
  const W = r.warmupDays;
  const T = r.horizonDays;
  const u = r.users;
  const exits = u.exitTime.map((t) => (Number.isNaN(t) ? T : t));
  // The fold's windows, in growthWindows' order: the whole window, the first third, the last third.
  const windows = growthWindows(W, T);
  const spellsOpen = windows.map(([a, b], j) => f.growthSpellDays[j] / (b - a));
  const meanWait = f.growthWait.map(({ sum, k }) => (k > 0 ? sum / k : NaN));
  return {
    'growth.usersPresent': riseOverWindow((a, b) => meanOpen(u.arrival, exits, a, b), W, T),
    'growth.betweenChairsUsers': rise(spellsOpen[0], spellsOpen[1], spellsOpen[2]),
    'growth.waitDays': rise(meanWait[0], meanWait[1], meanWait[2]),
  };
}

export const GROWTH_METRICS = ['growth.usersPresent', 'growth.betweenChairsUsers', 'growth.waitDays'] as const;
