/**
 * RFC 5545 calendar files of fairs, for "add to calendar" on one fair and a subscription to all.
 *
 * ical-generator does the writing: escaping of TEXT values, lines folded at 75 octets without
 * splitting a UTF-8 character, CRLF. Around it, this module covers what it leaves to the caller:
 * - A JS Date under a TZID is written with the process's local-time getters, so daily hours go
 *   in as @date-fns/tz TZDate values in Asia/Ho_Chi_Minh, which ical-generator supports and which
 *   never depend on the process's zone.
 * - A TZID needs its VTIMEZONE (RFC 5545 §3.2.19); ical-generator asks a generator for it, and
 *   Vietnam's, fixed at UTC+7 since 1975, is one constant.
 * - It writes NAME and X-WR-CALNAME unescaped, so the calendar name is escaped here; it escapes
 *   URI values as TEXT, so the characters it would backslash are percent-encoded first.
 * - It ends the file without the CRLF every content line needs, and an empty calendar would have
 *   no component although RFC 5545 requires one.
 */
import { TZDate } from '@date-fns/tz';
import ical, { escape, ICalEventRepeatingFreq } from 'ical-generator';
import type { DailyHours } from './fair';
import { addDays, daysBetween } from './iso-date';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** tzdata: +08 until 13 June 1975, +07 since, without daylight saving. */
const VIETNAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${VIETNAM_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19750613T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarFair {
  /** The fair's row id: its UID stays the same when the name or slug changes. */
  id: number;
  name: string;
  description: string | null;
  venue: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  startsOn: string;
  endsOn: string;
  dailyHours: DailyHours | null;
  /** The fair's public page. */
  url: string;
  /**
   * UTC instant of the fair's last change, written as DTSTAMP: in a calendar without METHOD that
   * is when the information last changed, and it keeps an unchanged fair's file byte-identical.
   */
  updatedAt: string;
}

export interface CalendarOptions {
  /** The platform's host name, making UIDs globally unique ("fair-12@ocop.example"). */
  host: string;
  /** The calendar's name as a calendar app lists it, in the reader's language. */
  name: string;
}

/** Vietnamese typed with combining accents (NFD) becomes precomposed: fewer octets, the same text. */
const text = (value: string) => value.normalize('NFC');

/** `,`, `;` and `\` mean the same percent-encoded in a URL, and are then left alone by TEXT escaping. */
const uriValue = (url: string) => url.replace(/[,;\\]/g, (character) => encodeURIComponent(character));

const wallClock = (isoDate: string, time: string) => {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, Number(time.slice(0, 2)), Number(time.slice(3, 5)), VIETNAM_TIME_ZONE);
};

const utcDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/**
 * One VEVENT per fair, UID `fair-{id}@{host}`. With daily hours the event is the first day's
 * hours in Vietnam time repeated daily for the fair's days (RRULE COUNT), so a calendar shows
 * each day's opening; without them it is an all-day event over the dates (DTEND exclusive).
 */
export function fairsCalendar(fairs: CalendarFair[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'OCOP', product: 'Fairs', language: 'VI' },
    name: escape(text(options.name), false),
    timezone: { name: null, generator: (zone) => (zone === VIETNAM_TIME_ZONE ? VIETNAM_VTIMEZONE : null) },
  });
  for (const fair of fairs) {
    const days = daysBetween(fair.startsOn, fair.endsOn) + 1;
    const hours = fair.dailyHours;
    const location = [fair.venue, fair.address].filter((part): part is string => Boolean(part)).map(text);
    calendar.createEvent({
      id: `fair-${fair.id}@${options.host}`,
      stamp: new Date(fair.updatedAt),
      lastModified: new Date(fair.updatedAt),
      ...(hours
        ? {
            start: wallClock(fair.startsOn, hours.opens),
            end: wallClock(fair.startsOn, hours.closes),
            timezone: VIETNAM_TIME_ZONE,
            ...(days > 1 ? { repeating: { freq: ICalEventRepeatingFreq.DAILY, count: days } } : {}),
          }
        : { start: utcDate(fair.startsOn), end: utcDate(addDays(fair.endsOn, 1)), allDay: true }),
      summary: text(fair.name),
      description: fair.description === null ? null : text(fair.description),
      location: location[0]
        ? {
            title: location[0],
            ...(location[1] ? { address: location[1] } : {}),
            ...(fair.latitude !== null && fair.longitude !== null
              ? { geo: { lat: fair.latitude, lon: fair.longitude } }
              : {}),
          }
        : null,
      url: uriValue(fair.url),
    });
  }
  const body = calendar.toString();
  const withComponent =
    fairs.length > 0 ? body : body.replace(/END:VCALENDAR$/, `${VIETNAM_VTIMEZONE}\r\nEND:VCALENDAR`);
  return `${withComponent}\r\n`;
}
