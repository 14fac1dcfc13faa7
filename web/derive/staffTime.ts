import { ACTIVITIES, COORD_ACTIVITIES, type RunDigest } from '../../src/experiment/digest.js';
import { estimate, windowYears, type Estimate } from './estimate.js';

export interface ActivityHours extends Estimate {
  activity: (typeof ACTIVITIES)[number];
}

export interface CoordinatorActivityHours {
  activity: (typeof COORD_ACTIVITIES)[number];
  /** Hours per year worked on the activity. */
  worked: Estimate;
  /** Hours per year the work asked for, before coping cut it down. */
  asked: Estimate;
}

/**
 * Staff hours per year of observation window by activity, summed over all services; mean over
 * replications with a 95 % interval, in ACTIVITIES order. Empty without digests.
 */
export function staffTimeByActivity(digests: readonly RunDigest[]): ActivityHours[] {
  if (digests.length === 0) return [];
  const A = ACTIVITIES.length;
  return ACTIVITIES.map((activity, a) => {
    const perYear = digests.map((d) => {
      let sum = 0;
      for (let s = 0; s * A < d.staffHours.length; s++) sum += d.staffHours[s * A + a];
      return sum / windowYears(d);
    });
    return { activity, ...estimate(perYear) };
  });
}

/**
 * Coordinator hours per year of observation window by COORD_ACTIVITIES: worked and asked for;
 * mean over the replications that have coordinators, with 95 % intervals. Null when none has.
 */
export function coordinatorTime(digests: readonly RunDigest[]): CoordinatorActivityHours[] | null {
  const coordinated = digests.filter((d) => d.coordination !== null);
  if (coordinated.length === 0) return null;
  return COORD_ACTIVITIES.map((activity, a) => ({
    activity,
    worked: estimate(coordinated.map((d) => d.coordination!.hours[a] / windowYears(d))),
    asked: estimate(coordinated.map((d) => d.coordination!.demandedHours[a] / windowYears(d))),
  }));
}
