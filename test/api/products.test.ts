import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createProduct, uniqueSuffix } from '../support/factories';

const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://localhost${path}`, init));

describe('GET /api/v1/products', () => {
  it('finds a product with or without accents, including đ', async () => {
    const word = `zq${uniqueSuffix().replace(/\d/g, 'x')}`;
    const product = await createProduct({ nameVi: `Rượu nhung hươu đường ${word}` });
    for (const q of [`ruou nhung ${word}`, `rượu nhung ${word}`, `duong ${word}`, `ĐƯỜNG ${word}`]) {
      const response = await get(`/api/v1/products?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      const body = await response.json<{ data: { slug: string }[] }>();
      expect(
        body.data.map((p) => p.slug),
        q,
      ).toContain(product.slug);
    }
  });

  it('returns 400 naming the field when min_stars is 9', async () => {
    const response = await get('/api/v1/products?min_stars=9');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json<{ code: string; errors: { field: string }[] }>();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e) => e.field)).toEqual(['min_stars']);
  });
});
