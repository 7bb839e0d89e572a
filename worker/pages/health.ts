/**
 * Liveness routes. `/health` answers without touching anything (the
 * benchmark's bare route); `/health/db` makes one trivial D1 query through
 * the data layer (the floor route: the price of one round trip).
 */
import { Hono } from 'hono';
import { pingDatabase } from '../data/health';
import type { AppEnv } from '../lib/context';
import { AppError } from '../lib/errors';

export const health = new Hono<AppEnv>();

health.get('/health', (c) => c.text('ok'));

health.get('/health/db', async (c) => {
  if (!(await pingDatabase(c.var.db))) throw new AppError('internal_error', { detail: 'reference data missing' });
  return c.text('ok');
});
