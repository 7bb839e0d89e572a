/**
 * What a cart may hold and what an order from it costs. Every function takes the products as the
 * server read them (prices, stock, flags): a cart line is only a product, a pack size and a
 * quantity, so nothing the browser sends can set a price. Lines naming the same product and pack
 * size are added up before anything is checked, so two lines of 6 cannot pass a stock of 10.
 *
 * One order splits into one sub-order per producer, numbered in the order the producers first
 * appear in the cart; each sub-order pays its own shipping. Money is integer đồng, and any total
 * beyond Number.MAX_SAFE_INTEGER is refused rather than rounded.
 */
import { sumDong, timesDong } from './money';
import { MAX_SUB_ORDERS } from './order-reference';
import { quoteDelivery, type DeliveryChoice, type DeliveryOptions, type DeliveryRefusal } from './shipping';

/**
 * The catalogue-wide code of the group of community and eco-tourism services and tourist sites
 * (and of 1048's rural tourism services): db/reference/product-groups.json. They are booked, not
 * shipped.
 */
export const TOURISM_GROUP_CODE = 'tourism';

/** Units of one product or pack size in one order: more is a wholesale enquiry, not a cart. */
export const MAX_LINE_QUANTITY = 999;
/** Distinct products and pack sizes in one cart. */
export const MAX_CART_LINES = 50;

export interface CartLineInput {
  productId: number;
  /** The pack size; null for a product sold without pack sizes. */
  variantId: number | null;
  quantity: number;
}

export interface VariantForSale {
  id: number;
  price: number;
  stock: number;
}

/** A product as the server read it. */
export interface ProductForSale {
  id: number;
  producerId: number;
  /** The catalogue-wide group code of its product group ("food", "tourism", …). */
  groupCode: string;
  isPublished: boolean;
  /** The producer sells it only at its sales points and fair booths. */
  soldAtPointsOnly: boolean;
  /** Price of a product without pack sizes; null means "price on request". */
  price: number | null;
  stock: number;
  /** Pack sizes; empty when the product has none. */
  variants: readonly VariantForSale[];
}

/** Why a product cannot be put in a cart at all: the product page shows another way to buy it. */
export type CartRefusal = 'not_for_sale' | 'tourism_service' | 'sold_at_points_only' | 'price_on_request';

export type LineRefusal =
  | CartRefusal
  | 'unknown_product'
  | 'variant_required'
  | 'unknown_variant'
  | 'invalid_quantity'
  | 'quantity_above_limit'
  | 'too_many_lines'
  | 'insufficient_stock'
  | 'amount_too_large';

export interface LineIssue {
  productId: number;
  variantId: number | null;
  reason: LineRefusal;
  /** With insufficient_stock: how many units are left. */
  available?: number;
}

export interface PricedLine {
  productId: number;
  variantId: number | null;
  producerId: number;
  quantity: number;
  /** Read from the product or pack size, never from the request. */
  unitPrice: number;
  lineTotal: number;
}

export interface CartCheck {
  lines: PricedLine[];
  issues: LineIssue[];
}

/**
 * Why this product cannot go in a cart, or null when it can. A product with pack sizes is judged
 * by its pack sizes' prices, which always exist, not by its own.
 */
export function cartRefusal(product: ProductForSale): CartRefusal | null {
  if (!product.isPublished) return 'not_for_sale';
  if (product.groupCode === TOURISM_GROUP_CODE) return 'tourism_service';
  if (product.soldAtPointsOnly) return 'sold_at_points_only';
  if (product.variants.length === 0 && product.price === null) return 'price_on_request';
  return null;
}

const lineKey = (line: { productId: number; variantId: number | null }) => `${line.productId}:${line.variantId ?? ''}`;

/** Lines for the same product and pack size added up into one, in the order they first appear. */
export function mergeCartLines(lines: readonly CartLineInput[]): CartLineInput[] {
  const merged = new Map<string, CartLineInput>();
  for (const { productId, variantId, quantity } of lines) {
    const key = lineKey({ productId, variantId });
    const existing = merged.get(key);
    merged.set(key, { productId, variantId, quantity: existing ? existing.quantity + quantity : quantity });
  }
  return [...merged.values()];
}

const isValidQuantity = (quantity: number) => Number.isSafeInteger(quantity) && quantity >= 1;

/** The price and stock a line draws on: its pack size's, or the product's own. */
function pricedFrom(
  product: ProductForSale,
  variantId: number | null,
): { price: number; stock: number } | { reason: LineRefusal } {
  if (product.variants.length === 0) {
    if (variantId !== null) return { reason: 'unknown_variant' };
    if (product.price === null) return { reason: 'price_on_request' };
    return { price: product.price, stock: product.stock };
  }
  if (variantId === null) return { reason: 'variant_required' };
  const variant = product.variants.find((candidate) => candidate.id === variantId);
  return variant ? { price: variant.price, stock: variant.stock } : { reason: 'unknown_variant' };
}

/**
 * The cart's lines priced from the products as read, and what is wrong with the others: every
 * line is either priced or has an issue. Stock is compared with the quantities added up; the
 * reservation at checkout still decides, since stock can change in between.
 */
export function checkCart(lines: readonly CartLineInput[], products: readonly ProductForSale[]): CartCheck {
  const byId = new Map(products.map((product) => [product.id, product]));
  // A line of -5 must not cancel out part of another line before the total is judged.
  const invalidQuantityKeys = new Set(lines.filter((line) => !isValidQuantity(line.quantity)).map(lineKey));
  const priced: PricedLine[] = [];
  const issues: LineIssue[] = [];
  mergeCartLines(lines).forEach(({ productId, variantId, quantity }, index) => {
    const refuse = (reason: LineRefusal, available?: number) =>
      issues.push({ productId, variantId, reason, ...(available === undefined ? {} : { available }) });
    const product = byId.get(productId);
    if (!product) return refuse('unknown_product');
    if (index >= MAX_CART_LINES) return refuse('too_many_lines');
    const refusal = cartRefusal(product);
    if (refusal) return refuse(refusal);
    const source = pricedFrom(product, variantId);
    if ('reason' in source) return refuse(source.reason);
    if (invalidQuantityKeys.has(lineKey({ productId, variantId })) || !isValidQuantity(quantity)) {
      return refuse('invalid_quantity');
    }
    if (quantity > MAX_LINE_QUANTITY) return refuse('quantity_above_limit');
    if (quantity > source.stock) return refuse('insufficient_stock', Math.max(source.stock, 0));
    const lineTotal = timesDong(source.price, quantity);
    if (lineTotal === null) return refuse('amount_too_large');
    priced.push({ productId, variantId, producerId: product.producerId, quantity, unitPrice: source.price, lineTotal });
  });
  return { lines: priced, issues };
}

export interface SubOrderDraft {
  /** 1, 2, … in the order; the sub-order's part in its order reference. */
  number: number;
  producerId: number;
  lines: PricedLine[];
  delivery: DeliveryChoice;
  subtotal: number;
  shippingFee: number;
  total: number;
}

export interface OrderDraft {
  subOrders: SubOrderDraft[];
  subtotal: number;
  shippingFee: number;
  total: number;
}

export type OrderIssue =
  | { reason: 'empty_order' | 'too_many_producers' | 'amount_too_large' }
  | { reason: 'missing_delivery' | DeliveryRefusal; producerId: number };

export type OrderDraftResult = { ok: true; order: OrderDraft } | { ok: false; issues: OrderIssue[] };

export interface ProducerDelivery {
  options: DeliveryOptions;
  /** The buyer's choice for this producer's part; null when none was made. */
  choice: DeliveryChoice | null;
}

/**
 * The order that priced lines make: one sub-order per producer with its subtotal, the fee of the
 * delivery the buyer chose for it, and its total; then the order's sums. `deliveries` holds every
 * producer of the lines, read by the server.
 */
export function draftOrder(
  lines: readonly PricedLine[],
  deliveries: ReadonlyMap<number, ProducerDelivery>,
): OrderDraftResult {
  if (lines.length === 0) return { ok: false, issues: [{ reason: 'empty_order' }] };
  const byProducer = new Map<number, PricedLine[]>();
  for (const line of lines) byProducer.set(line.producerId, [...(byProducer.get(line.producerId) ?? []), line]);
  if (byProducer.size > MAX_SUB_ORDERS) return { ok: false, issues: [{ reason: 'too_many_producers' }] };

  const issues: OrderIssue[] = [];
  const subOrders: SubOrderDraft[] = [];
  let number = 0;
  for (const [producerId, producerLines] of byProducer) {
    number++;
    const delivery = deliveries.get(producerId);
    if (!delivery?.choice) {
      issues.push({ reason: 'missing_delivery', producerId });
      continue;
    }
    const subtotal = sumDong(producerLines.map((line) => line.lineTotal));
    if (subtotal === null) return { ok: false, issues: [{ reason: 'amount_too_large' }] };
    const quote = quoteDelivery(delivery.options, delivery.choice, subtotal);
    if (!quote.ok) {
      issues.push({ reason: quote.reason, producerId });
      continue;
    }
    const total = sumDong([subtotal, quote.fee]);
    if (total === null) return { ok: false, issues: [{ reason: 'amount_too_large' }] };
    subOrders.push({
      number,
      producerId,
      lines: producerLines,
      delivery: delivery.choice,
      subtotal,
      shippingFee: quote.fee,
      total,
    });
  }
  if (issues.length > 0) return { ok: false, issues };

  const subtotal = sumDong(subOrders.map((subOrder) => subOrder.subtotal));
  const shippingFee = sumDong(subOrders.map((subOrder) => subOrder.shippingFee));
  const total = sumDong(subOrders.map((subOrder) => subOrder.total));
  if (subtotal === null || shippingFee === null || total === null) {
    return { ok: false, issues: [{ reason: 'amount_too_large' }] };
  }
  return { ok: true, order: { subOrders, subtotal, shippingFee, total } };
}
