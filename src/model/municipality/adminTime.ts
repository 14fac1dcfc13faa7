/**
 * Administration takes capacity: the hours a service spends on handoffs (writing and reading
 * referrals), on escalations and on double work (a shared log one side does not use) come off its
 * case-work capacity the following week. `directShare` is the share of staff time for case work
 * before this administration. Sources: Helgesen 2019 (double work when only some units use the
 * log); Vabø 2019 (NPM layered on professional bureaucracy gives more paperwork). Taking a week's
 * administration from the next week's capacity is an assumption. docs/model.md §4.5.
 */
import type { Handler } from '../../engine/scheduler.js';
import type { Activity } from './record.js';
import type { Ports, World } from './world.js';

export const ADMIN_WEEK_DAYS = 7;

export interface AdminTime extends Pick<Ports, 'bookAdmin'> {
  onAdminWeek: Handler;
  start(): void;
}

export function adminTime(w: World, p: Ports): AdminTime {
  const { sim, services, T } = w;
  /** Administration booked since the last week, per service. */
  const pending = services.map(() => 0);

  /** Records `hours` of `activity` and takes them from the service's capacity next week. */
  const bookAdmin = (service: number, activity: Activity, hours: number) => {
    if (service < 0 || !(hours > 0)) return;
    p.addLumpHours(service, activity, sim.now, hours);
    pending[service] += hours;
  };

  /** Every 7 days: last week's administration is this week's lost capacity; freed hours admit the queue. */
  const onAdminWeek: Handler = () => {
    for (const s of services) {
      const before = s.capacity;
      s.adminHours = pending[s.index];
      pending[s.index] = 0;
      s.recomputeCapacity();
      if (s.capacity > before) p.tryAdmit(s);
    }
    if (sim.now + ADMIN_WEEK_DAYS <= T) sim.schedule(ADMIN_WEEK_DAYS, w.ev.adminWeek);
  };

  const start = () => {
    if (ADMIN_WEEK_DAYS <= T) sim.schedule(ADMIN_WEEK_DAYS, w.ev.adminWeek);
  };

  return { bookAdmin, onAdminWeek, start };
}
