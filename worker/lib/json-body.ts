/**
 * The body guard of the marketplace's JSON routes (carts, orders, payment webhooks): anything but
 * application/json is refused before it is read (415), and a body is read no further than the
 * route's limit (413), so a route never sees a body it could not use.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { AppError } from './errors';

/** A cart of 50 lines or an order with 31 deliveries is a few kilobytes; a Stripe event some tens. */
export const JSON_BODY_BYTES = 256 * 1024;

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;.*)?$/i;

export const jsonBody = (maxBytes = JSON_BODY_BYTES) => {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large');
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', { detail: 'send application/json' });
    }
    return limit(c, next);
  });
};
