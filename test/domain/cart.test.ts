import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import groupFile from '../../db/reference/product-groups.json';
import {
  cartRefusal,
  checkCart,
  draftOrder,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  mergeCartLines,
  TOURISM_GROUP_CODE,
  type CartLineInput,
  type PricedLine,
  type ProducerDelivery,
  type ProductForSale,
} from '../../worker/domain/cart';
import { MAX_SUB_ORDERS } from '../../worker/domain/order-reference';

const product = (overrides: Partial<ProductForSale> = {}): ProductForSale => ({
  id: 1,
  producerId: 10,
  groupCode: 'food',
  isPublished: true,
  soldAtPointsOnly: false,
  price: 150_000,
  stock: 10,
  variants: [],
  ...overrides,
});

/** Honey in two pack sizes, from the same producer as the pomelo wine. */
const PRODUCTS: ProductForSale[] = [
  product({ id: 1, producerId: 10, price: 150_000, stock: 10 }),
  product({
    id: 2,
    producerId: 10,
    price: 90_000,
    stock: 0,
    variants: [
      { id: 21, price: 90_000, stock: 5 },
      { id: 22, price: 170_000, stock: 2 },
    ],
  }),
  product({ id: 3, producerId: 20, groupCode: 'beverage', price: 250_000, stock: 3 }),
];

const line = (productId: number, quantity: number, variantId: number | null = null): CartLineInput => ({
  productId,
  variantId,
  quantity,
});

const ship = { kind: 'ship' } as const;
const delivery = (overrides: Partial<ProducerDelivery> = {}): ProducerDelivery => ({
  options: { shipping: { flatFee: 30_000, freeFrom: 500_000 }, salesPointIds: [7], fairBoothIds: [] },
  choice: ship,
  ...overrides,
});

describe('TOURISM_GROUP_CODE', () => {
  it('is the code of the tourism group of every criteria version, and of no other group', () => {
    const tourism = groupFile.groups.filter((group) => group.code === TOURISM_GROUP_CODE).map((group) => group.id);
    expect(tourism.sort()).toEqual(['1048.tourism', '148.tourism']);
  });
});

describe('cartRefusal', () => {
  it('accepts a listed product with a price, or with pack sizes', () => {
    expect(cartRefusal(product())).toBeNull();
    expect(cartRefusal(PRODUCTS[1]!)).toBeNull();
    expect(cartRefusal(product({ price: null, variants: [{ id: 5, price: 1000, stock: 1 }] }))).toBeNull();
  });

  it.each([
    ['an unpublished product', { isPublished: false }, 'not_for_sale'],
    ['a tourism service', { groupCode: 'tourism' }, 'tourism_service'],
    ['a product sold at points only', { soldAtPointsOnly: true }, 'sold_at_points_only'],
    ['a product without a price', { price: null }, 'price_on_request'],
  ] as const)('refuses %s', (_, overrides, reason) => {
    expect(cartRefusal(product(overrides))).toBe(reason);
  });
});

describe('mergeCartLines', () => {
  it('adds up lines of the same product and pack size, in the order they first appear', () => {
    expect(mergeCartLines([line(2, 1, 21), line(1, 2), line(2, 3, 22), line(1, 4), line(2, 1, 21)])).toEqual([
      line(2, 2, 21),
      line(1, 6),
      line(2, 3, 22),
    ]);
  });
});

describe('checkCart', () => {
  it('prices lines from the products as read, whatever the request carried', () => {
    const tampered = { ...line(1, 2), unitPrice: 1, price: 1, lineTotal: 2 } as CartLineInput;
    expect(checkCart([tampered, line(2, 1, 22)], PRODUCTS)).toEqual({
      lines: [
        { productId: 1, variantId: null, producerId: 10, quantity: 2, unitPrice: 150_000, lineTotal: 300_000 },
        { productId: 2, variantId: 22, producerId: 10, quantity: 1, unitPrice: 170_000, lineTotal: 170_000 },
      ],
      issues: [],
    });
  });

  it('checks stock against the quantities added up per product and pack size', () => {
    expect(checkCart([line(1, 6), line(1, 6)], PRODUCTS).issues).toEqual([
      { productId: 1, variantId: null, reason: 'insufficient_stock', available: 10 },
    ]);
    expect(checkCart([line(2, 3, 21), line(2, 3, 21), line(2, 2, 22)], PRODUCTS)).toMatchObject({
      lines: [{ variantId: 22, quantity: 2 }],
      issues: [{ productId: 2, variantId: 21, reason: 'insufficient_stock', available: 5 }],
    });
  });

  it.each([
    ['an unknown product', [line(99, 1)], 'unknown_product'],
    ['a tourism service', [line(4, 1)], 'tourism_service'],
    ['a product sold at points only', [line(5, 1)], 'sold_at_points_only'],
    ['a product with pack sizes but none chosen', [line(2, 1)], 'variant_required'],
    ['a pack size of another product', [line(1, 1, 21)], 'unknown_variant'],
    ['a pack size that does not exist', [line(2, 1, 23)], 'unknown_variant'],
    ['a quantity of 0', [line(1, 0)], 'invalid_quantity'],
    ['a fractional quantity', [line(1, 1.5)], 'invalid_quantity'],
    ['a negative line that would lower another', [line(1, 12), line(1, -5)], 'invalid_quantity'],
    ['more than the quantity limit', [line(6, MAX_LINE_QUANTITY + 1)], 'quantity_above_limit'],
    ['a line total beyond exact integers', [line(7, 3)], 'amount_too_large'],
  ])('refuses %s', (_, lines, reason) => {
    const extra = [
      product({ id: 4, groupCode: TOURISM_GROUP_CODE }),
      product({ id: 5, soldAtPointsOnly: true }),
      product({ id: 6, stock: 5000 }),
      product({ id: 7, price: 2 ** 52, stock: 5 }),
    ];
    const check = checkCart(lines, [...PRODUCTS, ...extra]);
    expect(check.lines).toEqual([]);
    expect(check.issues.map((issue) => issue.reason)).toEqual([reason]);
  });

  it(`accepts ${MAX_CART_LINES} distinct lines and refuses the ones after`, () => {
    const many = Array.from({ length: MAX_CART_LINES + 2 }, (_, index) => product({ id: 100 + index }));
    const check = checkCart(
      many.map((item) => line(item.id, 1)),
      many,
    );
    expect(check.lines).toHaveLength(MAX_CART_LINES);
    expect(check.issues).toEqual([
      { productId: 100 + MAX_CART_LINES, variantId: null, reason: 'too_many_lines' },
      { productId: 101 + MAX_CART_LINES, variantId: null, reason: 'too_many_lines' },
    ]);
  });

  it('prices or refuses every line once, with the quantities added up', () => {
    const lines = fc.array(
      fc.record({
        productId: fc.constantFrom(1, 2, 3, 99),
        variantId: fc.constantFrom(null, 21, 22),
        quantity: fc.integer({ min: -2, max: 8 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(lines, (cart) => {
        const check = checkCart(cart, PRODUCTS);
        const keys = [...check.lines, ...check.issues].map((entry) => `${entry.productId}:${entry.variantId}`);
        expect(keys.sort()).toEqual(
          mergeCartLines(cart)
            .map((entry) => `${entry.productId}:${entry.variantId}`)
            .sort(),
        );
        for (const priced of check.lines) {
          const asked = cart.filter(
            (entry) => entry.productId === priced.productId && entry.variantId === priced.variantId,
          );
          expect(priced.quantity).toBe(asked.reduce((sum, entry) => sum + entry.quantity, 0));
          expect(priced.lineTotal).toBe(priced.unitPrice * priced.quantity);
        }
      }),
    );
  });
});

describe('draftOrder', () => {
  const priced = (lines: CartLineInput[]): PricedLine[] => {
    const check = checkCart(lines, PRODUCTS);
    expect(check.issues).toEqual([]);
    return check.lines;
  };

  it('splits an order into one sub-order per producer, each with its shipping', () => {
    const result = draftOrder(
      priced([line(3, 1), line(1, 2), line(2, 1, 21)]),
      new Map([
        [10, delivery()],
        [20, delivery({ choice: { kind: 'sales_point', salesPointId: 7 } })],
      ]),
    );
    expect(result).toEqual({
      ok: true,
      order: {
        subOrders: [
          {
            number: 1,
            producerId: 20,
            lines: [expect.objectContaining({ productId: 3, lineTotal: 250_000 })],
            delivery: { kind: 'sales_point', salesPointId: 7 },
            subtotal: 250_000,
            shippingFee: 0,
            total: 250_000,
          },
          {
            number: 2,
            producerId: 10,
            lines: [
              expect.objectContaining({ productId: 1, lineTotal: 300_000 }),
              expect.objectContaining({ productId: 2, lineTotal: 90_000 }),
            ],
            delivery: ship,
            subtotal: 390_000,
            shippingFee: 30_000,
            total: 420_000,
          },
        ],
        subtotal: 640_000,
        shippingFee: 30_000,
        total: 670_000,
      },
    });
  });

  it('ships free from the producer’s threshold', () => {
    const result = draftOrder(priced([line(1, 4)]), new Map([[10, delivery()]]));
    expect(result).toMatchObject({ ok: true, order: { subtotal: 600_000, shippingFee: 0, total: 600_000 } });
  });

  it('names every producer whose delivery is missing or not offered', () => {
    const result = draftOrder(
      priced([line(1, 1), line(3, 1)]),
      new Map([
        [10, delivery({ choice: null })],
        [20, delivery({ options: { shipping: null, salesPointIds: [], fairBoothIds: [] } })],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { reason: 'missing_delivery', producerId: 10 },
        { reason: 'shipping_not_offered', producerId: 20 },
      ],
    });
  });

  it('refuses an empty order', () => {
    expect(draftOrder([], new Map())).toEqual({ ok: false, issues: [{ reason: 'empty_order' }] });
  });

  it(`refuses more than ${MAX_SUB_ORDERS} producers, as many as an order reference can number`, () => {
    const lines = Array.from({ length: MAX_SUB_ORDERS + 1 }, (_, index) => ({
      productId: index,
      variantId: null,
      producerId: index,
      quantity: 1,
      unitPrice: 1000,
      lineTotal: 1000,
    }));
    const deliveries = new Map(lines.map((entry) => [entry.producerId, delivery()]));
    expect(draftOrder(lines, deliveries)).toEqual({ ok: false, issues: [{ reason: 'too_many_producers' }] });
    expect(draftOrder(lines.slice(1), deliveries)).toMatchObject({ ok: true });
  });

  it('refuses totals beyond exact integers', () => {
    const big = (producerId: number): PricedLine => ({
      productId: producerId,
      variantId: null,
      producerId,
      quantity: 1,
      unitPrice: 2 ** 52,
      lineTotal: 2 ** 52,
    });
    const deliveries = new Map([
      [1, delivery()],
      [2, delivery()],
    ]);
    expect(draftOrder([big(1), big(1)], deliveries)).toEqual({ ok: false, issues: [{ reason: 'amount_too_large' }] });
    expect(draftOrder([big(1), big(2)], deliveries)).toEqual({ ok: false, issues: [{ reason: 'amount_too_large' }] });
    const paidShipping = delivery({
      options: { shipping: { flatFee: 30_000, freeFrom: null }, salesPointIds: [], fairBoothIds: [] },
    });
    expect(draftOrder([{ ...big(1), lineTotal: Number.MAX_SAFE_INTEGER }], new Map([[1, paidShipping]]))).toEqual({
      ok: false,
      issues: [{ reason: 'amount_too_large' }],
    });
  });

  it('adds up: each sub-order is its lines and its fee, the order is its sub-orders', () => {
    const lines = fc.array(
      fc.record({
        productId: fc.nat({ max: 5 }),
        variantId: fc.constant(null),
        producerId: fc.integer({ min: 1, max: 4 }),
        quantity: fc.integer({ min: 1, max: 20 }),
        unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
      }),
      { minLength: 1, maxLength: 10 },
    );
    const fees = fc.record({
      flatFee: fc.nat({ max: 100_000 }),
      freeFrom: fc.option(fc.integer({ min: 1, max: 1e7 })),
    });
    fc.assert(
      fc.property(lines, fees, (cart, shipping) => {
        const pricedLines = cart.map((entry) => ({ ...entry, lineTotal: entry.unitPrice * entry.quantity }));
        const deliveries = new Map(
          [1, 2, 3, 4].map((id) => [id, { options: { shipping, salesPointIds: [], fairBoothIds: [] }, choice: ship }]),
        );
        const result = draftOrder(pricedLines, deliveries);
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const { order } = result;
        expect(order.subOrders.map((subOrder) => subOrder.number)).toEqual(
          order.subOrders.map((_, index) => index + 1),
        );
        for (const subOrder of order.subOrders) {
          expect(subOrder.subtotal).toBe(subOrder.lines.reduce((sum, entry) => sum + entry.lineTotal, 0));
          expect(subOrder.total).toBe(subOrder.subtotal + subOrder.shippingFee);
        }
        expect(order.subtotal).toBe(pricedLines.reduce((sum, entry) => sum + entry.lineTotal, 0));
        expect(order.total).toBe(order.subtotal + order.shippingFee);
        expect(order.subOrders.flatMap((subOrder) => subOrder.lines)).toHaveLength(pricedLines.length);
      }),
    );
  });
});
