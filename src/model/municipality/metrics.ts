import { quantileSorted } from '../../stats/summary.js';
import { CAUSES } from './causes.js';
import { GROWTH_METRICS, growthMetrics } from './growth.js';
import { SPELL_ENDINGS, SPELL_REASONS } from './spellReasons.js';
import { coordinationMetricNames, coordinationMetrics } from './coordination/coordinationMetrics.js';
import { ACTIVITIES, EXIT_REASONS, type MunicipalityRecord } from './record.js';
import { completeFold } from './recordFold.js';
import { inWindow as inObservationWindow, overlap } from './observationWindow.js';

/**
 * Metrics of one municipality run: pure functions of its record. Names are public interface and
 * documented in the README with their units. Counts and totals are over the observation window
 * [warmupDays, horizonDays]; `usersActiveEnd` is at the horizon.
 */
export function municipalityMetricNames(serviceIds: readonly string[], withCoordinators = false): string[] {
  return [
    'usersArrived',
    'usersServed',
    'usersTurnedAway',
    'usersCompleted',
    'usersActiveEnd',
    'waitDays.mean',
    'waitDays.p90',
    'betweenChairs.events',
    'betweenChairs.per100UserYears',
    'betweenChairs.userDays',
    ...CAUSES.map((c) => `betweenChairs.byCause.${c}`),
    'betweenChairs.spells',
    ...CAUSES.map((c) => `betweenChairs.spellsByCause.${c}`),
    ...CAUSES.map((c) => `betweenChairs.userDaysByCause.${c}`),
    ...SPELL_REASONS.map((k) => `betweenChairs.longSpellsByReason.${k}`),
    ...SPELL_ENDINGS.map((k) => `spellEndings.${k}`),
    ...GROWTH_METRICS,
    'handoffsPerUser',
    'infoLossEvents',
    'referralsLost',
    'rejectedAfterAssessment',
    'rejectedByCap',
    'planAdjustments',
    'planAdjustedShare',
    'relativesExhausted',
    'pushedBack',
    'entryFunction.mean',
    'functionAtEnd.mean',
    ...ACTIVITIES.map((a) => `staffHours.${a}`),
    'staffHours.total',
    'relativeHours',
    ...serviceIds.map((s) => `utilisation.${s}`),
    ...(withCoordinators ? coordinationMetricNames() : []),
    'eventsProcessed',
  ];
}

export function municipalityMetrics(r: MunicipalityRecord): Record<string, number> {
  const W = r.warmupDays;
  const T = r.horizonDays;
  const inWindow = (t: number) => inObservationWindow(t, W, T);
  const days = (a: number, b: number) => overlap(a, b, W, T);
  const m: Record<string, number> = {};

  const u = r.users;
  let arrived = 0;
  let completed = 0;
  let active = 0;
  let userDays = 0;
  /** Functional level at the horizon, summed over the users still present. */
  let fEnd = 0;
  const recovered = EXIT_REASONS.indexOf('recovered');
  for (let i = 0; i < u.arrival.length; i++) {
    if (!u.initial[i] && inWindow(u.arrival[i])) arrived++;
    if (u.exitReason[i] === -1) {
      active++;
      fEnd += u.functionEnd[i];
    } else if (u.exitReason[i] === recovered && inWindow(u.exitTime[i])) completed++;
    userDays += days(u.arrival[i], Number.isNaN(u.exitTime[i]) ? T : u.exitTime[i]);
  }

  // The append-only tables, as the metrics need them: folded row by row (recordFold.ts), whether
  // the run kept its rows or streamed them.
  const f = completeFold(r);
  const waits = [...f.waits].sort((a, b) => a - b);
  const spells = spellsByCause(r.unownedSpells, W, T);

  m.usersArrived = arrived;
  m.usersServed = f.served.count;
  m.usersTurnedAway = f.turnedAway.count;
  m.usersCompleted = completed;
  m.usersActiveEnd = active;
  m['waitDays.mean'] = waits.length > 0 ? waits.reduce((a, b) => a + b, 0) / waits.length : NaN;
  m['waitDays.p90'] = waits.length > 0 ? quantileSorted(waits, 0.9) : NaN;
  m['betweenChairs.events'] = f.betweenChairs;
  m['betweenChairs.per100UserYears'] = userDays > 0 ? (100 * f.betweenChairs) / (userDays / 365) : NaN;
  m['betweenChairs.userDays'] = f.spellDays;
  CAUSES.forEach((c, i) => (m[`betweenChairs.byCause.${c}`] = f.byCause[i]));
  m['betweenChairs.spells'] = spells.count.reduce((a, b) => a + b, 0);
  CAUSES.forEach((c, i) => (m[`betweenChairs.spellsByCause.${c}`] = spells.count[i]));
  CAUSES.forEach((c, i) => (m[`betweenChairs.userDaysByCause.${c}`] = spells.userDays[i]));
  const long = longSpellsByReason(r.unownedSpells, W, T);
  SPELL_REASONS.forEach((k, i) => (m[`betweenChairs.longSpellsByReason.${k}`] = long[i]));
  SPELL_ENDINGS.forEach((k, i) => (m[`spellEndings.${k}`] = f.endings[i]));
  Object.assign(m, growthMetrics(r, f));
  m.handoffsPerUser = f.handedOff.count > 0 ? f.handoffs / f.handedOff.count : 0;
  m.infoLossEvents = f.infoLoss;
  m.referralsLost = f.referralsLost;
  m.rejectedAfterAssessment = f.rejected;
  m.rejectedByCap = f.capped;
  m.planAdjustments = f.planAdjustments;
  m.planAdjustedShare = f.crises > 0 ? f.adjustedAtCrisis / f.crises : NaN;
  m.relativesExhausted = f.relativesExhausted;
  m.pushedBack = f.pushedBack;
  m['entryFunction.mean'] = waits.length > 0 ? f.entryFunction / waits.length : NaN;
  m['functionAtEnd.mean'] = active > 0 ? fEnd / active : NaN;
  let total = 0;
  ACTIVITIES.forEach((a, ai) => {
    const v = r.staffHours.reduce((s, row) => s + row[ai], 0);
    m[`staffHours.${a}`] = v;
    total += v;
  });
  m['staffHours.total'] = total;
  m.relativeHours = r.relativeHours;
  // Capacity counts working hours only: holidays and weekends are not case-work time.
  const weeks = r.workingWeeksInWindow;
  const caseWork = [ACTIVITIES.indexOf('assessment'), ACTIVITIES.indexOf('delivery')];
  r.serviceIds.forEach((id, s) => {
    const cap = r.serviceCapacityHoursPerWeek[s] * weeks;
    m[`utilisation.${id}`] = cap > 0 ? (r.staffHours[s][caseWork[0]] + r.staffHours[s][caseWork[1]]) / cap : NaN;
  });
  if (r.coordination !== null) {
    // completeFold folds Model II's tables whenever the record has them.
    if (f.coordination === null) throw new Error('municipalityMetrics: the record has coordinators but its fold has none');
    Object.assign(m, coordinationMetrics(r.coordination, W, T, f.coordination));
    m.relativeHours += r.coordination.relativeHours;
  }
  m.eventsProcessed = r.eventsProcessed;
  return m;
}

/**
 * Spells by cause on the one basis of betweenChairs.ts: `count` is the spells of each cause that
 * start in the window [W, T]; `userDays` the days users spent in at least one spell of that cause
 * (each user's spells of the cause merged, then clipped to the window). A user in two causes at
 * once counts in both, so the causes' user-days can add up to more than `betweenChairs.userDays`.
 */
export function spellsByCause(s: MunicipalityRecord['unownedSpells'], W: number, T: number): { count: number[]; userDays: number[] } {
  const count = CAUSES.map(() => 0);
  const userDays = CAUSES.map(() => 0);
  const rows = s.start.map((_, i) => i).sort((a, b) => s.cause[a] - s.cause[b] || s.user[a] - s.user[b] || s.start[a] - s.start[b]);
  let i = 0;
  while (i < rows.length) {
    const c = s.cause[rows[i]];
    const u = s.user[rows[i]];
    // One user's spells of one cause, by start: merge overlapping ones, then clip to the window.
    let a = s.start[rows[i]];
    let z = s.end[rows[i]];
    for (; i < rows.length && s.cause[rows[i]] === c && s.user[rows[i]] === u; i++) {
      const r = rows[i];
      if (s.start[r] >= W && s.start[r] <= T) count[c]++;
      if (s.start[r] > z) {
        userDays[c] += overlap(a, z, W, T);
        a = s.start[r];
      }
      z = Math.max(z, s.end[r]);
    }
    userDays[c] += overlap(a, z, W, T);
  }
  return { count, userDays };
}

/** A spell is long once it has lasted this long (assumption: a year without an owner). */
export const LONG_SPELL_DAYS = 365;

/**
 * Long spells by what kept them open (spellReasons.ts): spells of one cause that reach
 * LONG_SPELL_DAYS inside the window [W, T], counted at that moment, so the count is a rate over
 * the window whatever the horizon does to the spells' ends.
 */
export function longSpellsByReason(s: MunicipalityRecord['unownedSpells'], W: number, T: number): number[] {
  const count = SPELL_REASONS.map(() => 0);
  for (let i = 0; i < s.start.length; i++) {
    const t = s.start[i] + LONG_SPELL_DAYS;
    if (t >= W && t <= T && s.end[i] - s.start[i] > LONG_SPELL_DAYS) count[s.keptBy[i]]++;
  }
  return count;
}
