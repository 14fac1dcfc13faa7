/**
 * Working-time calendar for the simulation.
 *
 * Simulated time `t` is a float number of days since the scenario start: day 0 begins at 00:00
 * local time on `startDate`. The calendar is a pure civil (proleptic Gregorian) calendar: no time
 * zones, no DST, every day has exactly 24 hours. All date arithmetic uses integer day numbers
 * (days since 1970-01-01, Hinnant's days-from-civil); JS `Date` is never used.
 *
 * Working time is the half-open interval [workdayStartHour, workdayEndHour) on every working day.
 * A working day is a day whose ISO weekday is in `workdays` and that is not a holiday.
 *
 * Performance: everything the hot-path methods need lives in precomputed typed arrays indexed by
 * day (cumulative working hours at the start of each day, a working-day flag, and the next
 * working day at or after each day). Lookups are O(1); `addWorkingHours` over more than the
 * current day is an exponential + binary search, O(log distance). No method allocates per call.
 *
 * Beyond the horizon: `horizonDays` is only the initial table size. When a time beyond the tables
 * is queried, the tables are rebuilt at (at least) double the size, so long runs never fail. The
 * only hard limit is MAX_CALENDAR_DAYS (about 2,870 years); beyond it, and for negative or
 * non-finite times, methods throw a RangeError.
 *
 * Floating point: hour-of-day values within BOUNDARY_EPS_HOURS (1e-7 h) of the opening/closing
 * hour are treated as exactly at it, consistently in every method, so `d + 15.5 / 24` is "at
 * closing" even though it does not round-trip exactly.
 */

/** Hard cap on the size of the precomputed tables (days). Times beyond it throw a RangeError. */
export const MAX_CALENDAR_DAYS = 1 << 20;

/**
 * Tolerance (in working hours) used by `addWorkingHours` when deciding whether a task ends at a
 * closing time or spills into the next working day, so floating-point noise never pushes a task
 * that exactly fills a day into the next one. 1e-9 h is about 3.6 microseconds.
 */
const SNAP_HOURS = 1e-9;

/**
 * Hour-of-day values within this many hours (1e-7 h = 0.36 ms) of the opening or closing hour
 * are treated as exactly at it. `d + 15.5 / 24` does not round-trip to exactly 15.5 h in floating
 * point; without snapping, "Friday 15:30" could count as inside working time, or "08:00" as
 * before opening. The tolerance stays well above the rounding error even at ~10^6 days.
 */
export const BOUNDARY_EPS_HOURS = 1e-7;

export interface CalendarOptions {
  /** ISO 'YYYY-MM-DD'; day 0 = 00:00 on this date. */
  startDate: string;
  /** Initial size of the precomputed tables (days), > 0. Tables grow automatically beyond it. */
  horizonDays: number;
  /** ISO weekdays 1 = Mon .. 7 = Sun, non-empty, no duplicates. */
  workdays: number[];
  /** Opening hour of a working day, in [0, 24). */
  workdayStartHour: number;
  /** Closing hour of a working day, > workdayStartHour and <= 24. */
  workdayEndHour: number;
  /** ISO dates that are not working days (dates before startDate are ignored). */
  holidays: string[];
  /**
   * Add the Norwegian public holidays (helligdager og høytidsdager): 1 Jan, Maundy Thursday,
   * Good Friday, Easter Sunday, Easter Monday, 1 May, 17 May, Ascension Day, Whit Sunday,
   * Whit Monday, 25 Dec, 26 Dec.
   */
  norwegianPublicHolidays: boolean;
}

// ---------------------------------------------------------------------------------------------
// Civil-date arithmetic (pure functions on integer day numbers).
// ---------------------------------------------------------------------------------------------

/** Days since 1970-01-01 of the proleptic Gregorian date y-m-d (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil: [year, month 1..12, day 1..31]. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** ISO weekday (1 = Mon .. 7 = Sun) of a day number (days since 1970-01-01, a Thursday). */
export function isoWeekdayOfDays(z: number): number {
  return ((((z + 3) % 7) + 7) % 7) + 1;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse a strict ISO 'YYYY-MM-DD' date into a day number; throws Error on bad format or date. */
export function parseIsoDate(date: string, what = 'date'): number {
  if (typeof date !== 'string') throw new Error(`${what} must be an ISO date string 'YYYY-MM-DD', got ${String(date)}`);
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`${what} must have the form 'YYYY-MM-DD', got '${date}'`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1) throw new Error(`${what} '${date}': year must be >= 0001`);
  if (mo < 1 || mo > 12) throw new Error(`${what} '${date}' is not a valid date: month ${mo} is outside 1..12`);
  const dim = daysInMonth(y, mo);
  if (d < 1 || d > dim) throw new Error(`${what} '${date}' is not a valid date: day ${d} is outside 1..${dim}`);
  return daysFromCivil(y, mo, d);
}

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

/** ISO 'YYYY-MM-DD' string of a day number. */
export function formatIsoDate(z: number): string {
  const [y, m, d] = civilFromDays(z);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Day number of Easter Sunday in `year` (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/**
 * Day numbers of the Norwegian public holidays of `year`, in date order, without duplicates
 * (e.g. in 2027 Whit Monday falls on 17 May).
 */
export function norwegianPublicHolidayDays(year: number): number[] {
  const easter = easterSunday(year);
  const days = [
    daysFromCivil(year, 1, 1), // Første nyttårsdag
    easter - 3, // Skjærtorsdag
    easter - 2, // Langfredag
    easter, // Første påskedag
    easter + 1, // Andre påskedag
    daysFromCivil(year, 5, 1), // Offentlig høytidsdag
    daysFromCivil(year, 5, 17), // Grunnlovsdag
    easter + 39, // Kristi himmelfartsdag
    easter + 49, // Første pinsedag
    easter + 50, // Andre pinsedag
    daysFromCivil(year, 12, 25), // Første juledag
    daysFromCivil(year, 12, 26), // Andre juledag
  ].sort((x, y) => x - y);
  return days.filter((x, i) => i === 0 || x !== days[i - 1]);
}

/** ISO dates of the Norwegian public holidays of `year`, in date order. */
export function norwegianPublicHolidays(year: number): string[] {
  return norwegianPublicHolidayDays(year).map(formatIsoDate);
}

/** Options for a calendar where all 24 hours of all 7 days are working time (no holidays). */
export function alwaysOpenOptions(horizonDays = 365, startDate = '2000-01-01'): CalendarOptions {
  return {
    startDate,
    horizonDays,
    workdays: [1, 2, 3, 4, 5, 6, 7],
    workdayStartHour: 0,
    workdayEndHour: 24,
    holidays: [],
    norwegianPublicHolidays: false,
  };
}

// ---------------------------------------------------------------------------------------------
// WorkingCalendar
// ---------------------------------------------------------------------------------------------

function checkTime(t: number, what: string): void {
  if (!(t >= 0) || t === Infinity) throw new RangeError(`${what} must be a finite time >= 0 (days since start), got ${t}`);
}

export class WorkingCalendar {
  /** ISO start date (day 0). */
  readonly startDate: string;
  /** Opening hour of working days. */
  readonly workdayStartHour: number;
  /** Closing hour of working days. */
  readonly workdayEndHour: number;
  /** Working hours on a working day (end - start). */
  readonly hoursPerWorkingDay: number;
  /** Sorted copy of the working ISO weekdays. */
  readonly workdays: readonly number[];

  private readonly startAbs: number;
  private readonly startFrac: number; // workdayStartHour / 24
  private readonly endFrac: number; // workdayEndHour / 24
  private readonly weekdayMask: boolean[]; // index 1..7
  private readonly holidaySet = new Set<number>(); // absolute day numbers
  private readonly norwegian: boolean;
  private norwegianYearsDone = -Infinity; // highest year whose Norwegian holidays are in holidaySet

  private n = 0; // number of days covered by the tables
  private cum: Float64Array = new Float64Array(1); // cum[d] = working hours in [0, d); length n + 1
  private working: Uint8Array = new Uint8Array(0); // 1 if day d is a working day
  private nextWork: Int32Array = new Int32Array(0); // smallest working day >= d, or n if none in tables

  constructor(options: CalendarOptions) {
    if (options === null || typeof options !== 'object') throw new Error('calendar options must be an object');
    const { startDate, horizonDays, workdays, workdayStartHour, workdayEndHour, holidays, norwegianPublicHolidays } = options;

    this.startAbs = parseIsoDate(startDate, 'startDate');
    this.startDate = startDate;

    if (typeof horizonDays !== 'number' || !Number.isFinite(horizonDays) || horizonDays <= 0) {
      throw new Error(`horizonDays must be a finite number > 0, got ${String(horizonDays)}`);
    }
    if (horizonDays > MAX_CALENDAR_DAYS) throw new Error(`horizonDays must be <= ${MAX_CALENDAR_DAYS}, got ${horizonDays}`);

    if (!Array.isArray(workdays) || workdays.length === 0) throw new Error('workdays must be a non-empty array of ISO weekdays 1..7');
    this.weekdayMask = [false, false, false, false, false, false, false, false];
    for (const w of workdays) {
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 7) {
        throw new Error(`workdays must contain ISO weekdays 1 (Mon) .. 7 (Sun), got ${String(w)}`);
      }
      if (this.weekdayMask[w]) throw new Error(`workdays contains weekday ${w} more than once`);
      this.weekdayMask[w] = true;
    }
    this.workdays = [...workdays].sort((a, b) => a - b);

    if (typeof workdayStartHour !== 'number' || !Number.isFinite(workdayStartHour) || workdayStartHour < 0 || workdayStartHour >= 24) {
      throw new Error(`workdayStartHour must be in [0, 24), got ${String(workdayStartHour)}`);
    }
    if (typeof workdayEndHour !== 'number' || !Number.isFinite(workdayEndHour) || workdayEndHour > 24) {
      throw new Error(`workdayEndHour must be a number <= 24, got ${String(workdayEndHour)}`);
    }
    if (workdayEndHour <= workdayStartHour) {
      throw new Error(`workdayEndHour (${workdayEndHour}) must be greater than workdayStartHour (${workdayStartHour})`);
    }
    this.workdayStartHour = workdayStartHour;
    this.workdayEndHour = workdayEndHour;
    this.hoursPerWorkingDay = workdayEndHour - workdayStartHour;
    this.startFrac = workdayStartHour / 24;
    this.endFrac = workdayEndHour / 24;

    if (!Array.isArray(holidays)) throw new Error('holidays must be an array of ISO dates');
    holidays.forEach((h, i) => {
      this.holidaySet.add(parseIsoDate(h, `holidays[${i}]`));
    });

    if (typeof norwegianPublicHolidays !== 'boolean') throw new Error('norwegianPublicHolidays must be a boolean');
    this.norwegian = norwegianPublicHolidays;

    this.build(Math.ceil(horizonDays));
  }

  /** A calendar where every hour of every day is working time (24 h/day, 7 days/week, no holidays). */
  static alwaysOpen(horizonDays = 365, startDate = '2000-01-01'): WorkingCalendar {
    return new WorkingCalendar(alwaysOpenOptions(horizonDays, startDate));
  }

  /** Number of days currently covered by the precomputed tables (grows on demand). */
  get tableDays(): number {
    return this.n;
  }

  // --- table management ------------------------------------------------------------------

  /** (Re)build all tables for days [0, n). Deterministic: the same prefix always gets the same values. */
  private build(n: number): void {
    if (this.norwegian) {
      const lastYear = civilFromDays(this.startAbs + n)[0];
      let y = Math.max(civilFromDays(this.startAbs)[0], this.norwegianYearsDone + 1);
      for (; y <= lastYear; y++) for (const h of norwegianPublicHolidayDays(y)) this.holidaySet.add(h);
      if (lastYear > this.norwegianYearsDone) this.norwegianYearsDone = lastYear;
    }
    const cum = new Float64Array(n + 1);
    const working = new Uint8Array(n);
    const nextWork = new Int32Array(n);
    const perDay = this.hoursPerWorkingDay;
    let acc = 0;
    for (let d = 0; d < n; d++) {
      cum[d] = acc;
      const abs = this.startAbs + d;
      if (this.weekdayMask[isoWeekdayOfDays(abs)] && !this.holidaySet.has(abs)) {
        working[d] = 1;
        acc += perDay;
      }
    }
    cum[n] = acc;
    let next = n;
    for (let d = n - 1; d >= 0; d--) {
      if (working[d]) next = d;
      nextWork[d] = next;
    }
    this.n = n;
    this.cum = cum;
    this.working = working;
    this.nextWork = nextWork;
  }

  /** Make the tables cover day `day` (i.e. n > day), growing by at least doubling. */
  private extendTo(day: number): void {
    if (day < this.n) return;
    if (day >= MAX_CALENDAR_DAYS) {
      throw new RangeError(`time beyond the calendar limit: day ${day} >= MAX_CALENDAR_DAYS (${MAX_CALENDAR_DAYS})`);
    }
    this.build(Math.min(MAX_CALENDAR_DAYS, Math.max(2 * this.n, day + 1)));
  }

  /** Smallest working day >= from (from >= 0, integer). */
  private nextWorkingDay(from: number): number {
    if (from >= this.n) this.extendTo(from);
    while (this.nextWork[from] === this.n) this.extendTo(this.n);
    return this.nextWork[from];
  }

  /** Hour of day of t on day d = floor(t), snapped to the opening/closing hour within BOUNDARY_EPS_HOURS. */
  private hourOfDay(t: number, d: number): number {
    const h = (t - d) * 24;
    const e = this.workdayEndHour;
    if (h > e - BOUNDARY_EPS_HOURS && h < e + BOUNDARY_EPS_HOURS) return e;
    const s = this.workdayStartHour;
    if (h > s - BOUNDARY_EPS_HOURS && h < s + BOUNDARY_EPS_HOURS) return s;
    return h;
  }

  // --- pure calendar ---------------------------------------------------------------------

  /** Day index of an ISO date (may be negative for dates before the start). */
  dayOf(date: string): number {
    return parseIsoDate(date) - this.startAbs;
  }

  /** ISO date of day index `day` (floored; any integer, also negative). */
  dateOf(day: number): string {
    return formatIsoDate(this.startAbs + Math.floor(day));
  }

  /** ISO weekday 1 (Mon) .. 7 (Sun) of day index `day` (floored; any integer). */
  weekday(day: number): number {
    return isoWeekdayOfDays(this.startAbs + Math.floor(day));
  }

  /** True if day index `day` (floored, >= 0) is a working day. */
  isWorkingDay(day: number): boolean {
    checkTime(day, 'day');
    const d = Math.floor(day);
    if (d >= this.n) this.extendTo(d);
    return this.working[d] === 1;
  }

  /** True if the day is a holiday (user-given or Norwegian public holiday), regardless of weekday. */
  isHoliday(day: number): boolean {
    checkTime(day, 'day');
    const d = Math.floor(day);
    if (d >= this.n) this.extendTo(d); // makes sure Norwegian holidays of that year are loaded
    return this.holidaySet.has(this.startAbs + d);
  }

  // --- working time ----------------------------------------------------------------------

  /** True if t lies in working time, i.e. on a working day in [start, end) hours. */
  isWorkingTime(t: number): boolean {
    checkTime(t, 't');
    const d = Math.floor(t);
    if (d >= this.n) this.extendTo(d);
    if (this.working[d] === 0) return false;
    const h = this.hourOfDay(t, d);
    return h >= this.workdayStartHour && h < this.workdayEndHour;
  }

  /** Working hours in [0, t): the cumulative working-time clock. */
  workingHoursAt(t: number): number {
    checkTime(t, 't');
    const d = Math.floor(t);
    if (d >= this.n) this.extendTo(d);
    const base = this.cum[d];
    if (this.working[d] === 0) return base;
    const h = this.hourOfDay(t, d);
    if (h <= this.workdayStartHour) return base;
    if (h >= this.workdayEndHour) return base + this.hoursPerWorkingDay;
    return base + (h - this.workdayStartHour);
  }

  /** Working hours in [t0, t1) (0 if t1 <= t0). */
  workingHoursBetween(t0: number, t1: number): number {
    if (t1 <= t0) {
      checkTime(t0, 't0');
      checkTime(t1, 't1');
      return 0;
    }
    return this.workingHoursAt(t1) - this.workingHoursAt(t0);
  }

  /** t itself if it lies in working time, else the next opening moment. */
  nextWorkingTime(t: number): number {
    checkTime(t, 't');
    const d = Math.floor(t);
    if (d >= this.n) this.extendTo(d);
    if (this.working[d] === 1) {
      const h = this.hourOfDay(t, d);
      if (h < this.workdayStartHour) return d + this.startFrac;
      if (h < this.workdayEndHour) return t;
    }
    return this.nextWorkingDay(d + 1) + this.startFrac;
  }

  /**
   * Earliest t' >= t with workingHoursBetween(t, t') === hours: the end of a task of `hours`
   * working hours started (or queued) at t. Work that would start outside working time starts at
   * the next opening; a task that exactly fills the rest of a day ends at that day's closing time
   * (not at the next opening). hours = 0 returns t unchanged. Floating-point noise below 1e-9
   * working hours is snapped to the closing time.
   */
  addWorkingHours(t: number, hours: number): number {
    checkTime(t, 't');
    if (!(hours >= 0) || hours === Infinity) throw new RangeError(`hours must be a finite number >= 0, got ${hours}`);
    if (hours === 0) return t;
    const d = Math.floor(t);
    if (d >= this.n) this.extendTo(d);

    let rem = hours;
    if (this.working[d] === 1) {
      const h = this.hourOfDay(t, d);
      if (h < this.workdayEndHour) {
        const from = h > this.workdayStartHour ? h : this.workdayStartHour;
        const avail = this.workdayEndHour - from;
        if (hours <= avail + SNAP_HOURS) {
          let r = h > this.workdayStartHour ? t + hours / 24 : d + (this.workdayStartHour + hours) / 24;
          const close = d + this.endFrac;
          if (r > close) r = close;
          return r < t ? t : r;
        }
        rem = hours - avail;
      }
    }

    // rem > SNAP_HOURS working hours remain, to be taken from day d + 1 onwards.
    // Find the day dd >= d + 1 with cum[dd] < target - SNAP <= cum[dd + 1].
    const target = this.cum[d + 1] + rem;
    const need = target - SNAP_HOURS;
    let lo = d + 1; // invariant: cum[lo] < need
    let step = 1;
    let hi = lo + 1;
    for (;;) {
      if (hi > this.n) {
        if (this.cum[this.n] >= need) {
          hi = this.n;
          break;
        }
        if (this.n >= MAX_CALENDAR_DAYS) {
          throw new RangeError(`time beyond the calendar limit: result lies after MAX_CALENDAR_DAYS (${MAX_CALENDAR_DAYS})`);
        }
        this.extendTo(Math.min(hi, MAX_CALENDAR_DAYS - 1));
        continue;
      }
      if (this.cum[hi] >= need) break;
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    const cum = this.cum;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] >= need) hi = mid;
      else lo = mid;
    }
    let offset = target - cum[lo];
    if (offset > this.hoursPerWorkingDay) offset = this.hoursPerWorkingDay;
    return lo + (this.workdayStartHour + offset) / 24;
  }

  /** Nominal working hours in a week without holidays: |workdays| x (end - start). */
  workingHoursPerWeekNominal(): number {
    return this.workdays.length * this.hoursPerWorkingDay;
  }

  /**
   * Staff capacity (person-hours) of `staffFte` full-time equivalents over [t0, t1), counting
   * working hours only:
   *
   *   staffFte x workingHoursBetween(t0, t1) x (hoursPerFteWeek / workingHoursPerWeekNominal()).
   *
   * The scaling maps the calendar's opening hours onto contracted hours: with Mon-Fri 8-15.5
   * (37.5 h/week) and 37.5 h per FTE the factor is 1, so one FTE supplies one person-hour per
   * open hour; with an always-open calendar (168 h/week) one FTE supplies 37.5/168 person-hours
   * per hour. Holidays reduce capacity (they are not compensated).
   */
  capacityHours(staffFte: number, t0: number, t1: number, hoursPerFteWeek = 37.5): number {
    if (!(staffFte >= 0) || staffFte === Infinity) throw new RangeError(`staffFte must be a finite number >= 0, got ${staffFte}`);
    if (!(hoursPerFteWeek > 0) || hoursPerFteWeek === Infinity) {
      throw new RangeError(`hoursPerFteWeek must be a finite number > 0, got ${hoursPerFteWeek}`);
    }
    return (staffFte * this.workingHoursBetween(t0, t1) * hoursPerFteWeek) / this.workingHoursPerWeekNominal();
  }
}
