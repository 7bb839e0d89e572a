/**
 * Driving the local Stripe stand-in (test/support/stripe-server.ts) from tests inside the runtime:
 * what a buyer does on Stripe's page, and Stripe's webhook calls posted to the worker.
 */
import { env } from 'cloudflare:workers';
import type Stripe from 'stripe';
import { fetchApp } from './http';

/** What the stand-in's control endpoints answer: an event and how Stripe would deliver it. */
export interface Delivery {
  event: Stripe.Event;
  payload: string;
  signature: string;
}

export async function stripeControl<T = Delivery>(path: string, body?: object): Promise<T> {
  const response = await fetch(`${env.STRIPE_API_BASE}/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status !== 200) throw new Error(`stand-in ${path}: ${response.status} ${await response.text()}`);
  return response.json<T>();
}

/** The buyer pays on Stripe's page; `async` for a delayed method whose money comes later. */
export const payOnStripe = (sessionId: string, options: { async?: boolean } = {}) =>
  stripeControl(`checkout/sessions/${sessionId}/complete`, options);

export const asyncPaymentSucceeds = (sessionId: string) =>
  stripeControl(`checkout/sessions/${sessionId}/async-succeed`, {});
export const asyncPaymentFails = (sessionId: string) => stripeControl(`checkout/sessions/${sessionId}/fail`, {});

/** Every event of a session so far (an expiry made through the API among them). */
export const eventsOf = (sessionId: string) => stripeControl<Delivery[]>(`events?session=${sessionId}`);

/** Stripe calling the webhook with an event, as it signed it (or with another signature). */
export function postStripeEvent(delivery: Pick<Delivery, 'payload' | 'signature'>) {
  return fetchApp('/api/v1/payments/stripe/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': delivery.signature },
    body: delivery.payload,
  });
}

/** The session id in a Checkout URL of the stand-in (".../c/pay/cs_test_…"). */
export const sessionIdOf = (checkoutUrl: string | null) => {
  const id = /\/c\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(checkoutUrl ?? '')?.[1];
  if (!id) throw new Error(`not a Checkout URL: ${checkoutUrl}`);
  return id;
};
