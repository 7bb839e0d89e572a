/**
 * The marketplace's two busiest steps, each loaded between two loads of the floor route
 * (/health/db, one D1 round trip) on the bench catalogue: the cart page (a phone's cart of two
 * lines from two producers, read and priced from the products on every load) and placing an order
 * (POST /api/v1/orders: the cart, the producers' shipping rules, accounts and pick-up places read in
 * one round trip, then the order, its parts, its lines, the stock taken and the cart emptied in one
 * batch). Targets: placing at least 0.4× the floor beside it, the cart page at least 0.7×.
 *
 * Every order uses up its cart, so carts are made beforehand, straight into the kept bench database,
 * and each request names the next one. The products ordered get stock enough never to sell out.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { cartItems, carts, producers, productVariants, products } from '../../db/schema';
import { withLocalDb } from '../../db/seed/local-d1';
import { insertSelect, jsonField } from '../../worker/data/insert-select';
import type { BenchMachinery } from './scan';

/** Demo products of two demo sellers (db/seed/demo-sellers.ts): Sơn An's wine, Bình Lợi's pomelo oil. */
const CART_PRODUCTS = ['ruou-nhung-huou-son', 'tinh-dau-buoi-binh-loi'];
const ORDER_PRODUCT = 'ruou-nhung-huou-son';
/** Far more than a run can place (a few hundred a second for the warm-up and the load). */
const ORDER_CARTS = 12_000;

const token = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(8, '0')}`.padEnd(43, 'x');

async function prepareCarts(persistTo: string, run: string) {
  return withLocalDb(persistTo, async (db) => {
    const rows = await db
      .select({ id: products.id, slug: products.slug, producerId: products.producerId })
      .from(products)
      .where(inArray(products.slug, CART_PRODUCTS));
    if (rows.length !== CART_PRODUCTS.length) throw new Error(`the bench database lacks ${CART_PRODUCTS.join(', ')}`);
    const byId = new Map(rows.map((row) => [row.slug, row]));
    const ordered = byId.get(ORDER_PRODUCT)!;
    const ids = rows.map((row) => row.id);
    await db.batch([
      db.update(productVariants).set({ stock: 10_000_000 }).where(inArray(productVariants.productId, ids)),
      db.update(products).set({ stock: 10_000_000 }).where(inArray(products.id, ids)),
    ]);
    const [oilVariant] = await db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(eq(productVariants.productId, byId.get(CART_PRODUCTS[1]!)!.id))
      .orderBy(productVariants.sortOrder);
    const [seller] = await db
      .select({ fee: producers.shippingFlatFee, bankBin: producers.bankBin })
      .from(producers)
      .where(eq(producers.id, ordered.producerId));
    if (seller?.fee === null || !seller?.bankBin)
      throw new Error('the ordering producer neither ships nor has an account');

    // One cart of three lines for the cart page; many carts of one line, one per order.
    const pageCart = token(`bench${run}page`, 0);
    const orderCarts = Array.from({ length: ORDER_CARTS }, (_, n) => token(`bench${run}o`, n));
    const pageLines = [
      { cart: pageCart, productId: byId.get(CART_PRODUCTS[0]!)!.id, variantId: null, quantity: 2 },
      { cart: pageCart, productId: byId.get(CART_PRODUCTS[1]!)!.id, variantId: oilVariant?.id ?? null, quantity: 1 },
      { cart: pageCart, productId: byId.get(CART_PRODUCTS[1]!)!.id, variantId: null, quantity: 1 },
    ].filter((line, index) => index < 2 || oilVariant === undefined);
    const chunk = 500;
    for (let at = 0; at < orderCarts.length + 1; at += chunk) {
      const ids = [pageCart, ...orderCarts].slice(at, at + chunk);
      const lines = [
        ...(at === 0 ? pageLines : []),
        ...ids
          .filter((id) => id !== pageCart)
          .map((cart) => ({ cart, productId: ordered.id, variantId: null, quantity: 1 })),
      ];
      await db.batch([
        insertSelect(db, carts, { id: sql`value` }, sql`FROM json_each(${JSON.stringify(ids)})`),
        insertSelect(
          db,
          cartItems,
          {
            cart_id: jsonField('cart'),
            product_id: jsonField('productId'),
            variant_id: jsonField('variantId'),
            line_key: sql`${jsonField('productId')} || ':' || coalesce(${jsonField('variantId')}, '')`,
            quantity: jsonField('quantity'),
          },
          sql`FROM json_each(${JSON.stringify(lines)})`,
        ),
      ]);
    }
    return { pageCart, orderCarts, producerId: ordered.producerId };
  });
}

export async function benchOrders({
  persistTo,
  startOptions,
  floorRoute,
  loadRoutes,
  durationSeconds,
}: BenchMachinery & { durationSeconds: number }) {
  console.log('\nCart page and placing an order (beside the floor route)');
  const run = Date.now().toString(36);
  const { pageCart, orderCarts, producerId } = await prepareCarts(persistTo, run);
  console.log(`  ${orderCarts.length} carts ready, ${durationSeconds} s per route`);
  let next = 0;
  const orderBody = () => {
    const cart = orderCarts[next++];
    if (!cart) throw new Error('the bench ran out of carts: raise ORDER_CARTS');
    return JSON.stringify({
      cart_token: cart,
      buyer: { name: 'Khách đo tải', phone: '0912345678' },
      address: { province_code: '75', commune_code: '26068', street: '1 Đường đo tải' },
      deliveries: [{ producer_id: producerId, kind: 'ship' }],
      payment_method: 'vietqr',
    });
  };
  const [cartPage, placing] = await loadRoutes(
    startOptions,
    'off',
    [
      { route: 'cart page', path: '/cart', headers: { Cookie: `ocop_cart=${pageCart}; ocop_csrf=bench-csrf-token` } },
      {
        route: 'placing an order',
        path: '/api/v1/orders',
        method: 'POST',
        // One key per run: a cart is used once, so the key never repeats on the same cart.
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${run}` },
        vary: () => ({ body: orderBody(), headers: {} }),
      },
    ],
    floorRoute,
  );
  console.log(`  orders placed (warm-up and load): ${next}`);
  const targets = [
    { target: 'cart page ≥ 0.7× floor', row: cartPage!, min: 0.7 },
    { target: 'placing an order ≥ 0.4× floor', row: placing!, min: 0.4 },
  ].map(({ target, row, min }) => {
    const ratio = row.requestsPerSecond / row.adjacentReference!.requestsPerSecond;
    return { target, ratio, met: ratio >= min && row.failures === 0 };
  });
  for (const row of [cartPage!, placing!]) {
    console.log(
      `  ${row.route}: ${row.requestsPerSecond.toFixed(0)} req/s, p50 ${row.p50Ms ?? '—'} ms, p99 ${row.p99Ms ?? '—'} ms, ` +
        `${row.failures} failures, floor beside it ${row.adjacentReference!.requestsPerSecond.toFixed(0)} req/s`,
    );
  }
  console.log('\nTargets');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.ratio.toFixed(2)}×`);
  return { cartPage, placing, targets };
}
