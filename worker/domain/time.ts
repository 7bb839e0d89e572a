/**
 * Instants are stored in UTC; people read them in Vietnam time (UTC+7, no
 * daylight saving), so the offset is a constant rather than a time-zone lookup.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

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
