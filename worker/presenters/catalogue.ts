/**
 * The catalogue's rows as the pages show them (localised, already-decided views that web/
 * components render) and as the API serialises them (public JSON).
 */
import type { z } from '@hono/zod-openapi';
import type { Locale, Messages } from '../../web/messages';
import type { PurchaseView } from '../../web/order-views';
import type { CertificationView, ProducerDetailView, ProductCardView, ProductDetailView } from '../../web/views';
import type { CatalogueItem, ProducerPage, ProductPage } from '../data/catalogue';
import { provincesByCode } from '../data/reference';
import { cartRefusal, MAX_LINE_QUANTITY } from '../domain/cart';
import { formatVnd } from '../domain/money';
import { formatPhone } from '../domain/phone';
import { groupOfCriteria, type CatalogueGroupCode } from '../domain/catalogue';
import {
  MIN_CERTIFIED_STARS,
  certificationStanding,
  isListed,
  shownStatus,
  shownValidUntil,
  type CertificationFacts,
} from '../domain/certification';
import type { FieldIssue } from '../domain/errors';
import type { LatLng } from '../domain/geo';
import { NEARBY_POINTS } from '../domain/sales-point';
import { filterProblems } from './filter-problems';
import { toWhereToBuy } from './sales-points';
import type { certificationSchema, productDetailSchema, productSummarySchema } from '../schemas/product';

type Producer = ProducerPage['producer'];

/** The English text when the page is English and there is one, else the Vietnamese. */
export const pick = (locale: Locale, vi: string, en: string | null | undefined): string =>
  locale === 'en' && en ? en : vi;

const pickOptional = (locale: Locale, vi: string | null, en: string | null): string | null =>
  (locale === 'en' && en ? en : vi) || null;

export const productImagePath = (slug: string) => `/images/products/${slug}.svg`;

export function provinceName(code: string, locale: Locale): string {
  const province = provincesByCode.get(code);
  return province ? pick(locale, province.nameVi, province.nameEn) : code;
}

/** Every province, by name in the visitor's language, sorted as that language sorts: a form's or filter's choices. */
export const provinceOptions = (locale: Locale): { value: string; label: string }[] =>
  [...provincesByCode.values()]
    .map((province) => ({ value: province.code, label: pick(locale, province.nameVi, province.nameEn) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));

const joinPlace = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ');

export function toProductCard(item: CatalogueItem, locale: Locale): ProductCardView {
  return {
    slug: item.slug,
    name: pick(locale, item.nameVi, item.nameEn),
    imageUrl: item.imageUrl ?? productImagePath(item.slug),
    stars: item.stars,
    price: item.price,
    unit: item.unit,
    producerName: item.producerName,
    producerSlug: item.producerSlug,
    provinceName: provinceName(item.provinceCode, locale),
  };
}

/** Only web links: a producer-entered `javascript:` URL must never become an href. */
const safeWebsite = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

export function toProductDetail(
  page: ProductPage,
  locale: Locale,
  today: string,
  nearby: { t: Messages; now: Date; near: LatLng | null },
): ProductDetailView {
  const { product, producer, group, sameCodeGroups, producerPlace } = page;
  const toCertification = (c: CertificationFacts): CertificationView => {
    const named = groupOfCriteria(group, sameCodeGroups, c.criteriaVersion);
    return {
      stars: c.stars,
      certifies: c.stars >= MIN_CERTIFIED_STARS,
      score: c.score,
      criteriaVersion: c.criteriaVersion,
      groupName: pick(locale, named.nameVi, named.nameEn),
      level: c.level,
      decisionNumber: c.decisionNumber,
      decisionDate: c.decisionDate,
      issuingBody: c.issuingBody,
      validUntil: shownValidUntil(c),
      status: shownStatus(c, today),
      statusReason: c.statusReason,
    };
  };
  const standing = certificationStanding(page.history, today);
  const name = pick(locale, product.nameVi, product.nameEn);
  const nearbyContext = { ...nearby, locale };
  return {
    slug: product.slug,
    name,
    description: pickOptional(locale, product.descriptionVi, product.descriptionEn),
    story: pickOptional(locale, product.storyVi, product.storyEn),
    price: product.price,
    unit: product.unit,
    stock: product.stock,
    gtin: product.gtin,
    images:
      page.images.length > 0
        ? page.images.map((image) => ({ url: image.url, alt: pick(locale, image.altVi, image.altEn) }))
        : [{ url: productImagePath(product.slug), alt: name }],
    standing:
      standing.state === 'certified'
        ? { state: 'certified', certification: toCertification(standing.certification) }
        : standing.state === 'lapsed'
          ? {
              state: 'lapsed',
              reason: standing.reason,
              since: standing.since,
              certification: toCertification(standing.certification),
            }
          : { state: 'uncertified' },
    history: page.history.map(toCertification),
    variants: page.variants.map((variant) => ({
      label: pick(locale, variant.labelVi, variant.labelEn),
      price: variant.price,
      stock: variant.stock,
    })),
    producer: {
      name: producer.name,
      slug: producer.slug,
      kind: producer.kind,
      place: joinPlace(
        pick(locale, producerPlace.communeVi ?? '', producerPlace.communeEn),
        pick(locale, producerPlace.provinceVi, producerPlace.provinceEn),
      ),
    },
    whereToBuy: toWhereToBuy(product.slug, page.salesPoints, page.fairBooths, nearbyContext, NEARBY_POINTS),
    purchase: toPurchaseView(page, today, locale),
  };
}

interface ProducerPlace {
  provinceVi: string;
  provinceEn: string;
  communeVi: string | null;
  communeEn: string | null;
}

export function toProducerDetail(
  producer: Producer,
  place: ProducerPlace,
  items: CatalogueItem[],
  locale: Locale,
): ProducerDetailView {
  return {
    name: producer.name,
    kind: producer.kind,
    taxCode: producer.taxCode,
    address: joinPlace(
      producer.street,
      pick(locale, place.communeVi ?? '', place.communeEn),
      pick(locale, place.provinceVi, place.provinceEn),
    ),
    legacyAddress: producer.legacyAddress,
    phone: producer.phone,
    zalo: producer.zalo,
    email: producer.email,
    website: safeWebsite(producer.website),
    story: pickOptional(locale, producer.storyVi, producer.storyEn),
    products: items.map((item) => toProductCard(item, locale)),
  };
}

const absolute = (origin: string, url: string) => (/^https?:\/\//i.test(url) ? url : `${origin}${url}`);

/** schema.org Product with its offer in đồng; Google reads availability and price from here. */
export function productJsonLd(view: ProductDetailView, origin: string) {
  const url = `${origin}/products/${view.slug}`;
  const availability = `https://schema.org/${view.stock > 0 ? 'InStock' : 'OutOfStock'}`;
  const prices = view.variants.map((variant) => variant.price);
  const offers =
    view.price !== null
      ? { '@type': 'Offer', url, price: view.price, priceCurrency: 'VND', availability }
      : prices.length > 0
        ? {
            '@type': 'AggregateOffer',
            url,
            lowPrice: Math.min(...prices),
            highPrice: Math.max(...prices),
            offerCount: prices.length,
            priceCurrency: 'VND',
            availability,
          }
        : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: view.name,
    url,
    image: view.images.map((image) => absolute(origin, image.url)),
    ...(view.description ? { description: view.description } : {}),
    ...(view.gtin ? { gtin: view.gtin } : {}),
    brand: { '@type': 'Brand', name: view.producer.name },
    manufacturer: {
      '@type': 'Organization',
      name: view.producer.name,
      url: `${origin}/producers/${view.producer.slug}`,
    },
    ...(offers ? { offers } : {}),
  };
}

export const productUrl = (origin: string, slug: string) => `${origin}/products/${slug}`;

export function presentSummary(item: CatalogueItem, origin: string): z.infer<typeof productSummarySchema> {
  return {
    id: item.id,
    slug: item.slug,
    url: productUrl(origin, item.slug),
    name: { vi: item.nameVi, en: item.nameEn },
    price: item.price,
    stock: item.stock,
    unit: item.unit,
    stars: item.stars ?? 0,
    certified_until: item.certifiedUntil ?? '',
    province_code: item.provinceCode,
    group: item.groupCode as CatalogueGroupCode,
    producer: { name: item.producerName, slug: item.producerSlug },
    image_url: item.imageUrl,
  };
}

function presentCertification(c: CertificationFacts, today: string): z.infer<typeof certificationSchema> {
  return {
    stars: c.stars,
    score: c.score,
    criteria_version: c.criteriaVersion,
    level: c.level,
    decision_number: c.decisionNumber,
    decision_date: c.decisionDate,
    issuing_body: c.issuingBody,
    valid_until: shownValidUntil(c),
    status: shownStatus(c, today),
    status_reason: c.statusReason,
  };
}

export function presentDetail(page: ProductPage, origin: string, today: string): z.infer<typeof productDetailSchema> {
  const { product, producer, group, subgroup } = page;
  const standing = certificationStanding(page.history, today);
  return {
    id: product.id,
    slug: product.slug,
    url: productUrl(origin, product.slug),
    name: { vi: product.nameVi, en: product.nameEn },
    description: { vi: product.descriptionVi ?? '', en: product.descriptionEn },
    story: { vi: product.storyVi ?? '', en: product.storyEn },
    price: product.price,
    stock: product.stock,
    unit: product.unit,
    gtin: product.gtin,
    group: {
      code: group.code as CatalogueGroupCode,
      criteria_version: group.criteriaVersion,
      name: { vi: group.nameVi, en: group.nameEn },
    },
    subgroup: subgroup ? { id: subgroup.id, name: { vi: subgroup.nameVi, en: subgroup.nameEn } } : null,
    listed: isListed(product, today),
    standing: {
      state: standing.state,
      reason: standing.state === 'lapsed' ? standing.reason : null,
      since: standing.state === 'lapsed' ? standing.since : null,
      certification: standing.state === 'uncertified' ? null : presentCertification(standing.certification, today),
    },
    certification_history: page.history.map((c) => presentCertification(c, today)),
    variants: page.variants.map((v) => ({
      id: v.id,
      label: { vi: v.labelVi, en: v.labelEn },
      price: v.price,
      stock: v.stock,
      gtin: v.gtin,
    })),
    images: page.images.map((i) => ({ url: i.url, alt: { vi: i.altVi, en: i.altEn } })),
    producer: {
      name: producer.name,
      slug: producer.slug,
      kind: producer.kind,
      province_code: producer.provinceCode,
      commune_code: producer.communeCode,
    },
    sales_points: page.salesPoints.map((point) => ({
      slug: point.slug,
      name: point.name,
      province_code: point.provinceCode,
      address:
        [point.street, point.communeVi, provincesByCode.get(point.provinceCode)?.fullNameVi]
          .filter(Boolean)
          .join(', ') || null,
    })),
  };
}

/** How the product page offers a product: a cart form, or who to call and why. */
export function toPurchaseView(page: ProductPage, today: string, locale: Locale): PurchaseView {
  const { product, producer, group } = page;
  const listed =
    product.isPublished &&
    product.ocopStars !== null &&
    product.ocopStars >= MIN_CERTIFIED_STARS &&
    product.certifiedUntil !== null &&
    product.certifiedUntil >= today;
  const refusal = cartRefusal({
    id: product.id,
    producerId: product.producerId,
    groupCode: group.code,
    isPublished: listed,
    soldAtPointsOnly: product.soldAtPointsOnly,
    price: product.price,
    stock: product.stock,
    variants: page.variants.map((variant) => ({ id: variant.id, price: variant.price, stock: variant.stock })),
  });
  const contact = {
    phone: producer.phone ? formatPhone(producer.phone) : null,
    phoneHref: producer.phone ? `tel:${producer.phone.replace(/\s/g, '')}` : null,
    zalo: producer.zalo ? formatPhone(producer.zalo) : null,
    zaloHref: producer.zalo ? `https://zalo.me/${producer.zalo.replace(/\D/g, '')}` : null,
  };
  if (refusal) {
    const reason =
      refusal === 'tourism_service'
        ? 'tourism'
        : refusal === 'sold_at_points_only'
          ? 'pointsOnly'
          : refusal === 'price_on_request'
            ? 'priceOnRequest'
            : 'notForSale';
    return { kind: 'contact', reason, ...contact };
  }
  const options =
    page.variants.length > 0
      ? page.variants.map((variant) => ({
          variantId: variant.id as number | null,
          label: `${pick(locale, variant.labelVi, variant.labelEn)}: ${formatVnd(variant.price)}`,
          stock: variant.stock,
        }))
      : [{ variantId: null, label: formatVnd(product.price ?? 0), stock: product.stock }];
  const available = options.filter((option) => option.stock > 0);
  if (available.length === 0) return { kind: 'contact', reason: 'outOfStock', ...contact };
  return {
    kind: 'cart',
    productId: product.id,
    options: available,
    maxQuantity: Math.min(Math.max(...available.map((option) => option.stock)), MAX_LINE_QUANTITY),
  };
}

/** The catalogue's refused filters, by the labels its form shows them with. */
export function catalogueFilterProblems(issues: FieldIssue[], t: Messages, typed: Record<string, string>) {
  const c = t.catalogue;
  const labels = {
    q: c.query,
    province: c.province,
    group: c.group,
    min_stars: c.minStars,
    producer_kind: c.producerKind,
    price_min: c.priceMin,
    price_max: c.priceMax,
    in_stock: c.inStock,
    sort: c.sort,
    page: c.pageField,
    limit: c.limitField,
  };
  return filterProblems(issues, labels, typed);
}
