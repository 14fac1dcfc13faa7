import { WorkingCalendar } from '../engine/calendar.js';
import type { CalendarSpec } from '../scenario/schema.js';

/** Builds the engine's working calendar from a scenario's `calendar` section. */
export function makeCalendar(spec: CalendarSpec, horizonDays: number): WorkingCalendar {
  // Tables grow on demand, so start with at most about 11 years and let long runs extend them.
  const days = Math.min(Math.ceil(horizonDays) + 1, 4096);
  if (spec.alwaysOpen) return WorkingCalendar.alwaysOpen(days, spec.startDate);
  return new WorkingCalendar({
    startDate: spec.startDate,
    horizonDays: days,
    workdays: spec.workdays,
    workdayStartHour: spec.workdayStartHour,
    workdayEndHour: spec.workdayEndHour,
    holidays: spec.holidays,
    norwegianPublicHolidays: spec.norwegianPublicHolidays,
  });
}
