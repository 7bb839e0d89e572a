import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, productImages } from '../../db/schema';
import { BrowserSession } from '../support/browser-session';
import { createProduct, testDb } from '../support/factories';
import { concat, extendedWebp, jpegComment, text, tinyJpeg, tinyPng, tinyWebp } from '../support/images';
import { sessionToken, signedIn } from '../support/portal';

/** A 1×1 transparent PNG. */
const PNG_BYTES = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);
const PAGE = text('<!doctype html><html><body><script>fetch("/portal/profile")</script></body></html>');

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
    expect(html).toContain('href="#photo"');
    expect(html).toContain('không phải ảnh JPEG, PNG hoặc WebP');
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it.each([
    ['JPEG', tinyJpeg({ width: 16, height: 16 }), 'image/jpeg', 'jpg'],
    ['PNG', tinyPng(3, 3), 'image/png', 'png'],
    ['lossless WebP', tinyWebp(2, 2), 'image/webp', 'webp'],
    ['extended WebP', extendedWebp(2, 2), 'image/webp', 'webp'],
  ])('stores a whole %s with its type', async (_, bytes, type, extension) => {
    const { browser, product } = await memberWithProduct();
    const response = await upload(browser, product.id, new File([bytes], 'anh.bin', { type: 'text/html' }));
    expect(response.status).toBe(303);
    const [image] = await imagesOf(product.id);
    expect(image!.url.endsWith(`.${extension}`)).toBe(true);
    const served = await new BrowserSession().request(image!.url);
    expect(served.headers.get('content-type')).toBe(type);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
  });

  it.each([
    ['the 3 bytes FF D8 FF', new Uint8Array([0xff, 0xd8, 0xff])],
    ['a JPEG cut short', tinyJpeg().subarray(0, tinyJpeg().length - 2)],
    ['a PNG cut short', PNG_BYTES.subarray(0, PNG_BYTES.length - 12)],
    ['a WebP cut short', tinyWebp().subarray(0, 20)],
    ['a PNG padded with zeros', concat(PNG_BYTES, new Uint8Array(64))],
    ['a WebP padded with zeros', concat(tinyWebp(), new Uint8Array(2))],
    ['a JPEG with a web page appended', concat(tinyJpeg(), PAGE)],
    ['a PNG with a web page appended', concat(PNG_BYTES, PAGE)],
    ['a WebP with a web page appended', concat(tinyWebp(), PAGE)],
    [
      'a JPEG whose comment is a web page',
      concat(tinyJpeg().subarray(0, 2), jpegComment('<html><script>x</script>'), tinyJpeg().subarray(2)),
    ],
    ['a page that starts like a PNG', concat(PNG_BYTES.subarray(0, 8), PAGE)],
  ])('refuses %s with 415 naming the field, storing nothing', async (_, bytes) => {
    const { browser, product } = await memberWithProduct();
    const response = await upload(browser, product.id, new File([bytes], 'anh.jpg', { type: 'image/jpeg' }));
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('không phải ảnh JPEG, PNG hoặc WebP');
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
    expect(html).toContain('href="#altVi"');
    expect(html).toContain('value="Honey jar"');
    expect(await imagesOf(product.id)).toEqual([]);
  });

  it('asks for a file when none is chosen', async () => {
    const { browser, product } = await memberWithProduct();
    const response = await upload(browser, product.id, null);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('href="#photo"');
  });

  it("answers 404 for another organisation's product and stores nothing", async () => {
    const { browser } = await signedIn('producer_member');
    const foreign = await createProduct();
    const response = await upload(browser, foreign.id, new File([PNG_BYTES], 'a.png'));
    expect(response.status).toBe(404);
    expect(await imagesOf(foreign.id)).toEqual([]);
  });
});

describe('a product photo as the link preview (Open Graph)', () => {
  const meta = (html: string, property: string) =>
    new RegExp(`<meta property="${property}" content="([^"]*)"/>`).exec(html)?.[1] ?? null;

  it('records the size of an uploaded photo and previews the first one of at least 600 × 315', async () => {
    const { browser, product } = await memberWithProduct();
    await upload(browser, product.id, new File([tinyPng(300, 200)], 'nho.png'));
    await upload(browser, product.id, new File([tinyJpeg({ width: 1200, height: 640 })], 'lon.jpg'));
    const images = await imagesOf(product.id);
    expect(images.map((image) => [image.width, image.height])).toEqual([
      [300, 200],
      [1200, 640],
    ]);
    const html = await (await new BrowserSession().request(`/products/${product.slug}`)).text();
    expect(meta(html, 'og:image')).toBe(`http://localhost:8787${images[1]!.url}`);
    expect(meta(html, 'og:image:type')).toBe('image/jpeg');
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('640');
  });

  it('previews the generated PNG when no photo is large enough', async () => {
    const { browser, product } = await memberWithProduct();
    // 700 × 300: wide enough, not tall enough.
    await upload(browser, product.id, new File([tinyJpeg({ width: 704, height: 296 })], 'hep.jpg'));
    const html = await (await new BrowserSession().request(`/products/${product.slug}`)).text();
    expect(meta(html, 'og:image')).toBe(`http://localhost:8787/images/share/products/${product.slug}.png`);
    expect(meta(html, 'og:image:type')).toBe('image/png');
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('630');
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
  it('serves a photo with a policy that lets nothing load or run in it, and no type sniffing', async () => {
    const { browser, product } = await memberWithProduct();
    await upload(browser, product.id, new File([tinyJpeg()], 'a.jpg'));
    const [image] = await imagesOf(product.id);
    const served = await new BrowserSession().request(image!.url);
    const again = await new BrowserSession().request(image!.url, {
      headers: { 'if-none-match': served.headers.get('etag')! },
    });
    expect([served.status, again.status]).toEqual([200, 304]);
    for (const response of [served, again]) {
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers 404 for an unknown key and for a key outside the naming scheme', async () => {
    expect((await new BrowserSession().request(`/media/${crypto.randomUUID()}.png`)).status).toBe(404);
    expect((await new BrowserSession().request('/media/..%2Fsecret.png')).status).toBe(404);
  });
});
