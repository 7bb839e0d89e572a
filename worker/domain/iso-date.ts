/**
 * Calendar dates as "YYYY-MM-DD" strings, the form D1 stores and forms send. Arithmetic goes
 * through UTC midnight so that the process's time zone never shifts a date.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const utcMidnight = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Whether `value` is a real calendar date written "YYYY-MM-DD" (no 30 February). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `isoDate` moved by whole days. */
export const addDays = (isoDate: string, days: number): string =>
  new Date(utcMidnight(isoDate) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to`: 1 when `to` is the day after `from`. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);

/** Day of the week counted from Monday (0) to Sunday (6), as Vietnam (and ISO 8601) begins the week. */
export const isoWeekday = (isoDate: string): number => (new Date(utcMidnight(isoDate)).getUTCDay() + 6) % 7;
