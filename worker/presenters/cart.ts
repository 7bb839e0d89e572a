/**
 * The cart and the checkout as pages and as API JSON.
 */
import type { Locale, Messages } from '../../web/messages';
import type {
  CartGroupView,
  CartView,
  CheckoutPartView,
  CheckoutView,
  DeliveryOptionView,
  PaymentOptionView,
} from '../../web/order-views';
import type { Option } from '../../web/views';
import type { CartLineRow } from '../data/carts';
import { provincesByCode } from '../data/reference';
import { MAX_LINE_QUANTITY } from '../domain/cart';
import { deliveryChoiceValue, deliveryField } from '../domain/checkout';
import type { FieldIssue } from '../domain/errors';
import { formatVnd, sumDong } from '../domain/money';
import type { CartContents } from '../services/carts';
import type { CheckoutState } from '../services/checkout';
import { pick, productImagePath } from './catalogue';

type Words = (problem: CartContents['problems'] extends Map<number, infer P> ? P : never) => string;

const stockOf = (line: CartLineRow) =>
  line.variantId === null ? line.stock : (line.variants.find((variant) => variant.id === line.variantId)?.stock ?? 0);

const unitPriceOf = (line: CartLineRow) =>
  line.variantId === null
    ? line.price
    : (line.variants.find((variant) => variant.id === line.variantId)?.price ?? null);

/** The cart page: lines grouped by producer, each priced from the server's rows or with its problem. */
export function toCartView(contents: CartContents, locale: Locale, word: Words): CartView {
  const priced = new Map(contents.check.lines.map((line) => [`${line.productId}:${line.variantId ?? ''}`, line]));
  const groups = new Map<number, CartGroupView & { amounts: number[] }>();
  for (const line of contents.lines) {
    const group = groups.get(line.producerId) ?? {
      producerName: line.producerName,
      producerHref: `/producers/${line.producerSlug}`,
      lines: [],
      subtotal: '',
      amounts: [],
    };
    const price = priced.get(`${line.productId}:${line.variantId ?? ''}`);
    const problem = contents.problems.get(line.lineId);
    const unitPrice = unitPriceOf(line);
    group.lines.push({
      lineId: line.lineId,
      productHref: `/products/${line.slug}`,
      name: pick(locale, line.nameVi, line.nameEn),
      variantLabel: line.variantLabelVi === null ? null : pick(locale, line.variantLabelVi, line.variantLabelEn),
      imageUrl: line.imageUrl ?? productImagePath(line.slug),
      unitPrice: unitPrice === null ? '—' : formatVnd(unitPrice),
      quantity: line.quantity,
      lineTotal: price ? formatVnd(price.lineTotal) : null,
      problem: problem ? word(problem) : null,
      maxQuantity: Math.max(Math.min(stockOf(line), MAX_LINE_QUANTITY), line.quantity),
    });
    if (price) group.amounts.push(price.lineTotal);
    groups.set(line.producerId, group);
  }
  const all = contents.check.lines.map((line) => line.lineTotal);
  return {
    groups: [...groups.values()].map(({ amounts, ...group }) => ({
      ...group,
      subtotal: formatVnd(sumDong(amounts) ?? 0),
    })),
    lineCount: contents.lines.length,
    subtotal: formatVnd(sumDong(all) ?? 0),
    canCheckout: contents.lines.length > 0 && contents.problems.size === 0,
  };
}

/** Words a field problem in the visitor's language (the one error model's catalogue). */
export const problemWords =
  (t: Messages): Words =>
  (problem) =>
    t.errors.problems[problem.problem](problem.params ?? {});

function deliveryOptions(t: Messages, producer: CheckoutState['producers'][number]): DeliveryOptionView[] {
  const k = t.checkout;
  const options: DeliveryOptionView[] = [];
  const { shipping } = producer.options;
  if (shipping) {
    options.push({
      value: 'ship',
      label: k.ship,
      hint:
        shipping.flatFee === 0
          ? k.shipFree
          : shipping.freeFrom === null
            ? k.shipFee(formatVnd(shipping.flatFee))
            : k.shipFreeFrom(formatVnd(shipping.flatFee), formatVnd(shipping.freeFrom)),
    });
  }
  for (const place of producer.places.salesPoints) {
    options.push({
      value: deliveryChoiceValue({ kind: 'sales_point', salesPointId: place.id }),
      label: k.salesPoint(place.label),
      hint: k.pickupFree,
    });
  }
  for (const place of producer.places.fairBooths) {
    options.push({
      value: deliveryChoiceValue({ kind: 'fair_booth', fairBoothId: place.id }),
      label: k.fairBooth(place.label),
      hint: k.pickupFree,
    });
  }
  return options;
}

export interface CheckoutForm {
  values: Record<string, string | null | undefined>;
  issues: FieldIssue[];
  idempotencyKey: string;
  signedIn: boolean;
}

/** The checkout page: each producer's part with its ways of delivery, the totals of the choices made. */
export function toCheckoutView(state: CheckoutState, form: CheckoutForm, t: Messages, locale: Locale): CheckoutView {
  const drafted = new Map(state.draft?.subOrders.map((part) => [part.producerId, part]) ?? []);
  const linesOf = (producerId: number) => state.cart.check.lines.filter((line) => line.producerId === producerId);
  const nameOf = (productId: number, variantId: number | null) => {
    const row = state.cart.lines.find((line) => line.productId === productId && line.variantId === variantId);
    if (!row) return String(productId);
    const name = pick(locale, row.nameVi, row.nameEn);
    return row.variantLabelVi ? `${name} (${pick(locale, row.variantLabelVi, row.variantLabelEn)})` : name;
  };
  const parts: CheckoutPartView[] = state.producers.map((producer) => {
    const lines = linesOf(producer.id);
    const part = drafted.get(producer.id);
    const field = deliveryField(producer.id);
    return {
      producerId: producer.id,
      field,
      producerName: producer.name,
      lines: lines.map((line) => ({
        name: nameOf(line.productId, line.variantId),
        quantity: line.quantity,
        lineTotal: formatVnd(line.lineTotal),
      })),
      subtotal: formatVnd(sumDong(lines.map((line) => line.lineTotal)) ?? 0),
      options: deliveryOptions(t, producer),
      chosen: form.values[field] ?? null,
      shippingFee: part ? formatVnd(part.shippingFee) : null,
      total: part ? formatVnd(part.total) : null,
    };
  });
  const payment: PaymentOptionView[] = (['vietqr', 'cod', 'card'] as const).map((method) => ({
    value: method,
    label: t.order.methods[method],
    hint: t.checkout.paymentHints[method],
    available: method === 'vietqr' ? state.payment.vietqr : state.payment[method],
  }));
  const provinces: Option[] = [...provincesByCode.values()]
    .map((province) => ({ value: province.code, label: pick(locale, province.nameVi, province.nameEn) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return {
    parts,
    payment,
    totals: {
      subtotal: formatVnd(sumDong(state.cart.check.lines.map((line) => line.lineTotal)) ?? 0),
      shipping: state.draft ? formatVnd(state.draft.shippingFee) : null,
      total: state.draft ? formatVnd(state.draft.total) : null,
    },
    values: form.values,
    issues: form.issues,
    provinces,
    communes: state.communes.map((commune) => ({
      value: commune.code,
      label: pick(locale, commune.nameVi, commune.nameEn),
    })),
    idempotencyKey: form.idempotencyKey,
    signedIn: form.signedIn,
  };
}

/** A cart as the API answers it. */
export function presentCart(cartId: string, contents: CartContents, word: Words) {
  const priced = new Map(contents.check.lines.map((line) => [`${line.productId}:${line.variantId ?? ''}`, line]));
  return {
    token: cartId,
    lines: contents.lines.map((line) => {
      const price = priced.get(`${line.productId}:${line.variantId ?? ''}`);
      const problem = contents.problems.get(line.lineId);
      return {
        id: line.lineId,
        product_id: line.productId,
        variant_id: line.variantId,
        producer_id: line.producerId,
        name: line.nameVi,
        quantity: line.quantity,
        unit_price: price?.unitPrice ?? unitPriceOf(line),
        line_total: price?.lineTotal ?? null,
        problem: problem ? { code: problem.problem, message: word(problem) } : null,
      };
    }),
    subtotal: sumDong(contents.check.lines.map((line) => line.lineTotal)) ?? 0,
    currency: 'VND' as const,
  };
}
