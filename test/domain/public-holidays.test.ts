import { describe, expect, it } from 'vitest';
import holidayFile from '../../db/reference/public-holidays.json';
import { addDays, isoWeekday } from '../../worker/domain/iso-date';
import { publicHolidays, publicHolidaysFileSchema } from '../../worker/domain/public-holidays';
import { lunarDate, solarDate } from '../support/lunar-calendar';

const holidays = publicHolidays(holidayFile);
const years = holidayFile.years;
const daysOf = (year: number, kind: string) =>
  years
    .find((entry) => entry.year === year)!
    .days.filter((day) => day.kind === kind)
    .map((day) => day.date);

/** Mùng 1 Tết as widely published; 2030 is Vietnam's date, a day before China's 3 February. */
const LUNAR_NEW_YEAR: Record<number, string> = {
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
};

describe('the lunar calendar used to check the file', () => {
  it('reckons new moons in Vietnam time, as the years Vietnam and China differed show', () => {
    // China's Tết fell on 20 February 1985 and 18 February 2007.
    expect(lunarDate('1985-01-21')).toEqual({ day: 1, month: 1, year: 1985, leap: false });
    expect(lunarDate('2007-02-17')).toEqual({ day: 1, month: 1, year: 2007, leap: false });
    expect(lunarDate('2030-02-02')).toEqual({ day: 1, month: 1, year: 2030, leap: false });
  });

  it('agrees with published dates of Tết and Hùng Kings’ day', () => {
    expect(solarDate({ day: 1, month: 1, year: 2024 })).toBe('2024-02-10');
    expect(solarDate({ day: 10, month: 3, year: 2025 })).toBe('2025-04-07');
    expect(solarDate({ day: 10, month: 3, year: 2026 })).toBe('2026-04-26');
    // Tết Ất Tỵ had no 30 Tết: 28 January 2025 was 29 Chạp.
    expect(lunarDate('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });
});

describe('db/reference/public-holidays.json', () => {
  it('passes its schema and says where its dates come from', () => {
    expect(publicHolidaysFileSchema.safeParse(holidayFile).success).toBe(true);
    expect(holidayFile._source).toMatch(/Labour Code 2019.*art\. 112/);
  });

  it('covers 2025 to 2032 with the eleven days of art. 112 each year', () => {
    expect(years.map((entry) => entry.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032]);
    for (const { year, days } of years) {
      expect(days, `${year}`).toHaveLength(11);
      expect(daysOf(year, 'new_year')).toEqual([`${year}-01-01`]);
      expect(daysOf(year, 'victory_day')).toEqual([`${year}-04-30`]);
      expect(daysOf(year, 'labour_day')).toEqual([`${year}-05-01`]);
      expect(daysOf(year, 'hung_kings')).toHaveLength(1);
      expect(daysOf(year, 'lunar_new_year')).toHaveLength(5);
      const nationalDay = daysOf(year, 'national_day');
      expect(nationalDay).toContain(`${year}-09-02`);
      expect([`${year}-09-01`, `${year}-09-03`]).toContain(nationalDay.find((date) => date !== `${year}-09-02`));
      expect(days.map((day) => day.date)).toEqual(days.map((day) => day.date).sort());
    }
  });

  it('gives the first day of each lunar year, checked against the lunar calendar', () => {
    for (const { year, lunarNewYear } of years) {
      expect(lunarNewYear, `${year}`).toBe(LUNAR_NEW_YEAR[year]);
      expect(lunarDate(lunarNewYear)).toEqual({ day: 1, month: 1, year, leap: false });
    }
  });

  it('puts Hùng Kings’ day on the 10th day of the 3rd lunar month', () => {
    for (const { year } of years) {
      expect(lunarDate(daysOf(year, 'hung_kings')[0]!), `${year}`).toEqual({ day: 10, month: 3, year, leap: false });
    }
  });

  it('makes Tết five days in a row around mùng 1, starting on one of the last two days of the lunar year', () => {
    for (const { year, lunarNewYear } of years) {
      const tet = daysOf(year, 'lunar_new_year');
      expect(tet, `${year}`).toEqual(Array.from({ length: 5 }, (_, i) => addDays(tet[0]!, i)));
      expect(tet).toContain(lunarNewYear);
      expect(lunarDate(tet[0]!)).toMatchObject({ month: 12, year: year - 1 });
      expect([addDays(lunarNewYear, -1), addDays(lunarNewYear, -2)]).toContain(tet[0]);
    }
  });

  it('keeps the days the government announced for 2025 and 2026', () => {
    expect(daysOf(2025, 'lunar_new_year')).toEqual([
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    expect(daysOf(2026, 'lunar_new_year')).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(daysOf(2025, 'national_day')).toEqual(['2025-09-01', '2025-09-02']);
    expect(holidays.get('2026-02-16')).toEqual({ kind: 'lunar_new_year', basis: 'announced' });
  });

  it('derives the days not yet announced by the rule its note states, and marks them expected', () => {
    for (const { year, lunarNewYear, days } of years) {
      for (const day of days) {
        const fixedByLaw = ['new_year', 'hung_kings', 'victory_day', 'labour_day'].includes(day.kind);
        if (fixedByLaw || day.date === `${year}-09-02`) expect(day.basis, day.date).toBe('law');
      }
      const expected = days.filter((day) => day.basis === 'expected');
      if (expected.some((day) => day.kind === 'lunar_new_year')) {
        const twoBefore = addDays(lunarNewYear, -2);
        const start = isoWeekday(twoBefore) === 0 ? twoBefore : addDays(lunarNewYear, -1);
        expect(daysOf(year, 'lunar_new_year')[0], `${year}`).toBe(start);
      }
      const extra = days.find((day) => day.kind === 'national_day' && day.date !== `${year}-09-02`)!;
      if (extra.basis === 'expected') {
        const before = [1, 2, 4, 5].includes(isoWeekday(`${year}-09-02`));
        expect(extra.date, `${year}`).toBe(before ? `${year}-09-01` : `${year}-09-03`);
      }
    }
    expect(holidays.get('2027-02-05')).toEqual({ kind: 'lunar_new_year', basis: 'expected' });
  });

  it('names every kind of holiday in Vietnamese and English', () => {
    expect(holidayFile.kinds.map((kind) => kind.id).sort()).toEqual(
      [...new Set(years.flatMap((y) => y.days.map((d) => d.kind)))].sort(),
    );
    expect(holidayFile.kinds.find((kind) => kind.id === 'hung_kings')).toEqual({
      id: 'hung_kings',
      nameVi: 'Giỗ Tổ Hùng Vương',
      nameEn: "Hùng Kings' Commemoration Day",
    });
  });

  it('indexes every date once', () => {
    expect(holidays.size).toBe(88);
    expect(holidays.get('2026-04-26')).toEqual({ kind: 'hung_kings', basis: 'law' });
    expect(holidays.has('2026-04-27')).toBe(false);
  });
});

describe('publicHolidaysFileSchema', () => {
  const year = (days: unknown[], lunarNewYear = '2026-02-17') => ({
    _source: 'test',
    kinds: [],
    years: [{ year: 2026, lunarNewYear, days }],
  });
  const tet = { date: '2026-02-17', kind: 'lunar_new_year', basis: 'announced' };
  const paths = (file: unknown) =>
    publicHolidaysFileSchema.safeParse(file).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('names the field of a date listed twice, outside its year, or not real', () => {
    expect(paths(year([tet, tet]))).toEqual([['years.0.days.1.date', 'duplicate_date']]);
    expect(paths(year([tet, { date: '2027-01-01', kind: 'new_year', basis: 'law' }]))).toEqual([
      ['years.0.days.1.date', 'outside_year'],
    ]);
    expect(paths(year([tet, { date: '2026-02-30', kind: 'new_year', basis: 'law' }]))?.[0]).toEqual([
      'years.0.days.1.date',
      'date_format',
    ]);
  });

  it('refuses a lunar new year that is not one of the Tết days', () => {
    expect(paths(year([tet], '2026-02-18'))).toEqual([['years.0.lunarNewYear', 'not_a_tet_day']]);
  });

  it('refuses an unknown kind or basis', () => {
    expect(paths(year([{ ...tet, kind: 'christmas' }]))?.[0]?.[0]).toBe('years.0.days.0.kind');
    expect(paths(year([{ ...tet, basis: 'rumoured' }]))?.[0]?.[0]).toBe('years.0.days.0.basis');
  });

  it('throws when asked to index a malformed file', () => {
    expect(() => publicHolidays(year([tet, tet]))).toThrow();
  });
});
