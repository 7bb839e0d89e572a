/**
 * Open Graph tags of the pages people share in Zalo and Facebook: product, producer, sales point
 * and fair. The image is the first uploaded photo of at least 600 × 315 (its size is read from the
 * file's headers on upload), else the page's generated art as a 1200 × 630 PNG (/images/share/…),
 * since neither app previews SVG.
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

interface Photo {
  url: string;
  width: number | null;
  height: number | null;
}

const largeEnough = (photo: Photo): photo is Photo & { width: number; height: number } =>
  photo.width !== null && photo.height !== null && photo.width >= MIN_WIDTH && photo.height >= MIN_HEIGHT;

/** The first of `photos` large enough to preview, else the page's generated card. */
function image(ctx: PageContext, kind: ShareKind, slug: string, alt: string, photos: Photo[] = []) {
  const photo = photos.find(largeEnough);
  if (photo) {
    const type = photo.url.endsWith('.png') ? 'image/png' : photo.url.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    return { url: absolute(ctx.origin, photo.url), width: photo.width, height: photo.height, alt, type };
  }
  return { url: absolute(ctx.origin, shareImagePath(kind, slug)), ...SHARE_CARD, alt, type: 'image/png' };
}

export function productOpenGraph(page: ProductPage, view: ProductDetailView, ctx: PageContext): OpenGraph {
  // Uploaded photos only: the seeded pictures are SVG, which neither app previews.
  const photos = page.images.filter((candidate) => candidate.url.startsWith('/media/'));
  return {
    type: 'product',
    title: view.name,
    description: clip(view.description ?? `${view.producer.name} · ${view.producer.place}`),
    url: `${ctx.origin}/products/${view.slug}`,
    image: image(ctx, 'products', view.slug, view.name, photos),
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
    // Not whether it is open now: apps keep a preview for days.
    description: clip(`${view.kindName} · ${view.address}`),
    url: `${ctx.origin}/sales-points/${view.slug}`,
    image: image(ctx, 'sales-points', view.slug, view.name, page.photos),
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
