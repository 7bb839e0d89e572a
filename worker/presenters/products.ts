/** Portal rows to the views web/pages/portal renders: localised, formatted, nothing left to decide. */
import type { Locale, Messages } from '../../web/messages';
import type { DashboardView } from '../../web/pages/portal/PortalDashboardPage';
import type { ProductEditView } from '../../web/pages/portal/PortalProductEditPage';
import type { loadDashboard } from '../data/dashboard';
import type { ProductForEdit } from '../data/products';
import { certificationStanding } from '../domain/certification';
import { dailySeries, daysUntil } from '../domain/dashboard';
import { readReason } from '../domain/inventory';
import { formatVnd } from '../domain/money';
import { formatOrderReference, orderReference } from '../domain/order-reference';
import { formatDate, formatInstant } from '../domain/time';
import { productUnits } from '../schemas/portal';
import { pick } from './catalogue';

type Dashboard = NonNullable<Awaited<ReturnType<typeof loadDashboard>>>;

export function toDashboardView(data: Dashboard, today: string, producerParam?: number): DashboardView {
  const series = dailySeries(data.scans, today);
  return {
    producerName: data.producer.name,
    producerParam,
    orders: data.toFulfil.map((order) => ({
      href: `/portal/orders/${order.id}${producerParam ? `?producer=${producerParam}` : ''}`,
      reference: formatOrderReference(orderReference(order.code, order.number)),
      status: order.status,
      total: formatVnd(order.total),
      placedAt: formatInstant(order.createdAt),
    })),
    lowStock: [
      ...data.lowProducts.map((p) => ({ productId: p.id, name: p.name, stock: p.stock })),
      ...data.lowVariants.map((v) => ({ productId: v.productId, name: `${v.name} (${v.label})`, stock: v.stock })),
    ].sort((a, b) => a.stock - b.stock),
    expiring: data.expiring.map((c) => ({
      productId: c.productId,
      name: c.name,
      stars: c.stars,
      decisionNumber: c.decisionNumber,
      validUntil: formatDate(c.validUntil),
      days: daysUntil(c.validUntil, today),
    })),
    scans: series.map((point) => ({ label: formatDate(point.day).slice(0, 5), value: point.count })),
    scanTotal: series.reduce((sum, point) => sum + point.count, 0),
  };
}

export const listingValues = (product: ProductForEdit['product']) => ({
  nameEn: product.nameEn,
  descriptionVi: product.descriptionVi,
  descriptionEn: product.descriptionEn,
  storyVi: product.storyVi,
  storyEn: product.storyEn,
  unit: product.unit,
  price: product.price === null ? '' : String(product.price),
  soldAtPointsOnly: product.soldAtPointsOnly ? '1' : '',
});

export const variantValues = (variant: ProductForEdit['variants'][number]) => ({
  labelVi: variant.labelVi,
  labelEn: variant.labelEn,
  price: String(variant.price),
  gtin: variant.gtin,
});

export function toProductEditView(page: ProductForEdit, t: Messages, locale: Locale, today: string): ProductEditView {
  const { product, group } = page;
  const standing = certificationStanding(page.history, today);
  const certification = standing.state === 'uncertified' ? null : standing.certification;
  const units: { value: string; label: string }[] = productUnits.map((unit) => ({ value: unit, label: t.units[unit] }));
  if (!productUnits.some((unit) => unit === product.unit)) units.push({ value: product.unit, label: product.unit });
  const variantLabel = (id: number | null) => {
    const variant = id === null ? undefined : page.variants.find((v) => v.id === id);
    return variant ? pick(locale, variant.labelVi, variant.labelEn) : t.portal.edit.wholeProduct;
  };
  return {
    id: product.id,
    slug: product.slug,
    producerName: page.producer.name,
    certifiedName: product.nameVi,
    groupName: pick(locale, group.nameVi, group.nameEn),
    stars: standing.state === 'certified' ? standing.certification.stars : null,
    decision: certification ? `${certification.decisionNumber} (${formatDate(certification.decisionDate)})` : null,
    isPublished: product.isPublished,
    priceFromVariants: page.variants.length > 0 && product.price !== null ? formatVnd(product.price) : null,
    stock: product.stock,
    listing: listingValues(product),
    units,
    variants: page.variants.map((variant) => ({
      id: variant.id,
      label: pick(locale, variant.labelVi, variant.labelEn),
      stock: variant.stock,
      values: variantValues(variant),
    })),
    images: page.images.map((image) => ({ id: image.id, url: image.url, alt: pick(locale, image.altVi, image.altEn) })),
    history: page.adjustments.map((entry) => {
      const reason = readReason(entry.reason);
      const reasons: Record<string, string> = { ...t.portal.edit.reasons, ...t.portal.edit.orderReasons };
      const reasonText = reason.code ? (reasons[reason.code] ?? '') : '';
      return {
        when: formatInstant(entry.createdAt),
        item: variantLabel(entry.variantId),
        change: t.portal.edit.historyLine(entry.delta > 0 ? `+${entry.delta}` : String(entry.delta), entry.stockAfter),
        reason: [reasonText, reason.note].filter(Boolean).join(': '),
      };
    }),
  };
}
