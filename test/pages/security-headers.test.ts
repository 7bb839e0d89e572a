/**
 * Every HTML answer of the worker, public or signed in, found or not, carries a Content Security
 * Policy that refuses inline script and framing by another site; a photo is served under a policy
 * that runs nothing at all. (Static files get theirs from web/public/_headers, checked against
 * `wrangler dev` in test/browser/security-headers.test.ts.)
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { publicPhotoUrl, putProductPhoto } from '../../worker/storage/media-bucket';
import { createProduct } from '../support/factories';
import { signedIn } from '../support/portal';
import { activeStamp, Phone, stampPath } from '../support/stamps';
import { getPage } from './html';

/** The policy's directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    policy!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function expectPagePolicy(response: Response, where: string) {
  expect(response.headers.get('content-type'), where).toMatch(/^text\/html/);
  const policy = directives(response.headers.get('content-security-policy'));
  expect(policy.get('script-src'), where).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(policy.get('object-src'), where).toEqual(["'none'"]);
  expect(policy.get('base-uri'), where).toEqual(["'self'"]);
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), where).toBe('SAMEORIGIN');
}

describe('security headers', () => {
  it('put a policy without inline script on every public page, found or not', async () => {
    const product = await createProduct();
    for (const path of [
      '/',
      '/products',
      '/products?q=b%C6%B0%E1%BB%9Fi',
      `/products/${product.slug}`,
      '/sales-points',
      '/login',
      '/api/docs',
      '/products/no-such-product',
      '/no/such/page',
    ]) {
      const { response } = await getPage(path);
      expectPagePolicy(response, path);
    }
  });

  it('put it on the scan page of a genuine stamp, of an unknown one and of a malformed path', async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    for (const path of [stamp.path, stampPath(stamp.lot, 'ZZZZ00002222'), '/01/123/10/LOT1/21/0123456789AB']) {
      expectPagePolicy(await phone.open(path), path);
    }
  });

  it('put it on the portal and the administration, and on a refused form', async () => {
    const { browser: producer } = await signedIn('producer_member');
    for (const path of ['/portal', '/portal/products', '/portal/lots/new']) {
      expectPagePolicy(await producer.request(path, { headers: { Accept: 'text/html' } }), path);
    }
    const refused = await producer.request('/portal/lots', {
      method: 'POST',
      body: new URLSearchParams({ lotCode: '' }),
      headers: { Accept: 'text/html' },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expectPagePolicy(refused, 'a refused form');
    const { browser: admin } = await signedIn('admin');
    for (const path of ['/admin', '/admin/certifications', '/admin/users']) {
      expectPagePolicy(await admin.request(path, { headers: { Accept: 'text/html' } }), path);
    }
  });

  it('serve a photo under a policy that runs nothing, as an image only', async () => {
    // A tiny but whole PNG, stored as an upload stores it.
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAWk1v8QAAAABJRU5ErkJggg=='),
      (char) => char.charCodeAt(0),
    );
    const key = await putProductPhoto(env.MEDIA, png, 'image/png');
    const photo = await new Phone().request(publicPhotoUrl(key));
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(directives(photo.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
