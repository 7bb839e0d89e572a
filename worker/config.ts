/**
 * Configuration read from the Worker's environment (wrangler.toml vars and secrets), checked
 * where it is read: the host printed on stamps and the scratch-PIN keys. The keys are one secret,
 * a JSON object from key version to HMAC secret, so a rotation adds a version while the PINs
 * already printed under older ones keep verifying.
 */
import { STAMP_HOST_MAX_LENGTH, STAMP_HOST_PATTERN } from './domain/digital-link';
import { AppError } from './domain/errors';
import { stripeSettings, type StripeEnv, type StripeSettings } from './gateways/stripe';

/** The part of the environment stamps read (wrangler.toml vars and the STAMP_PIN_KEYS secret). */
export interface StampEnv {
  STAMP_HOST: string;
  STAMP_PIN_KEY_VERSION: string;
  STAMP_PIN_KEYS: string;
}

/** A secret shorter than this is a placeholder or a typo, not a key worth 40-bit PINs. */
const MIN_KEY_LENGTH = 16;

export interface PinKey {
  version: number;
  key: string;
}

function misconfigured(detail: string): AppError {
  return new AppError('internal_error', { detail: `stamp configuration: ${detail}` });
}

/** The host printed on stamps, upper case. */
export function stampHost(env: StampEnv): string {
  const host = env.STAMP_HOST?.trim() ?? '';
  if (host.length > STAMP_HOST_MAX_LENGTH || !STAMP_HOST_PATTERN.test(host)) {
    throw misconfigured(`STAMP_HOST must be a host name of at most ${STAMP_HOST_MAX_LENGTH} characters`);
  }
  return host.toUpperCase();
}

function parseKeys(env: StampEnv): Map<number, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(env.STAMP_PIN_KEYS ?? '');
  } catch {
    throw misconfigured('STAMP_PIN_KEYS is not set or not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw misconfigured('STAMP_PIN_KEYS must be a JSON object from key version to secret');
  }
  const keys = new Map<number, string>();
  for (const [version, key] of Object.entries(parsed)) {
    const number = Number(version);
    if (!Number.isSafeInteger(number) || number < 1 || typeof key !== 'string' || key.length < MIN_KEY_LENGTH) {
      throw misconfigured(
        `STAMP_PIN_KEYS entry "${version}" needs a version ≥ 1 and a secret of ${MIN_KEY_LENGTH}+ characters`,
      );
    }
    keys.set(number, key);
  }
  return keys;
}

/** The key that signs the PINs of new batches. */
export function currentPinKey(env: StampEnv): PinKey {
  const version = Number(env.STAMP_PIN_KEY_VERSION);
  const key = parseKeys(env).get(version);
  if (key === undefined)
    throw misconfigured(`STAMP_PIN_KEYS has no key for STAMP_PIN_KEY_VERSION ${env.STAMP_PIN_KEY_VERSION}`);
  return { version, key };
}

/** The key a batch's PINs were signed with; null once that version has been retired. */
export function pinKeyForVersion(env: StampEnv, version: number): string | null {
  return parseKeys(env).get(version) ?? null;
}

/** The map tiles pages draw under Leaflet; without a tile URL pages show no map, only the list and links. */
export interface MapEnv {
  MAP_TILE_URL?: string;
  MAP_ATTRIBUTION?: string;
}

const TILE_URL = /^https:\/\/[^\s"'<>]+\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}[^\s"'<>]*$/;

/** The tile URL template ("https://…/{z}/{x}/{y}.png") and its attribution, or null when not configured. */
export function mapSettings(env: MapEnv): { tileUrl: string; attribution: string } | null {
  const tileUrl = env.MAP_TILE_URL?.trim() ?? '';
  if (tileUrl === '') return null;
  if (!TILE_URL.test(tileUrl)) {
    throw new AppError('internal_error', {
      detail: 'MAP_TILE_URL must be an https URL template with {z}, {x} and {y}',
    });
  }
  return { tileUrl, attribution: env.MAP_ATTRIBUTION?.trim() ?? '' };
}

/**
 * Payments' configuration: optional secrets, so a local run needs none. Without the Stripe keys
 * (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET) card payment says it is unavailable; STRIPE_API_BASE
 * sends the Stripe client elsewhere (tests); without BANK_WEBHOOK_SECRET the bank-notification
 * webhook answers 404.
 */
export interface PaymentEnv extends StripeEnv {
  BANK_WEBHOOK_SECRET?: string;
}

/** A shared secret shorter than this is a placeholder, not one a bank-notification service was given. */
const MIN_WEBHOOK_SECRET_LENGTH = 16;

export const cardPayments = (env: PaymentEnv): StripeSettings | null => stripeSettings(env);

export function bankWebhookSecret(env: PaymentEnv): string | null {
  const secret = env.BANK_WEBHOOK_SECRET?.trim() ?? '';
  return secret.length >= MIN_WEBHOOK_SECRET_LENGTH ? secret : null;
}
