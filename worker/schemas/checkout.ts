/**
 * The marketplace's form and API shapes: adding to the cart, changing a line, the checkout form,
 * moving a part of an order, a producer's shipping rule, staff resolving a payment. Built per request
 * from the messages where a rule speaks to the buyer (a phone number it cannot read).
 */
import { perLanguage } from './per-language';
import { z } from '@hono/zod-openapi';
import type { Messages } from '../../web/messages';
import { MAX_LINE_QUANTITY } from '../domain/cart';
import { parseDeliveryChoice } from '../domain/checkout';
import { subOrderStatuses } from '../domain/order-status';
import { parsePhone } from '../domain/phone';
import type { DeliveryChoice } from '../domain/shipping';
import { paymentMethods, transferResolutions } from '../../db/schema';

const id = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

export const addToCartForm = z.object({
  productId: id,
  // "null" is what a pack-size select sends for a product without pack sizes.
  variantId: z
    .string()
    .optional()
    .transform((value) => (value && value !== 'null' ? value : undefined))
    .pipe(id.optional())
    .transform((value) => value ?? null),
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_LINE_QUANTITY))
    .optional()
    .transform((value) => value ?? 1),
});

export const cartLineForm = z.object({
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(0).max(MAX_LINE_QUANTITY)),
});

/** A Vietnamese mobile, in E.164 ("+84912345678"); any other answer is worded by `message`. */
const mobile = (message: string) =>
  z.string().transform((input, ctx) => {
    const result = parsePhone(input, 'mobile');
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/** The checkout form's own fields; each producer's delivery arrives as "delivery.<producer id>". */
export const checkoutForm = perLanguage((t: Messages) =>
  z.object({
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    intent: z.enum(['place', 'review']).optional().default('place'),
    name: z.string().trim().min(1).max(100),
    phone: mobile(t.errors.problems.mobile_invalid()),
    email: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || null)
      .pipe(z.email(t.errors.problems.email_invalid()).max(254).nullable()),
    provinceCode: z
      .string()
      .regex(/^(\d{2})?$/)
      .optional()
      .transform((value) => value || null),
    communeCode: z
      .string()
      .regex(/^(\d{5})?$/)
      .optional()
      .transform((value) => value || null),
    street: optionalText(200),
    note: optionalText(500),
    paymentMethod: z.enum(paymentMethods),
  }),
);

/** What the review button of the checkout needs: whatever was typed, nothing required yet. */
export const checkoutReviewForm = z.object({
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
  provinceCode: z
    .string()
    .regex(/^(\d{2})?$/)
    .optional()
    .transform((value) => value || null),
});

/** Each "delivery.<producer id>" field of a checkout form, read into a choice; unreadable ones are left out. */
export function deliveryChoices(body: Record<string, unknown>): Map<number, DeliveryChoice> {
  const choices = new Map<number, DeliveryChoice>();
  for (const [key, value] of Object.entries(body)) {
    const match = /^delivery\.([1-9]\d{0,9})$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const choice = parseDeliveryChoice(value);
    if (choice) choices.set(Number(match[1]), choice);
  }
  return choices;
}

/** A person moving a part of an order: where to, and for shipping, by whom and under which number. */
export const moveForm = z.object({
  to: z.enum(subOrderStatuses),
  carrier: z.string().trim().max(100).optional(),
  trackingNumber: z.string().trim().max(100).optional(),
  note: optionalText(300),
});

/** A buyer's own move from the order page: only saying the goods arrived. */
export const buyerMoveForm = z.object({ to: z.enum(['delivered', 'cancelled']) });

/** Whole đồng as people type them: "30.000", "30 000" and "30000" are the same fee. */
const dong = (message: string) =>
  z
    .string()
    .transform((value) => value.replace(/[.\s,₫]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\d{1,10}$/, message)
        .transform(Number),
    );

export const shippingForm = (t: Messages) =>
  z.object({
    ships: z
      .literal('1')
      .optional()
      .transform((value) => value === '1'),
    flatFee: z
      .string()
      .optional()
      .transform((value) => (value ?? '').trim())
      .pipe(z.union([z.literal('').transform(() => null), dong(t.portal.fieldErrors.wholeDong)])),
    freeFrom: z
      .string()
      .optional()
      .transform((value) => (value ?? '').trim())
      .pipe(z.union([z.literal('').transform(() => null), dong(t.portal.fieldErrors.wholeDong)])),
  });

export const transferResolutionForm = z.object({
  resolution: z.enum(transferResolutions),
  note: z.string().trim().min(1).max(500),
});

export const issueResolutionForm = z.object({ note: z.string().trim().min(1).max(500) });

export const staffOrderQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/)
    .transform(Number)
    .optional()
    .default(1),
});

export const producerOrderQuery = z.object({
  show: z.enum(['all']).optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/)
    .transform(Number)
    .optional()
    .default(1),
});
