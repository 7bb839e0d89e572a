import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import holidayFile from '../../db/reference/public-holidays.json';
import {
  isOpenAt,
  openingHoursSchema,
  openingState,
  WEEKDAYS,
  weekHours,
  type OpeningHours,
  type Weekday,
} from '../../worker/domain/opening-hours';
import { publicHolidays } from '../../worker/domain/public-holidays';

const holidays = publicHolidays(holidayFile);
const none = new Set<string>();
/** A Vietnam wall-clock time as the UTC instant a server (in UTC) holds. */
const vn = (local: string) => new Date(`${local}:00+07:00`);

const WEEKDAYS_ONLY: Weekday[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
/** An OCOP store with a midday break, shorter on Saturday, closed on Sunday. */
const store: OpeningHours = [
  { dayOfWeek: WEEKDAYS_ONLY, opens: '07:00', closes: '11:30' },
  { dayOfWeek: WEEKDAYS_ONLY, opens: '13:30', closes: '21:00' },
  { dayOfWeek: ['Saturday'], opens: '08:00', closes: '12:00' },
];
/** A night market: 18:00 to 02:00 on Friday and Saturday nights. */
const nightMarket: OpeningHours = [{ dayOfWeek: ['Friday', 'Saturday'], opens: '18:00', closes: '02:00' }];

describe('openingHoursSchema', () => {
  const issues = (value: unknown) =>
    openingHoursSchema.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('accepts weekly hours, past-midnight closing, holidays, closures and all-day opening', () => {
    const value = [
      ...store,
      ...nightMarket,
      { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' },
      { validFrom: '2026-02-16', validThrough: '2026-02-19', opens: '00:00', closes: '00:00' },
      { dayOfWeek: ['Sunday'], opens: '00:00', closes: '24:00', validFrom: '2026-06-01' },
      { dayOfWeek: ['Sunday'], opens: '00:00', closes: '23:59' },
    ];
    expect(openingHoursSchema.parse(value)).toEqual(value);
  });

  it('names the entry and field of each mistake', () => {
    expect(
      issues([
        { dayOfWeek: ['Monday'], opens: '7:00', closes: '25:00' },
        { dayOfWeek: ['Monday'], opens: '08:00', closes: '08:00' },
        { opens: '08:00', closes: '17:00' },
        { dayOfWeek: ['Monday', 'Monday'], opens: '08:00', closes: '17:00' },
        { validFrom: '2026-03-10', validThrough: '2026-03-09', opens: '08:00', closes: '17:00' },
        { validFrom: '2026-02-30', opens: '08:00', closes: '17:00' },
      ]),
    ).toEqual([
      ['0.opens', 'time_format'],
      ['0.closes', 'time_format'],
      ['1.closes', 'closes_same_as_opens'],
      ['2.dayOfWeek', 'day_required'],
      ['3.dayOfWeek', 'duplicate_day'],
      ['4.validThrough', 'valid_through_before_valid_from'],
      ['5.validFrom', 'date_format'],
    ]);
  });

  it('refuses unknown days and fields rather than ignoring them', () => {
    expect(issues([{ dayOfWeek: ['Funday'], opens: '08:00', closes: '17:00' }])?.[0]?.[0]).toBe('0.dayOfWeek.0');
    expect(issues([{ dayOfWeek: ['Monday'], opens: '08:00', closes: '17:00', note: 'x' }])?.[0]?.[0]).toBe('0');
    expect(issues([{ dayOfWeek: [], opens: '08:00', closes: '17:00' }])?.[0]?.[0]).toBe('0.dayOfWeek');
  });
});

describe('openingState on ordinary days', () => {
  it('is open until the midday break, then opens again the same afternoon', () => {
    expect(openingState(store, vn('2026-03-09T10:00'), none)).toEqual({
      open: true,
      closesAt: {
        instant: '2026-03-09T04:30:00.000Z',
        date: '2026-03-09',
        time: '11:30',
        weekday: 'Monday',
        daysAhead: 0,
        day: 'today',
      },
    });
    expect(openingState(store, vn('2026-03-09T12:00'), none)).toMatchObject({
      open: false,
      opensAt: { time: '13:30', day: 'today' },
    });
  });

  it('closes at the closing minute and opens at the opening minute', () => {
    expect(isOpenAt(store, vn('2026-03-09T20:59'), none)).toBe(true);
    expect(isOpenAt(store, vn('2026-03-09T21:00'), none)).toBe(false);
    expect(isOpenAt(store, vn('2026-03-10T06:59'), none)).toBe(false);
    expect(isOpenAt(store, vn('2026-03-10T07:00'), none)).toBe(true);
  });

  it('says "tomorrow" for the next morning and names the weekday later in the week', () => {
    expect(openingState(store, vn('2026-03-09T21:00'), none)).toMatchObject({
      open: false,
      opensAt: { date: '2026-03-10', time: '07:00', weekday: 'Tuesday', daysAhead: 1, day: 'tomorrow' },
    });
    // Saturday after noon: Sunday is closed, so Monday, two days on.
    expect(openingState(store, vn('2026-03-14T12:30'), none)).toMatchObject({
      open: false,
      opensAt: { date: '2026-03-16', weekday: 'Monday', daysAhead: 2, day: 'weekday' },
    });
  });

  it('has no next opening without any hours', () => {
    expect(openingState([], vn('2026-03-09T10:00'), none)).toEqual({ open: false, opensAt: null });
    expect(isOpenAt([], vn('2026-03-09T10:00'), none)).toBe(false);
  });

  it('treats a seconds-precise instant exactly: open until the last millisecond', () => {
    expect(isOpenAt(store, new Date('2026-03-09T13:59:59.999Z'), none)).toBe(true);
    expect(isOpenAt(store, new Date('2026-03-09T14:00:00.000Z'), none)).toBe(false);
  });
});

describe('openingState across midnight, with the server in UTC', () => {
  it('runs the workers runtime in UTC, so these instants are the previous day on the server', () => {
    expect(new Date('2026-03-06T17:00:00Z').getTimezoneOffset()).toBe(0);
  });

  it('keeps Friday night open at 23:59 and 00:00 Vietnam time, 16:59 and 17:00 UTC on Friday', () => {
    const at2359 = new Date('2026-03-06T16:59:00Z');
    const at0000 = new Date('2026-03-06T17:00:00Z');
    expect(openingState(nightMarket, at2359, none)).toMatchObject({
      open: true,
      closesAt: { date: '2026-03-07', time: '02:00', weekday: 'Saturday', day: 'tomorrow' },
    });
    expect(openingState(nightMarket, at0000, none)).toMatchObject({
      open: true,
      closesAt: { date: '2026-03-07', time: '02:00', weekday: 'Saturday', day: 'today' },
    });
  });

  it('changes day at Vietnam midnight, not at UTC midnight', () => {
    const tuesdaysOnly: OpeningHours = [{ dayOfWeek: ['Tuesday'], opens: '00:00', closes: '06:00' }];
    // Both instants fall on Monday in UTC.
    expect(isOpenAt(tuesdaysOnly, new Date('2026-03-09T16:59:00Z'), none)).toBe(false);
    expect(isOpenAt(tuesdaysOnly, new Date('2026-03-09T17:00:00Z'), none)).toBe(true);
    expect(openingState(tuesdaysOnly, new Date('2026-03-09T16:59:00Z'), none)).toMatchObject({
      open: false,
      opensAt: { instant: '2026-03-09T17:00:00.000Z', date: '2026-03-10', time: '00:00', day: 'tomorrow' },
    });
  });

  it('closes at 02:00 after midnight and next opens the following evening', () => {
    expect(isOpenAt(nightMarket, vn('2026-03-08T01:59'), none)).toBe(true);
    expect(openingState(nightMarket, vn('2026-03-08T02:00'), none)).toMatchObject({
      open: false,
      opensAt: { date: '2026-03-13', time: '18:00', weekday: 'Friday', daysAhead: 5, day: 'weekday' },
    });
  });

  it('treats hours that meet at midnight as one stretch', () => {
    const lateBar: OpeningHours = [
      { dayOfWeek: ['Friday'], opens: '18:00', closes: '24:00' },
      { dayOfWeek: ['Saturday'], opens: '00:00', closes: '03:00' },
    ];
    expect(openingState(lateBar, vn('2026-03-06T20:00'), none)).toMatchObject({
      open: true,
      closesAt: { date: '2026-03-07', time: '03:00' },
    });
  });

  it('reads closing at "23:59" as midnight, the schema.org convention', () => {
    const lateShop: OpeningHours = [
      { dayOfWeek: ['Monday'], opens: '08:00', closes: '23:59' },
      { dayOfWeek: ['Tuesday'], opens: '00:00', closes: '06:00' },
    ];
    expect(openingState(lateShop, new Date('2026-03-09T16:59:30Z'), none)).toMatchObject({
      open: true,
      closesAt: { date: '2026-03-10', time: '06:00' },
    });
  });

  it('keeps the hours past midnight even when the next day is closed by an exception', () => {
    const closedSunday: OpeningHours = [
      ...nightMarket,
      { validFrom: '2026-03-08', validThrough: '2026-03-08', opens: '00:00', closes: '00:00' },
    ];
    expect(isOpenAt(closedSunday, vn('2026-03-08T01:00'), none)).toBe(true);
  });

  it('says open around the clock without a closing time', () => {
    const always: OpeningHours = [{ dayOfWeek: [...WEEKDAYS], opens: '00:00', closes: '24:00' }];
    expect(openingState(always, vn('2026-03-09T03:00'), none)).toEqual({ open: true, closesAt: null });
  });
});

describe('openingState on public holidays', () => {
  const closedOnHolidays: OpeningHours = [...store, { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' }];

  it('is closed on a holiday when the point says so, and reopens after the holidays', () => {
    // 30 April and 1 May 2026 are Thursday and Friday.
    expect(isOpenAt(closedOnHolidays, vn('2026-04-30T10:00'), holidays)).toBe(false);
    expect(openingState(closedOnHolidays, vn('2026-04-30T10:00'), holidays)).toMatchObject({
      open: false,
      opensAt: { date: '2026-05-02', time: '08:00', weekday: 'Saturday', daysAhead: 2, day: 'weekday' },
    });
  });

  it('keeps its weekly hours on a holiday when it has no holiday hours', () => {
    expect(isOpenAt(store, vn('2026-04-30T10:00'), holidays)).toBe(true);
  });

  it('uses its own holiday hours', () => {
    const morningsOnHolidays: OpeningHours = [
      ...store,
      { dayOfWeek: ['PublicHolidays'], opens: '08:00', closes: '12:00' },
    ];
    expect(openingState(morningsOnHolidays, vn('2026-04-30T07:30'), holidays)).toMatchObject({
      open: false,
      opensAt: { date: '2026-04-30', time: '08:00', day: 'today' },
    });
    expect(isOpenAt(morningsOnHolidays, vn('2026-04-30T14:00'), holidays)).toBe(false);
  });

  it('turns to the holiday at Vietnam midnight, 17:00 UTC on the eve, with the server in UTC', () => {
    // Open around the clock but closed on public holidays: 30 April and 1 May 2026 (Thursday, Friday).
    const closedOnHolidaysOnly: OpeningHours = [
      { dayOfWeek: [...WEEKDAYS], opens: '00:00', closes: '24:00' },
      { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' },
    ];
    const eve2359 = new Date('2026-04-29T16:59:00Z');
    const holiday0000 = new Date('2026-04-29T17:00:00Z');
    // Both instants are 29 April on the server.
    expect([eve2359.toISOString().slice(0, 10), holiday0000.toISOString().slice(0, 10)]).toEqual([
      '2026-04-29',
      '2026-04-29',
    ]);
    expect(isOpenAt(closedOnHolidaysOnly, eve2359, holidays)).toBe(true);
    expect(openingState(closedOnHolidaysOnly, eve2359, holidays)).toMatchObject({
      open: true,
      closesAt: { date: '2026-04-30', time: '00:00', day: 'tomorrow' },
    });
    expect(isOpenAt(closedOnHolidaysOnly, holiday0000, holidays)).toBe(false);
    expect(openingState(closedOnHolidaysOnly, holiday0000, holidays)).toMatchObject({
      open: false,
      opensAt: { date: '2026-05-02', time: '00:00', weekday: 'Saturday', daysAhead: 2 },
    });
  });

  it('keeps the eve’s night hours past midnight into a holiday, but none from a holiday into the next day', () => {
    const nightStall: OpeningHours = [
      { dayOfWeek: [...WEEKDAYS], opens: '17:00', closes: '01:00' },
      { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' },
    ];
    expect(openingState(nightStall, vn('2026-04-29T23:59'), holidays)).toMatchObject({
      open: true,
      closesAt: { date: '2026-04-30', time: '01:00', day: 'tomorrow' },
    });
    expect(openingState(nightStall, vn('2026-04-30T00:00'), holidays)).toMatchObject({
      open: true,
      closesAt: { date: '2026-04-30', time: '01:00', day: 'today' },
    });
    expect(isOpenAt(nightStall, vn('2026-04-30T23:59'), holidays)).toBe(false);
    // 1 May just after midnight: the evening before was a holiday, so nothing runs on from it.
    expect(openingState(nightStall, vn('2026-05-01T00:00'), holidays)).toMatchObject({
      open: false,
      opensAt: { date: '2026-05-02', time: '17:00', day: 'tomorrow' },
    });
    // The same minute after an ordinary evening is open.
    expect(isOpenAt(nightStall, vn('2026-05-08T00:00'), holidays)).toBe(true);
  });

  it('closes for the Tết holidays of the reference list, then opens with a date a week on', () => {
    // Tết 2026: Monday 16 to Friday 20 February; the store is closed from Saturday 14 at noon to Saturday 21.
    expect(openingState(closedOnHolidays, vn('2026-02-14T13:00'), holidays)).toMatchObject({
      open: false,
      opensAt: { date: '2026-02-21', time: '08:00', weekday: 'Saturday', daysAhead: 7, day: 'date' },
    });
  });
});

describe('openingState with dated exceptions', () => {
  const summer: OpeningHours = [
    ...store,
    { dayOfWeek: ['Sunday'], opens: '09:00', closes: '17:00' },
    // A summer timetable without Sunday, and one day closed inside it.
    {
      dayOfWeek: [...WEEKDAYS_ONLY, 'Saturday'],
      opens: '06:00',
      closes: '22:00',
      validFrom: '2026-06-01',
      validThrough: '2026-08-31',
    },
    { validFrom: '2026-07-15', validThrough: '2026-07-15', opens: '00:00', closes: '00:00' },
  ];

  it('lets the narrowest dated range decide the day', () => {
    expect(isOpenAt(summer, vn('2026-07-15T10:00'), none)).toBe(false);
    expect(isOpenAt(summer, vn('2026-07-16T21:30'), none)).toBe(true);
    expect(isOpenAt(summer, vn('2026-09-01T21:30'), none)).toBe(false);
  });

  it('closes the weekdays a dated timetable leaves out', () => {
    expect(isOpenAt(summer, vn('2026-07-19T10:00'), none)).toBe(false);
    expect(isOpenAt(summer, vn('2026-09-06T10:00'), none)).toBe(true);
  });

  it('gives a point open around the clock its next closure as the closing time', () => {
    const alwaysButTet: OpeningHours = [
      { dayOfWeek: [...WEEKDAYS], opens: '00:00', closes: '24:00' },
      { validFrom: '2026-02-16', validThrough: '2026-02-18', opens: '00:00', closes: '00:00' },
    ];
    expect(openingState(alwaysButTet, vn('2026-02-01T09:00'), none)).toMatchObject({
      open: true,
      closesAt: { date: '2026-02-16', time: '00:00', daysAhead: 15, day: 'date' },
    });
  });
});

describe('weekHours', () => {
  it('lists seven dated days with their source, holidays and hours past midnight', () => {
    const hours: OpeningHours = [
      ...store,
      ...nightMarket,
      { dayOfWeek: ['Sunday'], opens: '17:00', closes: '24:00' },
      { dayOfWeek: ['PublicHolidays'], opens: '00:00', closes: '00:00' },
      { validFrom: '2026-05-02', validThrough: '2026-05-02', opens: '09:00', closes: '11:00' },
    ];
    expect(weekHours(hours, '2026-04-27', holidays)).toEqual([
      {
        date: '2026-04-27',
        weekday: 'Monday',
        intervals: [
          { opens: '07:00', closes: '11:30', nextDay: false },
          { opens: '13:30', closes: '21:00', nextDay: false },
        ],
        basis: 'regular',
        publicHoliday: false,
      },
      expect.objectContaining({ date: '2026-04-28', weekday: 'Tuesday', basis: 'regular' }),
      expect.objectContaining({ date: '2026-04-29', weekday: 'Wednesday', basis: 'regular' }),
      { date: '2026-04-30', weekday: 'Thursday', intervals: [], basis: 'public_holiday', publicHoliday: true },
      { date: '2026-05-01', weekday: 'Friday', intervals: [], basis: 'public_holiday', publicHoliday: true },
      {
        date: '2026-05-02',
        weekday: 'Saturday',
        intervals: [{ opens: '09:00', closes: '11:00', nextDay: false }],
        basis: 'exception',
        publicHoliday: false,
      },
      {
        date: '2026-05-03',
        weekday: 'Sunday',
        intervals: [{ opens: '17:00', closes: '24:00', nextDay: false }],
        basis: 'regular',
        publicHoliday: false,
      },
    ]);
    expect(weekHours(nightMarket, '2026-03-06', none)[0]!.intervals).toEqual([
      { opens: '18:00', closes: '02:00', nextDay: true },
    ]);
  });

  it('merges overlapping entries of one day', () => {
    const overlapping: OpeningHours = [
      { dayOfWeek: ['Monday'], opens: '08:00', closes: '12:00' },
      { dayOfWeek: ['Monday'], opens: '11:00', closes: '14:00' },
    ];
    expect(weekHours(overlapping, '2026-03-09', none)[0]!.intervals).toEqual([
      { opens: '08:00', closes: '14:00', nextDay: false },
    ]);
  });
});

describe('openingState agrees with a brute-force walk', () => {
  const STEP_MINUTES = 15;
  const quarter = fc.integer({ min: 0, max: 95 }).map((q) => {
    const minutes = q * STEP_MINUTES;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });
  const dayInMarch = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
  const entry = fc
    .record({
      dayOfWeek: fc.subarray([...WEEKDAYS, 'PublicHolidays' as const], { minLength: 1 }),
      opens: quarter,
      closes: quarter,
    })
    .filter((e) => e.opens !== e.closes || e.opens === '00:00');
  const exception = fc
    .record({ validFrom: dayInMarch, length: fc.integer({ min: 0, max: 9 }), opens: quarter, closes: quarter })
    .filter((e) => e.opens !== e.closes || e.opens === '00:00')
    .map(({ validFrom, length, opens, closes }) => {
      const through = new Date(Date.parse(`${validFrom}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10);
      return { validFrom, validThrough: through, opens, closes };
    });
  const hoursArb = fc
    .tuple(fc.array(entry, { maxLength: 5 }), fc.array(exception, { maxLength: 2 }))
    .map(([weekly, exceptions]) => [...weekly, ...exceptions] as OpeningHours);
  /** Any quarter hour of March 2026 in Vietnam. */
  const instant = fc
    .integer({ min: 0, max: 31 * 96 - 1 })
    .map((q) => new Date(Date.parse('2026-02-28T17:00:00Z') + q * STEP_MINUTES * 60_000));
  const fakeHolidays = new Set(['2026-03-10', '2026-03-11']);
  const WALK_STEPS = (8 * 24 * 60) / STEP_MINUTES;

  it('finds the same closing or opening time as walking forward quarter-hour by quarter-hour', () => {
    fc.assert(
      fc.property(hoursArb, instant, (hours, now) => {
        const state = openingState(hours, now, fakeHolidays);
        const openNow = isOpenAt(hours, now, fakeHolidays);
        expect(state.open).toBe(openNow);
        let change: Date | null = null;
        for (let step = 1; step <= WALK_STEPS && !change; step += 1) {
          const later = new Date(now.getTime() + step * STEP_MINUTES * 60_000);
          if (isOpenAt(hours, later, fakeHolidays) !== openNow) change = later;
        }
        const reported = state.open ? state.closesAt : state.opensAt;
        if (change) expect(reported?.instant).toBe(change.toISOString());
        else if (reported)
          expect(Date.parse(reported.instant)).toBeGreaterThan(now.getTime() + WALK_STEPS * 15 * 60_000);
      }),
      { numRuns: 150 },
    );
  });

  it('answers a weekly schedule from its first eight days as the year-long walk would', () => {
    // Weekly hours repeat every week, so openingState stops looking after 8 days; a dated entry long
    // past changes no day's hours but makes it walk the whole look-ahead.
    const weekly = fc
      .array(entry, { maxLength: 5 })
      .map((entries) =>
        entries
          .map((e) => ({ ...e, dayOfWeek: e.dayOfWeek.filter((d): d is Weekday => d !== 'PublicHolidays') }))
          .filter((e) => e.dayOfWeek.length > 0),
      );
    const longPast = { opens: '00:00', closes: '00:00', validFrom: '2001-01-01', validThrough: '2001-01-01' };
    fc.assert(
      fc.property(weekly, instant, (hours, now) => {
        expect(openingState(hours, now, fakeHolidays)).toEqual(openingState([...hours, longPast], now, fakeHolidays));
      }),
      { numRuns: 300 },
    );
    const aroundTheClock: OpeningHours = [{ dayOfWeek: [...WEEKDAYS], opens: '00:00', closes: '24:00' }];
    expect(openingState(aroundTheClock, new Date('2026-03-04T05:00:00Z'), fakeHolidays)).toEqual({
      open: true,
      closesAt: null,
    });
  });

  it('matches a minute-of-week oracle for weekly hours at any minute', () => {
    const weekly = fc
      .array(entry, { maxLength: 5 })
      .map((entries) =>
        entries.map((e) => ({ ...e, dayOfWeek: e.dayOfWeek.filter((d): d is Weekday => d !== 'PublicHolidays') })),
      );
    const anyMinute = fc
      .integer({ min: 0, max: 14 * 1440 - 1 })
      .map((m) => new Date(Date.parse('2026-03-01T17:00:00Z') + m * 60_000));
    fc.assert(
      fc.property(weekly, anyMinute, (entries, now) => {
        const hours = entries.filter((e) => e.dayOfWeek.length > 0);
        // 2026-03-02 00:00 in Vietnam is a Monday: minutes since then, modulo a week.
        const minuteOfWeek = ((now.getTime() - Date.parse('2026-03-01T17:00:00Z')) / 60_000) % (7 * 1440);
        const oracle = hours.some((e) => {
          if (e.opens === '00:00' && e.closes === '00:00') return false;
          const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
          const start = toMinutes(e.opens);
          const close = toMinutes(e.closes);
          const length = close > start ? close - start : close + 1440 - start;
          return e.dayOfWeek.some((day) => {
            const from = WEEKDAYS.indexOf(day) * 1440 + start;
            return (minuteOfWeek - from + 7 * 1440) % (7 * 1440) < length;
          });
        });
        expect(isOpenAt(hours, now, none)).toBe(oracle);
      }),
      { numRuns: 300 },
    );
  });
});
