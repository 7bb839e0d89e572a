import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, productImages } from '../../db/schema';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb } from '../support/factories';
import { sessionToken, signedIn } from '../support/portal';

/** A 1×1 transparent PNG. */
const PNG_BYTES = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);

async function memberWithProduct() {
  const member = await signedIn('producer_member');
  const product = await createProduct({ producerId: member.user.producerId! });
  return { ...member, product };
}

async function upload(
  browser: BrowserSession,
  productId: number,
  file: File | null,
  fields: Record<string, string> = { altVi: 'Chai rượu nhung hươu trên bàn gỗ' },
) {
  const form = new FormData();
  form.set('_csrf', await sessionToken(browser));
  if (file) form.set('photo', file);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return browser.request(`/portal/products/${productId}/photos`, { method: 'POST', body: form });
}

const imagesOf = (productId: number) =>
  testDb().select().from(productImages).where(eq(productImages.productId, productId));

describe('POST /portal/products/:id/photos', () => {
  it('stores a PNG under a random key and serves it back with its type and long cache headers', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await upload(browser, product.id, new File([PNG_BYTES], 'anh.png', { type: 'image/png' }), {
      altVi: 'Chai rượu nhung hươu',
      altEn: 'A bottle of deer antler wine',
    });
    expect(response.status).toBe(303);

    const [image] = await imagesOf(product.id);
    expect(image!.url).toMatch(/^\/media\/[0-9a-f-]{36}\.png$/);
    expect([image!.altVi, image!.altEn]).toEqual(['Chai rượu nhung hươu', 'A bottle of deer antler wine']);

    const served = await new BrowserSession().request(image!.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_BYTES);

    const publicPage = await (await new BrowserSession().request(`/products/${product.slug}`)).text();
    expect(publicPage).toContain(`src="${image!.url}"`);
    expect(publicPage).toContain('alt="Chai rượu nhung hươu"');
  });

  it('answers 304 when the browser already holds the photo', async () => {
    const { browser, product } = await memberWithProduct();
    await upload(browser, product.id, new File([PNG_BYTES], 'a.png'));
    const [image] = await imagesOf(product.id);
    const first = await new BrowserSession().request(image!.url);
    const again = await new BrowserSession().request(image!.url, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('refuses text named .jpg with 415 naming the field, storing nothing', async () => {
    const { browser, product } = await memberWithProduct();
    const disguised = new File(['this is not a photo at all'], 'anh.jpg', { type: 'image/jpeg' });
    const response = await upload(browser, product.id, disguised);
    expect(response.status).toBe(415);
    const html = await response.text();
    expect(html).toContain('<code>photo</code>');
    expect(html).toContain('không phải ảnh JPEG, PNG hoặc WebP');
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it('refuses a photo over 5 MB with 413', async () => {
    const { browser, product } = await memberWithProduct();
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG_BYTES);
    const response = await upload(browser, product.id, new File([big], 'big.png', { type: 'image/png' }));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('lớn quá 5 MB');
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it('cuts off a far larger upload before reading it: 413, nothing stored', async () => {
    const { browser, product } = await memberWithProduct();
    const huge = new Uint8Array(8 * 1024 * 1024);
    huge.set(PNG_BYTES);
    const response = await upload(browser, product.id, new File([huge], 'huge.png', { type: 'image/png' }));
    expect(response.status).toBe(413);
    // The app-wide error page, not the photo form: the body was refused before the form was read.
    expect(await response.text()).toContain('Dữ liệu gửi lên quá lớn.');
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it('requires alt text: 400 naming altVi, the typed English alt kept', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await upload(browser, product.id, new File([PNG_BYTES], 'a.png'), {
      altVi: '  ',
      altEn: 'Honey jar',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<code>altVi</code>');
    expect(html).toContain('value="Honey jar"');
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it('asks for a file when none is chosen', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await upload(browser, product.id, null);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<code>photo</code>');
  });

  it("answers 404 for another organisation's product and stores nothing", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await createProduct();
    const response = await upload(browser, foreign.id, new File([PNG_BYTES], 'a.png'));
    expect(response.status).toBe(404);
    expect(await imagesOf(foreign.id)).toEqual([]);
  });
});

describe('POST /portal/products/:id/photos/:imageId/delete', () => {
  it('removes the photo from the product and from storage, with an audit entry', async () => {
    const { browser, product } = await memberWithProduct();
    await upload(browser, product.id, new File([PNG_BYTES], 'a.png'));
    const [image] = await imagesOf(product.id);
    const _csrf = await sessionToken(browser);
    const response = await browser.post(`/portal/products/${product.id}/photos/${image!.id}/delete`, { _csrf });
    expect(response.status).toBe(303);
    expect(await imagesOf(product.id)).toEqual([]);
    expect((await new BrowserSession().request(image!.url)).status).toBe(404);
    const actions = await testDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'product'), eq(auditLog.entityId, String(product.id))));
    expect(actions.map((a) => a.action)).toEqual(['product_image.create', 'product_image.delete']);
  });

  it("answers 404 for another organisation's photo and keeps it", async () => {
    const owner = await memberWithProduct();
    await upload(owner.browser, owner.product.id, new File([PNG_BYTES], 'a.png'));
    const [image] = await imagesOf(owner.product.id);
    const { browser } = await signedIn('producer_member');
    const _csrf = await sessionToken(browser);
    const response = await browser.post(`/portal/products/${owner.product.id}/photos/${image!.id}/delete`, { _csrf });
    expect(response.status).toBe(404);
    expect(await imagesOf(owner.product.id)).toHaveLength(1);
    expect((await new BrowserSession().request(image!.url)).status).toBe(200);
  });
});

describe('GET /media/:key', () => {
  it('answers 404 for an unknown key and for a key outside the naming scheme', async () => {
    expect((await new BrowserSession().request(`/media/${crypto.randomUUID()}.png`)).status).toBe(404);
    expect((await new BrowserSession().request('/media/..%2Fsecret.png')).status).toBe(404);
  });
});
