import { describe, expect, it } from 'vitest';
import {
  MAX_CALENDAR_DAYS,
  WorkingCalendar,
  alwaysOpenOptions,
  civilFromDays,
  daysFromCivil,
  easterSunday,
  formatIsoDate,
  norwegianPublicHolidays,
  type CalendarOptions,
} from '../../src/engine/calendar.js';

/** Time of day `hour` on day index `day`. */
const at = (day: number, hour: number): number => day + hour / 24;

// 2026-01-05 is a Monday, so day 0 = Mon, 4 = Fri, 5 = Sat, 6 = Sun, 7 = Mon.
const base: CalendarOptions = {
  startDate: '2026-01-05',
  horizonDays: 400,
  workdays: [1, 2, 3, 4, 5],
  workdayStartHour: 8,
  workdayEndHour: 15.5,
  holidays: [],
  norwegianPublicHolidays: false,
};
const cal = (over: Partial<CalendarOptions> = {}): WorkingCalendar => new WorkingCalendar({ ...base, ...over });

/** Deterministic pseudo-random sequence in [0, 1) (LCG, Numerical Recipes constants). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}

describe('civil-date helpers', () => {
  it('round-trips days-from-civil and knows the epoch and leap years', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2); // 2000 is a leap year
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1); // 1900 is not
    for (let z = -800_000; z <= 800_000; z += 997) {
      const [y, m, d] = civilFromDays(z);
      expect(daysFromCivil(y, m, d)).toBe(z);
    }
    expect(formatIsoDate(daysFromCivil(2026, 1, 5))).toBe('2026-01-05');
  });

  it('computes Easter Sunday (Meeus/Jones/Butcher)', () => {
    const cases: Array<[number, string]> = [
      [2000, '2000-04-23'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2038, '2038-04-25'],
      [1818, '1818-03-22'],
    ];
    for (const [y, date] of cases) expect(formatIsoDate(easterSunday(y))).toBe(date);
  });

  it('lists the Norwegian public holidays of 2026', () => {
    expect(norwegianPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-02', // Maundy Thursday
      '2026-04-03', // Good Friday
      '2026-04-05', // Easter Sunday
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-14', // Ascension
      '2026-05-17',
      '2026-05-24', // Whit Sunday
      '2026-05-25', // Whit Monday
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('lists the Norwegian public holidays of 2027 (Whit Monday = 17 May, listed once)', () => {
    expect(norwegianPublicHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-25',
      '2027-03-26',
      '2027-03-28',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-16',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
  });
});

describe('WorkingCalendar: dates and weekdays', () => {
  const c = cal();
  it('maps day indices to dates and back', () => {
    expect(c.dateOf(0)).toBe('2026-01-05');
    expect(c.dateOf(0.99)).toBe('2026-01-05');
    expect(c.dateOf(55)).toBe('2026-03-01');
    expect(c.dayOf('2026-03-01')).toBe(55);
    expect(c.dayOf('2025-12-31')).toBe(-5);
    expect(c.dateOf(-5)).toBe('2025-12-31');
    expect(c.dayOf('2028-02-29')).toBe(daysFromCivil(2028, 2, 29) - daysFromCivil(2026, 1, 5));
  });

  it('gives ISO weekdays', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((d) => c.weekday(d))).toEqual([1, 2, 3, 4, 5, 6, 7, 1]);
    expect(c.weekday(c.dayOf('2026-05-17'))).toBe(7); // 17 May 2026 is a Sunday
  });

  it('knows working days', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((d) => c.isWorkingDay(d))).toEqual([true, true, true, true, true, false, false, true]);
    expect(c.isWorkingDay(4.9)).toBe(true); // floored
  });
});

describe('WorkingCalendar: working hours', () => {
  it('a Mon-Fri 8-15.5 week has 37.5 working hours', () => {
    const c = cal();
    expect(c.workingHoursPerWeekNominal()).toBe(37.5);
    expect(c.workingHoursBetween(0, 7)).toBe(37.5);
    expect(c.workingHoursBetween(7, 14)).toBe(37.5);
    expect(c.workingHoursBetween(0, 1)).toBe(7.5);
    expect(c.workingHoursBetween(5, 7)).toBe(0); // weekend
    expect(c.workingHoursBetween(at(0, 10), at(0, 12))).toBeCloseTo(2, 12);
    expect(c.workingHoursBetween(at(0, 6), at(0, 9))).toBeCloseTo(1, 12);
    expect(c.workingHoursBetween(at(0, 15), at(1, 9))).toBeCloseTo(1.5, 12);
    expect(c.workingHoursBetween(at(4, 14), at(7, 9.5))).toBeCloseTo(3, 12);
    expect(c.workingHoursBetween(3, 2)).toBe(0); // empty interval
    expect(c.workingHoursAt(at(1, 12))).toBeCloseTo(7.5 + 4, 12);
  });

  it('a holiday removes 7.5 h', () => {
    const c = cal({ holidays: ['2026-01-07'] }); // Wednesday, day 2
    expect(c.isWorkingDay(2)).toBe(false);
    expect(c.isHoliday(2)).toBe(true);
    expect(c.workingHoursBetween(0, 7)).toBe(30);
    expect(c.workingHoursBetween(7, 14)).toBe(37.5);
  });

  it('holidays before the start date are ignored', () => {
    const c = cal({ holidays: ['2025-12-31'] });
    expect(c.workingHoursBetween(0, 7)).toBe(37.5);
  });

  it('applies Norwegian public holidays (Easter 2026)', () => {
    const c = cal({ norwegianPublicHolidays: true });
    const mon = c.dayOf('2026-03-30'); // Holy Week: Mon-Wed working, Thu+Fri holidays
    expect(c.workingHoursBetween(mon, mon + 7)).toBe(22.5);
    expect(c.workingHoursBetween(mon + 7, mon + 14)).toBe(30); // Easter Monday
    for (const d of ['2026-04-02', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-12-25']) {
      expect(c.isWorkingDay(c.dayOf(d)), d).toBe(false);
    }
    expect(c.isHoliday(c.dayOf('2026-04-05'))).toBe(true); // Easter Sunday
    expect(c.isWorkingDay(c.dayOf('2026-04-01'))).toBe(true);
    expect(c.isWorkingDay(c.dayOf('2026-04-07'))).toBe(true);
    // Whit Monday 2026 is 25 May: week of 25 May has 30 h.
    const whit = c.dayOf('2026-05-25');
    expect(c.workingHoursBetween(whit, whit + 7)).toBe(30);
  });

  it('applies Norwegian public holidays (Easter 2027, lazily beyond the initial horizon)', () => {
    const c = cal({ norwegianPublicHolidays: true, horizonDays: 30 });
    for (const d of ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17']) {
      expect(c.isWorkingDay(c.dayOf(d)), d).toBe(false);
    }
    // 25/26 Dec 2027 fall on a weekend; Monday 27 Dec is an ordinary working day.
    expect(c.weekday(c.dayOf('2027-12-25'))).toBe(6);
    expect(c.isHoliday(c.dayOf('2027-12-26'))).toBe(true);
    expect(c.isWorkingDay(c.dayOf('2027-12-27'))).toBe(true);
    const mon = c.dayOf('2027-03-22');
    expect(c.workingHoursBetween(mon, mon + 7)).toBe(22.5);
  });
});

describe('WorkingCalendar: addWorkingHours', () => {
  const c = cal();

  it('carries over a weekend: Friday 14:00 + 3 h -> Monday 9:30', () => {
    expect(c.addWorkingHours(at(4, 14), 3)).toBeCloseTo(at(7, 9.5), 12);
  });

  it('carries over a holiday (Norwegian Easter 2026)', () => {
    const n = cal({ norwegianPublicHolidays: true });
    const wed = n.dayOf('2026-04-01');
    const r = n.addWorkingHours(at(wed, 14), 3);
    expect(n.dateOf(r)).toBe('2026-04-07');
    expect(r).toBeCloseTo(at(n.dayOf('2026-04-07'), 9.5), 12);
  });

  it('ends at closing time when the task exactly fills the day', () => {
    expect(c.addWorkingHours(at(4, 14), 1.5)).toBeCloseTo(at(4, 15.5), 12);
    expect(c.addWorkingHours(at(0, 8), 7.5)).toBeCloseTo(at(0, 15.5), 12);
    expect(c.addWorkingHours(at(0, 8), 37.5)).toBeCloseTo(at(4, 15.5), 12);
    expect(c.addWorkingHours(at(0, 8), 15)).toBeCloseTo(at(1, 15.5), 12);
    expect(c.addWorkingHours(at(0, 8), 37.5 + 1e-6)).toBeGreaterThan(at(7, 8));
  });

  it('starting exactly at closing time continues at the next opening', () => {
    expect(c.addWorkingHours(at(4, 15.5), 1)).toBeCloseTo(at(7, 9), 12);
    expect(c.addWorkingHours(at(0, 15.5), 1)).toBeCloseTo(at(1, 9), 12);
  });

  it('starts at the next opening when started outside working time', () => {
    expect(c.addWorkingHours(at(0, 6), 1)).toBeCloseTo(at(0, 9), 12);
    expect(c.addWorkingHours(at(5, 12), 2)).toBeCloseTo(at(7, 10), 12); // Saturday
    expect(c.addWorkingHours(at(0, 20), 7.5)).toBeCloseTo(at(1, 15.5), 12);
  });

  it('hours = 0 returns t unchanged, even outside working time', () => {
    expect(c.addWorkingHours(at(5, 12), 0)).toBe(at(5, 12));
    expect(c.addWorkingHours(at(2, 10), 0)).toBe(at(2, 10));
  });

  it('rejects negative or non-finite hours and times', () => {
    expect(() => c.addWorkingHours(1, -1)).toThrow(RangeError);
    expect(() => c.addWorkingHours(1, Number.NaN)).toThrow(RangeError);
    expect(() => c.addWorkingHours(-0.5, 1)).toThrow(RangeError);
    expect(() => c.workingHoursBetween(Number.NaN, 1)).toThrow(RangeError);
    expect(() => c.nextWorkingTime(Infinity)).toThrow(RangeError);
  });
});

describe('WorkingCalendar: nextWorkingTime', () => {
  const c = cal();
  it('returns t inside working time, else the next opening', () => {
    expect(c.nextWorkingTime(at(1, 10))).toBe(at(1, 10));
    expect(c.nextWorkingTime(at(1, 8))).toBe(at(1, 8));
    expect(c.nextWorkingTime(at(1, 6))).toBeCloseTo(at(1, 8), 12);
    expect(c.nextWorkingTime(at(1, 16))).toBeCloseTo(at(2, 8), 12);
    expect(c.nextWorkingTime(at(4, 15.5))).toBeCloseTo(at(7, 8), 12); // Friday closing -> Monday
    expect(c.nextWorkingTime(at(5, 12))).toBeCloseTo(at(7, 8), 12); // Saturday -> Monday
    expect(c.isWorkingTime(at(1, 10))).toBe(true);
    expect(c.isWorkingTime(at(4, 15.5))).toBe(false);
  });

  it('treats times within floating-point noise of opening/closing as exactly at it', () => {
    const fri = at(4, 15.5);
    for (const t of [fri, fri - 1e-13, fri + 1e-13]) {
      expect(c.isWorkingTime(t)).toBe(false);
      expect(c.workingHoursBetween(at(4, 8), t)).toBeCloseTo(7.5, 12);
      expect(c.addWorkingHours(t, 1)).toBeCloseTo(at(7, 9), 12);
    }
    const open = at(7, 8) - 1e-13;
    expect(c.isWorkingTime(open)).toBe(true);
    expect(c.nextWorkingTime(open)).toBe(open);
    expect(c.addWorkingHours(open, 2)).toBeCloseTo(at(7, 10), 12);
  });

  it('skips holidays', () => {
    const n = cal({ norwegianPublicHolidays: true });
    const wed = n.dayOf('2026-04-01');
    expect(n.nextWorkingTime(at(wed, 17))).toBeCloseTo(at(n.dayOf('2026-04-07'), 8), 12);
  });
});

describe('WorkingCalendar: inverse property', () => {
  const calendars: Array<[string, WorkingCalendar]> = [
    ['Mon-Fri 8-15.5', cal()],
    ['Norwegian holidays', cal({ norwegianPublicHolidays: true, holidays: ['2026-07-01', '2026-07-02'] })],
    ['odd hours Tue/Thu/Sat 7.25-15.1', cal({ workdays: [2, 4, 6], workdayStartHour: 7.25, workdayEndHour: 15.1, horizonDays: 20 })],
    ['24/7', WorkingCalendar.alwaysOpen(50)],
    ['until midnight', cal({ workdays: [1, 3, 5, 7], workdayStartHour: 13, workdayEndHour: 24 })],
  ];
  for (const [name, c] of calendars) {
    it(`workingHoursBetween(t, addWorkingHours(t, h)) = h and the result is earliest (${name})`, () => {
      const u = lcg(12345);
      for (let i = 0; i < 3000; i++) {
        let t = u() * 400;
        if (i % 7 === 0) t = Math.floor(t) + c.workdayStartHour / 24; // exactly at opening
        if (i % 11 === 0) t = Math.floor(t) + c.workdayEndHour / 24; // exactly at closing
        let h = u() * 120;
        if (i % 5 === 0) h = Math.round(h / c.hoursPerWorkingDay) * c.hoursPerWorkingDay; // whole days
        if (i % 13 === 0) h = 0;
        const r = c.addWorkingHours(t, h);
        expect(r).toBeGreaterThanOrEqual(t);
        expect(Math.abs(c.workingHoursBetween(t, r) - h)).toBeLessThan(1e-9);
        if (h > 0) {
          // Earliest: a slightly earlier end time does not contain h working hours.
          const delta = 1e-7; // days (8.64 ms)
          expect(c.workingHoursBetween(t, r - delta)).toBeLessThan(h - 1e-7);
          // And the end lies within (or at the end of) working time on a working day.
          const d = Math.floor(r - 1e-12);
          const hourOfDay = (r - d) * 24;
          expect(c.isWorkingDay(d)).toBe(true);
          expect(hourOfDay).toBeGreaterThan(c.workdayStartHour - 1e-9);
          expect(hourOfDay).toBeLessThanOrEqual(c.workdayEndHour + 1e-9);
        } else {
          expect(r).toBe(t);
        }
      }
    });
  }

  it('nextWorkingTime is the earliest time with working hours right after it', () => {
    const c = cal({ norwegianPublicHolidays: true });
    const u = lcg(99);
    for (let i = 0; i < 2000; i++) {
      const t = u() * 300;
      const n = c.nextWorkingTime(t);
      expect(n).toBeGreaterThanOrEqual(t);
      expect(c.workingHoursBetween(t, n)).toBe(0);
      expect(c.isWorkingTime(n)).toBe(true);
      expect(c.addWorkingHours(t, 1e-3)).toBeCloseTo(n + 1e-3 / 24, 9);
    }
  });
});

describe('WorkingCalendar.alwaysOpen', () => {
  const c = WorkingCalendar.alwaysOpen(30);
  it('has 24 working hours every day', () => {
    expect(c.workingHoursPerWeekNominal()).toBe(168);
    expect(c.workingHoursBetween(0, 1)).toBe(24);
    expect(c.workingHoursBetween(0, 7)).toBe(168);
    expect(c.workingHoursBetween(2.25, 3.75)).toBeCloseTo(36, 10);
    expect(c.addWorkingHours(2.25, 36)).toBeCloseTo(3.75, 12);
    expect(c.nextWorkingTime(5.3)).toBe(5.3);
    for (let d = 0; d < 14; d++) expect(c.isWorkingDay(d)).toBe(true);
  });

  it('options factory matches', () => {
    expect(alwaysOpenOptions(10)).toMatchObject({ workdays: [1, 2, 3, 4, 5, 6, 7], workdayStartHour: 0, workdayEndHour: 24 });
  });
});

describe('WorkingCalendar.capacityHours', () => {
  it('scales FTE by working hours and the contracted week', () => {
    const c = cal();
    expect(c.capacityHours(2, 0, 7)).toBeCloseTo(75, 12); // 2 FTE x 37.5 h
    expect(c.capacityHours(1, 0, 1)).toBeCloseTo(7.5, 12);
    expect(c.capacityHours(1, 5, 7)).toBe(0); // weekend
    expect(c.capacityHours(1, 0, 7, 30)).toBeCloseTo(30, 12); // 80 % contract
    expect(cal({ holidays: ['2026-01-07'] }).capacityHours(2, 0, 7)).toBeCloseTo(60, 12);
  });

  it('on a 24/7 calendar one FTE supplies 37.5 h per week', () => {
    const c = WorkingCalendar.alwaysOpen(30);
    expect(c.capacityHours(1, 0, 7)).toBeCloseTo(37.5, 12);
    expect(c.capacityHours(1, 0, 1)).toBeCloseTo(37.5 / 7, 12);
  });

  it('rejects bad arguments', () => {
    const c = cal();
    expect(() => c.capacityHours(-1, 0, 7)).toThrow(RangeError);
    expect(() => c.capacityHours(1, 0, 7, 0)).toThrow(RangeError);
  });
});

describe('WorkingCalendar: validation', () => {
  const bad: Array<[string, Partial<CalendarOptions>, RegExp]> = [
    ['malformed start date', { startDate: '2026-1-5' }, /startDate.*YYYY-MM-DD/],
    ['invalid start date', { startDate: '2026-02-30' }, /startDate '2026-02-30' is not a valid date/],
    ['month 13', { startDate: '2026-13-01' }, /month 13/],
    ['non-leap 29 Feb', { startDate: '2027-02-29' }, /not a valid date/],
    ['zero horizon', { horizonDays: 0 }, /horizonDays/],
    ['NaN horizon', { horizonDays: Number.NaN }, /horizonDays/],
    ['empty workdays', { workdays: [] }, /workdays must be a non-empty/],
    ['workday 0', { workdays: [0, 1] }, /ISO weekdays 1 \(Mon\) \.\. 7 \(Sun\)/],
    ['workday 8', { workdays: [1, 8] }, /ISO weekdays/],
    ['fractional workday', { workdays: [1.5] }, /ISO weekdays/],
    ['duplicate workday', { workdays: [1, 1] }, /more than once/],
    ['end == start', { workdayStartHour: 8, workdayEndHour: 8 }, /must be greater than workdayStartHour/],
    ['end < start', { workdayStartHour: 16, workdayEndHour: 8 }, /must be greater than workdayStartHour/],
    ['end > 24', { workdayEndHour: 25 }, /workdayEndHour must be a number <= 24/],
    ['start < 0', { workdayStartHour: -1 }, /workdayStartHour/],
    ['malformed holiday', { holidays: ['2026-01-07', '7.1.2026'] }, /holidays\[1\].*YYYY-MM-DD/],
    ['invalid holiday', { holidays: ['2026-04-31'] }, /holidays\[0\] '2026-04-31' is not a valid date/],
  ];
  for (const [name, over, msg] of bad) {
    it(`throws on ${name}`, () => {
      expect(() => cal(over)).toThrow(Error);
      expect(() => cal(over)).toThrow(msg);
    });
  }

  it('throws on non-array holidays and non-boolean flag', () => {
    expect(() => new WorkingCalendar({ ...base, holidays: '2026-01-07' as unknown as string[] })).toThrow(/holidays must be an array/);
    expect(() => new WorkingCalendar({ ...base, norwegianPublicHolidays: 'yes' as unknown as boolean })).toThrow(/boolean/);
  });

  it('dayOf rejects bad dates', () => {
    expect(() => cal().dayOf('2026-02-30')).toThrow(/not a valid date/);
  });
});

describe('WorkingCalendar: beyond the horizon', () => {
  it('extends its tables on demand and gives the same answers as a large table', () => {
    const small = cal({ horizonDays: 10, norwegianPublicHolidays: true });
    const large = cal({ horizonDays: 3000, norwegianPublicHolidays: true });
    expect(small.tableDays).toBe(10);
    const u = lcg(7);
    for (let i = 0; i < 500; i++) {
      const t = u() * 2500;
      const h = u() * 200;
      expect(small.addWorkingHours(t, h)).toBe(large.addWorkingHours(t, h));
      expect(small.workingHoursAt(t)).toBe(large.workingHoursAt(t));
      expect(small.nextWorkingTime(t)).toBe(large.nextWorkingTime(t));
    }
    expect(small.tableDays).toBeGreaterThan(2500);
  });

  it('answers far beyond the initial horizon (100 weeks with a 10-day table)', () => {
    const c = cal({ horizonDays: 10 });
    expect(c.workingHoursBetween(0, 700)).toBe(3750);
    expect(c.addWorkingHours(at(0, 8), 3750)).toBeCloseTo(at(697, 15.5), 9);
    expect(c.isWorkingDay(697)).toBe(true); // Friday of week 100
    expect(c.isWorkingDay(699)).toBe(false); // Sunday
    expect(c.tableDays).toBeGreaterThanOrEqual(700);
  });

  it('addWorkingHours searches past the end of the table', () => {
    const c = cal({ horizonDays: 1 });
    expect(c.addWorkingHours(0, 7.5 * 5 * 52)).toBeCloseTo(at(7 * 51 + 4, 15.5), 9);
  });

  it('keeps the inverse property about a century out', () => {
    const c = cal({ horizonDays: 10, norwegianPublicHolidays: true });
    const u = lcg(2024);
    for (let i = 0; i < 500; i++) {
      let t = 36_500 + u() * 1000;
      if (i % 3 === 0) t = Math.floor(t) + 15.5 / 24;
      const h = u() * 80;
      const r = c.addWorkingHours(t, h);
      expect(Math.abs(c.workingHoursBetween(t, r) - h)).toBeLessThan(1e-9);
      expect(c.workingHoursBetween(t, r - 1e-7)).toBeLessThan(h);
    }
    expect(c.dateOf(36_500)).toBe('2125-12-12') // checked independently (Python datetime);
  });

  it('throws a RangeError beyond MAX_CALENDAR_DAYS', () => {
    const c = cal({ horizonDays: 10 });
    expect(() => c.workingHoursAt(MAX_CALENDAR_DAYS + 1)).toThrow(RangeError);
    expect(() => c.isWorkingDay(MAX_CALENDAR_DAYS)).toThrow(/MAX_CALENDAR_DAYS/);
    expect(() => c.isWorkingDay(-1)).toThrow(RangeError);
    // The search may overshoot the limit but must still find results just inside it.
    const last = MAX_CALENDAR_DAYS - 10;
    expect(c.addWorkingHours(last - 20, 7.5)).toBeLessThan(last);
    expect(() => c.addWorkingHours(last, 1000)).toThrow(RangeError);
  });
});
