/**
 * Opening hours as people type them in a form without JavaScript: one field per weekday and one
 * for public holidays ("07:30-21:00", "07:00-11:30, 13:30-21:00", "18:00-02:00" past midnight,
 * "-" or nothing for closed), and one line per dated exception ("2027-02-15..2027-02-20: -",
 * "2027-04-30: 08:00-12:00"). Turned into schema.org OpeningHoursSpecification entries and back.
 */
import { isIsoDate } from './iso-date';
import {
  PUBLIC_HOLIDAYS,
  WEEKDAYS,
  openingHoursSchema,
  type DayOfWeek,
  type OpeningHours,
  type OpeningHoursSpecification,
} from './opening-hours';

export const HOURS_FIELDS = [...WEEKDAYS, PUBLIC_HOLIDAYS] as const;
export type HoursField = (typeof HOURS_FIELDS)[number];
export type HoursFormValues = Partial<Record<HoursField | 'exceptions', string>>;

export type HoursFormProblem = { field: HoursField | 'exceptions'; line?: number; text: string };

const CLOSED = /^\s*[-–—]?\s*$/;
const INTERVAL = /^\s*(\d{1,2})[:.h](\d{2})\s*[-–—]\s*(\d{1,2})[:.h](\d{2})\s*$/;

const clock = (hours: string, minutes: string) => `${hours.padStart(2, '0')}:${minutes}`;

/** "07:00-11:30, 13:30-21:00" → intervals; "-" or "" → none (closed); null when unreadable. */
function parseIntervals(text: string): { opens: string; closes: string }[] | null {
  if (CLOSED.test(text)) return [];
  const intervals = [];
  for (const part of text.split(/[,;]/)) {
    const match = INTERVAL.exec(part);
    if (!match) return null;
    intervals.push({ opens: clock(match[1]!, match[2]!), closes: clock(match[3]!, match[4]!) });
  }
  return intervals;
}

const EXCEPTION = /^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.\s*(\d{4}-\d{2}-\d{2}))?\s*:\s*(.*)$/;

/** The form's fields as stored entries, or every problem with its field. */
export function openingHoursFromForm(
  values: HoursFormValues,
): { ok: true; hours: OpeningHours } | { ok: false; problems: HoursFormProblem[] } {
  const problems: HoursFormProblem[] = [];
  const byInterval = new Map<string, DayOfWeek[]>();
  let holidayClosed = false;
  for (const field of HOURS_FIELDS) {
    const intervals = parseIntervals(values[field] ?? '');
    if (intervals === null) {
      problems.push({ field, text: values[field] ?? '' });
      continue;
    }
    if (field === PUBLIC_HOLIDAYS && intervals.length === 0) {
      holidayClosed = (values[field] ?? '').trim() !== '';
      continue;
    }
    for (const { opens, closes } of intervals) {
      const key = `${opens}-${closes}`;
      byInterval.set(key, [...(byInterval.get(key) ?? []), field]);
    }
  }
  const hours: OpeningHoursSpecification[] = [...byInterval].map(([key, days]) => ({
    dayOfWeek: days,
    opens: key.slice(0, 5),
    closes: key.slice(6),
  }));
  if (holidayClosed) hours.push({ dayOfWeek: [PUBLIC_HOLIDAYS], opens: '00:00', closes: '00:00' });

  (values.exceptions ?? '').split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = EXCEPTION.exec(line);
    const intervals = match ? parseIntervals(match[3]!) : null;
    const from = match?.[1];
    const through = match?.[2] ?? from;
    if (!match || intervals === null || !isIsoDate(from!) || !isIsoDate(through!) || through! < from!) {
      problems.push({ field: 'exceptions', line: index + 1, text: line.trim() });
      return;
    }
    const dated = { validFrom: from!, validThrough: through! };
    if (intervals.length === 0) hours.push({ opens: '00:00', closes: '00:00', ...dated });
    for (const interval of intervals) hours.push({ ...interval, ...dated });
  });
  if (problems.length > 0) return { ok: false, problems };

  const checked = openingHoursSchema.safeParse(hours);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const entry = hours[Number(issue.path[0])];
    const field = entry?.validFrom ? 'exceptions' : ((entry?.dayOfWeek?.[0] ?? 'Monday') as HoursField);
    return { ok: false, problems: [{ field, text: issue.message }] };
  }
  return { ok: true, hours: checked.data };
}

const intervalText = (entries: OpeningHoursSpecification[]) =>
  entries.map((entry) =>
    entry.opens === '00:00' && entry.closes === '00:00' ? '-' : `${entry.opens}-${entry.closes}`,
  );

/** Stored entries as the form shows them, so a point can be edited as it was typed. */
export function openingHoursToForm(hours: OpeningHours | null): HoursFormValues {
  const values: HoursFormValues = {};
  const weekly = (hours ?? []).filter((entry) => !entry.validFrom && !entry.validThrough);
  for (const field of HOURS_FIELDS) {
    const entries = weekly.filter((entry) => entry.dayOfWeek?.includes(field));
    values[field] = [...new Set(intervalText(entries))].join(', ');
  }
  const dated = new Map<string, OpeningHoursSpecification[]>();
  for (const entry of hours ?? []) {
    if (!entry.validFrom && !entry.validThrough) continue;
    const from = entry.validFrom ?? entry.validThrough!;
    const through = entry.validThrough ?? from;
    const key = from === through ? from : `${from}..${through}`;
    dated.set(key, [...(dated.get(key) ?? []), entry]);
  }
  values.exceptions = [...dated].map(([key, entries]) => `${key}: ${intervalText(entries).join(', ')}`).join('\n');
  return values;
}
