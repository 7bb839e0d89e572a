/**
 * Vietnam's public holidays (Labour Code 2019, art. 112) as data: db/reference/public-holidays.json
 * lists the dates per year, because Tết and Hùng Kings' day follow the lunar calendar and the
 * government sets the Tết days and the extra National Day each year. This module only checks the
 * file and indexes it; it never computes a date.
 */
import { z } from 'zod';
import { isIsoDate } from './iso-date';

export const HOLIDAY_KINDS = [
  'new_year',
  'lunar_new_year',
  'hung_kings',
  'victory_day',
  'labour_day',
  'national_day',
] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** Fixed by the law itself, announced by the government for that year, or expected until it is. */
export const HOLIDAY_BASES = ['law', 'announced', 'expected'] as const;
export type HolidayBasis = (typeof HOLIDAY_BASES)[number];

const isoDate = z.string().refine(isIsoDate, 'date_format');

const holidayDaySchema = z.strictObject({
  date: isoDate,
  kind: z.enum(HOLIDAY_KINDS),
  basis: z.enum(HOLIDAY_BASES),
});

const holidayYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    /** Mùng 1 Tết: the first day of the lunar year, one of the year's Tết days. */
    lunarNewYear: isoDate,
    days: z.array(holidayDaySchema).min(1),
  })
  .superRefine((entry, ctx) => {
    entry.days.forEach((day, index) => {
      if (!day.date.startsWith(`${entry.year}-`)) {
        ctx.addIssue({ code: 'custom', path: ['days', index, 'date'], message: 'outside_year' });
      }
    });
    const tet = entry.days.filter((day) => day.kind === 'lunar_new_year').map((day) => day.date);
    if (!tet.includes(entry.lunarNewYear)) {
      ctx.addIssue({ code: 'custom', path: ['lunarNewYear'], message: 'not_a_tet_day' });
    }
  });

export const publicHolidaysFileSchema = z
  .object({
    _source: z.string().min(1),
    kinds: z.array(z.strictObject({ id: z.enum(HOLIDAY_KINDS), nameVi: z.string().min(1), nameEn: z.string().min(1) })),
    years: z.array(holidayYearSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.years.forEach((year, yearIndex) =>
      year.days.forEach((day, dayIndex) => {
        if (seen.has(day.date)) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', yearIndex, 'days', dayIndex, 'date'],
            message: 'duplicate_date',
          });
        }
        seen.add(day.date);
      }),
    );
  });

export type PublicHolidaysFile = z.infer<typeof publicHolidaysFileSchema>;

export interface PublicHoliday {
  kind: HolidayKind;
  basis: HolidayBasis;
}

/**
 * The file checked and indexed by date: a Map that opening hours take as their holiday list and
 * that pages ask which holiday a date is. Throws on a malformed file, which is a bug to fix in
 * the data, not a state to run in.
 */
export function publicHolidays(file: unknown): ReadonlyMap<string, PublicHoliday> {
  const { years } = publicHolidaysFileSchema.parse(file);
  return new Map(years.flatMap(({ days }) => days.map(({ date, kind, basis }) => [date, { kind, basis }] as const)));
}
