/** Producers' photos, served from R2 under the random key they were stored with. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context';
import { publicPhoto } from '../lib/responses';
import { getPublicPhoto, PHOTO_CACHE_CONTROL } from '../storage/media-bucket';

export const media = new Hono<AppEnv>();

media.get('/media/:key', async (c) =>
  publicPhoto(await getPublicPhoto(c.env.MEDIA, c.req.param('key'), c.req.raw.headers), PHOTO_CACHE_CONTROL),
);
