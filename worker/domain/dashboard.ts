/** What the producer dashboard computes from its rows: pure, given "today" in Vietnam time. */
import { effectiveStatus, type CertificationStatus } from './certification';

export const EXPIRY_WARNING_DAYS = 90;
export const SCAN_CHART_DAYS = 30;

/** `isoDate` moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Still valid today and lapsing within the warning window (the last valid day counted). */
export function expiresSoon(
  certification: { status: CertificationStatus; validUntil: string },
  today: string,
  days = EXPIRY_WARNING_DAYS,
): boolean {
  return effectiveStatus(certification, today) === 'active' && certification.validUntil <= addDays(today, days);
}

/** Whole days from today until the last valid day (0 when it lapses tonight). */
export function daysUntil(isoDate: string, today: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** One bar per day, oldest first, ending today; days without scans count zero. */
export function dailySeries(
  counts: { day: string; count: number }[],
  today: string,
  days = SCAN_CHART_DAYS,
): { day: string; count: number }[] {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1);
    return { day, count: byDay.get(day) ?? 0 };
  });
}
