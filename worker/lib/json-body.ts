/**
 * The body guard of the marketplace's JSON routes (carts, orders, payment webhooks): a body over
 * the route's limit is refused (413, unread when its length says so), anything but application/json
 * before it is read (415), so a route never sees a body it could not use.
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
  // The size first, as the ingest route does: a declared length over the limit is refused unread.
  return createMiddleware<AppEnv>((c, next) =>
    limit(c, async () => {
      if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
        throw new AppError('unsupported_media_type', { detail: 'send application/json' });
      }
      await next();
    }),
  );
};
