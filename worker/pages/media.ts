/** Producers' photos, served from R2 under the random key they were stored with. */
import { Hono } from 'hono';
import { PHOTO_KEY_PATTERN } from '../domain/media';
import type { AppEnv } from '../lib/context';
import { notFound } from '../lib/errors';
import { StatusCodes } from '../lib/status';
import { PHOTO_CACHE_CONTROL } from './portal/products';

export const media = new Hono<AppEnv>();

media.get('/media/:key', async (c) => {
  const key = c.req.param('key');
  if (!PHOTO_KEY_PATTERN.test(key)) throw notFound();
  const object = await c.env.MEDIA.get(key, { onlyIf: c.req.raw.headers });
  if (!object) throw notFound();
  const headers = new Headers({
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Cache-Control': PHOTO_CACHE_CONTROL,
    ETag: object.httpEtag,
  });
  // With a matching If-None-Match, R2 answers the object without its body.
  if (!('body' in object)) return new Response(null, { status: StatusCodes.NOT_MODIFIED, headers });
  return new Response(object.body, { headers });
});
