import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createProduct } from '../support/factories';
import { fetchApp } from '../support/http';

describe('GET /sitemap.xml', () => {
  it('lists listed products and their producers with absolute URLs, and no unlisted product', async () => {
    const listed = await createProduct();
    const unpublished = await createProduct({ isPublished: false });
    const expired = await createProduct({
      certifications: [{ stars: 4, decisionDate: '2020-05-01', validUntil: '2023-05-01' }],
    });
    const response = await fetchApp('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    const origin = env.PUBLIC_ORIGIN;
    expect(xml).toContain(`<loc>${origin}/products/${listed.slug}</loc>`);
    expect(xml).toMatch(new RegExp(`<loc>${origin}/producers/producer-[0-9a-f]{8}</loc>`));
    expect(xml).toContain(`<loc>${origin}/</loc>`);
    expect(xml).toContain(`<loc>${origin}/products</loc>`);
    expect(xml).not.toContain(unpublished.slug);
    expect(xml).not.toContain(expired.slug);
  });
});

describe('GET /robots.txt', () => {
  it('allows everything but the API (docs excepted) and points to the sitemap', async () => {
    const response = await fetchApp('/robots.txt');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('User-agent: *');
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain('Allow: /api/docs');
    expect(text).toContain(`Sitemap: ${env.PUBLIC_ORIGIN}/sitemap.xml`);
  });
});
