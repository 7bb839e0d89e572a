/**
 * Stripe, as the worker reaches it: a client made from configuration, and webhook verification.
 *
 * Workers have no Node HTTP or crypto modules, so the client sends through fetch and webhooks are
 * checked with SubtleCrypto, hence the async constructEventAsync. STRIPE_API_BASE, when set,
 * replaces Stripe's protocol, host and port: the tests point it at a local server speaking Stripe's
 * protocol (test/support/stripe-server.ts); in production it is unset.
 */
import Stripe from 'stripe';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another origin for the Stripe API, e.g. "http://127.0.0.1:41234"; null for Stripe itself. */
  apiBase: string | null;
}

/** The configuration values this gateway reads, as wrangler vars and secrets name them. */
export interface StripeEnv {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_API_BASE?: string;
}

/** The settings, or null when the keys are not configured and card payment is unavailable. */
export function stripeSettings(env: StripeEnv): StripeSettings | null {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null;
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    apiBase: env.STRIPE_API_BASE || null,
  };
}

/**
 * Where a card payment's form leads the browser: Stripe's hosted checkout, or the stand-in that
 * STRIPE_API_BASE names (it serves the checkout page it links to itself).
 */
export const hostedCheckoutOrigin = (env: StripeEnv): string =>
  env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE).origin : 'https://checkout.stripe.com';

/** Where the client sends requests when it is not Stripe itself. */
function apiOrigin(apiBase: string): { protocol: 'http' | 'https'; host: string; port: number } {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`not an HTTP origin: ${apiBase}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { protocol, host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443 };
}

export function createStripeClient(settings: Pick<StripeSettings, 'secretKey' | 'apiBase'>): Stripe {
  return new Stripe(settings.secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    ...(settings.apiBase ? apiOrigin(settings.apiBase) : {}),
  });
}

/** Stripe's default: an event signed more than 5 minutes before it arrives is refused as a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const cryptoProvider = Stripe.createSubtleCryptoProvider();

export type StripeWebhookResult =
  { ok: true; event: Stripe.Event } | { ok: false; reason: 'missing_signature' | 'invalid_signature' };

/**
 * The event a webhook request carries, once its Stripe-Signature header proves Stripe sent this
 * exact body, recently. `rawBody` is the body as received: parsed and serialised again, it would no
 * longer match the signature. `receivedAtMs` defaults to now; it is milliseconds since the epoch,
 * as stripe-node divides it by 1000: given in seconds, every signature would look recent.
 */
export async function verifyStripeWebhook(
  rawBody: string,
  signature: string | null | undefined,
  webhookSecret: string,
  receivedAtMs?: number,
): Promise<StripeWebhookResult> {
  if (!signature) return { ok: false, reason: 'missing_signature' };
  try {
    const event = await Stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      webhookSecret,
      WEBHOOK_TOLERANCE_SECONDS,
      cryptoProvider,
      receivedAtMs,
    );
    return { ok: true, event };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      return { ok: false, reason: 'invalid_signature' };
    throw error;
  }
}

export interface CheckoutLine {
  name: string;
  /** Integer đồng: VND is zero-decimal, so Stripe's amount is the đồng amount itself. */
  unitAmount: number;
  quantity: number;
}

export interface CheckoutRequest {
  /** The order's reference, Stripe's client_reference_id: a session always leads back to its order. */
  reference: string;
  lines: CheckoutLine[];
  successUrl: string;
  cancelUrl: string;
  /** Unix seconds; Stripe wants 30 minutes to 24 hours from now. */
  expiresAt: number;
  customerEmail: string | null;
  locale: 'vi' | 'en';
  metadata: Record<string, string>;
  idempotencyKey: string;
}

/** A Checkout Session in VND for one order: sent again with the same key, Stripe answers the same session. */
export function createCheckoutSession(stripe: Stripe, request: CheckoutRequest): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: request.lines.map((line) => ({
        quantity: line.quantity,
        price_data: { currency: 'vnd', unit_amount: line.unitAmount, product_data: { name: line.name } },
      })),
      client_reference_id: request.reference,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      expires_at: request.expiresAt,
      locale: request.locale,
      metadata: request.metadata,
      ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
    },
    { idempotencyKey: request.idempotencyKey },
  );
}

export const retrieveCheckoutSession = (stripe: Stripe, sessionId: string) =>
  stripe.checkout.sessions.retrieve(sessionId);

/** Closes an open session so it can no longer be paid; null when it was not open (paid or expired already). */
export async function expireCheckoutSession(
  stripe: Stripe,
  sessionId: string,
): Promise<Stripe.Checkout.Session | null> {
  try {
    return await stripe.checkout.sessions.expire(sessionId);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) return null;
    throw error;
  }
}

/** Part of a payment handed back; one refund per idempotency key, however often it is asked. */
export function refundPayment(
  stripe: Stripe,
  request: { paymentIntentId: string; amount: number; idempotencyKey: string; metadata: Record<string, string> },
): Promise<Stripe.Refund> {
  return stripe.refunds.create(
    { payment_intent: request.paymentIntentId, amount: request.amount, metadata: request.metadata },
    { idempotencyKey: request.idempotencyKey },
  );
}

/** The PaymentIntent a completed session charged, whether Stripe gives it as an id or expanded. */
export const paymentIntentOf = (session: Stripe.Checkout.Session): string | null =>
  typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
