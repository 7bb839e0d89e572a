/**
 * Card payments through Stripe Checkout: one session per order in VND, and one function,
 * completeCardPayment, that applies a paid session whoever reaches it first (the webhook or the
 * buyer's return page) and however often. Every effect is conditional on the state it changes, so
 * a second, late or out-of-order call changes nothing that was already done.
 *
 * A payment that lands after its order's stock went back on sale takes the stock again when there
 * is still enough; otherwise that part is refunded automatically and listed for staff. The platform
 * is the merchant of record: each sub-order paid by card is a ledger credit for its producer.
 */
import type Stripe from 'stripe';
import { cardPayments, type PaymentEnv } from '../config';
import { randomToken } from '../crypto/random';
import type { Database } from '../data/db';
import { extendPaymentDeadline, findOrderById, type OrderDetail } from '../data/orders';
import {
  completeCardMove,
  findCardPayment,
  findPaymentBySession,
  insertCardPayment,
  paymentEventSeen,
  recordPaymentEvent,
  recordRefund,
  refundedSubOrders,
  setCardPaymentStatus,
  setPaymentIssue,
  type PaymentRow,
} from '../data/payments';
import { CARD_PAYMENT_SECONDS, DELAYED_CARD_PAYMENT_HOURS } from '../domain/checkout';
import { AppError, notFound } from '../domain/errors';
import { orderReference } from '../domain/order-reference';
import {
  createCheckoutSession,
  createStripeClient,
  expireCheckoutSession,
  paymentIntentOf,
  refundPayment,
  retrieveCheckoutSession,
  verifyStripeWebhook,
} from '../gateways/stripe';
import { runMove } from '../data/orders';

export interface CardDeps {
  db: Database;
  env: PaymentEnv;
  now: Date;
}

/** Where the buyer comes back to, and in which language Stripe's page speaks. */
export interface CardPageContext {
  origin: string;
  locale: 'vi' | 'en';
}

/** The Stripe client, or null when card payment is not configured. */
export function stripeClient(env: PaymentEnv): Stripe | null {
  const settings = cardPayments(env);
  return settings ? createStripeClient(settings) : null;
}

const seconds = (instant: Date | string) => Math.floor(new Date(instant).getTime() / 1000);

/** Stripe wants a session to live at least 30 minutes from its creation. */
const MIN_SESSION_SECONDS = 30 * 60 + 30;

interface SessionInfo {
  url: string | null;
}

/**
 * The Checkout Session of a card order still waiting for payment: the one recorded, or a new one
 * (the first attempt may have failed before Stripe answered, or before the answer was recorded).
 * Its idempotency key is the order's and its expiry, so asking again gives Stripe's same session.
 */
export async function ensureCheckoutSession(
  deps: CardDeps,
  page: CardPageContext,
  order: OrderDetail,
): Promise<SessionInfo | null> {
  const waiting = order.subOrders.filter((part) => part.status === 'pending_payment');
  if (order.order.paymentMethod !== 'card' || waiting.length === 0) return null;
  const existing = await findCardPayment(deps.db, order.order.id);
  if (existing?.status === 'pending') return { url: sessionUrl(existing) };
  const stripe = stripeClient(deps.env);
  if (!stripe) return null;

  const deadlines = waiting.map((part) => part.paymentDeadline).filter((deadline) => deadline !== null);
  let expiresAt = deadlines.length > 0 ? Math.min(...deadlines.map(seconds)) : 0;
  if (expiresAt - seconds(deps.now) < MIN_SESSION_SECONDS) {
    expiresAt = seconds(deps.now) + CARD_PAYMENT_SECONDS;
    await extendPaymentDeadline(deps.db, order.order.id, new Date(expiresAt * 1000).toISOString());
  }
  const reference = orderReference(order.order.code, null);
  const waitingIds = new Set(waiting.map((part) => part.id));
  const lines = order.subOrders
    .filter((part) => waitingIds.has(part.id))
    .flatMap((part) => [
      ...part.lines.map((line) => ({
        name: line.variantLabel ? `${line.nameSnapshot} (${line.variantLabel})` : line.nameSnapshot,
        unitAmount: line.unitPrice,
        quantity: line.quantity,
      })),
      ...(part.shippingFee > 0
        ? [{ name: `${shippingLabel(page.locale)}: ${part.producer.name}`, unitAmount: part.shippingFee, quantity: 1 }]
        : []),
    ]);
  const amount = waiting.reduce((sum, part) => sum + part.total, 0);
  const orderPath = `${page.origin}/orders/${order.order.linkToken}`;
  const session = await createCheckoutSession(stripe, {
    reference,
    lines,
    successUrl: `${orderPath}/card-return?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: orderPath,
    expiresAt,
    customerEmail: order.order.buyerEmail,
    locale: page.locale,
    metadata: { order_code: order.order.code, order_id: String(order.order.id) },
    idempotencyKey: `checkout-${order.order.code}-${expiresAt}`,
  });
  await insertCardPayment(deps.db, {
    orderId: order.order.id,
    sessionId: session.id,
    amount,
    url: session.url,
    expiresAt,
  });
  return { url: session.url };
}

const shippingLabel = (locale: 'vi' | 'en') => (locale === 'vi' ? 'Phí giao hàng' : 'Shipping');

function sessionUrl(payment: PaymentRow): string | null {
  const payload = payment.providerPayload as { url?: string | null } | null;
  return payload?.url ?? null;
}

export type CardOutcome =
  | { kind: 'not_paid' }
  | { kind: 'unknown_session' }
  | { kind: 'applied'; paid: number[]; revived: number[]; refunded: number[] };

/**
 * THE completion of a card payment, from a session Stripe says is paid: the parts waiting move to
 * paid, expired parts take their stock again if it is still there, and the parts that cannot be
 * paid for any more (stock gone, cancelled) are refunded and listed for staff. Safe to call any
 * number of times, in any order with the other events of the session.
 */
export async function completeCardPayment(deps: CardDeps, session: Stripe.Checkout.Session): Promise<CardOutcome> {
  if (session.payment_status !== 'paid') return { kind: 'not_paid' };
  const found = await findPaymentBySession(deps.db, session.id);
  if (!found) return { kind: 'unknown_session' };
  const payment = { id: found.payment.id, paymentIntentId: paymentIntentOf(session) };
  const orderId = found.payment.orderId;
  const note = `stripe ${session.id}`;

  const paid = await completeCardMove(
    deps.db,
    { target: { orderId }, from: 'pending_payment', to: 'paid', actor: 'system', userId: null, note, stock: null },
    randomToken(),
    payment,
  );

  const order = await findOrderById(deps.db, orderId);
  if (!order) return { kind: 'applied', paid: paid.map((part) => part.id), revived: [], refunded: [] };
  const revived: number[] = [];
  const unpayable: OrderDetail['subOrders'] = [];
  for (const part of order.subOrders) {
    if (part.status === 'expired') {
      try {
        const moved = await completeCardMove(
          deps.db,
          {
            target: { subOrderIds: [part.id] },
            from: 'expired',
            to: 'paid',
            actor: 'system',
            userId: null,
            note: `${note} (late)`,
            stock: 'reserve',
          },
          randomToken(),
          payment,
        );
        revived.push(...moved.map((row) => row.id));
      } catch (error) {
        if (!(error instanceof AppError && error.problems[0]?.problem === 'sold_out')) throw error;
        unpayable.push(part);
      }
    } else if (part.status === 'cancelled') {
      unpayable.push(part);
    }
  }
  const refunded = await refundUnpayable(deps, found.payment, found.orderCode, payment.paymentIntentId, unpayable);
  return { kind: 'applied', paid: paid.map((part) => part.id), revived, refunded };
}

/** Refunds each part paid for that can no longer be delivered, once per part, and lists the payment for staff. */
async function refundUnpayable(
  deps: CardDeps,
  payment: PaymentRow,
  orderCode: string,
  paymentIntentId: string | null,
  parts: OrderDetail['subOrders'],
): Promise<number[]> {
  if (parts.length === 0) return [];
  const already = await refundedSubOrders(deps.db, payment.id);
  const stripe = stripeClient(deps.env);
  const refunded: number[] = [];
  for (const part of parts) {
    if (already.has(part.id)) continue;
    if (!stripe || !paymentIntentId) {
      await setPaymentIssue(deps.db, payment.id, 'refund_failed');
      continue;
    }
    try {
      const refund = await refundPayment(stripe, {
        paymentIntentId,
        amount: part.total,
        idempotencyKey: `refund-sub-order-${part.id}`,
        metadata: { order_code: orderCode, sub_order: String(part.number) },
      });
      await recordRefund(deps.db, {
        paymentId: payment.id,
        subOrderId: part.id,
        amount: part.total,
        providerRefundId: refund.id,
        reason: part.status === 'cancelled' ? 'cancelled' : 'late_payment',
        userId: null,
        issue: 'late_refunded',
      });
      refunded.push(part.id);
    } catch (error) {
      console.error('refund of a late card payment failed', error);
      await setPaymentIssue(deps.db, payment.id, 'refund_failed');
    }
  }
  return refunded;
}

/**
 * A session Stripe will not see paid: expired (the window closed) or its delayed payment failed.
 * The parts still waiting end (expired, or cancelled for a failed payment) and their stock returns.
 */
async function endCardPayment(deps: CardDeps, session: Stripe.Checkout.Session, outcome: 'expired' | 'failed') {
  const found = await findPaymentBySession(deps.db, session.id);
  if (!found) return;
  await runMove(
    deps.db,
    {
      target: { orderId: found.payment.orderId },
      from: 'pending_payment',
      to: outcome === 'expired' ? 'expired' : 'cancelled',
      actor: 'system',
      userId: null,
      note: outcome === 'expired' ? `stripe ${session.id} expired` : `stripe ${session.id} payment failed`,
      stock: 'release',
    },
    randomToken(),
  );
  await setCardPaymentStatus(deps.db, found.payment.id, outcome);
}

/** A delayed payment (a bank debit) is on its way: the stock is held until it arrives or fails. */
async function holdForDelayedPayment(deps: CardDeps, session: Stripe.Checkout.Session) {
  const found = await findPaymentBySession(deps.db, session.id);
  if (!found) return;
  const until = new Date(deps.now.getTime() + DELAYED_CARD_PAYMENT_HOURS * 3_600_000).toISOString();
  await extendPaymentDeadline(deps.db, found.payment.orderId, until);
}

export type WebhookAnswer = { received: true; duplicate: boolean };

/**
 * A Stripe webhook call: verified against the raw body (400 when the signature is wrong, missing
 * or too old), applied once per event id, and recorded as handled only once it was.
 */
export async function handleStripeWebhook(
  deps: CardDeps,
  rawBody: string,
  signature: string | null,
): Promise<WebhookAnswer> {
  const settings = cardPayments(deps.env);
  if (!settings) throw notFound('card payment is not configured');
  const verified = await verifyStripeWebhook(rawBody, signature, settings.webhookSecret, deps.now.getTime());
  if (!verified.ok) throw new AppError('bad_request', { detail: `Stripe webhook: ${verified.reason}` });
  const { event } = verified;
  if (await paymentEventSeen(deps.db, event.id)) return { received: true, duplicate: true };
  switch (event.type) {
    case 'checkout.session.completed':
      if (event.data.object.payment_status === 'paid') await completeCardPayment(deps, event.data.object);
      else await holdForDelayedPayment(deps, event.data.object);
      break;
    case 'checkout.session.async_payment_succeeded':
      await completeCardPayment(deps, event.data.object);
      break;
    case 'checkout.session.async_payment_failed':
      await endCardPayment(deps, event.data.object, 'failed');
      break;
    case 'checkout.session.expired':
      await endCardPayment(deps, event.data.object, 'expired');
      break;
    default:
      break;
  }
  await recordPaymentEvent(deps.db, event.id, event.type);
  return { received: true, duplicate: false };
}

/**
 * The buyer is back from Stripe's page: the session is read from Stripe (never from the URL) and
 * completed if paid, so the order page shows "paid" even before the webhook arrives.
 */
export async function cardReturn(deps: CardDeps, order: OrderDetail, sessionId: string): Promise<void> {
  const stripe = stripeClient(deps.env);
  if (!stripe || !/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) return;
  const found = await findPaymentBySession(deps.db, sessionId);
  if (!found || found.payment.orderId !== order.order.id) return;
  try {
    const session = await retrieveCheckoutSession(stripe, sessionId);
    await completeCardPayment(deps, session);
  } catch (error) {
    // The webhook completes it anyway; the page shows the order as it is.
    console.error('reading a Checkout Session on return failed', error);
  }
}

/**
 * When a card order's waiting parts end (their window closed, or the buyer cancelled them): a
 * session Stripe was paid on is completed instead, an open one is closed so it can no longer be
 * paid. Failing to reach Stripe never blocks the end: a payment that lands afterwards is a late one.
 */
export async function closeCheckoutSession(deps: CardDeps, orderId: number): Promise<'paid' | 'closed'> {
  const payment = await findCardPayment(deps.db, orderId);
  const stripe = stripeClient(deps.env);
  if (!payment?.providerReference || payment.status !== 'pending' || !stripe) return 'closed';
  try {
    const session = await retrieveCheckoutSession(stripe, payment.providerReference);
    if (session.payment_status === 'paid') {
      await completeCardPayment(deps, session);
      return 'paid';
    }
    if (session.status === 'open') await expireCheckoutSession(stripe, session.id);
  } catch (error) {
    console.error('closing a Checkout Session before expiry failed', error);
  }
  await setCardPaymentStatus(deps.db, payment.id, 'expired');
  return 'closed';
}

/** Hands back a paid card part (staff): Stripe first, then the record. Null when Stripe refused. */
export async function refundCardPart(
  deps: CardDeps,
  order: OrderDetail,
  part: OrderDetail['subOrders'][number],
): Promise<{ payment: PaymentRow; refundId: string } | null> {
  const payment = order.payments.find(
    (row) => row.method === 'card' && row.status !== 'pending' && row.providerPaymentId,
  );
  const stripe = stripeClient(deps.env);
  if (!payment?.providerPaymentId || !stripe) return null;
  try {
    const refund = await refundPayment(stripe, {
      paymentIntentId: payment.providerPaymentId,
      amount: part.total,
      idempotencyKey: `refund-sub-order-${part.id}`,
      metadata: { order_code: order.order.code, sub_order: String(part.number) },
    });
    return { payment, refundId: refund.id };
  } catch (error) {
    console.error('a card refund failed', error);
    return null;
  }
}
