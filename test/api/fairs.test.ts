import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../worker/domain/iso-date';
import { createFair, openFair, placeExhibitor } from '../support/fairs';
import { createProducer, createProduct, today } from '../support/factories';
import { fetchApp, getJson } from '../support/http';

interface FairSummary {
  id: number;
  slug: string;
  status: string;
  starts_on: string;
  province_code: string;
  exhibitor_count: number;
  calendar_url: string;
}
interface FairList {
  data: FairSummary[];
  total: number;
}
interface Problem {
  status: number;
  errors: { field: string; message: string }[];
}

let running: Awaited<ReturnType<typeof createFair>>;
let upcoming: Awaited<ReturnType<typeof createFair>>;
let finished: Awaited<ReturnType<typeof createFair>>;
let draft: Awaited<ReturnType<typeof createFair>>;
let thaiNguyen: Awaited<ReturnType<typeof createFair>>;

beforeAll(async () => {
  running = await createFair();
  upcoming = await openFair();
  finished = await createFair({ startsOn: addDays(today(), -10), endsOn: addDays(today(), -8) });
  draft = await createFair({ published: false });
  thaiNguyen = await createFair({
    kind: 'festival',
    provinceCode: '19',
    communeCode: null,
    startsOn: addDays(today(), 30),
    endsOn: addDays(today(), 32),
  });
  const producerId = await createProducer();
  const shown = (await createProduct({ producerId, nameVi: 'Rượu nhung hươu thử' })).id;
  const lapsed = (await createProduct({ producerId, certifications: [{ stars: 4, status: 'revoked' }] })).id;
  await placeExhibitor(running.id, producerId, 'A03', [shown, lapsed]);
});

describe('GET /api/v1/fairs', () => {
  it('lists published fairs still running or to come, soonest first, with their derived status', async () => {
    const { status, body } = await getJson<FairList>('/api/v1/fairs?limit=100');
    expect(status).toBe(200);
    const ids = body.data.map((fair) => fair.id);
    expect(ids).toEqual(expect.arrayContaining([running.id, upcoming.id, thaiNguyen.id]));
    expect(ids).not.toContain(finished.id);
    expect(ids).not.toContain(draft.id);
    const startDays = body.data.map((fair) => fair.starts_on);
    expect(startDays).toEqual([...startDays].sort());
    const byId = new Map(body.data.map((fair) => [fair.id, fair]));
    expect(byId.get(running.id)).toMatchObject({ status: 'running', exhibitor_count: 1 });
    expect(byId.get(upcoming.id)!.status).toBe('open_for_applications');
    expect(byId.get(thaiNguyen.id)!.status).toBe('published');
    expect(byId.get(running.id)!.calendar_url).toBe(`http://localhost:8787/api/v1/fairs/${running.id}.ics`);
  });

  it('filters by province, status and dates', async () => {
    const province = await getJson<FairList>('/api/v1/fairs?province=19&limit=100');
    expect(province.body.data.map((fair) => fair.province_code)).toEqual(province.body.data.map(() => '19'));
    expect(province.body.data.map((fair) => fair.id)).toContain(thaiNguyen.id);
    const past = await getJson<FairList>('/api/v1/fairs?status=finished&limit=100');
    expect(past.body.data.map((fair) => fair.id)).toContain(finished.id);
    expect(past.body.data.every((fair) => fair.status === 'finished')).toBe(true);
    const window = await getJson<FairList>(`/api/v1/fairs?from=${addDays(today(), 25)}&to=${addDays(today(), 40)}`);
    expect(window.body.data.map((fair) => fair.id)).toContain(thaiNguyen.id);
    expect(window.body.data.map((fair) => fair.id)).not.toContain(running.id);
  });

  it('pages through the matches, giving the total on a page past the last too', async () => {
    const province = await getJson<FairList & { page: number }>('/api/v1/fairs?province=19&limit=1');
    expect(province.body.total).toBeGreaterThanOrEqual(1);
    const beyond = await getJson<FairList & { page: number }>(
      `/api/v1/fairs?province=19&limit=1&page=${province.body.total + 1}`,
    );
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.total).toBe(province.body.total);
  });

  it('answers 400 naming the field for a date that does not exist, or an end before the start', async () => {
    const bad = await getJson<Problem>('/api/v1/fairs?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field)).toEqual(['from']);
    for (const to of ['2027-04-31', '2027-4-30', '30/04/2027']) {
      const badEnd = await getJson<Problem>(`/api/v1/fairs?to=${to}`);
      expect(badEnd.status, to).toBe(400);
      expect(badEnd.body.errors.map((error) => error.field)).toEqual(['to']);
    }
    const reversed = await getJson<Problem>('/api/v1/fairs?from=2026-12-20&to=2026-12-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ field: 'to', message: 'the end date must be on or after the start date' }]);
    const status = await getJson<Problem>('/api/v1/fairs?status=draft');
    expect(status.status).toBe(400);
    expect(status.body.errors[0]!.field).toBe('status');
  });
});

describe('GET /api/v1/fairs/{id}', () => {
  it('gives the zones, booth types, booths and the exhibitors with their listed products, by id or slug', async () => {
    const { status, body } = await getJson<{
      slug: string;
      zones: { code: string }[];
      booth_types: { code: string; width_cm: number; fee_vnd: number }[];
      booths: { code: string; zone: string; type: string | null; exhibitor: string | null }[];
      exhibitors: { booth: string; producer: { slug: string }; products: { name: { vi: string } }[] }[];
    }>(`/api/v1/fairs/${running.id}`);
    expect(status).toBe(200);
    expect(body.zones.map((zone) => zone.code)).toEqual(['ocop', 'am_thuc']);
    expect(body.booth_types).toEqual([
      expect.objectContaining({ code: 'tieu_chuan', width_cm: 300, fee_vnd: 1_500_000 }),
      expect.objectContaining({ code: 'doi', width_cm: 600, fee_vnd: 2_800_000 }),
    ]);
    expect(body.booths).toHaveLength(10);
    expect(body.booths.find((booth) => booth.code === 'F2')).toEqual({
      code: 'F2',
      zone: 'am_thuc',
      type: 'doi',
      exhibitor: null,
    });
    expect(body.exhibitors).toHaveLength(1);
    expect(body.exhibitors[0]!.booth).toBe('A03');
    // The revoked product was entered but is not shown.
    expect(body.exhibitors[0]!.products.map((product) => product.name.vi)).toEqual(['Rượu nhung hươu thử']);
    const bySlug = await getJson<{ slug: string }>(`/api/v1/fairs/${running.slug}`);
    expect(bySlug.body.slug).toBe(running.slug);
  });

  it('answers 404 for a draft', async () => {
    expect((await fetchApp(`/api/v1/fairs/${draft.id}`)).status).toBe(404);
    expect((await fetchApp(`/api/v1/fairs/${draft.id}.ics`)).status).toBe(404);
  });
});

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

describe('calendar files', () => {
  it('GET /api/v1/fairs/{id}.ics is valid RFC 5545 that parses back to the fair', async () => {
    const response = await fetchApp(`/api/v1/fairs/${running.id}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const [event, ...more] = parseCalendar(text);
    expect(more).toHaveLength(0);
    expect(event!.uid).toBe(`fair-${running.id}@localhost`);
    expect(event!.summary).toBe(running.values.nameVi);
    expect(event!.location).toContain('Quảng trường tỉnh Đồng Nai');
    expect(event!.startDate.toString()).toBe(`${today()}T08:00:00`);
    expect(event!.component.getFirstPropertyValue('url')).toBe(`http://localhost:8787/fairs/${running.slug}`);
    const recurrence = event!.component.getFirstPropertyValue('rrule') as { count: number };
    expect(recurrence.count).toBe(5);
  });

  it('answers the slug too, and 400 for an id that is not one', async () => {
    expect((await fetchApp(`/api/v1/fairs/${running.slug}.ics`)).status).toBe(200);
    expect((await fetchApp('/api/v1/fairs/Bad_Id.ics')).status).toBe(400);
  });

  it('GET /api/v1/fairs.ics holds every current and upcoming published fair, and no draft', async () => {
    const response = await fetchApp('/api/v1/fairs.ics');
    expect(response.status).toBe(200);
    const uids = parseCalendar(await response.text()).map((event) => event.uid);
    for (const fair of [running, upcoming, thaiNguyen]) expect(uids).toContain(`fair-${fair.id}@localhost`);
    expect(uids).not.toContain(`fair-${draft.id}@localhost`);
  });

  it('names the events in English with lang=en', async () => {
    const text = await (await fetchApp(`/api/v1/fairs/${running.id}.ics?lang=en`)).text();
    expect(parseCalendar(text)[0]!.summary).toBe(running.values.nameEn);
  });
});
