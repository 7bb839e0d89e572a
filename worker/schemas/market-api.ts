/** The marketplace API's shapes: carts, orders and what the payment webhooks answer. */
import { z } from '@hono/zod-openapi';
import { deliveryKinds, paymentMethods } from '../../db/schema';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '../domain/cart';
import { subOrderStatuses } from '../domain/order-status';
import { phoneSchema } from '../domain/phone';

const id = z.number().int().min(1).max(2_147_483_647);

export const cartTokenParam = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The cart token that creating the cart answered.' }),
});

export const cartLineParams = cartTokenParam.extend({
  lineId: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .openapi({ param: { name: 'lineId', in: 'path' }, example: '12' }),
});

export const cartLineInput = z
  .object({
    product_id: id.openapi({ example: 42 }),
    variant_id: id
      .nullable()
      .optional()
      .openapi({ description: 'The pack size; omit for a product without pack sizes.' }),
    quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY).optional().default(1),
  })
  .strict();

export const createCartBody = z
  .object({ lines: z.array(cartLineInput).min(1).max(MAX_CART_LINES) })
  .strict()
  .openapi('NewCart');

export const lineQuantityBody = z
  .object({ quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY).openapi({ description: '0 removes the line.' }) })
  .strict();

const problemRef = z.object({ code: z.string(), message: z.string() }).nullable();

export const cartSchema = z
  .object({
    token: z.string(),
    lines: z.array(
      z.object({
        id: z.number().int(),
        product_id: z.number().int(),
        variant_id: z.number().int().nullable(),
        producer_id: z.number().int(),
        name: z.string(),
        quantity: z.number().int(),
        unit_price: z.number().int().nullable().openapi({ description: 'Whole đồng, read from the product.' }),
        line_total: z.number().int().nullable(),
        problem: problemRef.openapi({ description: 'Why the line cannot be ordered as it is.' }),
      }),
    ),
    subtotal: z.number().int(),
    currency: z.literal('VND'),
  })
  .openapi('Cart');

export const placeOrderBody = z
  .object({
    cart_token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    buyer: z
      .object({
        name: z.string().trim().min(1).max(100),
        phone: phoneSchema('mobile').openapi({ type: 'string', example: '0912 345 678' }),
        email: z.email().max(254).nullable().optional(),
      })
      .strict(),
    address: z
      .object({
        province_code: z.string().regex(/^\d{2}$/),
        commune_code: z.string().regex(/^\d{5}$/),
        street: z.string().trim().min(1).max(200),
      })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: 'Needed when a part is shipped.' }),
    deliveries: z
      .array(
        z
          .object({
            producer_id: id,
            kind: z.enum(deliveryKinds),
            sales_point_id: id.optional(),
            fair_booth_id: id.optional(),
          })
          .strict(),
      )
      .max(31)
      .openapi({ description: "How each producer's part reaches the buyer." }),
    note: z.string().trim().max(500).nullable().optional(),
    payment_method: z.enum(paymentMethods),
  })
  .strict()
  .openapi('NewOrder');

export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'The same cart and key place one order, however often the request is sent.',
      example: 'a7f3c9e2-order-1',
    }),
});

export const orderTokenParam = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .openapi({ param: { name: 'token', in: 'path' }, description: "The token of the order's link." }),
});

const orderLine = z.object({
  product_id: z.number().int(),
  variant_id: z.number().int().nullable(),
  name: z.string(),
  variant: z.string().nullable(),
  unit_price: z.number().int(),
  quantity: z.number().int(),
  line_total: z.number().int(),
});

export const orderSchema = z
  .object({
    reference: z.string().openapi({ example: 'OCOP7K2M9XQA0B' }),
    url: z.string(),
    token: z.string(),
    status: z.enum(subOrderStatuses),
    placed_at: z.string(),
    payment_method: z.enum(paymentMethods),
    currency: z.literal('VND'),
    subtotal: z.number().int(),
    shipping_fee: z.number().int(),
    total: z.number().int(),
    buyer: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable() }),
    sub_orders: z.array(
      z.object({
        number: z.number().int(),
        reference: z.string().openapi({ description: 'What a bank transfer for this part carries as its content.' }),
        producer: z.object({ name: z.string(), slug: z.string() }),
        status: z.enum(subOrderStatuses),
        delivery: z.object({ kind: z.enum(deliveryKinds), place: z.string().nullable() }),
        carrier: z.string().nullable(),
        tracking_number: z.string().nullable(),
        payment_deadline: z.string().nullable(),
        subtotal: z.number().int(),
        shipping_fee: z.number().int(),
        total: z.number().int(),
        amount_received: z.number().int(),
        lines: z.array(orderLine),
        vietqr: z
          .object({
            payload: z.string().openapi({ description: 'EMVCo/NAPAS VietQR payload: draw it as a QR code.' }),
            bank_bin: z.string().nullable(),
            account_number: z.string(),
            account_name: z.string(),
            amount: z.number().int(),
            content: z.string(),
          })
          .nullable(),
      }),
    ),
  })
  .openapi('Order');

export const placedOrderSchema = orderSchema
  .extend({ checkout_url: z.string().nullable().openapi({ description: "Stripe's payment page for a card order." }) })
  .openapi('PlacedOrder');

export const webhookAnswer = z.object({ received: z.literal(true), duplicate: z.boolean() }).openapi('WebhookAnswer');

export const bankNotificationAnswer = z
  .object({
    transfers: z.array(z.object({ key: z.string(), duplicate: z.boolean(), outcome: z.string().nullable() })),
  })
  .openapi('BankNotificationAnswer');
