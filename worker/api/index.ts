import { edgeCache } from '../lib/edge-cache';
import { createApiRouter } from '../lib/openapi';
import { cartsApi } from './carts';
import { certificationsApi } from './certifications';
import { fairsApi } from './fairs';
import { ordersApi } from './orders';
import { paymentsApi } from './payments';
import { productsApi } from './products';
import { referenceApi } from './reference';
import { salesPointsApi } from './sales-points';

const PUBLIC_CACHEABLE_PATHS = [
  '/products',
  '/products/*',
  '/provinces',
  '/groups',
  '/sales-points',
  '/sales-points/*',
  '/fairs',
  '/fairs.ics',
  '/fairs/*',
  '/openapi.json',
];

/** Version 1 of the JSON API, mounted at /api/v1. New resources are added here. */
export function createApiV1() {
  const api = createApiRouter();
  // Public, anonymous reads only: anything per-user must never enter the shared cache.
  for (const path of PUBLIC_CACHEABLE_PATHS) api.use(path, edgeCache);
  api.route('/', productsApi);
  api.route('/', referenceApi);
  api.route('/', salesPointsApi);
  api.route('/', fairsApi);
  api.route('/', certificationsApi);
  api.route('/', cartsApi);
  api.route('/', ordersApi);
  api.route('/', paymentsApi);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token created by an administrator (Administration → API tokens), with the scopes a route names.',
  });
  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'OCOP platform API',
      version: '1.0.0',
      description:
        'Certified OCOP (One Commune One Product) goods: catalogue, sales points, trade fairs with calendar files, reference data, the ingest of council results, and the marketplace (carts, orders, payment webhooks). Money is whole đồng (VND has no minor unit). Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: `${c.env.PUBLIC_ORIGIN}/api/v1` }],
  }));
  return api;
}
