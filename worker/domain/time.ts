/**
 * Instants are stored in UTC; people read them in Vietnam time (UTC+7, no
 * daylight saving), so the offset is a constant rather than a time-zone lookup.
 */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number) => n.toString().padStart(2, '0');

/** The calendar date in Vietnam at instant `now`, as "YYYY-MM-DD". */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2026-03-05" → "05/03/2026", the form used on Vietnamese documents. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** A UTC instant shown in Vietnam time: "05/03/2026 14:30". */
export function formatInstant(isoInstant: string): string {
  const local = new Date(new Date(isoInstant).getTime() + VIETNAM_OFFSET_MS);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** `isoDate` moved by whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time typed in Vietnam ("2026-03-05T14:30", as an `<input type="datetime-local">`
 * sends it) as a UTC instant; null when it is not a real date and time.
 */
export function vietnamLocalToUtc(local: string): string | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 30 February over into March; a date that moved was never a real one.
  // Date.UTC reads years 0 to 99 as 1900 to 1999; that too is another date than the one typed.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return new Date(wall - VIETNAM_OFFSET_MS).toISOString();
}

/** A UTC instant as the Vietnam wall-clock value a datetime-local field shows: "2026-03-05T14:30". */
export function utcToVietnamLocal(isoInstant: string): string {
  return new Date(new Date(isoInstant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}
