import { describe, expect, it } from 'vitest';
import { fetchApp, getJson } from '../support/http';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document generated from the route contracts', async () => {
    const { status, body } = await getJson<OpenApiDocument>('/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/admin/certifications',
        '/fairs',
        '/fairs.ics',
        '/fairs/{id}',
        '/fairs/{id}.ics',
        '/groups',
        '/products',
        '/products/{idOrSlug}',
        '/provinces',
        '/sales-points',
        '/sales-points/{id}',
        '/carts',
        '/carts/{token}',
        '/carts/{token}/lines',
        '/carts/{token}/lines/{lineId}',
        '/orders',
        '/orders/{token}',
        '/payments/stripe/webhook',
        '/payments/bank-transfers',
      ].sort(),
    );
    const list = body.paths['/products']!.get!;
    expect(list.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'province', 'group', 'min_stars', 'sort', 'page', 'limit']),
    );
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(body.components.schemas).toHaveProperty('Problem');
    expect(body.components.schemas).toHaveProperty('ProductDetail');
  });
});

describe('unknown routes', () => {
  it('documents the certification ingest: both media types with examples, the token and every refusal', async () => {
    const { body } = await getJson<{
      paths: Record<string, { post: Record<string, unknown> }>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    }>('/api/v1/openapi.json');
    const ingest = body.paths['/admin/certifications']!.post as {
      security: Record<string, unknown>[];
      requestBody: { content: Record<string, { example?: unknown }> };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(ingest.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(ingest.requestBody.content['text/csv']!.example).toMatch(/^decision_number,/);
    expect(ingest.requestBody.content['application/json']!.example).toEqual([
      expect.objectContaining({ stars: 4, score: 78.5 }),
    ]);
    expect(ingest.security).toEqual([{ bearerAuth: [] }]);
    expect(body.components.securitySchemes.bearerAuth!.scheme).toBe('bearer');
    expect(Object.keys(ingest.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415', '500']);
  });

  it('answer 404 problem+json under /api', async () => {
    const response = await fetchApp('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answer a friendly 404 page elsewhere', async () => {
    const response = await fetchApp('/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Không tìm thấy trang bạn cần.');
  });
});
