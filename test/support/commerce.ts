/**
 * Builders for the marketplace tests: producers that sell (a shipping rule, a bank account),
 * carts with lines, and the checkout service with the test runtime's bindings (the local Stripe
 * stand-in among them) and a notifier that remembers what it was asked to send.
 */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { producers, productVariants, products, subOrders } from '../../db/schema';
import { refreshVariantFigures } from '../../worker/data/products';
import type { OrderNotice, OrderNotifier } from '../../worker/gateways/order-notifier';
import { addToCart } from '../../worker/services/carts';
import { placeOrder, type CheckoutDeps, type CheckoutRequest } from '../../worker/services/checkout';
import type { DeliveryChoice } from '../../worker/domain/shipping';
import { createProducer, createProduct, testDb, today, type ProductSpec } from './factories';

/** The bank and account of DOMAIN.md's known-good VietQR example (BIN 970416, ACB). */
export const DEMO_ACCOUNT = { bankBin: '970416', bankAccountNumber: '257678859', bankAccountName: 'HTX THU NGHIEM' };

export interface SellerSpec {
  /** Flat fee per shipped sub-order; null: the producer does not ship. 30.000 ₫ by default. */
  shippingFlatFee?: number | null;
  shippingFreeFrom?: number | null;
  /** Without an account its parts cannot be paid by VietQR. */
  bankAccount?: boolean;
  name?: string;
}

export async function createSeller(spec: SellerSpec = {}) {
  const account = spec.bankAccount === false ? {} : DEMO_ACCOUNT;
  return createProducer({
    shippingFlatFee: spec.shippingFlatFee === undefined ? 30_000 : spec.shippingFlatFee,
    shippingFreeFrom: spec.shippingFreeFrom ?? null,
    ...account,
    ...(spec.name ? { name: spec.name } : {}),
  });
}

/** A certified product on sale from a seller (a new one unless given). */
export async function createSaleProduct(spec: ProductSpec & { soldAtPointsOnly?: boolean } = {}) {
  const producerId = spec.producerId ?? (await createSeller());
  const product = await createProduct({ price: 100_000, stock: 10, ...spec, producerId });
  if (spec.soldAtPointsOnly) {
    await testDb().update(products).set({ soldAtPointsOnly: true }).where(eq(products.id, product.id));
  }
  return product;
}

/** A pack size of a product, with its own price and stock. */
export async function addPackSize(productId: number, labelVi: string, price: number, stock: number) {
  const db = testDb();
  const [variant] = await db.insert(productVariants).values({ productId, labelVi, price, stock }).returning();
  await refreshVariantFigures(db, productId);
  return variant!.id;
}

export async function stockOf(productId: number, variantId: number | null = null): Promise<number> {
  const db = testDb();
  if (variantId === null) {
    const [row] = await db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
    return row!.stock;
  }
  const [row] = await db
    .select({ stock: productVariants.stock })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row!.stock;
}

export interface LineSpec {
  productId: number;
  variantId?: number | null;
  quantity?: number;
}

/** A cart holding these lines, made through the cart service as a browser would. */
export async function cartWith(lines: LineSpec[], userId: number | null = null): Promise<string> {
  let cartId: string | null = null;
  for (const line of lines) {
    cartId = await addToCart(
      testDb(),
      { id: cartId, userId },
      { productId: line.productId, variantId: line.variantId ?? null, quantity: line.quantity ?? 1 },
      today(),
    );
  }
  if (!cartId) throw new Error('a cart needs a line');
  return cartId;
}

/** A notifier that keeps every notice. */
export function recordingNotifier(): OrderNotifier & { notices: OrderNotice[] } {
  const notices: OrderNotice[] = [];
  return {
    notices,
    async orderPlaced(notice) {
      notices.push(notice);
      return { kind: 'delivered', to: notice.buyerPhone };
    },
  };
}

export function checkoutDeps(overrides: Partial<CheckoutDeps> = {}): CheckoutDeps {
  return {
    db: testDb(),
    env,
    now: new Date(),
    today: today(),
    notifier: recordingNotifier(),
    page: { origin: 'http://localhost', locale: 'vi' },
    ...overrides,
  };
}

/** Ship every producer's part, paid the given way, by a buyer in Biên Hòa. */
export function checkoutRequest(
  cartId: string,
  producerIds: number[],
  overrides: Partial<CheckoutRequest> = {},
): CheckoutRequest {
  const ship: DeliveryChoice = { kind: 'ship' };
  return {
    cartId,
    userId: null,
    idempotencyKey: crypto.randomUUID(),
    buyer: { name: 'Nguyễn Thị Lan', phone: '+84912345678', email: null },
    address: { provinceCode: '75', communeCode: '26068', street: '12 đường Võ Thị Sáu' },
    deliveries: new Map(producerIds.map((id) => [id, ship])),
    note: null,
    paymentMethod: 'vietqr',
    ...overrides,
  };
}

export const place = (request: CheckoutRequest, deps: Partial<CheckoutDeps> = {}) =>
  placeOrder(checkoutDeps(deps), request);

export async function setShipping(producerId: number, flatFee: number | null, freeFrom: number | null = null) {
  await testDb()
    .update(producers)
    .set({ shippingFlatFee: flatFee, shippingFreeFrom: freeFrom })
    .where(eq(producers.id, producerId));
}

/** An order of one product of a producer (made able to sell), placed as a buyer would; its one part's id. */
export async function placedOrder(spec: { producerId?: number; method?: 'vietqr' | 'cod' } = {}) {
  const producerId = spec.producerId ?? (await createSeller());
  await testDb()
    .update(producers)
    .set({ shippingFlatFee: 30_000, ...DEMO_ACCOUNT })
    .where(eq(producers.id, producerId));
  const product = await createSaleProduct({ producerId });
  const cartId = await cartWith([{ productId: product.id }]);
  const { order } = await place(checkoutRequest(cartId, [producerId], { paymentMethod: spec.method ?? 'vietqr' }));
  const [part] = await testDb().select().from(subOrders).where(eq(subOrders.orderId, order.id));
  return { order, partId: part!.id, path: `/orders/${order.linkToken}` };
}
