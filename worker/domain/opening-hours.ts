/**
 * A sales point's opening hours, stored as JSON in the shape of schema.org's
 * OpeningHoursSpecification so that the page's JSON-LD can carry them as they are.
 *
 * - Weekly hours: `{ dayOfWeek: ["Monday", …], opens: "07:00", closes: "11:30" }`; a day may have
 *   several entries (a midday break is two intervals).
 * - A closing time before the opening time closes the next day: "18:00"–"02:00" belongs to the
 *   day it opens, even when the next day is otherwise closed. "24:00", "23:59" as schema.org's
 *   examples write it, and "00:00" after a later opening all mean midnight at the end of the day.
 * - "00:00"–"00:00" is closed all day, the schema.org convention.
 * - `dayOfWeek: ["PublicHolidays"]` (a schema.org DayOfWeek member) gives the hours on the dates of
 *   the public holiday list, which is a separate input (db/reference/public-holidays.json); a point
 *   without such an entry keeps its weekly hours on holidays.
 * - Dated exceptions carry `validFrom` and/or `validThrough` (inclusive Vietnam dates). On a date
 *   one covers, the narrowest such range replaces the whole weekly schedule: its entries for that
 *   weekday (or without `dayOfWeek`) are the hours, and none means closed. A one-day closure inside
 *   a summer timetable therefore wins over the timetable, which wins over the weekly hours.
 *
 * Everything is computed in Vietnam time (UTC+7, no daylight saving) from the instant passed in,
 * never from the process's zone. Results are data; the words come from the message catalogues.
 */
import { z } from 'zod';
import { addDays, daysBetween, isIsoDate, isoWeekday } from './iso-date';
import { VIETNAM_OFFSET_MS } from './time';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const PUBLIC_HOLIDAYS = 'PublicHolidays';
export type DayOfWeek = Weekday | typeof PUBLIC_HOLIDAYS;

export interface OpeningHoursSpecification {
  dayOfWeek?: DayOfWeek[];
  /** "HH:MM", Vietnam time. */
  opens: string;
  /** "HH:MM" or "24:00"; before `opens` means the next day. */
  closes: string;
  /** First date the entry applies ("YYYY-MM-DD"). */
  validFrom?: string;
  /** Last date the entry applies ("YYYY-MM-DD"), inclusive. */
  validThrough?: string;
}
export type OpeningHours = OpeningHoursSpecification[];

/** The dates of public holidays; a Set of "YYYY-MM-DD" or a Map keyed by them. */
export interface HolidayLookup {
  has(isoDate: string): boolean;
}

/** Messages of the schema's refinements: codes for the message catalogues, never shown as they are. */
export type OpeningHoursIssueCode =
  | 'time_format'
  | 'date_format'
  | 'closes_same_as_opens'
  | 'day_required'
  | 'duplicate_day'
  | 'valid_through_before_valid_from';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSING_TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const issue = (code: OpeningHoursIssueCode) => code;
const dateField = z.string().refine(isIsoDate, issue('date_format'));
const isDated = (entry: OpeningHoursSpecification) => entry.validFrom !== undefined || entry.validThrough !== undefined;

/** One stored entry; issues name their field ("3.closes" within the list). */
export const openingHoursSpecificationSchema = z
  .strictObject({
    dayOfWeek: z
      .array(z.enum([...WEEKDAYS, PUBLIC_HOLIDAYS]))
      .min(1)
      .optional(),
    opens: z.string().regex(TIME, issue('time_format')),
    closes: z.string().regex(CLOSING_TIME, issue('time_format')),
    validFrom: dateField.optional(),
    validThrough: dateField.optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.opens === entry.closes && entry.opens !== '00:00') {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: issue('closes_same_as_opens') });
    }
    if (!entry.dayOfWeek && !isDated(entry)) {
      ctx.addIssue({ code: 'custom', path: ['dayOfWeek'], message: issue('day_required') });
    }
    if (entry.dayOfWeek && new Set(entry.dayOfWeek).size !== entry.dayOfWeek.length) {
      ctx.addIssue({ code: 'custom', path: ['dayOfWeek'], message: issue('duplicate_day') });
    }
    if (entry.validFrom && entry.validThrough && entry.validThrough < entry.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validThrough'], message: issue('valid_through_before_valid_from') });
    }
  });

/** The whole stored value. A real timetable has a dozen entries; hundreds would be a paste gone wrong. */
export const openingHoursSchema = z.array(openingHoursSpecificationSchema).max(100);

const DAY_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;
/**
 * How far ahead "opens on …" and "open until …" look. A point closed for a season still gets its
 * reopening date; one with no opening within a year is, for a visitor, simply closed.
 */
export const LOOKAHEAD_DAYS = 366;
/** Days after today that hold every weekday in full: a weekly schedule unchanged over them never changes. */
const WEEKLY_REPEAT_DAYS = 8;

/** Minutes from the start of the day it opens; `end` passes 1440 when it closes after midnight. */
interface Interval {
  start: number;
  end: number;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function intervalOf(entry: OpeningHoursSpecification): Interval | null {
  if (entry.opens === '00:00' && entry.closes === '00:00') return null;
  const start = minutesOf(entry.opens);
  const closes = entry.closes === '23:59' ? DAY_MINUTES : minutesOf(entry.closes);
  return { start, end: closes <= start ? closes + DAY_MINUTES : closes };
}

function merged(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Interval[] = [];
  for (const interval of sorted) {
    const last = result.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else result.push({ ...interval });
  }
  return result;
}

/** Where a day's hours come from. */
export type HoursBasis = 'regular' | 'public_holiday' | 'exception';

interface DaySchedule {
  intervals: Interval[];
  basis: HoursBasis;
}

const covers = (entry: OpeningHoursSpecification, date: string) =>
  (entry.validFrom === undefined || entry.validFrom <= date) &&
  (entry.validThrough === undefined || date <= entry.validThrough);

const rangeDays = (entry: OpeningHoursSpecification) =>
  entry.validFrom && entry.validThrough ? daysBetween(entry.validFrom, entry.validThrough) : Infinity;

function scheduleOn(hours: OpeningHours, date: string, holidays: HolidayLookup): DaySchedule {
  const dated = hours.filter((entry) => isDated(entry) && covers(entry, date));
  let group = hours.filter((entry) => !isDated(entry));
  let basis: HoursBasis = 'regular';
  if (dated.length > 0) {
    const narrowest = Math.min(...dated.map(rangeDays));
    group = dated.filter((entry) => rangeDays(entry) === narrowest);
    basis = 'exception';
  }
  if (holidays.has(date)) {
    const holidayEntries = group.filter((entry) => entry.dayOfWeek?.includes(PUBLIC_HOLIDAYS));
    if (holidayEntries.length > 0) {
      return { intervals: intervalsOf(holidayEntries), basis: basis === 'regular' ? 'public_holiday' : basis };
    }
  }
  const weekday = WEEKDAYS[isoWeekday(date)]!;
  const dayEntries = group.filter((entry) => !entry.dayOfWeek || entry.dayOfWeek.includes(weekday));
  return { intervals: intervalsOf(dayEntries), basis };
}

const intervalsOf = (entries: OpeningHoursSpecification[]) =>
  merged(entries.map(intervalOf).filter((interval): interval is Interval => interval !== null));

/** Vietnam wall-clock milliseconds: an instant shifted so that its UTC fields read as Vietnam time. */
const localMs = (now: Date) => now.getTime() + VIETNAM_OFFSET_MS;
const dayStartMs = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Whether the point is open at `now`: only today's hours and yesterday's past midnight matter. */
export function isOpenAt(hours: OpeningHours, now: Date, holidays: HolidayLookup): boolean {
  const local = localMs(now);
  const today = new Date(local).toISOString().slice(0, 10);
  const minute = (local - dayStartMs(today)) / MINUTE_MS;
  const yesterday = scheduleOn(hours, addDays(today, -1), holidays).intervals;
  if (yesterday.some(({ end }) => minute + DAY_MINUTES < end)) return true;
  return scheduleOn(hours, today, holidays).intervals.some(({ start, end }) => start <= minute && minute < end);
}

/** A moment as a Vietnamese reader is told it: "until 21:00", "opens at 7:00 tomorrow", "opens Friday 8:00". */
export interface VietnamMoment {
  /** The UTC instant, ISO 8601. */
  instant: string;
  /** Vietnam calendar date, "YYYY-MM-DD". */
  date: string;
  /** Vietnam wall-clock time, "HH:MM"; midnight is "00:00" of the next date. */
  time: string;
  weekday: Weekday;
  /** Vietnam calendar days after today: 0 today, 1 tomorrow. */
  daysAhead: number;
  /** How to name the day: within the coming week a weekday is enough, further ahead the date is needed. */
  day: 'today' | 'tomorrow' | 'weekday' | 'date';
}

function moment(local: number, today: string): VietnamMoment {
  const wallClock = new Date(local).toISOString();
  const date = wallClock.slice(0, 10);
  const daysAhead = daysBetween(today, date);
  return {
    instant: new Date(local - VIETNAM_OFFSET_MS).toISOString(),
    date,
    time: wallClock.slice(11, 16),
    weekday: WEEKDAYS[isoWeekday(date)]!,
    daysAhead,
    day: daysAhead === 0 ? 'today' : daysAhead === 1 ? 'tomorrow' : daysAhead < 7 ? 'weekday' : 'date',
  };
}

export type OpeningState =
  /** `closesAt` null: open without a break for the whole look-ahead, e.g. around the clock. */
  | { open: true; closesAt: VietnamMoment | null }
  /** `opensAt` null: no opening within the look-ahead (no hours, or closed for good). */
  | { open: false; opensAt: VietnamMoment | null };

/**
 * Open now or not, until when, or when next. Intervals that touch or overlap, including one that
 * runs past midnight into the next day's, count as one stretch, so a point open 18:00–24:00 and
 * 00:00–02:00 is open "until 02:00".
 */
export function openingState(hours: OpeningHours, now: Date, holidays: HolidayLookup): OpeningState {
  const local = localMs(now);
  const today = new Date(local).toISOString().slice(0, 10);
  let stretch: { start: number; end: number } | null = null;
  // Hours without dated entries or public holiday entries repeat every week: when the next 8 days
  // bring no change (open throughout, or no opening at all), no later day will, and the rest of the
  // look-ahead (a year of days for a point open around the clock) need not be walked.
  const lastDay = hours.some((entry) => isDated(entry) || entry.dayOfWeek?.includes(PUBLIC_HOLIDAYS))
    ? LOOKAHEAD_DAYS
    : WEEKLY_REPEAT_DAYS;
  // Days in order and each day's intervals by start: together, every interval in order of start.
  for (let offset = -1; offset <= lastDay; offset += 1) {
    const date = addDays(today, offset);
    const dayStart = dayStartMs(date);
    for (const interval of scheduleOn(hours, date, holidays).intervals) {
      const start = dayStart + interval.start * MINUTE_MS;
      const end = dayStart + interval.end * MINUTE_MS;
      if (stretch) {
        if (start > stretch.end) return { open: true, closesAt: moment(stretch.end, today) };
        stretch.end = Math.max(stretch.end, end);
      } else if (end > local) {
        if (start > local) return { open: false, opensAt: moment(start, today) };
        stretch = { start, end };
      }
    }
  }
  if (!stretch) return { open: false, opensAt: null };
  const horizon = dayStartMs(addDays(today, lastDay + 1));
  return { open: true, closesAt: stretch.end >= horizon ? null : moment(stretch.end, today) };
}

export interface DisplayInterval {
  opens: string;
  /** "HH:MM", or "24:00" for midnight at the end of the day. */
  closes: string;
  /** Closes after midnight, on the following date. */
  nextDay: boolean;
}

export interface DayHours {
  date: string;
  weekday: Weekday;
  /** In order of opening; empty when closed all day. */
  intervals: DisplayInterval[];
  basis: HoursBasis;
  /** The date is on the public holiday list, whether or not that changed the hours. */
  publicHoliday: boolean;
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The hours of the seven days from `from` ("YYYY-MM-DD"), with holidays and exceptions applied. */
export function weekHours(hours: OpeningHours, from: string, holidays: HolidayLookup): DayHours[] {
  return Array.from({ length: 7 }, (_, offset) => {
    const date = addDays(from, offset);
    const { intervals, basis } = scheduleOn(hours, date, holidays);
    return {
      date,
      weekday: WEEKDAYS[isoWeekday(date)]!,
      intervals: intervals.map(({ start, end }) => ({
        opens: clock(start),
        closes: end > DAY_MINUTES ? clock(end - DAY_MINUTES) : clock(end),
        nextDay: end > DAY_MINUTES,
      })),
      basis,
      publicHoliday: holidays.has(date),
    };
  });
}
