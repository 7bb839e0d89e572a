import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, lots, salesPointProducts, salesPoints, traceEventInputs, traceEvents } from '../../db/schema';
import { utcToVietnamLocal } from '../../worker/domain/time';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb, uniqueSuffix } from '../support/factories';
import { postForm, signedIn } from '../support/portal';
import { lotFor, memberWithLot, newLotCode } from '../support/portal-stamps';

const lotRows = (productId: number) => testDb().select().from(lots).where(eq(lots.productId, productId));
const eventRows = (lotId: number) =>
  testDb().select().from(traceEvents).where(eq(traceEvents.lotId, lotId)).orderBy(traceEvents.id);

const hoursAgo = (hours: number) => utcToVietnamLocal(new Date(Date.now() - hours * 3_600_000).toISOString());

/** The fields of an event form as a browser sends them, for a place in Đồng Nai (75). */
const eventFields = (overrides: Record<string, string> = {}) => ({
  eventType: 'commissioning',
  occurredAt: hoursAgo(2),
  placeKind: 'area',
  provinceCode: '75',
  communeCode: '',
  placeText: '',
  actor: '',
  description: '',
  isPublic: '1',
  ...overrides,
});

describe('GET /portal/lots', () => {
  it("lists the member's lots by product, not another organisation's", async () => {
    const { browser, product, lotCode } = await memberWithLot({ nameVi: 'Mật ong bạc hà thử' });
    const foreign = await lotFor((await createProduct()).id);
    const response = await browser.request('/portal/lots');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(product.nameVi);
    expect(html).toContain(lotCode);
    expect(html).not.toContain(foreign.lotCode);
    expect(html).toContain('href="/portal/lots/new"');
  });

  it('refuses staff with 403 and sends an anonymous visitor to sign in', async () => {
    const { browser } = await signedIn('staff');
    expect((await browser.request('/portal/lots')).status).toBe(403);
    const anonymous = await new BrowserSession().request('/portal/lots');
    expect(anonymous.status).toBe(302);
  });
});

describe('POST /portal/lots', () => {
  it('creates a lot with an upper-cased code, audits it and opens its page', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const code = newLotCode();
    const response = await postForm(browser, '/portal/lots', {
      productId: String(product.id),
      lotCode: code.toLowerCase(),
      productionDate: '2026-03-01',
      bestBefore: '2027-03-01',
      quantity: '1.200',
      notes: 'Mẻ mật vụ xuân',
    });
    expect(response.status).toBe(303);
    const [lot] = await lotRows(product.id);
    expect(lot).toMatchObject({
      lotCode: code,
      productionDate: '2026-03-01',
      bestBefore: '2027-03-01',
      quantity: 1200,
      notes: 'Mẻ mật vụ xuân',
    });
    expect(response.headers.get('location')).toBe(`/portal/lots/${lot!.id}?created=1`);
    const [audit] = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'lot.create'), eq(auditLog.entityId, String(lot!.id))));
    expect(audit?.actorUserId).toBe(user.id);
    const page = await (await browser.request(`/portal/lots/${lot!.id}?created=1`)).text();
    expect(page).toContain('Đã tạo lô hàng.');
    expect(page).toContain('01/03/2027');
  });

  it('names the field for a bad code and a best-before before production, writing nothing', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const response = await postForm(browser, '/portal/lots', {
      productId: String(product.id),
      lotCode: 'LÔ-01',
      productionDate: '2026-03-01',
      bestBefore: '2026-02-01',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#lotCode"');
    expect(html).toContain('href="#bestBefore"');
    expect(html).toContain('LÔ-01');
    expect(await lotRows(product.id)).toEqual([]);
  });

  it('answers 409 naming the code when the product already has that lot', async () => {
    const { browser, product, lotCode } = await memberWithLot();
    const response = await postForm(browser, '/portal/lots', { productId: String(product.id), lotCode });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('href="#lotCode"');
    expect(await lotRows(product.id)).toHaveLength(1);
  });

  it("refuses another organisation's product as if it did not exist", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await createProduct();
    const response = await postForm(browser, '/portal/lots', { productId: String(foreign.id), lotCode: newLotCode() });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#productId"');
    expect(await lotRows(foreign.id)).toEqual([]);
  });
});

describe('GET /portal/lots/:id', () => {
  it("answers 404 for another organisation's lot and for a missing one", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await lotFor((await createProduct()).id);
    expect((await browser.request(`/portal/lots/${foreign.lotId}`)).status).toBe(404);
    expect((await browser.request('/portal/lots/999999999')).status).toBe(404);
  });

  it('lets an administrator open any lot, keeping the organisation on its links', async () => {
    const { browser } = await signedIn('admin');
    const product = await createProduct();
    const { lotId } = await lotFor(product.id);
    const response = await browser.request(`/portal/lots/${lotId}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`/portal/lots?producer=${product.producerId}`);
  });
});

describe('POST /portal/lots/:id/events', () => {
  it('records a harvest in Vietnam time, stored in UTC, with the commune and an audit entry', async () => {
    const { browser, lotId, user } = await memberWithLot();
    const form = await (await browser.request(`/portal/lots/${lotId}/events/new?type=commissioning`)).text();
    expect(form).toContain('type="datetime-local"');
    const commune = /<option value="(\d{5})"/.exec(form)![1]!;
    const response = await postForm(
      browser,
      `/portal/lots/${lotId}/events`,
      eventFields({
        occurredAt: '2026-03-05T14:30',
        communeCode: commune,
        actor: 'Tổ thu hoạch ấp 3',
        description: 'Thu hoạch 300 kg bưởi',
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/portal/lots/${lotId}?recorded=1`);
    const [event] = await eventRows(lotId);
    expect(event).toMatchObject({
      eventType: 'commissioning',
      occurredAt: '2026-03-05T07:30:00.000Z',
      provinceCode: '75',
      communeCode: commune,
      actor: 'Tổ thu hoạch ấp 3',
      isPublic: true,
      createdBy: user.id,
    });
    const page = await (await browser.request(`/portal/lots/${lotId}`)).text();
    expect(page).toContain('05/03/2026 14:30');
    expect(page).toContain('Thu hoạch 300 kg bưởi');
    const english = await (await browser.request(`/portal/lots/${lotId}?lang=en`)).text();
    expect(english).toContain('The lot’s journey');
    expect(english).toContain('Harvest or raw material intake');
    const [audit] = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'trace_event.create'), eq(auditLog.entityId, String(lotId))));
    expect(audit?.actorUserId).toBe(user.id);
  });

  it('records a transformation with its input lots of the same producer', async () => {
    const { browser, product, lotId } = await memberWithLot();
    const honey = await lotFor(product.id);
    const mint = await lotFor(product.id);
    const body = new URLSearchParams({ ...eventFields({ eventType: 'transformation' }) });
    body.append('inputLotIds', String(honey.lotId));
    body.append('inputLotIds', String(mint.lotId));
    body.set('_csrf', await browser.csrfFrom(`/portal/lots/${lotId}`));
    const response = await browser.request(`/portal/lots/${lotId}/events`, { method: 'POST', body });
    expect(response.status).toBe(303);
    const [event] = await eventRows(lotId);
    const inputs = await testDb()
      .select({ lotId: traceEventInputs.lotId })
      .from(traceEventInputs)
      .where(eq(traceEventInputs.eventId, event!.id));
    expect(inputs.map((row) => row.lotId).sort()).toEqual([honey.lotId, mint.lotId].sort());
    const page = await (await browser.request(`/portal/lots/${honey.lotId}`)).text();
    expect(page).toContain('Lô này đã được dùng để làm ra');
  });

  it('refuses a transformation without inputs, with a foreign input or with itself, writing nothing', async () => {
    const { browser, lotId } = await memberWithLot();
    const foreign = await lotFor((await createProduct()).id);
    const without = await postForm(
      browser,
      `/portal/lots/${lotId}/events`,
      eventFields({ eventType: 'transformation' }),
    );
    expect(without.status).toBe(400);
    expect(await without.text()).toContain('chọn ít nhất một lô nguyên liệu');
    for (const input of [foreign.lotId, lotId]) {
      const response = await postForm(
        browser,
        `/portal/lots/${lotId}/events`,
        eventFields({ eventType: 'transformation', inputLotIds: String(input) }),
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('href="#inputLotIds"');
    }
    expect(await eventRows(lotId)).toEqual([]);
  });

  it('refuses a time in the future, a commune of another province and a place left blank', async () => {
    const { browser, lotId } = await memberWithLot();
    const cases: [Record<string, string>, string][] = [
      [{ occurredAt: hoursAgo(-2) }, 'occurredAt'],
      [{ occurredAt: '2026-02-30T10:00' }, 'occurredAt'],
      [{ communeCode: '00004' }, 'communeCode'],
      [{ placeKind: 'text' }, 'placeText'],
      [{ placeKind: 'area', provinceCode: '99' }, 'provinceCode'],
      [{ reportUrl: 'https://lab.example.vn/kq/1' }, 'reportUrl'],
    ];
    for (const [overrides, field] of cases) {
      const response = await postForm(browser, `/portal/lots/${lotId}/events`, eventFields(overrides));
      expect(response.status, field).toBe(400);
      expect(await response.text()).toContain(`href="#${field}"`);
    }
    expect(await eventRows(lotId)).toEqual([]);
  });

  it('keeps a test report link on an inspection and a sales point as the place', async () => {
    const { browser, product, lotId } = await memberWithLot();
    const [point] = await testDb()
      .insert(salesPoints)
      .values({
        slug: `diem-ban-${uniqueSuffix()}`,
        name: 'Trung tâm OCOP Biên Hòa',
        kind: 'ocop_centre',
        provinceCode: '75',
      })
      .returning();
    await testDb().insert(salesPointProducts).values({ salesPointId: point!.id, productId: product.id });
    const inspection = await postForm(
      browser,
      `/portal/lots/${lotId}/events`,
      eventFields({ eventType: 'inspecting', reportUrl: 'https://lab.example.vn/kq/1' }),
    );
    expect(inspection.status).toBe(303);
    const sale = await postForm(
      browser,
      `/portal/lots/${lotId}/events`,
      eventFields({ eventType: 'retail_selling', placeKind: 'sales_point', salesPointId: String(point!.id) }),
    );
    expect(sale.status).toBe(303);
    const rows = await eventRows(lotId);
    expect(rows.map((row) => [row.eventType, row.reportUrl, row.salesPointId])).toEqual([
      ['inspecting', 'https://lab.example.vn/kq/1', null],
      ['retail_selling', null, point!.id],
    ]);
    const page = await (await browser.request(`/portal/lots/${lotId}`)).text();
    expect(page).toContain('Trung tâm OCOP Biên Hòa');
    expect(page).toContain('href="https://lab.example.vn/kq/1"');
  });

  it("answers 404 for another organisation's lot and writes nothing", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await lotFor((await createProduct()).id);
    const response = await postForm(browser, `/portal/lots/${foreign.lotId}/events`, eventFields());
    expect(response.status).toBe(404);
    expect(await eventRows(foreign.lotId)).toEqual([]);
  });
});

describe('POST /portal/lots/:id/events/:eventId/visibility', () => {
  it('hides an event from the public and shows it again, auditing both', async () => {
    const { browser, lotId } = await memberWithLot();
    await postForm(browser, `/portal/lots/${lotId}/events`, eventFields());
    const [event] = await eventRows(lotId);
    const path = `/portal/lots/${lotId}/events/${event!.id}/visibility`;
    expect((await postForm(browser, path, { isPublic: '0' })).status).toBe(303);
    expect((await eventRows(lotId))[0]!.isPublic).toBe(false);
    expect((await postForm(browser, path, { isPublic: '1' })).status).toBe(303);
    expect((await eventRows(lotId))[0]!.isPublic).toBe(true);
    const actions = await testDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(lotId)))
      .orderBy(desc(auditLog.id));
    expect(actions.slice(0, 2).map((row) => row.action)).toEqual(['trace_event.show', 'trace_event.hide']);
  });
});

describe('GET /portal/lots/:id/epcis.json', () => {
  it('exports the events as an EPCIS 2.0 document', async () => {
    const { browser, product, lotId, lotCode } = await memberWithLot();
    const input = await lotFor(product.id);
    await postForm(browser, `/portal/lots/${lotId}/events`, eventFields({ eventType: 'shipping' }));
    await postForm(
      browser,
      `/portal/lots/${lotId}/events`,
      eventFields({ eventType: 'transformation', inputLotIds: String(input.lotId) }),
    );
    const response = await browser.request(`/portal/lots/${lotId}/epcis.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const document = await response.json<{
      type: string;
      schemaVersion: string;
      epcisBody: { eventList: Record<string, unknown>[] };
    }>();
    expect(document).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0' });
    const byType = (type: string) => document.epcisBody.eventList.find((event) => event.type === type);
    const [shipping, transformation] = [byType('ObjectEvent'), byType('TransformationEvent')];
    expect(shipping).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      eventTimeZoneOffset: '+07:00',
      quantityList: [{ epcClass: `urn:ocop:lot:${product.id}.${lotCode}` }],
    });
    expect(transformation).toMatchObject({
      type: 'TransformationEvent',
      inputQuantityList: [{ epcClass: `urn:ocop:lot:${product.id}.${input.lotCode}` }],
      outputQuantityList: [{ epcClass: `urn:ocop:lot:${product.id}.${lotCode}` }],
    });
  });
});
