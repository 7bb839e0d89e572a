import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fairsCalendar, type CalendarFair } from '../../worker/domain/calendar';

const options = { host: 'ocop.example', name: 'Hội chợ, triển lãm OCOP; Đồng Nai' };

/** A provincial OCOP fair with daily hours, venue, address and coordinates. */
const fair: CalendarFair = {
  id: 12,
  name: 'Hội chợ OCOP Đồng Nai 2026',
  description: 'Gian hàng OCOP, đặc sản vùng miền; khu ẩm thực.\nVào cửa tự do.',
  venue: 'Trung tâm Hội chợ Triển lãm Đồng Nai',
  address: '1 Nguyễn Ái Quốc, phường Trấn Biên, Đồng Nai',
  latitude: 10.9574,
  longitude: 106.8427,
  startsOn: '2026-04-10',
  endsOn: '2026-04-14',
  dailyHours: { opens: '08:00', closes: '22:00' },
  url: 'https://ocop.example/fairs/hoi-cho-ocop-dong-nai-2026',
  updatedAt: '2026-03-02T03:04:05.000Z',
};

/** A one-day festival without hours or coordinates. */
const festival: CalendarFair = {
  id: 13,
  name: 'Lễ hội Na La Hiên',
  description: null,
  venue: 'Xã La Hiên, Thái Nguyên',
  address: null,
  latitude: null,
  longitude: null,
  startsOn: '2026-08-20',
  endsOn: '2026-08-20',
  dailyHours: null,
  url: 'https://ocop.example/fairs/le-hoi-na-la-hien',
  updatedAt: '2026-07-01T00:00:00.000Z',
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
}

describe('fairsCalendar for one fair with daily hours', () => {
  const ics = fairsCalendar([fair], { host: 'ocop.example', name: fair.name });
  const { calendar, events } = parse(ics);
  const event = events[0]!;

  it('parses back as one event with a UID stable per fair and the fair’s last change as DTSTAMP', () => {
    expect(events).toHaveLength(1);
    expect(event.uid).toBe('fair-12@ocop.example');
    expect(event.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-02T03:04:05Z');
    expect(ics).toContain('\r\nDTSTAMP:20260302T030405Z\r\n');
    expect(fairsCalendar([fair], { host: 'ocop.example', name: fair.name })).toBe(ics);
  });

  it('gives the daily hours in Asia/Ho_Chi_Minh with their VTIMEZONE, repeated for each day', () => {
    expect(ics).toContain('\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20260410T080000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20260410T220000\r\n');
    expect(ics).toContain('\r\nRRULE:FREQ=DAILY;COUNT=5\r\n');
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh');
    ICAL.TimezoneService.register(zone);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-04-10T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-04-10T15:00:00.000Z');
    const iterator = event.iterator();
    const days: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) days.push(next.toJSDate().toISOString());
    expect(days).toEqual([
      '2026-04-10T01:00:00.000Z',
      '2026-04-11T01:00:00.000Z',
      '2026-04-12T01:00:00.000Z',
      '2026-04-13T01:00:00.000Z',
      '2026-04-14T01:00:00.000Z',
    ]);
  });

  it('carries summary, location, coordinates, description and URL, unescaped exactly by a parser', () => {
    expect(event.summary).toBe(fair.name);
    expect(event.location).toBe(`${fair.venue}\n${fair.address}`);
    expect(event.description).toBe(fair.description);
    expect(event.component.getFirstPropertyValue('geo')).toEqual([10.9574, 106.8427]);
    expect(event.component.getFirstPropertyValue('url')).toBe(fair.url);
  });

  it('escapes commas, semicolons and newlines in text, and names the calendar escaped too', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      '\r\nDESCRIPTION:Gian hàng OCOP\\, đặc sản vùng miền\\; khu ẩm thực.\\nVào cửa tự do.\r\n',
    );
    const named = fairsCalendar([fair], options);
    expect(named).toContain('\r\nX-WR-CALNAME:Hội chợ\\, triển lãm OCOP\\; Đồng Nai\r\n');
    // ical.js reads X- properties raw; RFC 5545 (3.8.8.2) makes them TEXT, so decode them as TEXT.
    const raw = parse(named).calendar.getFirstPropertyValue('x-wr-calname') as string;
    expect(ICAL.design.icalendar.value.text!.fromICAL!(raw)).toBe(options.name);
  });

  it('ends midnight closing at 00:00 the next day', () => {
    const late = fairsCalendar([{ ...fair, dailyHours: { opens: '17:00', closes: '24:00' } }], options);
    expect(late).toContain('\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20260411T000000\r\n');
  });
});

describe('fairsCalendar for all fairs', () => {
  const ics = fairsCalendar([fair, festival], options);
  const { calendar, events } = parse(ics);

  it('holds one event per fair and a single VTIMEZONE', () => {
    expect(events.map((event) => event.uid)).toEqual(['fair-12@ocop.example', 'fair-13@ocop.example']);
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//OCOP//Fairs//VI');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  });

  it('makes a fair without hours an all-day event whose end is the day after its last', () => {
    const allDay = events[1]!;
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.startDate.toString()).toBe('2026-08-20');
    expect(allDay.endDate.toString()).toBe('2026-08-21');
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20260820\r\nDTEND;VALUE=DATE:20260821\r\n');
  });

  it('leaves out GEO and the address line when the fair has none', () => {
    const festivalBlock = ics.slice(ics.indexOf('UID:fair-13'));
    expect(festivalBlock).not.toContain('GEO:');
    expect(events[1]!.location).toBe(festival.venue);
    expect(events[1]!.description).toBeNull();
  });

  it('names no time zone it does not use', () => {
    expect(fairsCalendar([festival], options)).not.toContain('VTIMEZONE');
  });

  it('is still a valid calendar with no fair: the time zone is its one component', () => {
    const empty = fairsCalendar([], options);
    const parsed = parse(empty);
    expect(parsed.events).toHaveLength(0);
    expect(parsed.calendar.getAllSubcomponents()).toHaveLength(1);
    expect(empty.endsWith('END:VTIMEZONE\r\nEND:VCALENDAR\r\n')).toBe(true);
  });

  it('percent-encodes what TEXT escaping would otherwise backslash in a URL', () => {
    const odd = fairsCalendar([{ ...festival, url: 'https://ocop.example/fairs/a,b;c' }], options);
    expect(odd).toContain('\r\nURL;VALUE=URI:https://ocop.example/fairs/a%2Cb%3Bc\r\n');
  });
});

describe('fairsCalendar line format, byte by byte', () => {
  /** Long Vietnamese text, typed partly with combining accents (NFD), an emoji and every escaped character. */
  const description = `${'Hợp tác xã Dịch vụ - Nông nghiệp Bình Lợi giới thiệu bưởi da xanh, tinh dầu bưởi; rượu Nhung Hươu Sơn. '.repeat(8)}${'Quýt hữu cơ Phú Lý'.normalize('NFD')} 🍊 \\ kết thúc.\nDòng hai, cuối.`;
  const longFair = {
    ...fair,
    name: 'Tuần lễ sản phẩm OCOP và đặc sản vùng miền tỉnh Thái Nguyên, Đồng Nai, Tây Ninh, Ninh Bình năm 2026',
    description,
  };
  const ics = fairsCalendar([longFair, festival], options);
  const bytes = new TextEncoder().encode(ics);

  /** The file split into physical lines at CRLF, as bytes. */
  const physicalLines = () => {
    const lines: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i += 1) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        lines.push(bytes.subarray(start, i));
        start = i + 2;
        i += 1;
      }
    }
    expect(start).toBe(bytes.length);
    return lines;
  };

  it('ends every line, the last included, with CRLF and has no bare CR or LF', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps every line within 75 octets and actually folds the long ones', () => {
    const lines = physicalLines();
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line[0] === 0x20).length).toBeGreaterThan(10);
  });

  it('never splits a UTF-8 character across a fold', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    for (const line of physicalLines()) {
      const decoded = decoder.decode(line);
      expect(decoded).not.toContain('\uFFFD');
      expect(decoded).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('starts each continuation with a single space, and unfolds to the original text', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).not.toMatch(/\r\n\s/);
    const event = parse(ics).events[0]!;
    expect(event.description).toBe(description.normalize('NFC'));
    expect(event.summary).toBe(longFair.name);
  });
});
