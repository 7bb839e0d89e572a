import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../worker/lib/context';
import { catalogueChanged, edgeCache, purgeProductPages } from '../../worker/lib/edge-cache';
import { localeMiddleware } from '../../worker/lib/locale';

/** A tiny app around the real middleware, counting how often the handler really runs. */
function countingApp() {
  let calls = 0;
  const app = new Hono<AppEnv>();
  app.use(localeMiddleware, edgeCache);
  app.get('/cached/:id', (c) => {
    calls++;
    return c.text(`${c.var.locale}:${calls}`);
  });
  app.get('/products/:slug', (c) => {
    calls++;
    return c.text(`${c.var.locale}:${calls}`);
  });
  app.post('/purge/:slug', async (c) => {
    await purgeProductPages(c, { id: 1, slug: c.req.param('slug') });
    return c.text('purged');
  });
  app.post('/catalogue-changed', async (c) => {
    await catalogueChanged(c);
    return c.text('changed');
  });
  return { app, calls: () => calls };
}

async function get(app: Hono<AppEnv>, path: string, headers: HeadersInit = {}, method = 'GET') {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`http://localhost${path}`, { headers, method }),
    { ...env, CATALOGUE_CACHE_SECONDS: '60' },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe('edgeCache', () => {
  it('serves a repeated GET from the edge cache, which alone keeps it for the TTL', async () => {
    const { app, calls } = countingApp();
    const path = `/cached/${crypto.randomUUID()}`;
    const first = await get(app, path);
    const second = await get(app, path);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe('vi:1');
    expect(calls()).toBe(1);
  });

  it('keeps languages apart when the cookie chooses them', async () => {
    const { app } = countingApp();
    const path = `/cached/${crypto.randomUUID()}`;
    await get(app, path);
    const english = await get(app, path, { Cookie: 'lang=en' });
    expect(await english.text()).toBe('en:2');
  });

  it('never stores a response that sets a cookie', async () => {
    const { app, calls } = countingApp();
    const path = `/cached/${crypto.randomUUID()}?lang=en`;
    await get(app, path);
    await get(app, path);
    expect(calls()).toBe(2);
  });

  it('forgets a product page in every language when the producer edits it', async () => {
    const { app, calls } = countingApp();
    const path = `/products/${crypto.randomUUID()}`;
    await get(app, path);
    await get(app, path, { Cookie: 'lang=en' });
    expect((await get(app, path)).headers.get('x-cache')).toBe('HIT');
    await get(app, `/purge/${path.split('/')[2]}`, {}, 'POST');
    expect(await (await get(app, path)).text()).toBe('vi:3');
    expect(await (await get(app, path, { Cookie: 'lang=en' })).text()).toBe('en:4');
    expect(calls()).toBe(4);
  });

  it('forgets every copy, whatever its query string or language, when the catalogue changes', async () => {
    const { app, calls } = countingApp();
    const paths = [`/cached/${crypto.randomUUID()}?q=mat+ong&page=2`, `/products/${crypto.randomUUID()}?utm=x`];
    for (const path of paths) {
      await get(app, path);
      await get(app, path, { Cookie: 'lang=en' });
      expect((await get(app, path)).headers.get('x-cache')).toBe('HIT');
    }
    await get(app, '/catalogue-changed', {}, 'POST');
    for (const path of paths) {
      expect((await get(app, path)).headers.get('x-cache')).toBe('MISS');
      expect((await get(app, path, { Cookie: 'lang=en' })).headers.get('x-cache')).toBe('MISS');
    }
    expect(calls()).toBe(8);
  });
});
