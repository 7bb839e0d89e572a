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
 * longer match the signature. `receivedAt` (Unix seconds) defaults to now.
 */
export async function verifyStripeWebhook(
  rawBody: string,
  signature: string | null | undefined,
  webhookSecret: string,
  receivedAt?: number,
): Promise<StripeWebhookResult> {
  if (!signature) return { ok: false, reason: 'missing_signature' };
  try {
    const event = await Stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      webhookSecret,
      WEBHOOK_TOLERANCE_SECONDS,
      cryptoProvider,
      receivedAt,
    );
    return { ok: true, event };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      return { ok: false, reason: 'invalid_signature' };
    throw error;
  }
}
