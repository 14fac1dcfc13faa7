/**
 * Staff time: hours each service spends by activity (assessment, delivery, handoff, meetings,
 * documentation), counted in working time inside the observation window. docs/model.md §8.
 */
import { ACTIVITIES, type Activity } from './record.js';
import { NS, type Ports, type World } from './world.js';

const ACT = Object.fromEntries(ACTIVITIES.map((a, i) => [a, i])) as Record<Activity, number>;

export function staffTime(w: World): Pick<Ports, 'addHours' | 'addLumpHours'> & { closeAtHorizon(): void } {
  const { rec, calendar, W, T } = w;
  // Weekly hours are worked in working time: an interval counts its working weeks, as capacity does.
  const nominalWeek = calendar.workingHoursPerWeekNominal();
  /** Adds hours/week x [t0, t1] clipped to the observation window. */
  const addHours = (service: number, activity: Activity, t0: number, t1: number, hoursPerWeek: number) => {
    const a = Math.max(t0, W);
    const b = Math.min(t1, T);
    if (b > a && hoursPerWeek > 0) rec.staffHours[service][ACT[activity]] += (hoursPerWeek * calendar.workingHoursBetween(a, b)) / nominalWeek;
  };
  const addLumpHours = (service: number, activity: Activity, t: number, hours: number) => {
    if (service >= 0 && t >= W && t <= T && hours > 0) rec.staffHours[service][ACT[activity]] += hours;
  };
  /** At the horizon: the hours of every need still occupying a service. */
  const closeAtHorizon = () => {
    for (const u of w.users) for (const n of u.needs) if (n.state === NS.Occupying) addHours(n.at, n.occupyActivity, n.occupySince, T, n.occupyHours);
  };
  return { addHours, addLumpHours, closeAtHorizon };
}
