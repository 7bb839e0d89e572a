import { Hono } from 'hono';
import { ProducerPage } from '../../web/pages/ProducerPage';
import { findProducerPage } from '../data/catalogue';
import type { AppEnv } from '../lib/context';
import { edgeCache } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { pageContext } from '../lib/render';
import { toProducerDetail } from '../presenters/catalogue';
import { producerOpenGraph } from '../presenters/sharing';

export const producers = new Hono<AppEnv>();

producers.get('/producers/:slug', edgeCache, async (c) => {
  const ctx = pageContext(c);
  const slug = c.req.param('slug');
  const page = await findProducerPage(c.var.db, slug, c.var.today);
  if (!page) throw notFound();
  const producer = toProducerDetail(page.producer, page.place, page.products, ctx.locale);
  return c.html(
    <ProducerPage ctx={ctx} slug={slug} producer={producer} openGraph={producerOpenGraph(slug, producer, ctx)} />,
  );
});
