/**
 * Every state-changing route of the real app, walked by every kind of caller.
 * The routes come from the app's own route table, so a new POST/PUT/PATCH/
 * DELETE route that is missing from ROUTES below fails this file by name:
 * whoever adds a route must say who may use it. Each request carries a valid
 * CSRF token, so the answer is about authorisation, not about CSRF.
 */
import { eq } from 'drizzle-orm';
import { inspectRoutes } from 'hono/dev';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, certifications, productImages, productVariants, traceEvents } from '../../db/schema';
import { createApp } from '../../worker/app';
import type { User } from '../../worker/data/users';
import { createFakeReport } from '../../worker/data/fake-reports';
import { randomToken } from '../../worker/crypto/random';
import { sha256Hex } from '../../worker/crypto/digest';
import { insertBankTransfer } from '../../worker/data/bank-transfers';
import { createInvitationRow } from '../support/admin';
import { createSaleProduct, placedOrder } from '../support/commerce';
import { BrowserSession } from '../support/browser-session';
import { createProducer, createProduct, createUser, testDb, TEST_PASSWORD, uniqueSuffix } from '../support/factories';
import { batchFor, lotFor, newLotCode } from '../support/portal-stamps';
import { createSalesPoint, photoOf } from '../support/sales-points';
import { activeStamp } from '../support/stamps';
import { application, createFair, openFair } from '../support/fairs';

const ACTORS = ['anonymous', 'buyer', 'owner', 'foreign', 'staff', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
/** 'allowed' is any answer but 401, 403 and 404: a 400 for a deliberately thin form still got past authorisation. */
type Answer = 'allowed' | 401 | 403 | 404;

interface World {
  /** The organisation that owns the objects the requests name; "owner" is its member. */
  ownerProducerId: number;
  users: Record<Exclude<Actor, 'anonymous'>, User>;
}

interface RouteCase {
  /** The path (with the owning organisation's objects in it) and the form fields, built fresh for each caller. */
  request: (world: World) => Promise<{ path: string; fields?: Record<string, string> }>;
  expect: Record<Actor, Answer>;
}

const everyone: Record<Actor, Answer> = {
  anonymous: 'allowed',
  buyer: 'allowed',
  owner: 'allowed',
  foreign: 'allowed',
  staff: 'allowed',
  admin: 'allowed',
};
const signedInOnly: Record<Actor, Answer> = { ...everyone, anonymous: 401 };
const adminOnly: Record<Actor, Answer> = {
  anonymous: 401,
  buyer: 403,
  owner: 403,
  foreign: 403,
  staff: 403,
  admin: 'allowed',
};
/** The owning organisation's data: a foreign member is told it does not exist. */
const ownerData: Record<Actor, Answer> = {
  anonymous: 401,
  buyer: 403,
  owner: 'allowed',
  foreign: 404,
  staff: 403,
  admin: 'allowed',
};

/** Sales points, fairs, orders and payments to review: trade-promotion staff and administrators. */
const staffOnly: Record<Actor, Answer> = {
  anonymous: 401,
  buyer: 403,
  owner: 403,
  foreign: 403,
  staff: 'allowed',
  admin: 'allowed',
};

/** An application of the owning organisation, waiting for a decision at a fair taking applications. */
const ownedApplication = async (world: World) => {
  const fair = await openFair();
  const productId = await ownedProduct(world);
  return { fair, exhibitorId: await application(fair.id, world.ownerProducerId, [productId]) };
};

const everyone401: Record<Actor, Answer> = {
  anonymous: 401,
  buyer: 401,
  owner: 401,
  foreign: 401,
  staff: 401,
  admin: 401,
};

const freshLogin = () => `matrix-${uniqueSuffix()}@example.vn`;
const ownedProduct = async (world: World) => (await createProduct({ producerId: world.ownerProducerId })).id;
const ownedLot = async (world: World) => lotFor(await ownedProduct(world));
const ownedBatch = async (world: World) => (await batchFor((await ownedLot(world)).lotId)).batchId;
const ownedReport = async (world: World) =>
  (
    await createFakeReport(testDb(), {
      stampId: null,
      scannedPath: '/T/DN0042/ABCDEFGHJKMN',
      productId: await ownedProduct(world),
      message: null,
      photoKey: null,
      contact: null,
      province: null,
    })
  ).reportId;

const ROUTES: Record<string, RouteCase> = {
  'POST /login': {
    request: async () => {
      const user = await createUser('buyer');
      return { path: '/login', fields: { login: user.email!, password: TEST_PASSWORD } };
    },
    expect: everyone,
  },
  'POST /logout': { request: async () => ({ path: '/logout' }), expect: everyone },
  'POST /logout-everywhere': { request: async () => ({ path: '/logout-everywhere' }), expect: signedInOnly },

  'POST /admin/users/:id/status': {
    request: async () => ({
      path: `/admin/users/${(await createUser('staff')).id}/status`,
      fields: { status: 'disabled' },
    }),
    expect: adminOnly,
  },
  'POST /admin/users/:id/role': {
    request: async () => ({ path: `/admin/users/${(await createUser('staff')).id}/role`, fields: { role: 'admin' } }),
    expect: adminOnly,
  },
  'POST /admin/users/:id/password-reset': {
    request: async () => ({ path: `/admin/users/${(await createUser('staff')).id}/password-reset` }),
    expect: adminOnly,
  },
  'POST /admin/invitations': {
    request: async () => ({ path: '/admin/invitations', fields: { role: 'staff', login: freshLogin() } }),
    expect: adminOnly,
  },
  'POST /admin/organisations/:id/claim-link': {
    request: async () => {
      const producerId = await createProducer({ taxCode: `39${Date.now().toString().slice(-8)}-${uniqueSuffix()}` });
      return { path: `/admin/organisations/${producerId}/claim-link`, fields: { login: freshLogin() } };
    },
    expect: adminOnly,
  },
  'POST /admin/api-tokens': {
    request: async () => ({ path: '/admin/api-tokens', fields: { name: 'matrix', scopes: 'catalogue:read' } }),
    expect: adminOnly,
  },
  'POST /admin/api-tokens/:id/revoke': {
    request: async () => {
      const [row] = await testDb()
        .insert(apiTokens)
        .values({ name: 'matrix', prefix: 'ocop_matrix', tokenHash: await sha256Hex(randomToken()), scopes: [] })
        .returning();
      return { path: `/admin/api-tokens/${row!.id}/revoke` };
    },
    expect: adminOnly,
  },
  'POST /admin/certifications/upload': {
    request: async () => ({ path: '/admin/certifications/upload' }),
    expect: adminOnly,
  },
  'POST /admin/certifications/upload/rejected.csv': {
    request: async () => ({
      path: '/admin/certifications/upload/rejected.csv',
      fields: { csv: 'decision_number,errors\r\n' },
    }),
    expect: adminOnly,
  },
  'POST /admin/certifications/:id{[0-9]+}/revoke': {
    request: async () => {
      const { id } = await createProduct();
      const [certification] = await testDb().select().from(certifications).where(eq(certifications.productId, id));
      return {
        path: `/admin/certifications/${certification!.id}/revoke`,
        fields: { reason: 'Ma trận', decisionNumber: `1/QĐ-${uniqueSuffix()}` },
      };
    },
    expect: adminOnly,
  },
  // The API takes Bearer tokens only (test/api/api-token-auth.test.ts): a session cookie opens nothing there.
  'POST /api/v1/admin/certifications': {
    request: async () => ({ path: '/api/v1/admin/certifications' }),
    expect: { anonymous: 401, buyer: 401, owner: 401, foreign: 401, staff: 401, admin: 401 },
  },

  // Whoever holds a valid link may use it; the token is the authorisation.
  'POST /invitations/:token': {
    request: async () => {
      const password = 'mat-khau-ma-tran-2026';
      const { path } = await createInvitationRow();
      return { path, fields: { displayName: 'Ma trận', password, passwordConfirm: password } };
    },
    expect: everyone,
  },

  'POST /portal/products/:id{[0-9]+}': {
    request: async (world) => ({ path: `/portal/products/${await ownedProduct(world)}` }),
    expect: ownerData,
  },
  'POST /portal/products/:id{[0-9]+}/publish': {
    request: async (world) => ({
      path: `/portal/products/${await ownedProduct(world)}/publish`,
      fields: { published: '0' },
    }),
    expect: ownerData,
  },
  'POST /portal/products/:id{[0-9]+}/variants': {
    request: async (world) => ({ path: `/portal/products/${await ownedProduct(world)}/variants` }),
    expect: ownerData,
  },
  'POST /portal/products/:id{[0-9]+}/variants/:variantId{[0-9]+}': {
    request: async (world) => {
      const productId = await ownedProduct(world);
      const [variant] = await testDb()
        .insert(productVariants)
        .values({ productId, labelVi: 'Hộp 500 g', price: 120_000 })
        .returning();
      return { path: `/portal/products/${productId}/variants/${variant!.id}` };
    },
    expect: ownerData,
  },
  'POST /portal/products/:id{[0-9]+}/stock': {
    request: async (world) => ({ path: `/portal/products/${await ownedProduct(world)}/stock` }),
    expect: ownerData,
  },
  'POST /portal/products/:id{[0-9]+}/photos': {
    request: async (world) => ({ path: `/portal/products/${await ownedProduct(world)}/photos` }),
    expect: ownerData,
  },
  'POST /portal/products/:id{[0-9]+}/photos/:imageId{[0-9]+}/delete': {
    request: async (world) => {
      const { id } = await createProduct({ producerId: world.ownerProducerId, images: 1 });
      const [image] = await testDb().select().from(productImages).where(eq(productImages.productId, id));
      return { path: `/portal/products/${id}/photos/${image!.id}/delete` };
    },
    expect: ownerData,
  },
  // Stamp URLs and the scan beacon are for anyone holding a package: no account is involved.
  'POST /01/*': {
    request: async () => ({ path: (await activeStamp({ withPin: true })).path, fields: { form: 'pin', pin: 'ABCD' } }),
    expect: everyone,
  },
  'POST /T/*': {
    request: async () => ({ path: (await activeStamp({ identifiedBy: 'trace' })).path, fields: { form: 'report' } }),
    expect: everyone,
  },
  'POST /t/*': {
    request: async () => ({
      path: (await activeStamp({ identifiedBy: 'trace' })).path.toLowerCase(),
      fields: { form: 'report' },
    }),
    expect: everyone,
  },
  'POST /scans': {
    request: async () => ({ path: '/scans', fields: { path: (await activeStamp()).path } }),
    expect: everyone,
  },

  // A member always edits their own organisation (a foreign member too: their own); an admin names one.
  'POST /portal/profile': {
    request: async (world) => ({ path: `/portal/profile?producer=${world.ownerProducerId}` }),
    expect: { ...ownerData, foreign: 'allowed' },
  },
  // A member creates lots for their own organisation's products; a foreign member's form names the
  // owner's product and is refused as a bad choice (400), which is past authorisation.
  'POST /portal/lots': {
    request: async (world) => ({
      path: `/portal/lots?producer=${world.ownerProducerId}`,
      fields: { productId: String(await ownedProduct(world)), lotCode: newLotCode() },
    }),
    expect: { ...ownerData, foreign: 'allowed' },
  },
  'POST /portal/lots/:id{[0-9]+}/events': {
    request: async (world) => ({ path: `/portal/lots/${(await ownedLot(world)).lotId}/events` }),
    expect: ownerData,
  },
  'POST /portal/lots/:id{[0-9]+}/events/:eventId{[0-9]+}/visibility': {
    request: async (world) => {
      const { lotId } = await ownedLot(world);
      const [event] = await testDb()
        .insert(traceEvents)
        .values({ lotId, eventType: 'shipping', occurredAt: new Date().toISOString(), placeText: 'Kho Biên Hòa' })
        .returning();
      return { path: `/portal/lots/${lotId}/events/${event!.id}/visibility`, fields: { isPublic: '0' } };
    },
    expect: ownerData,
  },
  'POST /portal/lots/:id{[0-9]+}/stamp-batches': {
    request: async (world) => ({ path: `/portal/lots/${(await ownedLot(world)).lotId}/stamp-batches` }),
    expect: ownerData,
  },
  'POST /portal/stamp-batches/:id{[0-9]+}/activate': {
    request: async (world) => ({ path: `/portal/stamp-batches/${await ownedBatch(world)}/activate` }),
    expect: ownerData,
  },
  'POST /portal/stamp-batches/:id{[0-9]+}/void': {
    request: async (world) => ({ path: `/portal/stamp-batches/${await ownedBatch(world)}/void` }),
    expect: ownerData,
  },
  'POST /portal/stamp-batches/:id{[0-9]+}/reprint': {
    request: async (world) => ({ path: `/portal/stamp-batches/${await ownedBatch(world)}/reprint` }),
    expect: ownerData,
  },
  // Reports about the owner's product: its members review them in the portal, staff in /admin.
  'POST /portal/fake-reports/:id{[0-9]+}/review': {
    request: async (world) => ({
      path: `/portal/fake-reports/${await ownedReport(world)}/review`,
      fields: { status: 'dismissed' },
    }),
    expect: ownerData,
  },
  // Fairs: staff and administrators run them; producers apply in the portal.
  'POST /admin/fairs': { request: async () => ({ path: '/admin/fairs' }), expect: staffOnly },
  'POST /admin/fairs/:id{[0-9]+}': {
    request: async () => ({ path: `/admin/fairs/${(await createFair()).id}` }),
    expect: staffOnly,
  },
  'POST /admin/fairs/:id{[0-9]+}/publish': {
    request: async () => ({ path: `/admin/fairs/${(await createFair()).id}/publish`, fields: { published: '0' } }),
    expect: staffOnly,
  },
  'POST /admin/fairs/:id{[0-9]+}/exhibitors': {
    request: async () => ({
      path: `/admin/fairs/${(await createFair()).id}/exhibitors`,
      fields: { producer: String(await createProducer()), booth: 'A01' },
    }),
    expect: staffOnly,
  },
  'POST /admin/fairs/:id{[0-9]+}/exhibitors/:exhibitorId{[0-9]+}/accept': {
    request: async (world) => {
      const { fair, exhibitorId } = await ownedApplication(world);
      return { path: `/admin/fairs/${fair.id}/exhibitors/${exhibitorId}/accept`, fields: { booth: 'A01' } };
    },
    expect: staffOnly,
  },
  'POST /admin/fairs/:id{[0-9]+}/exhibitors/:exhibitorId{[0-9]+}/reject': {
    request: async (world) => {
      const { fair, exhibitorId } = await ownedApplication(world);
      return { path: `/admin/fairs/${fair.id}/exhibitors/${exhibitorId}/reject`, fields: { reason: 'Ma trận' } };
    },
    expect: staffOnly,
  },
  // A member applies for its own organisation (a foreign member too: for its own); staff do not apply.
  'POST /portal/fairs/:id{[0-9]+}/apply': {
    request: async (world) => ({
      path: `/portal/fairs/${(await openFair()).id}/apply?producer=${world.ownerProducerId}`,
      fields: { productIds: String(await ownedProduct(world)) },
    }),
    expect: { ...ownerData, foreign: 'allowed' },
  },
  // Only the owning organisation withdraws its application: another member is told it does not exist.
  'POST /portal/fair-applications/:id{[0-9]+}/withdraw': {
    request: async (world) => ({
      path: `/portal/fair-applications/${(await ownedApplication(world)).exhibitorId}/withdraw`,
    }),
    expect: ownerData,
  },
  // The marketplace: a cart and an order belong to whoever holds their cookie or link, no account needed.
  'POST /cart/items': {
    request: async () => ({ path: '/cart/items', fields: { productId: String((await createSaleProduct()).id) } }),
    expect: everyone,
  },
  'POST /cart/lines/:id{[0-9]+}': {
    request: async () => ({ path: '/cart/lines/1', fields: { quantity: '2' } }),
    expect: everyone,
  },
  'POST /checkout': { request: async () => ({ path: '/checkout', fields: { intent: 'place' } }), expect: everyone },
  'POST /orders/:token{[A-Za-z0-9_-]+}/pay': {
    request: async () => ({ path: `${(await placedOrder()).path}/pay` }),
    expect: everyone,
  },
  'POST /orders/:token{[A-Za-z0-9_-]+}/cancel': {
    request: async () => ({ path: `${(await placedOrder()).path}/cancel` }),
    expect: everyone,
  },
  'POST /orders/:token{[A-Za-z0-9_-]+}/parts/:number{[0-9]+}': {
    request: async () => ({ path: `${(await placedOrder()).path}/parts/1`, fields: { to: 'delivered' } }),
    expect: everyone,
  },
  // A producer's own parts of orders and shipping rule; staff act on orders from /admin.
  'POST /portal/orders/:id{[0-9]+}/status': {
    request: async (world) => ({
      path: `/portal/orders/${(await placedOrder({ producerId: world.ownerProducerId })).partId}/status`,
      fields: { to: 'cancelled' },
    }),
    expect: ownerData,
  },
  'POST /portal/shipping': {
    request: async (world) => ({ path: `/portal/shipping?producer=${world.ownerProducerId}`, fields: { flatFee: '' } }),
    expect: { ...ownerData, foreign: 'allowed' },
  },
  'POST /admin/orders/:id{[0-9]+}/parts/:subOrderId{[0-9]+}/status': {
    request: async () => {
      const { order, partId } = await placedOrder();
      return { path: `/admin/orders/${order.id}/parts/${partId}/status`, fields: { to: 'cancelled' } };
    },
    expect: staffOnly,
  },
  'POST /admin/payments/transfers/:id{[0-9]+}/resolve': {
    request: async () => {
      const id = await insertBankTransfer(testDb(), {
        key: `sepay:matrix-${uniqueSuffix()}`,
        rawBody: '{}',
        source: 'sepay',
        transactionId: uniqueSuffix(),
        bank: null,
        accountNumber: null,
        direction: 'in',
        amount: 10_000,
        content: 'ma tran',
        bankReference: null,
        transactedAt: new Date().toISOString(),
      });
      return { path: `/admin/payments/transfers/${id}/resolve`, fields: { resolution: 'dismissed', note: 'Ma trận' } };
    },
    expect: staffOnly,
  },
  // A payment with nothing to resolve is refused (409) past authorisation.
  'POST /admin/payments/:id{[0-9]+}/resolve': {
    request: async () => ({ path: '/admin/payments/1/resolve', fields: { note: 'Ma trận' } }),
    expect: staffOnly,
  },
  // JSON API routes: a form body is refused for its type (415), past any authorisation there is.
  'POST /api/v1/carts': { request: async () => ({ path: '/api/v1/carts' }), expect: everyone },
  'POST /api/v1/carts/:token/lines': {
    request: async () => ({ path: `/api/v1/carts/${'A'.repeat(43)}/lines` }),
    expect: everyone,
  },
  'PATCH /api/v1/carts/:token/lines/:lineId': {
    request: async () => ({ path: `/api/v1/carts/${'A'.repeat(43)}/lines/1` }),
    expect: everyone,
  },
  'POST /api/v1/orders': { request: async () => ({ path: '/api/v1/orders' }), expect: everyone },
  // Stripe proves itself by signing the body; the bank-notification service with a shared secret, checked first.
  'POST /api/v1/payments/stripe/webhook': {
    request: async () => ({ path: '/api/v1/payments/stripe/webhook' }),
    expect: everyone,
  },
  'POST /api/v1/payments/bank-transfers': {
    request: async () => ({ path: '/api/v1/payments/bank-transfers' }),
    expect: everyone401,
  },

  'POST /admin/fake-reports/:id{[0-9]+}/review': {
    request: async (world) => ({
      path: `/admin/fake-reports/${await ownedReport(world)}/review`,
      fields: { status: 'dismissed' },
    }),
    expect: { anonymous: 401, buyer: 403, owner: 403, foreign: 403, staff: 'allowed', admin: 'allowed' },
  },

  // Sales points: staff run them; a producer proposes points and keeps its own products listed at active ones.
  'POST /admin/sales-points': {
    request: async () => ({ path: '/admin/sales-points', fields: { name: 'Ma trận' } }),
    expect: staffOnly,
  },
  'POST /admin/sales-points/:id{[0-9]+}': {
    request: async () => ({
      path: `/admin/sales-points/${(await createSalesPoint()).id}`,
      fields: { name: 'Ma trận' },
    }),
    expect: staffOnly,
  },
  'POST /admin/sales-points/:id{[0-9]+}/status': {
    request: async (world) => ({
      path: `/admin/sales-points/${(await createSalesPoint({ status: 'proposed', proposedByProducerId: world.ownerProducerId })).id}/status`,
      fields: { action: 'approve' },
    }),
    expect: staffOnly,
  },
  'POST /admin/sales-points/:id{[0-9]+}/stock': {
    request: async (world) => ({
      path: `/admin/sales-points/${(await createSalesPoint()).id}/stock`,
      fields: { productId: String(await ownedProduct(world)) },
    }),
    expect: staffOnly,
  },
  'POST /admin/sales-points/:id{[0-9]+}/photos': {
    request: async () => ({ path: `/admin/sales-points/${(await createSalesPoint()).id}/photos` }),
    expect: staffOnly,
  },
  'POST /admin/sales-points/:id{[0-9]+}/photos/:photoId{[0-9]+}/delete': {
    request: async () => {
      const { id } = await createSalesPoint();
      return { path: `/admin/sales-points/${id}/photos/${await photoOf(id)}/delete` };
    },
    expect: staffOnly,
  },
  // A member proposes for its own organisation (a foreign member too: for its own); an admin names one.
  'POST /portal/sales-points': {
    request: async (world) => ({
      path: `/portal/sales-points?producer=${world.ownerProducerId}`,
      fields: { name: 'Ma trận' },
    }),
    expect: { ...ownerData, foreign: 'allowed' },
  },
  // The owner's proposal: a member of another organisation is told it does not exist.
  'POST /portal/sales-points/:id{[0-9]+}': {
    request: async (world) => ({
      path: `/portal/sales-points/${(await createSalesPoint({ status: 'proposed', proposedByProducerId: world.ownerProducerId })).id}`,
      fields: { name: 'Ma trận' },
    }),
    expect: ownerData,
  },
  // The owner's product at an active point anyone may stock at: another organisation's member gets 404.
  'POST /portal/sales-points/:id{[0-9]+}/stock': {
    request: async (world) => ({
      path: `/portal/sales-points/${(await createSalesPoint()).id}/stock?producer=${world.ownerProducerId}`,
      fields: { productId: String(await ownedProduct(world)) },
    }),
    expect: ownerData,
  },
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "METHOD path" of every handler (not middleware) that can change state, as the app registers it. */
function stateChangingRoutes(): string[] {
  const keys = inspectRoutes(createApp())
    .filter((route) => !route.isMiddleware && !SAFE_METHODS.has(route.method))
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)];
}

/** A new session for each request, so sign-outs and sign-ins along the way affect nothing else. */
async function sessionFor(actor: Actor, world: World) {
  const browser = new BrowserSession();
  if (actor !== 'anonymous') {
    const response = await browser.signIn(world.users[actor].email!, TEST_PASSWORD);
    if (response.status !== 303) throw new Error(`${actor} could not sign in: ${response.status}`);
  }
  return { browser, csrf: await browser.csrfFrom('/login') };
}

const asAnswer = (status: number): Answer => (status === 401 || status === 403 || status === 404 ? status : 'allowed');

describe('role matrix of state-changing routes', () => {
  const routes = stateChangingRoutes();
  let world: World;

  beforeAll(async () => {
    const ownerProducerId = await createProducer();
    const foreignProducerId = await createProducer();
    world = {
      ownerProducerId,
      users: {
        buyer: await createUser('buyer'),
        owner: await createUser('producer_member', { producerId: ownerProducerId }),
        foreign: await createUser('producer_member', { producerId: foreignProducerId }),
        staff: await createUser('staff'),
        admin: await createUser('admin'),
      },
    };
  });

  it('knows who may use every state-changing route of the app', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((key) => !(key in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !routes.includes(key))).toEqual([]);
  });

  for (const key of routes) {
    const route = ROUTES[key];
    if (!route) continue;
    it(`${key}`, async () => {
      const method = key.split(' ')[0]!;
      const answers: Partial<Record<Actor, Answer>> = {};
      for (const actor of ACTORS) {
        const { browser, csrf } = await sessionFor(actor, world);
        const { path, fields = {} } = await route.request(world);
        const response = await browser.request(path, {
          method,
          body: new URLSearchParams({ _csrf: csrf, ...fields }),
        });
        answers[actor] = asAnswer(response.status);
      }
      expect(answers).toEqual(route.expect);
    });
  }
});
