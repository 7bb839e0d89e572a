/**
 * Every form route of the real app, sent every kind of body a form must survive: malformed
 * multipart, a charset other than UTF-8, a NUL in a file name, nothing, too much, and types that
 * are not forms. The routes come from the app's own route table, so a new POST/PUT/PATCH/DELETE
 * route missing from ROUTES below fails this file by name. Each request is signed in as someone
 * who may use the route and carries a valid CSRF token in its header, so what answers is the body
 * reader: 400, 413 or 415 with the friendly page (problem+json under /api/), never a 500, and
 * nothing written to D1 or R2.
 */
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { inspectRoutes } from 'hono/dev';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, certifications, productImages, productVariants, traceEvents } from '../../db/schema';
import { messages } from '../../web/messages';
import { createApp } from '../../worker/app';
import { createFakeReport } from '../../worker/data/fake-reports';
import { MAX_PHOTO_BYTES } from '../../worker/domain/media';
import type { ErrorCode } from '../../worker/lib/errors';
import { DEFAULT_FORM_BYTES } from '../../worker/lib/form-body';
import { MAX_INGEST_BYTES } from '../../worker/lib/ingest-input';
import { sha256Hex } from '../../worker/crypto/digest';
import { randomToken } from '../../worker/crypto/random';
import { createInvitationRow } from '../support/admin';
import { cartWith, createSaleProduct, placedOrder } from '../support/commerce';
import { BrowserSession } from '../support/browser-session';
import { createProducer, createProduct, createUser, testDb, TEST_PASSWORD, uniqueSuffix } from '../support/factories';
import { createApiToken } from '../support/ingest';
import { batchFor, lotFor } from '../support/portal-stamps';
import { createSalesPoint, photoOf } from '../support/sales-points';
import { activeStamp, ANDROID_CHROME } from '../support/stamps';
import { application, createFair, openFair } from '../support/fairs';

/** Who sends the form: anyone for public forms, an administrator for /admin and /portal, a token for the API. */
type Sender = 'anonymous' | 'admin' | 'api';
/** Which body limit the route has: ordinary forms, forms with a photo, council result files. */
type Limit = 'form' | 'photo' | 'ingest';

interface RouteCase {
  sender: Sender;
  limit?: Limit;
  /** A route that authenticates its caller before it reads a body answers every body this way. */
  refusesFirst?: 401;
  /** The path, naming fresh objects of this test, for a sender of the given producer. */
  path: (producerId: number) => Promise<string>;
}

const MIB = 1024 * 1024;
/** Past the limit, with room for any margin a route adds for its other fields and multipart framing. */
const OVER_LIMIT: Record<Limit, number> = {
  form: DEFAULT_FORM_BYTES + 1,
  photo: MAX_PHOTO_BYTES + 2 * MIB,
  ingest: MAX_INGEST_BYTES + 2 * MIB,
};

const product = async (producerId: number) => (await createProduct({ producerId })).id;
const lot = async (producerId: number) => (await lotFor(await product(producerId))).lotId;
const batch = async (producerId: number) => (await batchFor(await lot(producerId))).batchId;
const report = async (producerId: number) =>
  (
    await createFakeReport(testDb(), {
      stampId: null,
      scannedPath: '/T/DN0042/ABCDEFGHJKMN',
      productId: await product(producerId),
      message: null,
      photoKey: null,
      contact: null,
      province: null,
    })
  ).reportId;

const fairApplication = async (producerId: number) => {
  const fair = await openFair();
  return { fair, exhibitorId: await application(fair.id, producerId, [await product(producerId)]) };
};

const ROUTES: Record<string, RouteCase> = {
  'POST /login': { sender: 'anonymous', path: async () => '/login' },
  'POST /logout': { sender: 'admin', path: async () => '/logout' },
  'POST /logout-everywhere': { sender: 'admin', path: async () => '/logout-everywhere' },

  'POST /admin/users/:id/status': {
    sender: 'admin',
    path: async () => `/admin/users/${(await createUser('staff')).id}/status`,
  },
  'POST /admin/users/:id/role': {
    sender: 'admin',
    path: async () => `/admin/users/${(await createUser('staff')).id}/role`,
  },
  'POST /admin/users/:id/password-reset': {
    sender: 'admin',
    path: async () => `/admin/users/${(await createUser('staff')).id}/password-reset`,
  },
  'POST /admin/invitations': { sender: 'admin', path: async () => '/admin/invitations' },
  'POST /admin/organisations/:id/claim-link': {
    sender: 'admin',
    path: async () => {
      const producerId = await createProducer({ taxCode: `39${Date.now().toString().slice(-8)}-${uniqueSuffix()}` });
      return `/admin/organisations/${producerId}/claim-link`;
    },
  },
  'POST /admin/api-tokens': { sender: 'admin', path: async () => '/admin/api-tokens' },
  'POST /admin/api-tokens/:id/revoke': {
    sender: 'admin',
    path: async () => {
      const [row] = await testDb()
        .insert(apiTokens)
        .values({ name: 'bodies', prefix: 'ocop_bodies', tokenHash: await sha256Hex(randomToken()), scopes: [] })
        .returning();
      return `/admin/api-tokens/${row!.id}/revoke`;
    },
  },
  'POST /admin/certifications/upload': {
    sender: 'admin',
    limit: 'ingest',
    path: async () => '/admin/certifications/upload',
  },
  'POST /admin/certifications/upload/rejected.csv': {
    sender: 'admin',
    limit: 'ingest',
    path: async () => '/admin/certifications/upload/rejected.csv',
  },
  'POST /admin/certifications/:id{[0-9]+}/revoke': {
    sender: 'admin',
    path: async () => {
      const { id } = await createProduct();
      const [certification] = await testDb().select().from(certifications).where(eq(certifications.productId, id));
      return `/admin/certifications/${certification!.id}/revoke`;
    },
  },
  'POST /admin/fake-reports/:id{[0-9]+}/review': {
    sender: 'admin',
    path: async (producerId) => `/admin/fake-reports/${await report(producerId)}/review`,
  },
  'POST /admin/fairs': { sender: 'admin', path: async () => '/admin/fairs' },
  'POST /admin/fairs/:id{[0-9]+}': { sender: 'admin', path: async () => `/admin/fairs/${(await createFair()).id}` },
  'POST /admin/fairs/:id{[0-9]+}/publish': {
    sender: 'admin',
    path: async () => `/admin/fairs/${(await createFair()).id}/publish`,
  },
  'POST /admin/fairs/:id{[0-9]+}/exhibitors': {
    sender: 'admin',
    path: async () => `/admin/fairs/${(await createFair()).id}/exhibitors`,
  },
  'POST /admin/fairs/:id{[0-9]+}/exhibitors/:exhibitorId{[0-9]+}/accept': {
    sender: 'admin',
    path: async (producerId) => {
      const { fair, exhibitorId } = await fairApplication(producerId);
      return `/admin/fairs/${fair.id}/exhibitors/${exhibitorId}/accept`;
    },
  },
  'POST /admin/fairs/:id{[0-9]+}/exhibitors/:exhibitorId{[0-9]+}/reject': {
    sender: 'admin',
    path: async (producerId) => {
      const { fair, exhibitorId } = await fairApplication(producerId);
      return `/admin/fairs/${fair.id}/exhibitors/${exhibitorId}/reject`;
    },
  },
  'POST /api/v1/admin/certifications': {
    sender: 'api',
    limit: 'ingest',
    path: async () => '/api/v1/admin/certifications',
  },

  'POST /invitations/:token': { sender: 'anonymous', path: async () => (await createInvitationRow()).path },

  'POST /portal/products/:id{[0-9]+}': {
    sender: 'admin',
    path: async (producerId) => `/portal/products/${await product(producerId)}`,
  },
  'POST /portal/products/:id{[0-9]+}/publish': {
    sender: 'admin',
    path: async (producerId) => `/portal/products/${await product(producerId)}/publish`,
  },
  'POST /portal/products/:id{[0-9]+}/variants': {
    sender: 'admin',
    path: async (producerId) => `/portal/products/${await product(producerId)}/variants`,
  },
  'POST /portal/products/:id{[0-9]+}/variants/:variantId{[0-9]+}': {
    sender: 'admin',
    path: async (producerId) => {
      const productId = await product(producerId);
      const [variant] = await testDb()
        .insert(productVariants)
        .values({ productId, labelVi: 'Hộp 500 g', price: 120_000 })
        .returning();
      return `/portal/products/${productId}/variants/${variant!.id}`;
    },
  },
  'POST /portal/products/:id{[0-9]+}/stock': {
    sender: 'admin',
    path: async (producerId) => `/portal/products/${await product(producerId)}/stock`,
  },
  'POST /portal/products/:id{[0-9]+}/photos': {
    sender: 'admin',
    limit: 'photo',
    path: async (producerId) => `/portal/products/${await product(producerId)}/photos`,
  },
  'POST /portal/products/:id{[0-9]+}/photos/:imageId{[0-9]+}/delete': {
    sender: 'admin',
    path: async (producerId) => {
      const { id } = await createProduct({ producerId, images: 1 });
      const [image] = await testDb().select().from(productImages).where(eq(productImages.productId, id));
      return `/portal/products/${id}/photos/${image!.id}/delete`;
    },
  },
  'POST /portal/profile': { sender: 'admin', path: async (producerId) => `/portal/profile?producer=${producerId}` },
  'POST /portal/lots': { sender: 'admin', path: async (producerId) => `/portal/lots?producer=${producerId}` },
  'POST /portal/lots/:id{[0-9]+}/events': {
    sender: 'admin',
    path: async (producerId) => `/portal/lots/${await lot(producerId)}/events`,
  },
  'POST /portal/lots/:id{[0-9]+}/events/:eventId{[0-9]+}/visibility': {
    sender: 'admin',
    path: async (producerId) => {
      const lotId = await lot(producerId);
      const [event] = await testDb()
        .insert(traceEvents)
        .values({ lotId, eventType: 'shipping', occurredAt: new Date().toISOString(), placeText: 'Kho Biên Hòa' })
        .returning();
      return `/portal/lots/${lotId}/events/${event!.id}/visibility`;
    },
  },
  'POST /portal/lots/:id{[0-9]+}/stamp-batches': {
    sender: 'admin',
    path: async (producerId) => `/portal/lots/${await lot(producerId)}/stamp-batches`,
  },
  'POST /portal/stamp-batches/:id{[0-9]+}/activate': {
    sender: 'admin',
    path: async (producerId) => `/portal/stamp-batches/${await batch(producerId)}/activate`,
  },
  'POST /portal/stamp-batches/:id{[0-9]+}/void': {
    sender: 'admin',
    path: async (producerId) => `/portal/stamp-batches/${await batch(producerId)}/void`,
  },
  'POST /portal/stamp-batches/:id{[0-9]+}/reprint': {
    sender: 'admin',
    path: async (producerId) => `/portal/stamp-batches/${await batch(producerId)}/reprint`,
  },
  'POST /portal/fairs/:id{[0-9]+}/apply': {
    sender: 'admin',
    path: async (producerId) => `/portal/fairs/${(await openFair()).id}/apply?producer=${producerId}`,
  },
  'POST /portal/fair-applications/:id{[0-9]+}/withdraw': {
    sender: 'admin',
    path: async (producerId) =>
      `/portal/fair-applications/${(await fairApplication(producerId)).exhibitorId}/withdraw?producer=${producerId}`,
  },
  'POST /portal/fake-reports/:id{[0-9]+}/review': {
    sender: 'admin',
    path: async (producerId) => `/portal/fake-reports/${await report(producerId)}/review`,
  },

  'POST /admin/sales-points': { sender: 'admin', path: async () => '/admin/sales-points' },
  'POST /admin/sales-points/:id{[0-9]+}': {
    sender: 'admin',
    path: async () => `/admin/sales-points/${(await createSalesPoint()).id}`,
  },
  'POST /admin/sales-points/:id{[0-9]+}/status': {
    sender: 'admin',
    path: async () => `/admin/sales-points/${(await createSalesPoint()).id}/status`,
  },
  'POST /admin/sales-points/:id{[0-9]+}/stock': {
    sender: 'admin',
    path: async () => `/admin/sales-points/${(await createSalesPoint()).id}/stock`,
  },
  'POST /admin/sales-points/:id{[0-9]+}/photos': {
    sender: 'admin',
    limit: 'photo',
    path: async () => `/admin/sales-points/${(await createSalesPoint()).id}/photos`,
  },
  'POST /admin/sales-points/:id{[0-9]+}/photos/:photoId{[0-9]+}/delete': {
    sender: 'admin',
    path: async () => {
      const { id } = await createSalesPoint();
      return `/admin/sales-points/${id}/photos/${await photoOf(id)}/delete`;
    },
  },
  'POST /portal/sales-points': {
    sender: 'admin',
    path: async (producerId) => `/portal/sales-points?producer=${producerId}`,
  },
  'POST /portal/sales-points/:id{[0-9]+}': {
    sender: 'admin',
    path: async (producerId) =>
      `/portal/sales-points/${(await createSalesPoint({ status: 'proposed', proposedByProducerId: producerId })).id}`,
  },
  'POST /portal/sales-points/:id{[0-9]+}/stock': {
    sender: 'admin',
    path: async (producerId) => `/portal/sales-points/${(await createSalesPoint()).id}/stock?producer=${producerId}`,
  },
  // The marketplace's forms: the cart and order ones are anyone's, with the browser's cart or the order's link.
  'POST /cart/items': { sender: 'anonymous', path: async () => '/cart/items' },
  'POST /cart/lines/:id{[0-9]+}': { sender: 'anonymous', path: async () => '/cart/lines/1' },
  'POST /checkout': { sender: 'anonymous', path: async () => '/checkout' },
  'POST /orders/:token{[A-Za-z0-9_-]+}/pay': {
    sender: 'anonymous',
    path: async () => `${(await placedOrder()).path}/pay`,
  },
  'POST /orders/:token{[A-Za-z0-9_-]+}/cancel': {
    sender: 'anonymous',
    path: async () => `${(await placedOrder()).path}/cancel`,
  },
  'POST /orders/:token{[A-Za-z0-9_-]+}/parts/:number{[0-9]+}': {
    sender: 'anonymous',
    path: async () => `${(await placedOrder()).path}/parts/1`,
  },
  'POST /portal/orders/:id{[0-9]+}/status': {
    sender: 'admin',
    path: async (producerId) => `/portal/orders/${(await placedOrder({ producerId })).partId}/status`,
  },
  'POST /portal/shipping': { sender: 'admin', path: async (producerId) => `/portal/shipping?producer=${producerId}` },
  'POST /admin/orders/:id{[0-9]+}/parts/:subOrderId{[0-9]+}/status': {
    sender: 'admin',
    path: async () => {
      const { order, partId } = await placedOrder();
      return `/admin/orders/${order.id}/parts/${partId}/status`;
    },
  },
  'POST /admin/payments/transfers/:id{[0-9]+}/resolve': {
    sender: 'admin',
    path: async () => '/admin/payments/transfers/1/resolve',
  },
  'POST /admin/payments/:id{[0-9]+}/resolve': { sender: 'admin', path: async () => '/admin/payments/1/resolve' },
  // The marketplace API and the payment webhooks take JSON only.
  'POST /api/v1/carts': { sender: 'api', path: async () => '/api/v1/carts' },
  'POST /api/v1/carts/:token/lines': {
    sender: 'api',
    path: async () => `/api/v1/carts/${await cartWith([{ productId: (await createSaleProduct()).id }])}/lines`,
  },
  'PATCH /api/v1/carts/:token/lines/:lineId': {
    sender: 'api',
    path: async () => `/api/v1/carts/${await cartWith([{ productId: (await createSaleProduct()).id }])}/lines/1`,
  },
  'POST /api/v1/orders': { sender: 'api', path: async () => '/api/v1/orders' },
  'POST /api/v1/payments/stripe/webhook': { sender: 'api', path: async () => '/api/v1/payments/stripe/webhook' },
  // The bank-notification service proves itself with the shared secret before any body is read.
  'POST /api/v1/payments/bank-transfers': {
    sender: 'api',
    path: async () => '/api/v1/payments/bank-transfers',
    refusesFirst: 401,
  },

  // Posted back to the stamp URL by anyone holding the package; the report form carries a photo.
  'POST /01/*': { sender: 'anonymous', limit: 'photo', path: async () => (await activeStamp({ withPin: true })).path },
  'POST /T/*': {
    sender: 'anonymous',
    limit: 'photo',
    path: async () => (await activeStamp({ identifiedBy: 'trace' })).path,
  },
  'POST /t/*': {
    sender: 'anonymous',
    limit: 'photo',
    path: async () => (await activeStamp({ identifiedBy: 'trace' })).path.toLowerCase(),
  },
  'POST /scans': { sender: 'anonymous', path: async () => '/scans' },
};

interface BadBody {
  /** Absent: no Content-Type header at all. */
  contentType?: string;
  body: (fields: string) => BodyInit;
  /** What a form route answers. */
  status: 400 | 413 | 415;
  code: ErrorCode;
  /** What the API answers: it takes JSON or CSV, so anything else is refused by its type first. */
  apiStatus: 400 | 413 | 415;
}

const BOUNDARY = 'ocop-form-bodies-7d1f';
const encoder = new TextEncoder();

/** A well-framed multipart body with the given form fields and, optionally, a file part. */
function multipart(fields: string, file?: { name: string; filename: string }) {
  const parts = [...new URLSearchParams(fields)].map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file) {
    parts.push(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0\r\n',
    );
  }
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    bytes[2 * i] = text.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

function badBodies(limit: Limit): Record<string, BadBody> {
  return {
    'multipart without a boundary': {
      contentType: 'multipart/form-data',
      body: (fields) => multipart(fields),
      status: 400,
      code: 'bad_request',
      apiStatus: 415,
    },
    'multipart with a wrong boundary': {
      contentType: 'multipart/form-data; boundary=not-the-one-used',
      body: (fields) => multipart(fields),
      status: 400,
      code: 'bad_request',
      apiStatus: 415,
    },
    'url-encoded in UTF-16': {
      contentType: 'application/x-www-form-urlencoded; charset=utf-16',
      body: (fields) => utf16le(fields),
      status: 415,
      code: 'unsupported_media_type',
      apiStatus: 415,
    },
    'a file name with a NUL byte': {
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: (fields) => multipart(fields, { name: 'photo', filename: 'anh\0.jpg' }),
      status: 400,
      code: 'bad_request',
      apiStatus: 415,
    },
    'an empty body': {
      contentType: 'application/x-www-form-urlencoded',
      body: () => '',
      status: 400,
      code: 'bad_request',
      apiStatus: 415,
    },
    'a body over the limit': {
      contentType: 'application/x-www-form-urlencoded',
      body: (fields) => encoder.encode(`${fields}&padding=${'a'.repeat(OVER_LIMIT[limit])}`),
      status: 413,
      code: 'payload_too_large',
      apiStatus: 413,
    },
    'no Content-Type': {
      body: (fields) => encoder.encode(fields),
      status: 415,
      code: 'unsupported_media_type',
      apiStatus: 415,
    },
    'text/plain': {
      contentType: 'text/plain',
      body: (fields) => fields,
      status: 415,
      code: 'unsupported_media_type',
      apiStatus: 415,
    },
    JSON: {
      contentType: 'application/json',
      body: (fields) => JSON.stringify(Object.fromEntries(new URLSearchParams(fields))),
      status: 415,
      code: 'unsupported_media_type',
      // The API's own type, but an object where the records array belongs.
      apiStatus: 400,
    },
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "METHOD path" of every handler (not middleware) that takes a body, as the app registers it. */
function bodyRoutes(): string[] {
  const keys = inspectRoutes(createApp())
    .filter((route) => !route.isMiddleware && !SAFE_METHODS.has(route.method))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)];
}

/** Everything a request could have written: row counts of every table, and the objects in R2. */
async function storedState(tables: string[]) {
  const [counts] = await testDb().all<Record<string, number>>(
    sql.raw(`SELECT ${tables.map((name) => `(SELECT count(*) FROM "${name}") AS "${name}"`).join(', ')}`),
  );
  const objects = (await env.MEDIA.list()).objects.length;
  return { counts, objects };
}

interface Sending {
  headers: Record<string, string>;
  send: (path: string, init: RequestInit) => Promise<Response>;
  /** Form fields a valid form of this sender carries. */
  fields: string;
}

/** A fresh sender for each route, so a sign-out along the way affects nothing else. */
async function sender(kind: Sender): Promise<Sending> {
  const browser = new BrowserSession();
  if (kind === 'api') {
    // Used a moment ago, so the token's last_used_at is not written either.
    const { secret } = await createApiToken({ lastUsedAt: new Date().toISOString() });
    return {
      headers: { authorization: `Bearer ${secret}`, 'user-agent': ANDROID_CHROME },
      send: (path, init) => browser.request(path, init),
      fields: '',
    };
  }
  if (kind === 'admin') {
    const admin = await createUser('admin');
    const response = await browser.signIn(admin.email!, TEST_PASSWORD);
    if (response.status !== 303) throw new Error(`admin could not sign in: ${response.status}`);
  }
  const csrf = await browser.csrfFrom('/login');
  return {
    headers: { 'x-csrf-token': csrf, 'user-agent': ANDROID_CHROME, 'sec-fetch-site': 'same-origin' },
    send: (path, init) => browser.request(path, init),
    fields: new URLSearchParams({ _csrf: csrf, form: 'report', message: 'Tem giả' }).toString(),
  };
}

describe('form bodies on every route that takes one', () => {
  const routes = bodyRoutes();
  let producerId: number;
  let tables: string[];

  beforeAll(async () => {
    producerId = await createProducer();
    const rows = await testDb().all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`,
    );
    tables = rows.map((row) => row.name);
  });

  it('knows the body limit and sender of every route of the app that takes a body', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((key) => !(key in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !routes.includes(key))).toEqual([]);
  });

  for (const key of routes) {
    const route = ROUTES[key];
    if (!route) continue;
    const method = key.split(' ')[0]!;
    const isApi = route.sender === 'api';

    it(`${key} answers 400, 413 or 415 and writes nothing`, { timeout: 60_000 }, async () => {
      const sending = await sender(route.sender);
      const path = await route.path(producerId);
      const answers: Record<string, { status: number; type: string; page: boolean }> = {};
      const expected: typeof answers = {};
      for (const [name, bad] of Object.entries(badBodies(route.limit ?? 'form'))) {
        const before = await storedState(tables);
        const response = await sending.send(path, {
          method,
          headers: { ...sending.headers, ...(bad.contentType ? { 'content-type': bad.contentType } : {}) },
          body: bad.body(sending.fields),
        });
        const text = await response.text();
        const type = (response.headers.get('content-type') ?? '').split(';')[0]!;
        const status = route.refusesFirst ?? (isApi ? bad.apiStatus : bad.status);
        const page = isApi
          ? type === 'application/problem+json' && (JSON.parse(text) as { status: number }).status === status
          : text.includes('class="error-page"') && text.includes(messages.vi.errors.codes[bad.code]);
        answers[name] = { status: response.status, type, page };
        expected[name] = { status, type: isApi ? 'application/problem+json' : 'text/html', page: true };
        expect(await storedState(tables), `${name} wrote something`).toEqual(before);
      }
      expect(answers).toEqual(expected);
    });
  }

  for (const [key, route] of Object.entries(ROUTES)) {
    if (!route.limit || route.sender === 'api') continue;
    it(`${key} takes a form past the ordinary limit, up to its own`, async () => {
      const sending = await sender(route.sender);
      const response = await sending.send(await route.path(producerId), {
        method: key.split(' ')[0]!,
        headers: { ...sending.headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: `${sending.fields}&padding=${'a'.repeat(DEFAULT_FORM_BYTES)}`,
      });
      expect(response.status).not.toBe(413);
      expect(response.status).toBeLessThan(500);
    });
  }

  it('reads url-encoded UTF-8 and multipart with a quoted boundary, as browsers send them', async () => {
    const sending = await sender('anonymous');
    const { path } = await activeStamp();
    const fields = new URLSearchParams({ path }).toString();
    const bodies = {
      [`application/x-www-form-urlencoded;charset=UTF-8`]: fields,
      [`multipart/form-data; boundary="${BOUNDARY}"`]: multipart(fields),
    };
    for (const [contentType, body] of Object.entries(bodies)) {
      const response = await sending.send('/scans', {
        method: 'POST',
        headers: { ...sending.headers, 'content-type': contentType },
        body,
      });
      expect(response.status, contentType).toBe(204);
    }
  });

  it('stops reading a streamed body at the limit', async () => {
    const sending = await sender('anonymous');
    const chunk = encoder.encode('a'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 2 * DEFAULT_FORM_BYTES) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await sending.send('/login', {
      method: 'POST',
      headers: { ...sending.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * DEFAULT_FORM_BYTES);
  });
});
