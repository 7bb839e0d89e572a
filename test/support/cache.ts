import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../worker/index';

/** The deployed configuration: tests otherwise run with CATALOGUE_CACHE_SECONDS=0 (vitest.config.ts). */
const CACHE_ON = { ...env, CATALOGUE_CACHE_SECONDS: '60' };

/**
 * A request through the worker with the edge cache on, waiting for what it
 * left running (the cache write) so the next request sees its copy.
 */
export async function fetchCached(path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://localhost${path}`, init), CACHE_ON, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
