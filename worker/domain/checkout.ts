/**
 * The rules of placing an order that sit around the cart and shipping rules (cart.ts, shipping.ts):
 * how long each way of paying holds the stock, which checks the buyer's answers must pass, and
 * which field each refusal belongs to. Pure: the checkout service reads, decides with these, writes.
 */
import { bankAccountIssue } from './banks';
import type { LineIssue, OrderIssue } from './cart';
import type { FieldProblem } from './errors';
import { problem } from './errors';
import { orderReference } from './order-reference';
import type { PaymentMethod } from './order-status';
import type { DeliveryChoice } from './shipping';

/** A Stripe Checkout Session lives at least 30 minutes; the minute more keeps clock skew from refusing it. */
export const CARD_PAYMENT_SECONDS = 31 * 60;
/** A bank transfer: a day, so a buyer who orders in the evening can pay from the bank app next morning. */
export const TRANSFER_PAYMENT_HOURS = 24;
/** Cash on delivery: the producer has three days to confirm before the stock goes back on sale. */
export const COD_CONFIRMATION_HOURS = 72;
/** A card payment Stripe reports as on its way (a delayed method) keeps the stock this much longer. */
export const DELAYED_CARD_PAYMENT_HOURS = 72;

const HOUR_MS = 60 * 60 * 1000;

/** Until when a new order's parts wait for their payment (or, paid on delivery, the producer's confirmation). */
export function paymentDeadline(method: PaymentMethod, placedAt: Date): string {
  const wait =
    method === 'card'
      ? CARD_PAYMENT_SECONDS * 1000
      : method === 'vietqr'
        ? TRANSFER_PAYMENT_HOURS * HOUR_MS
        : COD_CONFIRMATION_HOURS * HOUR_MS;
  return new Date(placedAt.getTime() + wait).toISOString();
}

export const isOverdue = (deadline: string | null, now: Date): boolean =>
  deadline !== null && new Date(deadline).getTime() <= now.getTime();

/** The reference a buyer types in a transfer to one producer's part (and the QR code's purpose). */
export const subOrderReference = (orderKey: string, number: number): string => orderReference(orderKey, number);

export interface ProducerForCheckout {
  id: number;
  name: string;
  bankBin: string | null;
  bankAccountNumber: string | null;
  bankAccountName: string | null;
}

/** Why a producer's part cannot be paid by VietQR: it has no usable account for the code. */
export function transferUnavailable(producer: ProducerForCheckout): boolean {
  return (
    !producer.bankBin ||
    !producer.bankAccountNumber ||
    !producer.bankAccountName ||
    bankAccountIssue(producer.bankBin, producer.bankAccountNumber) !== null
  );
}

/** Names for the messages of refusals: what the buyer sees, not ids. */
export interface Names {
  product: (productId: number) => string;
  producer: (producerId: number) => string;
}

/** A cart line's refusal as the field problem a page shows beside the cart (field "cart"). */
export function lineProblem(issue: LineIssue, names: Names, limits: { maxQuantity: number; maxLines: number }) {
  const product = names.product(issue.productId);
  switch (issue.reason) {
    case 'unknown_product':
      return problem('cart', 'unknown_product');
    case 'unknown_variant':
      return problem('cart', 'unknown_variant');
    case 'invalid_quantity':
    case 'quantity_above_limit':
      return problem('cart', 'quantity_invalid', { product, max: limits.maxQuantity });
    case 'too_many_lines':
      return problem('cart', 'too_many_lines', { max: limits.maxLines });
    case 'insufficient_stock':
      return issue.available === 0
        ? problem('cart', 'sold_out', { product })
        : problem('cart', 'insufficient_stock', { product, available: issue.available ?? 0 });
    default:
      return problem('cart', issue.reason, { product });
  }
}

/** An order's refusal as a field problem: the delivery field of the producer it is about, or the cart. */
export function orderProblem(issue: OrderIssue, names: Names): FieldProblem {
  if (!('producerId' in issue)) {
    return problem('cart', issue.reason === 'empty_order' ? 'cart_empty' : issue.reason);
  }
  const field = deliveryField(issue.producerId);
  const producer = names.producer(issue.producerId);
  switch (issue.reason) {
    case 'missing_delivery':
      return problem(field, 'delivery_required', { producer });
    case 'shipping_not_offered':
      return problem(field, 'shipping_not_offered', { producer });
    case 'unknown_sales_point':
      return problem(field, 'unknown_sales_point');
    case 'unknown_fair_booth':
      return problem(field, 'unknown_fair_booth');
  }
}

/** The form field of one producer's delivery choice. */
export const deliveryField = (producerId: number) => `delivery.${producerId}`;

/**
 * A delivery choice as the checkout form sends it: "ship", "sales_point:12" or "fair_booth:7".
 * Null for anything else.
 */
export function parseDeliveryChoice(value: string): DeliveryChoice | null {
  if (value === 'ship') return { kind: 'ship' };
  const match = /^(sales_point|fair_booth):([1-9]\d{0,9})$/.exec(value);
  if (!match) return null;
  const id = Number(match[2]);
  return match[1] === 'sales_point'
    ? { kind: 'sales_point', salesPointId: id }
    : { kind: 'fair_booth', fairBoothId: id };
}

export function deliveryChoiceValue(choice: DeliveryChoice): string {
  switch (choice.kind) {
    case 'ship':
      return 'ship';
    case 'sales_point':
      return `sales_point:${choice.salesPointId}`;
    case 'fair_booth':
      return `fair_booth:${choice.fairBoothId}`;
  }
}
