/** Catalogue rows to their public JSON representation. */
import type { z } from '@hono/zod-openapi';
import type { CatalogueItem, ProductPage } from '../data/catalogue';
import type { CatalogueGroupCode } from '../domain/catalogue';
import {
  certificationStanding,
  isListed,
  shownStatus,
  shownValidUntil,
  type CertificationFacts,
} from '../domain/certification';
import type { certificationSchema, productDetailSchema, productSummarySchema } from '../schemas/product';

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
      address: [point.street, point.communeVi, point.provinceVi].filter(Boolean).join(', ') || null,
    })),
  };
}
