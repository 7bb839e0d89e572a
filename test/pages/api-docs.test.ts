import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../worker/lib/errors';
import { documentOperations } from '../../worker/presenters/api-docs';
import { fetchApp, getJson } from '../support/http';
import { getPage } from './html';

describe('GET /api/docs', () => {
  it('lists /products with its parameters and responses, and links the OpenAPI document', async () => {
    const { status, html } = await getPage('/api/docs');
    expect(status).toBe(200);
    expect(html).toContain('<span class="method">GET</span> <code>/api/v1/products</code>');
    expect(html).toContain('<code>min_stars</code>');
    expect(html).toContain('Minimum OCOP stars.');
    expect(html).toContain('<code>400</code>');
    expect(html).toContain('href="/api/v1/openapi.json"');
  });

  it('documents every path of the served OpenAPI document', async () => {
    const { body } = await getJson<{ paths: Record<string, object> }>('/api/v1/openapi.json');
    const { html } = await getPage('/api/docs');
    expect(Object.keys(body.paths).length).toBeGreaterThan(0);
    for (const path of Object.keys(body.paths)) expect(html).toContain(`<code>/api/v1${path}</code>`);
  });

  it('has an anchor for each error code, with its localised description', async () => {
    const vi = (await getPage('/api/docs')).html;
    const en = (await getPage('/api/docs?lang=en')).html;
    for (const code of errorCodes) {
      expect(vi).toContain(`id="problem-${code}"`);
      expect(en).toContain(`id="problem-${code}"`);
    }
    expect(vi).toContain('Dữ liệu gửi lên chưa đúng.');
    expect(en).toContain('Some of the data sent is not valid.');
  });

  it('is where the type of a problem response points', async () => {
    const response = await fetchApp('/api/v1/products?min_stars=9');
    const { type } = await response.json<{ type: string }>();
    const anchor = new URL(type).hash.slice(1);
    expect(anchor).toBe('problem-validation_failed');
    expect((await getPage('/api/docs')).html).toContain(`id="${anchor}"`);
  });
});

describe('documentOperations', () => {
  it('describes a request body by schema, content type and whether it is required', () => {
    const [operation] = documentOperations(
      {
        paths: {
          '/orders': {
            post: {
              summary: 'Place an order',
              requestBody: {
                required: true,
                content: { 'application/json': { schema: { $ref: '#/components/schemas/NewOrder' } } },
              },
              responses: { '201': { description: 'Created.' } },
            },
          },
        },
      },
      '/api/v1',
    );
    expect(operation).toMatchObject({
      id: 'post-api-v1-orders',
      method: 'POST',
      path: '/api/v1/orders',
      parameters: [],
      requestBody: { required: true, contentTypes: ['application/json'], schema: 'NewOrder' },
      responses: [{ status: '201', description: 'Created.', contentTypes: [] }],
    });
  });
});
