/** Stamp URLs as CSV (RFC 4180) for external printers that generate the codes themselves. */
import type { PrintStamp } from './stamp-sheet';

export function buildStampCsv(stamps: PrintStamp[]): string {
  const withPin = stamps.some((stamp) => stamp.pin !== undefined);
  const rows = [
    withPin ? ['serial', 'url', 'pin'] : ['serial', 'url'],
    ...stamps.map((s) => (withPin ? [s.serial, s.url, s.pin ?? ''] : [s.serial, s.url])),
  ];
  return rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
