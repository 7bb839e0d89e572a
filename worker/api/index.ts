import { createApiRouter } from '../lib/openapi';
import { productsApi } from './products';
import { referenceApi } from './reference';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Version 1 of the JSON API, mounted at /api/v1. New resources are added here. */
export function createApiV1() {
  const api = createApiRouter();
  api.route('/', productsApi);
  api.route('/', referenceApi);
  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'OCOP platform API',
      version: '1.0.0',
      description:
        'Certified OCOP (One Commune One Product) goods: catalogue, reference data. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: `${c.env.PUBLIC_ORIGIN}/api/v1` }],
  }));
  return api;
}
