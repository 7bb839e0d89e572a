import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cartItems, orderItems, orders, stockAdjustments, subOrderEvents, subOrders } from '../../db/schema';
import { findBooth } from '../../worker/data/fairs';
import { findOrderById } from '../../worker/data/orders';
import { addDays } from '../../worker/domain/iso-date';
import type { DeliveryChoice } from '../../worker/domain/shipping';
import { checkoutState } from '../../worker/services/checkout';
import { AppError } from '../../worker/domain/errors';
import {
  addPackSize,
  cartWith,
  checkoutDeps,
  checkoutRequest,
  createSaleProduct,
  createSeller,
  place,
  recordingNotifier,
  stockOf,
} from '../support/commerce';
import { testDb, today } from '../support/factories';
import { createFair, placeExhibitor } from '../support/fairs';
import { createSalesPoint, stockAt } from '../support/sales-points';

const problemsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.problems.map((p) => ({ field: p.field, problem: p.problem, ...(p.params ?? {}) }));
};

describe('placing an order', () => {
  it('splits the cart into one sub-order per producer, takes the stock and empties the cart', async () => {
    const [a, b] = [await createSeller(), await createSeller({ shippingFlatFee: 25_000, shippingFreeFrom: 200_000 })];
    const honey = await createSaleProduct({ producerId: a, price: 150_000, stock: 10 });
    const tea = await createSaleProduct({ producerId: b, price: 120_000, stock: 5 });
    const cartId = await cartWith([
      { productId: honey.id, quantity: 2 },
      { productId: tea.id, quantity: 1 },
      { productId: honey.id, quantity: 1 },
    ]);
    const notifier = recordingNotifier();
    const { order } = await place(checkoutRequest(cartId, [a, b]), { notifier });

    const detail = (await findOrderById(testDb(), order.id))!;
    expect(
      detail.subOrders.map((part) => [part.number, part.producerId, part.subtotal, part.shippingFee, part.total]),
    ).toEqual([
      [1, a, 450_000, 30_000, 480_000],
      [2, b, 120_000, 25_000, 145_000],
    ]);
    expect(detail.order).toMatchObject({ subtotal: 570_000, shippingFee: 55_000, total: 625_000 });
    expect(detail.subOrders.every((part) => part.status === 'pending_payment')).toBe(true);
    expect(detail.subOrders[0]!.lines).toMatchObject([{ productId: honey.id, quantity: 3, unitPrice: 150_000 }]);
    expect(await stockOf(honey.id)).toBe(7);
    expect(await stockOf(tea.id)).toBe(4);
    expect(await testDb().select().from(cartItems).where(eq(cartItems.cartId, cartId))).toEqual([]);
    const events = await testDb().select().from(subOrderEvents);
    expect(events.filter((event) => detail.subOrders.some((part) => part.id === event.subOrderId))).toHaveLength(2);
    expect(notifier.notices).toMatchObject([{ link: `http://localhost/orders/${order.linkToken}`, total: 625_000 }]);
    const history = await testDb().select().from(stockAdjustments).where(eq(stockAdjustments.productId, honey.id));
    expect(history.at(-1)).toMatchObject({ delta: -3, stockAfter: 7 });
    expect(history.at(-1)!.reason).toMatch(/^order_reserved: OCOP[0-9A-Z]{9}$/);
  });

  it('prices from the server: a pack size at its own price, shipping free from the threshold', async () => {
    const seller = await createSeller({ shippingFlatFee: 30_000, shippingFreeFrom: 300_000 });
    const wine = await createSaleProduct({ producerId: seller, price: 180_000, stock: 0 });
    const flask = await addPackSize(wine.id, 'Can 2 lít', 520_000, 3);
    const cartId = await cartWith([{ productId: wine.id, variantId: flask, quantity: 1 }]);
    const { order } = await place(checkoutRequest(cartId, [seller]));
    expect(order).toMatchObject({ subtotal: 520_000, shippingFee: 0, total: 520_000 });
    expect(await stockOf(wine.id, flask)).toBe(2);
    expect(await stockOf(wine.id)).toBe(2);
  });

  it('places one order for a form sent twice', async () => {
    const seller = await createSeller();
    const product = await createSaleProduct({ producerId: seller, stock: 5 });
    const cartId = await cartWith([{ productId: product.id, quantity: 2 }]);
    const request = checkoutRequest(cartId, [seller]);
    const [first, second] = await Promise.all([place(request), place(request)]);
    expect(second.order.id).toBe(first.order.id);
    const again = await place(request);
    expect(again.order.id).toBe(first.order.id);
    expect(await testDb().select().from(orders).where(eq(orders.cartId, cartId))).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(3);
  });

  it('sells the last 10 units to exactly 10 of 50 buyers at once; the others are told it sold out', async () => {
    const seller = await createSeller();
    const product = await createSaleProduct({ producerId: seller, stock: 10, nameVi: 'Mật ong bạc hà' });
    const carts = [];
    for (let i = 0; i < 50; i++) carts.push(await cartWith([{ productId: product.id, quantity: 1 }]));
    const results = await Promise.allSettled(carts.map((cartId) => place(checkoutRequest(cartId, [seller]))));
    const placed = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as AppError] : []));
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const error of refused) {
      expect(error.code).toBe('conflict');
      expect(error.problems).toEqual([{ field: 'cart', problem: 'sold_out', params: { product: 'Mật ong bạc hà' } }]);
    }
    expect(await stockOf(product.id)).toBe(0);
    const lines = await testDb().select().from(orderItems).where(eq(orderItems.productId, product.id));
    expect(lines.reduce((sum, line) => sum + line.quantity, 0)).toBe(10);
  });

  it('refuses a cart that asks for more than is left, naming the product and what is left', async () => {
    const seller = await createSeller();
    const product = await createSaleProduct({ producerId: seller, stock: 4, nameVi: 'Trà móc câu' });
    const cartId = await cartWith([{ productId: product.id, quantity: 4 }]);
    const other = await cartWith([{ productId: product.id, quantity: 3 }]);
    await place(checkoutRequest(other, [seller]));
    expect(await problemsOf(place(checkoutRequest(cartId, [seller])))).toEqual([
      { field: 'cart', problem: 'insufficient_stock', product: 'Trà móc câu', available: 1 },
    ]);
    expect(await stockOf(product.id)).toBe(1);
  });

  it('asks for an address when a part ships, and for a way of paying every producer can take', async () => {
    const withAccount = await createSeller();
    const without = await createSeller({ bankAccount: false, name: 'Cơ sở Không Tài Khoản' });
    const a = await createSaleProduct({ producerId: withAccount });
    const b = await createSaleProduct({ producerId: without });
    const cartId = await cartWith([{ productId: a.id }, { productId: b.id }]);
    expect(await problemsOf(place(checkoutRequest(cartId, [withAccount, without], { address: null })))).toEqual([
      { field: 'street', problem: 'address_required' },
      { field: 'paymentMethod', problem: 'payment_unavailable', method: 'vietqr', producer: 'Cơ sở Không Tài Khoản' },
    ]);
    const { order } = await place(checkoutRequest(cartId, [withAccount, without], { paymentMethod: 'cod' }));
    expect(order.paymentMethod).toBe('cod');
  });

  it('refuses shipping from a producer that only sells for pick-up', async () => {
    const seller = await createSeller({ shippingFlatFee: null, name: 'HTX Chỉ Bán Tại Chỗ' });
    const product = await createSaleProduct({ producerId: seller });
    const cartId = await cartWith([{ productId: product.id }]);
    expect(await problemsOf(place(checkoutRequest(cartId, [seller])))).toEqual([
      { field: `delivery.${seller}`, problem: 'shipping_not_offered', producer: 'HTX Chỉ Bán Tại Chỗ' },
    ]);
    const parts = await testDb().select().from(subOrders).where(eq(subOrders.producerId, seller));
    expect(parts).toEqual([]);
  });

  it('picks up free at a sales point stocking the producer’s goods or at its booth at a fair running today, with no address', async () => {
    const [a, b] = [await createSeller({ shippingFlatFee: null }), await createSeller()];
    const honey = await createSaleProduct({ producerId: a, price: 150_000, stock: 5 });
    const tea = await createSaleProduct({ producerId: b, price: 90_000, stock: 5 });
    const point = await createSalesPoint({ name: 'Trung tâm OCOP Biên Hòa' });
    await stockAt(point.id, honey.id);
    const closed = await createSalesPoint({ status: 'closed' });
    await stockAt(closed.id, honey.id);
    const teaOnly = await createSalesPoint();
    await stockAt(teaOnly.id, tea.id);
    const fair = await createFair();
    await placeExhibitor(fair.id, b, 'A01', [tea.id]);
    const booth = (await findBooth(testDb(), fair.id, 'A01'))!;
    const over = await createFair({ startsOn: addDays(today(), -6), endsOn: addDays(today(), -1) });
    await placeExhibitor(over.id, b, 'A02', [tea.id]);
    const pastBooth = (await findBooth(testDb(), over.id, 'A02'))!;
    const cartId = await cartWith([
      { productId: honey.id, quantity: 1 },
      { productId: tea.id, quantity: 2 },
    ]);

    const state = await checkoutState(checkoutDeps(), { cartId });
    const offered = new Map(state.producers.map((producer) => [producer.id, producer.options]));
    expect(offered.get(a)).toEqual({ shipping: null, salesPointIds: [point.id], fairBoothIds: [] });
    expect(offered.get(b)).toMatchObject({ salesPointIds: [teaOnly.id], fairBoothIds: [booth.id] });

    const choose = (forA: DeliveryChoice, forB: DeliveryChoice) =>
      checkoutRequest(cartId, [a, b], {
        address: null,
        deliveries: new Map([
          [a, forA],
          [b, forB],
        ]),
      });
    expect(
      await problemsOf(
        place(
          choose({ kind: 'sales_point', salesPointId: closed.id }, { kind: 'fair_booth', fairBoothId: pastBooth.id }),
        ),
      ),
    ).toEqual([
      { field: `delivery.${a}`, problem: 'unknown_sales_point' },
      { field: `delivery.${b}`, problem: 'unknown_fair_booth' },
    ]);
    expect(
      await problemsOf(place(choose({ kind: 'sales_point', salesPointId: teaOnly.id }, { kind: 'ship' }))),
    ).toEqual([{ field: `delivery.${a}`, problem: 'unknown_sales_point' }]);
    expect(await stockOf(honey.id)).toBe(5);

    const { order } = await place(
      choose({ kind: 'sales_point', salesPointId: point.id }, { kind: 'fair_booth', fairBoothId: booth.id }),
    );
    expect(order).toMatchObject({
      subtotal: 330_000,
      shippingFee: 0,
      total: 330_000,
      provinceCode: null,
      street: null,
    });
    const detail = (await findOrderById(testDb(), order.id))!;
    expect(
      detail.subOrders.map((part) => [
        part.producerId,
        part.deliveryKind,
        part.salesPointId,
        part.fairBoothId,
        part.shippingFee,
      ]),
    ).toEqual([
      [a, 'sales_point', point.id, null, 0],
      [b, 'fair_booth', null, booth.id, 0],
    ]);
    expect(detail.subOrders[0]!.pickupPlace).toContain('Trung tâm OCOP Biên Hòa');
    expect(detail.subOrders[1]!.pickupPlace).toContain(`${fair.values.nameVi}: A01 (A01)`);
    expect(await stockOf(honey.id)).toBe(4);
    expect(await stockOf(tea.id)).toBe(3);
  });
});
