/**
 * A local stand-in for the Stripe API, for tests: a Node HTTP server that speaks Stripe's protocol
 * for exactly the calls the platform makes, so the real `stripe` client runs unchanged against it.
 *
 *   POST /v1/checkout/sessions              form-encoded with Stripe's bracket notation
 *   GET  /v1/checkout/sessions/:id
 *   POST /v1/checkout/sessions/:id/expire
 *   POST /v1/refunds                        by payment_intent
 *   GET  /v1/refunds/:id
 *
 * Bearer auth with the configured sk_test_ key, Idempotency-Key on every POST (same key and
 * parameters replay the first answer, other parameters answer 400 idempotency_error), and
 * Stripe-shaped objects and error bodies.
 *
 * Tests drive what a buyer would do on Stripe's page through control endpoints, each answering
 * with the webhook event it caused, signed as Stripe signs it, ready to post to the worker:
 *
 *   POST /_control/checkout/sessions/:id/complete        pay; {"async": true} for a delayed method
 *   POST /_control/checkout/sessions/:id/async-succeed   the delayed payment arrives
 *   POST /_control/checkout/sessions/:id/fail            the delayed payment fails
 *   GET  /_control/events?session=cs_…                   every event so far (an expiry by the API too)
 *   GET  /_control/events/:id                            one event, signed again
 *
 * Each answers { event, payload, signature }: post `payload` as the body with `signature` as the
 * Stripe-Signature header. `?timestamp=<unix seconds>` signs at another time, to test tolerance.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface StripeStandInOptions {
  secretKey?: string;
  webhookSecret?: string;
}

export interface StripeStandIn {
  /** Origin of the server, e.g. "http://127.0.0.1:41234". */
  url: string;
  secretKey: string;
  webhookSecret: string;
  /** The values the worker reads, to pass as bindings. */
  bindings: { STRIPE_API_BASE: string; STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string };
  close: () => Promise<void>;
}

export interface StripeEventDelivery {
  event: StripeEvent;
  /** The exact body to post to the webhook. */
  payload: string;
  /** The Stripe-Signature header for that body. */
  signature: string;
}

type FormValue = string | FormValue[] | { [key: string]: FormValue };
type FormObject = { [key: string]: FormValue };

interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: CheckoutSession };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: null;
  customer_details: { email: string | null; name: string | null; phone: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted';
  url: string | null;
}

interface PaymentIntent {
  id: string;
  amount: number;
  currency: string;
  charge: string;
  status: 'processing' | 'succeeded' | 'requires_payment_method';
  refunded: number;
}

interface StoredResponse {
  endpoint: string;
  params: string;
  status: number;
  body: unknown;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; code?: string; param?: string },
  ) {
    super(body.message);
  }
}

const invalid = (message: string, extra: { code?: string; param?: string } = {}, status = 400) =>
  new StripeApiError(status, { type: 'invalid_request_error', message, ...extra });

const API_VERSION = Stripe.API_VERSION;
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;

const SESSION_PARAMS = new Set([
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'client_reference_id',
  'customer_email',
  'metadata',
  'expires_at',
  'payment_method_types',
  'payment_intent_data',
  'locale',
  'expand',
]);
const REFUND_PARAMS = new Set(['payment_intent', 'amount', 'reason', 'metadata', 'expand']);
const REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

const newId = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

/** `line_items[0][price_data][currency]=vnd` and friends, as nested objects and arrays. */
export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = name.replace(/\]/g, '').split('[');
    let node: FormObject = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
      node = node[segment] as FormObject;
    });
  }
  return toArrays(root) as FormObject;
}

/** Objects keyed 0, 1, 2… are what the bracket notation makes of arrays. */
function toArrays(value: FormValue): FormValue {
  if (typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, child]) => [key, toArrays(child)] as const);
  const isList = entries.length > 0 && entries.every(([key], index) => key === String(index));
  return isList ? entries.map(([, child]) => child) : Object.fromEntries(entries);
}

/** A stable form of the parameters, so the same request sent with its keys in another order still matches. */
function canonical(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
    .join(',')}}`;
}

/** A string parameter; `param` names it in errors as Stripe does, brackets and all. */
function text(params: FormObject, name: string, param = name): string | null {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw invalid(`Invalid string: ${param}`, { param });
  return value;
}

function integer(params: FormObject, name: string, param = name): number | null {
  const value = text(params, name, param);
  if (value === null) return null;
  if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, { param });
  return Number(value);
}

function object(params: FormObject, name: string): FormObject | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`Invalid object`, { param: name });
  return value;
}

function metadata(params: FormObject): Record<string, string> {
  const values = object(params, 'metadata') ?? {};
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      if (typeof value !== 'string') throw invalid('Invalid metadata value', { param: `metadata[${key}]` });
      if (key.length > 40) throw invalid('Metadata keys must be at most 40 characters.', { param: 'metadata' });
      if (value.length > 500) throw invalid('Metadata values must be at most 500 characters.', { param: 'metadata' });
      return [key, value];
    }),
  );
}

function rejectUnknown(params: FormObject, known: Set<string>) {
  const unknown = Object.keys(params).find((key) => !known.has(key));
  if (unknown) throw invalid(`Received unknown parameter: ${unknown}`, { param: unknown });
}

function required<T>(value: T | null, param: string): T {
  if (value === null) throw invalid(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
  return value;
}

export async function startStripeServer(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const secretKey = options.secretKey ?? 'sk_test_ocop_stand_in';
  const webhookSecret = options.webhookSecret ?? 'whsec_ocop_stand_in';
  const sessions = new Map<string, CheckoutSession>();
  const paymentIntents = new Map<string, PaymentIntent>();
  const refunds = new Map<string, unknown>();
  const idempotent = new Map<string, StoredResponse>();
  const events: StripeEvent[] = [];
  let origin = '';

  function record(type: string, session: CheckoutSession, request: StripeEvent['request']): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: now(),
      data: { object: structuredClone(session) },
      livemode: false,
      pending_webhooks: 1,
      request,
      type,
    };
    events.push(event);
    return event;
  }

  function deliver(event: StripeEvent, timestamp: number | null): StripeEventDelivery {
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: webhookSecret,
      timestamp: timestamp ?? now(),
    });
    return { event, payload, signature };
  }

  function createSession(params: FormObject): CheckoutSession {
    rejectUnknown(params, SESSION_PARAMS);
    const mode = required(text(params, 'mode'), 'mode');
    if (mode !== 'payment') throw invalid(`This stand-in supports mode=payment only, not ${mode}.`, { param: 'mode' });
    const successUrl = required(text(params, 'success_url'), 'success_url');
    const items = params.line_items;
    if (!Array.isArray(items) || items.length === 0) {
      throw invalid('Missing required param: line_items.', { code: 'parameter_missing', param: 'line_items' });
    }
    const currencies = new Set<string>();
    let amount = 0;
    for (const [index, item] of items.entries()) {
      const at = `line_items[${index}]`;
      if (typeof item !== 'object' || Array.isArray(item)) throw invalid('Invalid line item', { param: at });
      const quantity = required(integer(item, 'quantity', `${at}[quantity]`), `${at}[quantity]`);
      if (quantity < 1) throw invalid('Quantity must be at least 1.', { param: `${at}[quantity]` });
      if (item.price !== undefined) {
        throw invalid(`No such price: '${String(item.price)}'`, { code: 'resource_missing', param: `${at}[price]` });
      }
      const priceData = item.price_data;
      if (typeof priceData !== 'object' || Array.isArray(priceData)) {
        throw invalid('You must specify either `price` or `price_data` for each line item.', { param: at });
      }
      const currencyParam = `${at}[price_data][currency]`;
      currencies.add(required(text(priceData, 'currency', currencyParam), currencyParam).toLowerCase());
      const amountParam = `${at}[price_data][unit_amount]`;
      const unitAmount = required(integer(priceData, 'unit_amount', amountParam), amountParam);
      if (unitAmount < 0) throw invalid('Invalid non-negative integer', { param: amountParam });
      const product = priceData.product_data;
      if (typeof product !== 'object' || Array.isArray(product) || !text(product, 'name')) {
        throw invalid('Missing required param: product_data[name].', {
          code: 'parameter_missing',
          param: `${at}[price_data][product_data][name]`,
        });
      }
      amount += unitAmount * quantity;
    }
    const [currency, ...others] = currencies;
    if (others.length > 0) throw invalid('All line items must have the same currency.', { param: 'line_items' });
    if (!Number.isSafeInteger(amount))
      throw invalid('Amount too large.', { code: 'amount_too_large', param: 'line_items' });

    const created = now();
    const expiresAt = integer(params, 'expires_at') ?? created + MAX_EXPIRY_SECONDS;
    if (expiresAt < created + MIN_EXPIRY_SECONDS) {
      throw invalid('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', {
        param: 'expires_at',
      });
    }
    if (expiresAt > created + MAX_EXPIRY_SECONDS) {
      throw invalid('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', {
        param: 'expires_at',
      });
    }
    const clientReference = text(params, 'client_reference_id');
    if (clientReference !== null && clientReference.length > 200) {
      throw invalid('client_reference_id must be at most 200 characters.', { param: 'client_reference_id' });
    }
    const methods = params.payment_method_types;
    const id = newId('cs_test');
    const session: CheckoutSession = {
      id,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: text(params, 'cancel_url'),
      client_reference_id: clientReference,
      created,
      currency: currency!,
      customer: null,
      customer_details: null,
      customer_email: text(params, 'customer_email'),
      expires_at: expiresAt,
      livemode: false,
      locale: text(params, 'locale'),
      metadata: metadata(params),
      mode: 'payment',
      payment_intent: null,
      payment_method_types: Array.isArray(methods) ? methods.map(String) : ['card'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: successUrl,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `${origin}/c/pay/${id}`,
    };
    sessions.set(id, session);
    return session;
  }

  function session(id: string): CheckoutSession {
    const found = sessions.get(id);
    if (!found) throw invalid(`No such checkout.session: '${id}'`, { code: 'resource_missing', param: 'session' }, 404);
    return found;
  }

  function expire(id: string): CheckoutSession {
    const found = session(id);
    if (found.status !== 'open') {
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has a status of "${found.status}".`,
      );
    }
    found.status = 'expired';
    found.url = null;
    return found;
  }

  function refund(params: FormObject): unknown {
    rejectUnknown(params, REFUND_PARAMS);
    const intentId = text(params, 'payment_intent');
    if (intentId === null) {
      throw invalid('One of the following params should be provided for this request: payment_intent or charge.');
    }
    const intent = paymentIntents.get(intentId);
    if (!intent)
      throw invalid(`No such payment_intent: '${intentId}'`, { code: 'resource_missing', param: 'payment_intent' });
    if (intent.status !== 'succeeded') {
      throw invalid(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`);
    }
    const left = intent.amount - intent.refunded;
    if (left === 0) {
      throw invalid(`Charge ${intent.charge} has already been refunded.`, { code: 'charge_already_refunded' });
    }
    const amount = integer(params, 'amount') ?? left;
    if (amount < 1) throw invalid('Invalid positive integer', { param: 'amount' });
    if (amount > left) {
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, {
        code: 'amount_too_large',
        param: 'amount',
      });
    }
    const reason = text(params, 'reason');
    if (reason !== null && !REFUND_REASONS.has(reason)) throw invalid(`Invalid reason: ${reason}`, { param: 'reason' });
    const refundMetadata = metadata(params);
    intent.refunded += amount;
    const made = {
      id: newId('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: intent.charge,
      created: now(),
      currency: intent.currency,
      metadata: refundMetadata,
      payment_intent: intent.id,
      reason,
      receipt_number: null,
      status: 'succeeded',
    };
    refunds.set(made.id, made);
    return made;
  }

  function storedRefund(id: string): unknown {
    const found = refunds.get(id);
    if (!found) throw invalid(`No such refund: '${id}'`, { code: 'resource_missing', param: 'id' }, 404);
    return found;
  }

  /** What Stripe's page does when the buyer pays: an immediate method is paid at once, a delayed one later. */
  function complete(found: CheckoutSession, delayed: boolean): CheckoutSession {
    if (found.status !== 'open') throw invalid(`Checkout Session ${found.id} is ${found.status}, not open.`);
    if (found.expires_at <= now()) throw invalid(`Checkout Session ${found.id} has expired.`);
    const intent: PaymentIntent = {
      id: newId('pi'),
      amount: found.amount_total,
      currency: found.currency,
      charge: newId('ch'),
      status: delayed ? 'processing' : 'succeeded',
      refunded: 0,
    };
    paymentIntents.set(intent.id, intent);
    found.status = 'complete';
    found.payment_status = delayed ? 'unpaid' : 'paid';
    found.payment_intent = intent.id;
    found.customer_details = { email: found.customer_email, name: null, phone: null };
    found.url = null;
    return found;
  }

  function settleDelayed(found: CheckoutSession, succeeded: boolean): CheckoutSession {
    const intent = found.payment_intent ? paymentIntents.get(found.payment_intent) : undefined;
    if (found.status !== 'complete' || !intent || intent.status !== 'processing') {
      throw invalid(`Checkout Session ${found.id} has no delayed payment waiting.`);
    }
    intent.status = succeeded ? 'succeeded' : 'requires_payment_method';
    if (succeeded) found.payment_status = 'paid';
    return found;
  }

  function api(request: IncomingMessage, url: URL, body: string, requestId: string): [number, unknown] {
    const auth = request.headers.authorization ?? '';
    if (!auth) {
      throw new StripeApiError(401, {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    }
    const key = auth.replace(/^Bearer\s+/i, '');
    if (key !== secretKey) {
      throw new StripeApiError(401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(key.length - 12, 4))}${key.slice(-4)}`,
      });
    }

    const endpoint = `${request.method} ${url.pathname}`;
    const params = parseStripeForm(request.method === 'GET' ? url.search.slice(1) : body);
    const idempotencyKey =
      request.method === 'POST' ? (request.headers['idempotency-key'] as string | undefined) : undefined;
    if (idempotencyKey !== undefined) {
      if (idempotencyKey.length > 255) throw invalid('Idempotency-Key must be at most 255 characters.');
      const stored = idempotent.get(idempotencyKey);
      if (stored) {
        if (stored.endpoint !== endpoint) {
          throw new StripeApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        if (stored.params !== canonical(params)) {
          throw new StripeApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        return [stored.status, stored.body];
      }
    }

    const eventRequest = { id: requestId, idempotency_key: idempotencyKey ?? null };
    let result: unknown;
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(url.pathname);
    const refundPath = /^\/v1\/refunds\/([^/]+)$/.exec(url.pathname);
    if (endpoint === 'POST /v1/checkout/sessions') {
      result = createSession(params);
    } else if (sessionPath && request.method === 'GET' && !sessionPath[2]) {
      result = session(decodeURIComponent(sessionPath[1]!));
    } else if (sessionPath && request.method === 'POST' && sessionPath[2]) {
      const expired = expire(decodeURIComponent(sessionPath[1]!));
      record('checkout.session.expired', expired, eventRequest);
      result = expired;
    } else if (endpoint === 'POST /v1/refunds') {
      result = refund(params);
    } else if (refundPath && request.method === 'GET') {
      result = storedRefund(decodeURIComponent(refundPath[1]!));
    } else {
      throw invalid(`Unrecognized request URL (${endpoint}).`, {}, 404);
    }
    // A snapshot, as Stripe answers: later changes to the session must not show in a replayed answer.
    const answer = structuredClone(result);
    if (idempotencyKey !== undefined) {
      idempotent.set(idempotencyKey, { endpoint, params: canonical(params), status: 200, body: answer });
    }
    return [200, answer];
  }

  function control(request: IncomingMessage, url: URL, body: string): unknown {
    const timestampParam = url.searchParams.get('timestamp');
    const timestamp = timestampParam === null ? null : Number(timestampParam);
    const controlPath = /^\/_control\/checkout\/sessions\/([^/]+)\/(complete|async-succeed|fail)$/.exec(url.pathname);
    if (controlPath && request.method === 'POST') {
      const found = session(decodeURIComponent(controlPath[1]!));
      const action = controlPath[2];
      const noRequest = { id: null, idempotency_key: null };
      if (action === 'complete') {
        const delayed = body ? (JSON.parse(body) as { async?: boolean }).async === true : false;
        return deliver(record('checkout.session.completed', complete(found, delayed), noRequest), timestamp);
      }
      const succeeded = action === 'async-succeed';
      const type = succeeded ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed';
      return deliver(record(type, settleDelayed(found, succeeded), noRequest), timestamp);
    }
    if (url.pathname === '/_control/events' && request.method === 'GET') {
      const sessionId = url.searchParams.get('session');
      return events
        .filter((event) => sessionId === null || event.data.object.id === sessionId)
        .map((event) => deliver(event, timestamp));
    }
    const eventPath = /^\/_control\/events\/([^/]+)$/.exec(url.pathname);
    if (eventPath && request.method === 'GET') {
      const event = events.find((candidate) => candidate.id === eventPath[1]);
      if (!event) throw invalid(`No such event: '${eventPath[1]}'`, { code: 'resource_missing' }, 404);
      return deliver(event, timestamp);
    }
    throw invalid(`Unrecognized control URL (${request.method} ${url.pathname}).`, {}, 404);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', origin);
    const requestId = newId('req');
    let status = 200;
    let answer: unknown;
    try {
      if (url.pathname.startsWith('/_control/')) {
        answer = control(request, url, body);
      } else if (url.pathname.startsWith('/v1/')) {
        [status, answer] = api(request, url, body, requestId);
      } else {
        throw invalid(`Unrecognized request URL (${request.method}: ${url.pathname}).`, {}, 404);
      }
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      answer = { error: error.body };
    }
    response.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': requestId });
    response.end(JSON.stringify(answer));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Tests reach it while they run; it must not keep the test process alive after them.
  server.unref();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    secretKey,
    webhookSecret,
    bindings: { STRIPE_API_BASE: origin, STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
