import { describe, expect, it } from 'vitest';
import { CAUSE_INDEX } from '../../../../src/model/municipality/causes.js';
import { REQUEST_KINDS } from '../../../../src/model/municipality/coordination/coordinationRecord.js';
import { runMunicipality } from '../../../../src/model/municipality/municipalityModel.js';
import { col, mean, metricsOver } from '../helpers.js';
import { coordFixture } from './fixture.js';

/**
 * One definition of falling between chairs for the coordinators' causes too (domain brief §5;
 * docs/model.md §5): a spell opens when the case loses its owner, and it is an event only when it
 * outlasts `unownedThresholdDays`. Checked on the small fixture municipality, end to end.
 */
describe('one threshold for every cause (Model II)', () => {
  const turnover = (reassignmentDelayDays: number) =>
    coordFixture((raw) => {
      raw.municipality.coordination.turnover = { hazardPerYear: 1 };
      raw.municipality.coordination.coordinatingUnit = { assignment: 'continuous', reassignmentDelayDays, refuseBase: 0, councilDuty: true };
      raw.municipality.coordination.pools.forEach((p: any) => (p.count *= 2));
    }, 5);

  it('an orphaned case counts only if no successor takes over within the threshold, so reassignmentDelayDays changes the count', () => {
    const atOnce = metricsOver(turnover(0), 3);
    const late = metricsOver(turnover(60), 3);
    // Cases are orphaned in both, and every one is a spell ...
    expect(mean(col(atOnce, 'orphanedCases'))).toBeGreaterThan(30);
    expect(mean(col(late, 'orphanedCases'))).toBeGreaterThan(30);
    // ... but a case back at the KE at once goes to a free coordinator at once: no event.
    expect(col(atOnce, 'betweenChairs.byCause.orphanedCase')).toEqual([0, 0, 0]);
    // Back after 60 days on average: most outlast the 14 days (exp(-14/60) = 0.79).
    expect(mean(col(late, 'betweenChairs.byCause.orphanedCase'))).toBeGreaterThan(0.6 * mean(col(late, 'orphanedCases')));
  });

  it('an orphaned-case event is exactly an orphan spell that outlasted the threshold, booked at the threshold', () => {
    const rec = runMunicipality(turnover(14), 2);
    const c = rec.coordination!;
    const thr = 14;
    const T = rec.horizonDays;
    const expected: number[] = [];
    c.orphans.user.forEach((_, i) => {
      if (c.orphans.kind[i] !== REQUEST_KINDS.indexOf('orphaned')) return;
      const end = Number.isNaN(c.orphans.end[i]) ? Infinity : c.orphans.end[i];
      const at = c.orphans.start[i] + thr;
      if (end > at && at <= T) expected.push(at);
    });
    const got = rec.betweenChairs.time.filter((_, i) => rec.betweenChairs.cause[i] === CAUSE_INDEX.orphanedCase);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(c.orphans.user.length); // some were taken over in time
    expect(got).toEqual(expected.sort((a, b) => a - b));
  });

  it('unmetRight is not booked the moment a user is found eligible: relatives who ask within the threshold prevent it', () => {
    const unreported = (relativesAskAfterDays: number) =>
      coordFixture((raw) => {
        raw.municipality.userGroups.forEach((g: any) => (g.relativeCoordinates = 1));
        raw.municipality.coordination.coordinatingUnit = { assignment: 'continuous', reportProbability: 0 };
        raw.municipality.coordination.individualPlan = { relativesAskAfterDays };
      });
    const quick = metricsOver(unreported(1), 2);
    const slow = metricsOver(unreported(1000), 2);
    for (const runs of [quick, slow]) expect(mean(col(runs, 'eligibleUsers'))).toBeGreaterThan(50);
    // Relatives ask after a day on average: almost nobody goes 14 days without an offer.
    expect(mean(col(quick, 'betweenChairs.byCause.unmetRight'))).toBeLessThan(0.02 * mean(col(quick, 'eligibleUsers')));
    // Relatives who take years: almost every eligible user in the window is an event.
    expect(mean(col(slow, 'betweenChairs.byCause.unmetRight'))).toBeGreaterThan(0.8 * mean(col(slow, 'eligibleUsers')));
  });
});
