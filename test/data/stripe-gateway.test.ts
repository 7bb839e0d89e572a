import { env } from 'cloudflare:workers';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeClient, stripeSettings, verifyStripeWebhook } from '../../worker/gateways/stripe';

/** What the stand-in's control endpoints answer: an event and how Stripe would deliver it. */
interface Delivery {
  event: Stripe.Event;
  payload: string;
  signature: string;
}

const settings = stripeSettings(env)!;
const stripe = createStripeClient(settings);

/** A 150.000 ₫ order: VND has no minor unit, so Stripe's amounts are đồng. */
const HONEY = 150_000;

const sessionParams = (overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) =>
  ({
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'vnd', unit_amount: HONEY, product_data: { name: 'Mật ong bạc hà lên men' } },
      },
    ],
    client_reference_id: `OCOP${crypto.randomUUID().slice(0, 10).toUpperCase()}`,
    success_url: 'http://localhost:8787/orders/paid',
    cancel_url: 'http://localhost:8787/checkout',
    expires_at: Math.floor(Date.now() / 1000) + 30 * 60 + 60,
    metadata: { order: '42' },
    ...overrides,
  }) satisfies Stripe.Checkout.SessionCreateParams;

async function control<T = Delivery>(path: string, body?: object): Promise<T> {
  const response = await fetch(`${settings.apiBase}/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<T>();
}

describe('the Stripe gateway against the local stand-in', () => {
  it('reads its settings from the bindings, and none without keys', () => {
    expect(settings.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stripeSettings({})).toBeNull();
    expect(stripeSettings({ STRIPE_SECRET_KEY: 'sk_test_x' })).toBeNull();
  });

  it('creates a Checkout Session in đồng, retrieves it and expires it', async () => {
    const params = sessionParams();
    const created = await stripe.checkout.sessions.create(params, { idempotencyKey: crypto.randomUUID() });
    expect(created).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      currency: 'vnd',
      amount_total: 150_000,
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      client_reference_id: params.client_reference_id,
      metadata: { order: '42' },
      expires_at: params.expires_at,
    });
    expect(created.id).toMatch(/^cs_test_/);
    expect(created.url).toContain(created.id);

    const retrieved = await stripe.checkout.sessions.retrieve(created.id);
    expect(retrieved).toEqual(created);

    const expired = await stripe.checkout.sessions.expire(created.id);
    expect(expired).toMatchObject({ id: created.id, status: 'expired', url: null });
    await expect(stripe.checkout.sessions.expire(created.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );

    const [expiry] = await control<Delivery[]>(`events?session=${created.id}`);
    expect(expiry!.event.type).toBe('checkout.session.expired');
    const verified = await verifyStripeWebhook(expiry!.payload, expiry!.signature, settings.webhookSecret);
    expect(verified).toMatchObject({ ok: true, event: { type: 'checkout.session.expired' } });
  });

  it('adds up line items: 3 × 150.000 ₫ and 1 × 90.000 ₫ are 540.000 ₫', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        line_items: [
          { quantity: 3, price_data: { currency: 'vnd', unit_amount: HONEY, product_data: { name: 'Mật ong' } } },
          {
            quantity: 1,
            price_data: { currency: 'vnd', unit_amount: 90_000, product_data: { name: 'Bột chùm ngây' } },
          },
        ],
      }),
    );
    expect(session.amount_total).toBe(540_000);
  });

  it('replays a request sent again with the same idempotency key, and refuses the key for another one', async () => {
    const key = crypto.randomUUID();
    const params = sessionParams();
    const first = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    expect(again.id).toBe(first.id);

    const other = stripe.checkout.sessions.create(sessionParams({ client_reference_id: 'OCOPOTHER' }), {
      idempotencyKey: key,
    });
    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(other).rejects.toMatchObject({ raw: { type: 'idempotency_error' }, statusCode: 400 });
  });

  it('refuses what Stripe refuses, with Stripe’s errors', async () => {
    const tooSoon = sessionParams({ expires_at: Math.floor(Date.now() / 1000) + 10 * 60 });
    await expect(stripe.checkout.sessions.create(tooSoon)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'expires_at',
      statusCode: 400,
    });
    await expect(stripe.checkout.sessions.retrieve('cs_test_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      statusCode: 404,
    });
    const stranger = createStripeClient({ secretKey: 'sk_test_not_ours', apiBase: settings.apiBase });
    await expect(stranger.checkout.sessions.create(sessionParams())).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it('completes a payment, verifies the signed event and refunds it once', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const completed = await control(`checkout/sessions/${session.id}/complete`, {});
    expect(completed.event).toMatchObject({
      type: 'checkout.session.completed',
      data: { object: { id: session.id, status: 'complete', payment_status: 'paid', amount_total: HONEY } },
    });
    expect(completed.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const verified = await verifyStripeWebhook(completed.payload, completed.signature, settings.webhookSecret);
    if (!verified.ok) throw new Error(verified.reason);
    expect(verified.event.id).toBe(completed.event.id);
    const paid = verified.event.data.object as Stripe.Checkout.Session;
    expect(paid.client_reference_id).toBe(session.client_reference_id);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'complete',
      payment_intent: paid.payment_intent,
    });

    const refund = await stripe.refunds.create(
      { payment_intent: paid.payment_intent as string, reason: 'requested_by_customer' },
      { idempotencyKey: `refund-${session.id}` },
    );
    expect(refund).toMatchObject({ object: 'refund', amount: HONEY, currency: 'vnd', status: 'succeeded' });
    const replayed = await stripe.refunds.create(
      { payment_intent: paid.payment_intent as string, reason: 'requested_by_customer' },
      { idempotencyKey: `refund-${session.id}` },
    );
    expect(replayed.id).toBe(refund.id);
    await expect(stripe.refunds.create({ payment_intent: paid.payment_intent as string })).rejects.toMatchObject({
      code: 'charge_already_refunded',
    });
  });

  it('refunds part of a payment, then no more than what is left', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const { event } = await control(`checkout/sessions/${session.id}/complete`, {});
    const paymentIntent = (event.data.object as Stripe.Checkout.Session).payment_intent as string;
    expect(await stripe.refunds.create({ payment_intent: paymentIntent, amount: 50_000 })).toMatchObject({
      amount: 50_000,
    });
    await expect(stripe.refunds.create({ payment_intent: paymentIntent, amount: 100_001 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    expect(await stripe.refunds.create({ payment_intent: paymentIntent })).toMatchObject({ amount: 100_000 });
  });

  it('reports a delayed payment as completed unpaid, then succeeded or failed', async () => {
    const succeeding = await stripe.checkout.sessions.create(sessionParams());
    const pending = await control(`checkout/sessions/${succeeding.id}/complete`, { async: true });
    expect(pending.event.data.object).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    const arrived = await control(`checkout/sessions/${succeeding.id}/async-succeed`, {});
    expect(arrived.event).toMatchObject({
      type: 'checkout.session.async_payment_succeeded',
      data: { object: { payment_status: 'paid' } },
    });

    const failing = await stripe.checkout.sessions.create(sessionParams());
    await control(`checkout/sessions/${failing.id}/complete`, { async: true });
    const failed = await control(`checkout/sessions/${failing.id}/fail`, {});
    expect(failed.event).toMatchObject({
      type: 'checkout.session.async_payment_failed',
      data: { object: { payment_status: 'unpaid' } },
    });
    const verified = await verifyStripeWebhook(failed.payload, failed.signature, settings.webhookSecret);
    expect(verified).toMatchObject({ ok: true, event: { type: 'checkout.session.async_payment_failed' } });
    await expect(
      stripe.refunds.create({
        payment_intent: (failed.event.data.object as Stripe.Checkout.Session).payment_intent as string,
      }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('rejects an event with a bad signature, another body, another secret, or signed too long ago', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const { payload, signature, event } = await control(`checkout/sessions/${session.id}/complete`, {});
    const forged = signature.replace(/v1=([0-9a-f])/, (_, digit: string) => `v1=${digit === '0' ? '1' : '0'}`);
    expect(await verifyStripeWebhook(payload, forged, settings.webhookSecret)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    expect(
      await verifyStripeWebhook(
        payload.replace(`"${session.id}"`, '"cs_test_other"'),
        signature,
        settings.webhookSecret,
      ),
    ).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    expect(await verifyStripeWebhook(payload, signature, 'whsec_someone_else')).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    expect(await verifyStripeWebhook(payload, null, settings.webhookSecret)).toEqual({
      ok: false,
      reason: 'missing_signature',
    });

    const oneHourAgo = Math.floor(Date.now() / 1000) - 3600;
    const old = await control(`events/${event.id}?timestamp=${oneHourAgo}`);
    expect(await verifyStripeWebhook(old.payload, old.signature, settings.webhookSecret)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    // Received a minute after it was signed (milliseconds, as stripe-node takes them): within the tolerance.
    expect(
      await verifyStripeWebhook(old.payload, old.signature, settings.webhookSecret, (oneHourAgo + 60) * 1000),
    ).toMatchObject({ ok: true });
    // Received six minutes after: past the 5 minutes of tolerance, a replay.
    expect(
      await verifyStripeWebhook(old.payload, old.signature, settings.webhookSecret, (oneHourAgo + 360) * 1000),
    ).toEqual({ ok: false, reason: 'invalid_signature' });
  });
});
