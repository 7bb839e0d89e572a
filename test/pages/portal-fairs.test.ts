import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fairExhibitorProducts, fairExhibitors } from '../../db/schema';
import { addDays } from '../../worker/domain/iso-date';
import { addMonths } from '../../worker/domain/time';
import { auditFor, signedIn } from '../support/admin';
import { application, createFair, openFair, placeExhibitor } from '../support/fairs';
import { createProducer, createProduct, testDb, today } from '../support/factories';

/** A member of a new producer with products certified in every way the entry rule cares about. */
async function producerWithProducts(fairEndsOn: string) {
  const producerId = await createProducer();
  const member = await signedIn('producer_member', producerId);
  const eligible = await createProduct({ producerId, nameVi: 'Mật ong bạc hà' });
  const twoStars = await createProduct({ producerId, nameVi: 'Bánh tráng hai sao', certifications: [{ stars: 2 }] });
  const lapsing = await createProduct({
    producerId,
    nameVi: 'Trà lapsing',
    certifications: [{ stars: 4, decisionDate: addMonths(today(), -36), validUntil: addDays(fairEndsOn, -1) }],
  });
  const revoked = await createProduct({
    producerId,
    nameVi: 'Rượu thu hồi',
    certifications: [{ stars: 4, status: 'revoked' }],
  });
  return { producerId, ...member, eligible, twoStars, lapsing, revoked };
}

describe('producers apply to fairs', () => {
  it('lists the fairs taking applications and says beside each product why it may not be entered', async () => {
    const fair = await openFair();
    const closed = await createFair();
    const { browser, eligible, lapsing } = await producerWithProducts(fair.values.endsOn);
    const list = await (await browser.request('/portal/fairs')).text();
    expect(list).toContain(fair.values.nameVi);
    expect(list).not.toContain(closed.values.nameVi);
    expect(list).toContain(`href="/portal/fairs/${fair.id}/apply"`);
    const form = await (await browser.request(`/portal/fairs/${fair.id}/apply`)).text();
    expect(form).toMatch(
      new RegExp(`id="product-${eligible.id}" type="checkbox" name="productIds" value="${eligible.id}"/>`),
    );
    expect(form).toContain('Không đăng ký được: dưới 3 sao, chưa phải chứng nhận OCOP');
    expect(form).toContain('Không đăng ký được: chứng nhận đã bị thu hồi');
    expect(form).toMatch(
      /Không đăng ký được: chứng nhận hết hiệu lực ngày \d\d\/\d\d\/\d{4}, trước khi hội chợ kết thúc/,
    );
    expect(form).toMatch(new RegExp(`id="product-${lapsing.id}"[^>]*disabled=""`));
  });

  it('applies with eligible products, audited, and refuses the rest naming the product and the reason', async () => {
    const fair = await openFair();
    const member = await producerWithProducts(fair.values.endsOn);
    const path = `/portal/fairs/${fair.id}/apply`;
    const refused = await member.browser.request(path, {
      method: 'POST',
      body: new URLSearchParams([
        ['_csrf', member.csrf],
        ['productIds', String(member.eligible.id)],
        ['productIds', String(member.twoStars.id)],
        ['productIds', String(member.lapsing.id)],
      ]),
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Bánh tráng hai sao: dưới 3 sao, chưa phải chứng nhận OCOP');
    expect(html).toMatch(/Trà lapsing: chứng nhận hết hiệu lực ngày \d\d\/\d\d\/\d{4}, trước khi hội chợ kết thúc/);
    expect(
      await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.producerId, member.producerId)),
    ).toEqual([]);

    const none = await member.browser.post(path, { _csrf: member.csrf });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('chọn ít nhất một sản phẩm');

    const sent = await member.browser.post(path, {
      _csrf: member.csrf,
      productIds: String(member.eligible.id),
      note: 'Xin gian gần lối vào',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/portal/fairs?applied=1');
    const [row] = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.producerId, member.producerId));
    expect(row).toMatchObject({ status: 'applied', note: 'Xin gian gần lối vào', boothId: null });
    const products = await testDb()
      .select()
      .from(fairExhibitorProducts)
      .where(eq(fairExhibitorProducts.exhibitorId, row!.id));
    expect(products.map((entry) => entry.productId)).toEqual([member.eligible.id]);
    expect((await auditFor('fair', fair.id)).map((entry) => entry.action)).toContain('fair.apply');

    const twice = await member.browser.post(path, { _csrf: member.csrf, productIds: String(member.eligible.id) });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('chủ thể này đã đăng ký hội chợ này');
    const list = await (await member.browser.request('/portal/fairs?applied=1')).text();
    expect(list).toContain('Đã gửi đăng ký.');
    expect(list).toContain('Chờ xét duyệt');
  });

  it('refuses to apply to a fair not taking applications, and a product of another producer', async () => {
    const running = await createFair();
    const fair = await openFair();
    const member = await producerWithProducts(fair.values.endsOn);
    const late = await member.browser.post(`/portal/fairs/${running.id}/apply`, {
      _csrf: member.csrf,
      productIds: String(member.eligible.id),
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('hội chợ này hiện không nhận hồ sơ đăng ký');
    const foreign = await createProduct();
    const other = await member.browser.post(`/portal/fairs/${fair.id}/apply`, {
      _csrf: member.csrf,
      productIds: String(foreign.id),
    });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('chỉ chọn được sản phẩm của chủ thể mình');
    const draft = await openFair({ published: false });
    expect((await member.browser.request(`/portal/fairs/${draft.id}/apply`)).status).toBe(404);
  });

  it('shows the decision, and a rejected producer may apply again', async () => {
    const fair = await openFair();
    const member = await producerWithProducts(fair.values.endsOn);
    const staff = await signedIn('staff');
    const exhibitorId = await application(fair.id, member.producerId, [member.eligible.id]);
    await staff.browser.post(`/admin/fairs/${fair.id}/exhibitors/${exhibitorId}/reject`, {
      _csrf: staff.csrf,
      reason: 'Khu OCOP đã đủ gian',
    });
    const list = await (await member.browser.request('/portal/fairs')).text();
    expect(list).toContain('Bị từ chối');
    expect(list).toContain('Lý do: Khu OCOP đã đủ gian');
    const again = await member.browser.post(`/portal/fairs/${fair.id}/apply`, {
      _csrf: member.csrf,
      productIds: String(member.eligible.id),
    });
    expect(again.status).toBe(303);
    await staff.browser.post(`/admin/fairs/${fair.id}/exhibitors/${exhibitorId}/accept`, {
      _csrf: staff.csrf,
      booth: 'A07',
    });
    const accepted = await (await member.browser.request('/portal/fairs')).text();
    expect(accepted).toContain('Được nhận');
    expect(accepted).toContain('Gian A07');
  });
});

describe('withdrawing', () => {
  it('withdraws its own undecided application, audited', async () => {
    const fair = await openFair();
    const member = await producerWithProducts(fair.values.endsOn);
    const exhibitorId = await application(fair.id, member.producerId, [member.eligible.id]);
    const list = await (await member.browser.request('/portal/fairs')).text();
    expect(list).toContain(`action="/portal/fair-applications/${exhibitorId}/withdraw"`);
    const response = await member.browser.post(`/portal/fair-applications/${exhibitorId}/withdraw`, {
      _csrf: member.csrf,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/portal/fairs?withdrawn=1');
    expect(await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.id, exhibitorId))).toEqual([]);
    expect((await auditFor('fair', fair.id)).map((entry) => entry.action)).toContain('fair.withdraw');
  });

  it("answers 404 for another producer's application and 409 once staff decided", async () => {
    const fair = await openFair();
    const member = await producerWithProducts(fair.values.endsOn);
    const otherProducer = await createProducer();
    const theirs = await application(fair.id, otherProducer, [(await createProduct({ producerId: otherProducer })).id]);
    const foreign = await member.browser.post(`/portal/fair-applications/${theirs}/withdraw`, { _csrf: member.csrf });
    expect(foreign.status).toBe(404);
    expect(await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.id, theirs))).toHaveLength(1);
    const running = await createFair();
    await placeExhibitor(running.id, member.producerId, 'A01', [member.eligible.id]);
    const [accepted] = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.fairId, running.id));
    const decided = await member.browser.post(`/portal/fair-applications/${accepted!.id}/withdraw`, {
      _csrf: member.csrf,
    });
    expect(decided.status).toBe(409);
  });
});
