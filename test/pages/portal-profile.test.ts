import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, producers, products } from '../../db/schema';
import { createProduct, testDb, uniqueSuffix } from '../support/factories';
import { getJson, uniqueWord } from '../support/http';
import { postForm, signedIn } from '../support/portal';

const producerRow = async (id: number) => (await testDb().select().from(producers).where(eq(producers.id, id)))[0]!;

/** A unique, well-formed tax code for each test (the column is unique). */
const taxCode = () =>
  `03${Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0')}`;

const profileFields = (overrides: Record<string, string> = {}) => ({
  name: `HTX Dịch vụ Nông nghiệp Bình Lợi ${uniqueSuffix()}`,
  kind: 'cooperative',
  taxCode: taxCode(),
  provinceCode: '75',
  communeCode: '25195',
  street: 'Ấp 3',
  phone: '+84 912 345 678',
  zalo: '0912345678',
  email: 'htx@example.vn',
  website: '',
  storyVi: 'Bưởi da xanh trồng ven sông Đồng Nai.',
  storyEn: '',
  bankBin: '970416',
  bankAccountNumber: '257678859',
  bankAccountName: 'htx binh loi',
  ...overrides,
});

describe('POST /portal/profile', () => {
  it('saves the profile, normalising the phone and upper-casing the account name, with an audit entry', async () => {
    const { browser, user } = await signedIn('producer_member');
    const fields = profileFields();
    const response = await postForm(browser, '/portal/profile', fields);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/portal/profile?saved=1');
    const row = await producerRow(user.producerId!);
    expect(row.name).toBe(fields.name);
    expect(row.taxCode).toBe(fields.taxCode);
    expect(row.communeCode).toBe('25195');
    expect(row.phone).toBe('0912345678');
    expect(row.bankAccountName).toBe('HTX BINH LOI');
    const entries = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'producer'), eq(auditLog.entityId, String(user.producerId))));
    expect(entries.map((e) => e.action)).toEqual(['producer.update_profile']);
    expect(entries[0]!.actorUserId).toBe(user.id);
  });

  it('refuses a malformed tax code: 400 naming the field, form kept, nothing written', async () => {
    const { browser, user } = await signedIn('producer_member');
    const before = await producerRow(user.producerId!);
    const response = await postForm(
      browser,
      '/portal/profile',
      profileFields({ taxCode: '03123-45678', name: 'Tên mới' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#taxCode"');
    // The field itself is marked and points screen readers at its message.
    const input = /<input id="taxCode"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('aria-describedby="taxCode-hint taxCode-error"');
    expect(input).toContain('aria-invalid="true"');
    expect(html).toContain('<p class="field-error" id="taxCode-error">');
    expect(html).toContain('value="Tên mới"');
    expect(await producerRow(user.producerId!)).toEqual(before);
  });

  it('refuses a commune of another province and lists the chosen province’s communes', async () => {
    const { browser, user } = await signedIn('producer_member');
    const response = await postForm(
      browser,
      '/portal/profile',
      profileFields({ provinceCode: '79', communeCode: '25195' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#communeCode"');
    expect(html).toContain('không thuộc tỉnh');
    expect(html).toContain('Thủ Dầu Một');
    expect((await producerRow(user.producerId!)).provinceCode).toBe('75');
  });

  it('refuses a phone that is not a Vietnamese mobile and half a bank account', async () => {
    const { browser } = await signedIn('producer_member');
    const response = await postForm(
      browser,
      '/portal/profile',
      profileFields({ phone: '0212345678', bankAccountNumber: '', bankAccountName: '' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#phone"');
    expect(html).toContain('href="#bankAccountNumber"');
  });

  it('refuses a tax code another producer holds with 409', async () => {
    const first = await signedIn('producer_member');
    const second = await signedIn('producer_member');
    const shared = taxCode();
    expect((await postForm(first.browser, '/portal/profile', profileFields({ taxCode: shared }))).status).toBe(303);
    const response = await postForm(second.browser, '/portal/profile', profileFields({ taxCode: shared }));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('href="#taxCode"');
  });

  it('refreshes the search text of every product when the producer name changes', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const word = uniqueWord();
    await postForm(browser, '/portal/profile', profileFields({ name: `HTX ${word}` }));
    const { body } = await getJson<{ data: { slug: string }[] }>(`/api/v1/products?q=${word}`);
    expect(body.data.map((p) => p.slug)).toEqual([product.slug]);
  });

  it('moves the products to the new province with the producer', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const response = await postForm(
      browser,
      '/portal/profile',
      profileFields({ provinceCode: '79', communeCode: '25747' }),
    );
    expect(response.status).toBe(303);
    const [row] = await testDb().select().from(products).where(eq(products.id, product.id));
    expect(row!.provinceCode).toBe('79');
  });

  it('lets an administrator edit a chosen producer', async () => {
    const { user: member } = await signedIn('producer_member');
    const { browser } = await signedIn('admin');
    const page = await browser.request(`/portal/profile?producer=${member.producerId}`);
    expect(page.status).toBe(200);
    const fields = profileFields();
    const response = await postForm(
      browser,
      `/portal/profile?producer=${member.producerId}`,
      fields,
      `/portal/profile?producer=${member.producerId}`,
    );
    expect(response.status).toBe(303);
    expect((await producerRow(member.producerId!)).name).toBe(fields.name);
  });
});
