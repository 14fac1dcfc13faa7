// Model II metrics: pure functions of the coordination record, named as in the README ("Coordinator metrics").
// No model rule here: each metric is a count, share or mean over the observation window.
import { mean, quantileSorted } from '../../../stats/summary.js';
import type { CoordinationFold } from '../recordFold.js';
import { COORD_ACTIVITIES, COPING_POLICIES, IP_STATES, REQUEST_KINDS, type CoordinationRecord } from './coordinationRecord.js';
import { SortedCounts } from '../../../stats/sortedCounts.js';
import { inWindow as inObservationWindow, overlap } from '../observationWindow.js';

/**
 * Model II metrics: pure functions of the coordination record and its fold (`g`: the coordinator
 * weeks, meetings, refusals and exits, recordFold.ts). Names are public interface,
 * documented with units in the README ("Coordinator metrics"). Weekly samples, hours and counts
 * are inside the observation window.
 */
export function coordinationMetricNames(): string[] {
  return [
    'coordinators.mean',
    'caseload.mean',
    'caseload.p90',
    'caseload.max',
    'caseload.aboveCollapseShare',
    'coordinatorLoad.mean',
    'coordinatorUtilisation',
    ...COORD_ACTIVITIES.map((a) => `coordinatorHours.${a}`),
    'coordinatorHours.total',
    ...COORD_ACTIVITIES.map((a) => `coordinatorTimeMet.${a}`),
    'coordinatorTimeMet.urgent',
    'coordinatorHours.overServe',
    ...COPING_POLICIES.map((p) => `coping.${p}`),
    'eligibleUsers',
    'ipOfferedShare',
    ...IP_STATES.map((s) => `ipStatus.${s}`),
    'waitForCoordinatorDays.mean',
    'waitForCoordinatorDays.p90',
    'firstContactDays.mean',
    'assignmentRefusals',
    'assignmentRefusals.overridden',
    'meetings.held',
    'meetings.bilateralShare',
    'meetingDelayDays.fullGroup',
    'meetingDelayDays.bilateral',
    'coordinatorTurnover',
    'orphanedCases',
    'orphanedCaseDays',
    'ties.coordinatorAgency',
    'ties.agencyAgency',
    'ties.agencyAgency.end',
    'strain.mean',
    'strain.p90',
    'coping.fightFlight.fightShare',
    'relativeHours.coordinating',
    'coordinationHours.allSchemes',
    'schemeTransfersPerUser',
  ];
}

export function coordinationMetrics(c: CoordinationRecord, warmupDays: number, horizonDays: number, g: CoordinationFold): Record<string, number> {
  const m: Record<string, number> = {};
  const inWindow = (t: number) => inObservationWindow(t, warmupDays, horizonDays);
  // Coordinator-weeks, meetings, refusals and exits as the record's fold holds them (recordFold.ts).
  const nWeeks = g.weekTimes.size;
  m['coordinators.mean'] = nWeeks > 0 ? g.strains.length / nWeeks : 0;
  const loads = new SortedCounts(g.caseloads);
  m['caseload.mean'] = loads.mean();
  m['caseload.p90'] = loads.n > 0 ? loads.quantile(0.9) : NaN;
  m['caseload.max'] = loads.n > 0 ? loads.at(loads.n - 1) : NaN;
  m['caseload.aboveCollapseShare'] = loads.n > 0 ? loads.countAbove(c.caseloadCollapse) / loads.n : NaN;
  const avail = g.available;
  m['coordinatorLoad.mean'] = avail > 0 ? g.demanded / avail : NaN;
  m.coordinatorUtilisation = avail > 0 ? g.done / avail : NaN;
  let total = 0;
  COORD_ACTIVITIES.forEach((a, i) => {
    m[`coordinatorHours.${a}`] = c.hours[i];
    total += c.hours[i];
  });
  m['coordinatorHours.total'] = total;
  COORD_ACTIVITIES.forEach((a, i) => (m[`coordinatorTimeMet.${a}`] = c.demandedHours[i] > 0 ? c.hours[i] / c.demandedHours[i] : 1));
  m['coordinatorTimeMet.urgent'] = c.urgentHours.demanded > 0 ? c.urgentHours.done / c.urgentHours.demanded : 1;
  m['coordinatorHours.overServe'] = g.overServe;
  COPING_POLICIES.forEach((p, i) => (m[`coping.${p}`] = c.coping[i]));
  m.eligibleUsers = c.eligibleUsers;
  m.ipOfferedShare = c.eligibleUsers > 0 ? c.informedUsers / c.eligibleUsers : NaN;
  const ipTotal = c.ipWeeks.reduce((a, b) => a + b, 0);
  IP_STATES.forEach((s, i) => (m[`ipStatus.${s}`] = ipTotal > 0 ? c.ipWeeks[i] / ipTotal : NaN));

  const rq = c.requests;
  const waits: number[] = [];
  const isNew = REQUEST_KINDS.indexOf('new');
  for (let i = 0; i < rq.user.length; i++) if (rq.kind[i] === isNew && inWindow(rq.assigned[i])) waits.push(rq.assigned[i] - rq.reported[i]);
  waits.sort((a, b) => a - b);
  m['waitForCoordinatorDays.mean'] = mean(waits);
  m['waitForCoordinatorDays.p90'] = waits.length > 0 ? quantileSorted(waits, 0.9) : NaN;
  m['firstContactDays.mean'] = mean(c.firstContactDays);
  m.assignmentRefusals = g.refusals;
  m['assignmentRefusals.overridden'] = g.overridden;

  const held = g.fullGroupDelays.length + g.bilateralDelays.length;
  m['meetings.held'] = held;
  m['meetings.bilateralShare'] = held > 0 ? g.bilateralDelays.length / held : NaN;
  m['meetingDelayDays.fullGroup'] = mean(g.fullGroupDelays);
  m['meetingDelayDays.bilateral'] = mean(g.bilateralDelays);

  m.coordinatorTurnover = g.exits;
  const orphan = REQUEST_KINDS.indexOf('orphaned');
  let orphans = 0;
  let orphanDays = 0;
  for (let i = 0; i < c.orphans.user.length; i++) {
    if (c.orphans.kind[i] !== orphan) continue;
    if (inWindow(c.orphans.start[i])) orphans++;
    orphanDays += overlap(c.orphans.start[i], Number.isNaN(c.orphans.end[i]) ? horizonDays : c.orphans.end[i], warmupDays, horizonDays);
  }
  m.orphanedCases = orphans;
  m.orphanedCaseDays = orphanDays;
  m['ties.coordinatorAgency'] = mean(c.ties.coordinatorAgency.filter((x) => !Number.isNaN(x)));
  m['ties.agencyAgency'] = mean(c.ties.agencyAgency);
  m['ties.agencyAgency.end'] = c.ties.agencyAgency.length > 0 ? c.ties.agencyAgency[c.ties.agencyAgency.length - 1] : NaN;
  const strains = [...g.strains].sort((a, b) => a - b);
  m['strain.mean'] = mean(strains);
  m['strain.p90'] = strains.length > 0 ? quantileSorted(strains, 0.9) : NaN;
  m['coping.fightFlight.fightShare'] = g.fight + g.flight > 0 ? g.fight / (g.fight + g.flight) : NaN;
  m['relativeHours.coordinating'] = c.relativeHours;
  m['coordinationHours.allSchemes'] = c.hours[COORD_ACTIVITIES.indexOf('coordination')] + c.otherSchemeHours;
  const coordinated = new Set<number>();
  for (let i = 0; i < rq.user.length; i++) if (inWindow(rq.assigned[i])) coordinated.add(rq.user[i]);
  m.schemeTransfersPerUser = coordinated.size > 0 ? c.schemeTransfers / coordinated.size : 0;
  return m;
}
