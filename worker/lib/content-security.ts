/**
 * The Content-Security-Policy every response of the worker carries (static assets get theirs from
 * web/public/_headers). Scripts only from our own origin — the one script a stamp page needs is a
 * file, its data a JSON block no browser runs — so an injected <script> never runs; no page may be
 * framed by another site. A route that sets a stricter policy of its own (photos: default-src
 * 'none') keeps it. Map tiles come from the configured tile host, and a card payment's form may
 * lead to Stripe's hosted checkout.
 */
import type { Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { mapSettings } from '../config';
import { hostedCheckoutOrigin } from '../gateways/stripe';
import type { AppEnv } from './context';

/** The tile URL last seen and its origin: configuration does not change between requests. */
let tiles: { url: string | undefined; origin: string } | null = null;

/** The origin map tiles are drawn from, when a tile URL is configured. */
function tileOrigin(c: Context<AppEnv>): string {
  if (tiles === null || tiles.url !== c.env.MAP_TILE_URL) {
    const settings = mapSettings(c.env);
    tiles = {
      url: c.env.MAP_TILE_URL,
      origin: settings ? new URL(settings.tileUrl.replace(/\{[a-z]\}/g, '0')).origin : "'self'",
    };
  }
  return tiles.origin;
}

export const securityHeaders = secureHeaders({
  crossOriginEmbedderPolicy: false,
  // strict-origin-when-cross-origin, not the default no-referrer: under no-referrer browsers send
  // "Origin: null" with same-site form posts, which the CSRF origin check must refuse.
  referrerPolicy: 'strict-origin-when-cross-origin',
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Pages carry small inline stylesheets (the scan page inlines its whole CSS for slow networks).
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', (c) => tileOrigin(c as Context<AppEnv>)],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'", (c) => hostedCheckoutOrigin((c as Context<AppEnv>).env)],
    frameAncestors: ["'none'"],
  },
  overwrite: false,
});
