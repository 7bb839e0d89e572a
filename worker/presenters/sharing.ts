/**
 * Open Graph tags of the pages people share in Zalo and Facebook: product, producer, sales point
 * and fair. The image is a photo known to be at least 600 × 315, else the page's generated art as
 * a 1200 × 630 PNG (/images/share/…), since neither app previews SVG.
 */
import type { OpenGraph } from '../../web/components/Layout';
import type { PageContext } from '../../web/page-context';
import type { SalesPointDetailView } from '../../web/pages/SalesPointPages';
import type { ProducerDetailView, ProductDetailView } from '../../web/views';
import type { ProductPage } from '../data/catalogue';
import type { SalesPointPage } from '../data/sales-points';
import { SHARE_CARD } from '../print/share-card';

const MIN_WIDTH = 600;
const MIN_HEIGHT = 315;

export type ShareKind = 'products' | 'producers' | 'sales-points' | 'fairs';

export const shareImagePath = (kind: ShareKind, slug: string) => `/images/share/${kind}/${slug}.png`;

const absolute = (origin: string, url: string) => (/^https?:\/\//i.test(url) ? url : `${origin}${url}`);

const clip = (text: string, max = 200) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

function image(
  ctx: PageContext,
  kind: ShareKind,
  slug: string,
  alt: string,
  photo?: { url: string; width: number | null; height: number | null },
) {
  if (
    photo &&
    photo.width !== null &&
    photo.height !== null &&
    photo.width >= MIN_WIDTH &&
    photo.height >= MIN_HEIGHT
  ) {
    const type = photo.url.endsWith('.png') ? 'image/png' : photo.url.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    return { url: absolute(ctx.origin, photo.url), width: photo.width, height: photo.height, alt, type };
  }
  return { url: absolute(ctx.origin, shareImagePath(kind, slug)), ...SHARE_CARD, alt, type: 'image/png' };
}

export function productOpenGraph(page: ProductPage, view: ProductDetailView, ctx: PageContext): OpenGraph {
  const photo = page.images.find((candidate) => candidate.url.startsWith('/media/'));
  return {
    type: 'product',
    title: view.name,
    description: clip(view.description ?? `${view.producer.name} · ${view.producer.place}`),
    url: `${ctx.origin}/products/${view.slug}`,
    image: image(ctx, 'products', view.slug, view.name, photo),
  };
}

export function producerOpenGraph(slug: string, view: ProducerDetailView, ctx: PageContext): OpenGraph {
  return {
    type: 'profile',
    title: view.name,
    description: clip(view.story ?? view.address),
    url: `${ctx.origin}/producers/${slug}`,
    image: image(ctx, 'producers', slug, view.name),
  };
}

export function salesPointOpenGraph(page: SalesPointPage, view: SalesPointDetailView, ctx: PageContext): OpenGraph {
  return {
    type: 'place',
    title: view.name,
    description: clip(`${view.kindName} · ${view.address} · ${view.now.text}`),
    url: `${ctx.origin}/sales-points/${view.slug}`,
    image: image(ctx, 'sales-points', view.slug, view.name, page.photos[0]),
  };
}

export function fairOpenGraph(
  fair: { slug: string; name: string; dates: string; venue: string },
  ctx: PageContext,
): OpenGraph {
  return {
    type: 'event',
    title: fair.name,
    description: clip(`${fair.dates} · ${fair.venue}`),
    url: `${ctx.origin}/fairs/${fair.slug}`,
    image: image(ctx, 'fairs', fair.slug, fair.name),
  };
}
