import { quantileSorted } from '../../stats/summary.js';
import { CAUSES } from './causes.js';
import { GROWTH_METRICS, growthMetrics } from './growth.js';
import { SPELL_ENDINGS, SPELL_REASONS } from './spellReasons.js';
import { coordinationMetricNames, coordinationMetrics } from './coordination/coordinationMetrics.js';
import { ACTIVITIES, EXIT_REASONS, type MunicipalityRecord } from './record.js';

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
  const inWindow = (t: number) => t >= W && t <= T;
  const overlap = (a: number, b: number) => Math.max(0, Math.min(b, T) - Math.max(a, W));
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
    userDays += overlap(u.arrival[i], Number.isNaN(u.exitTime[i]) ? T : u.exitTime[i]);
  }

  const served = new Set<number>();
  const waits: number[] = [];
  let entryF = 0;
  const e = r.episodes;
  for (let i = 0; i < e.user.length; i++) {
    if (!inWindow(e.firstService[i])) continue;
    served.add(e.user[i]);
    waits.push(e.firstService[i] - e.referral[i]);
    entryF += e.entryFunction[i];
  }
  waits.sort((a, b) => a - b);

  const turnedAway = new Set<number>();
  let rejected = 0;
  let capped = 0;
  for (let i = 0; i < r.rejections.time.length; i++) {
    if (!inWindow(r.rejections.time[i])) continue;
    if (r.rejections.cap[i]) capped++;
    else rejected++;
    turnedAway.add(r.rejections.user[i]);
  }

  const bc = r.betweenChairs;
  const byCause = CAUSES.map(() => 0);
  let events = 0;
  for (let i = 0; i < bc.time.length; i++) {
    if (!inWindow(bc.time[i])) continue;
    events++;
    byCause[bc.cause[i]]++;
  }
  let bcDays = 0;
  for (let i = 0; i < r.spells.start.length; i++) bcDays += overlap(r.spells.start[i], r.spells.end[i]);
  const spells = spellsByCause(r.unownedSpells, W, T);

  const h = r.handoffs;
  let handoffs = 0;
  let infoLoss = 0;
  let lost = 0;
  const handedOff = new Set<number>();
  for (let i = 0; i < h.time.length; i++) {
    if (!inWindow(h.time[i])) continue;
    handoffs++;
    handedOff.add(h.user[i]);
    if (h.infoLost[i]) infoLoss++;
    if (h.lost[i]) lost++;
  }

  m.usersArrived = arrived;
  m.usersServed = served.size;
  m.usersTurnedAway = turnedAway.size;
  m.usersCompleted = completed;
  m.usersActiveEnd = active;
  m['waitDays.mean'] = waits.length > 0 ? waits.reduce((a, b) => a + b, 0) / waits.length : NaN;
  m['waitDays.p90'] = waits.length > 0 ? quantileSorted(waits, 0.9) : NaN;
  m['betweenChairs.events'] = events;
  m['betweenChairs.per100UserYears'] = userDays > 0 ? (100 * events) / (userDays / 365) : NaN;
  m['betweenChairs.userDays'] = bcDays;
  CAUSES.forEach((c, i) => (m[`betweenChairs.byCause.${c}`] = byCause[i]));
  m['betweenChairs.spells'] = spells.count.reduce((a, b) => a + b, 0);
  CAUSES.forEach((c, i) => (m[`betweenChairs.spellsByCause.${c}`] = spells.count[i]));
  CAUSES.forEach((c, i) => (m[`betweenChairs.userDaysByCause.${c}`] = spells.userDays[i]));
  const long = longSpellsByReason(r.unownedSpells, W, T);
  SPELL_REASONS.forEach((k, i) => (m[`betweenChairs.longSpellsByReason.${k}`] = long[i]));
  const endings = SPELL_ENDINGS.map(() => 0);
  r.spellEndings.time.forEach((t, i) => {
    if (inWindow(t)) endings[r.spellEndings.kind[i]]++;
  });
  SPELL_ENDINGS.forEach((k, i) => (m[`spellEndings.${k}`] = endings[i]));
  Object.assign(m, growthMetrics(r));
  m.handoffsPerUser = handedOff.size > 0 ? handoffs / handedOff.size : 0;
  m.infoLossEvents = infoLoss;
  m.referralsLost = lost;
  m.rejectedAfterAssessment = rejected;
  m.rejectedByCap = capped;
  m.planAdjustments = r.planAdjustments.time.filter(inWindow).length;
  let crises = 0;
  let adjustedAtCrisis = 0;
  r.crisesInService.time.forEach((t, i) => {
    if (!inWindow(t)) return;
    crises++;
    if (r.crisesInService.adjusted[i]) adjustedAtCrisis++;
  });
  m.planAdjustedShare = crises > 0 ? adjustedAtCrisis / crises : NaN;
  m.relativesExhausted = r.relativesExhausted.time.filter(inWindow).length;
  m.pushedBack = r.pushBacks.time.filter(inWindow).length;
  m['entryFunction.mean'] = waits.length > 0 ? entryF / waits.length : NaN;
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
    Object.assign(m, coordinationMetrics(r.coordination, W, T));
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
        userDays[c] += Math.max(0, Math.min(z, T) - Math.max(a, W));
        a = s.start[r];
      }
      z = Math.max(z, s.end[r]);
    }
    userDays[c] += Math.max(0, Math.min(z, T) - Math.max(a, W));
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
