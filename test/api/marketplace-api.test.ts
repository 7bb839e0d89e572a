/**
 * The marketplace API: a cart made and changed by a client, an order placed from it with an
 * idempotency key, read back by its link token. Prices are the server's: a request naming one is refused.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { producers } from '../../db/schema';
import { decodeVietQr } from '../../worker/domain/vietqr';
import { addPackSize, createSaleProduct, createSeller, DEMO_ACCOUNT, stockOf } from '../support/commerce';
import { createProduct, testDb } from '../support/factories';
import { fetchApp } from '../support/http';

interface Cart {
  token: string;
  lines: {
    id: number;
    product_id: number;
    quantity: number;
    unit_price: number;
    line_total: number | null;
    problem: unknown;
  }[];
  subtotal: number;
}

const send = (path: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetchApp(`/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('carts and orders through the API', () => {
  it('makes a cart, adds and changes lines, all priced from the products', async () => {
    const seller = await createSeller();
    const honey = await createSaleProduct({ producerId: seller, price: 150_000, stock: 8 });
    const pomelo = await createSaleProduct({ producerId: seller, price: 85_000, stock: 0 });
    const box = await addPackSize(pomelo.id, 'Hộp quà 2 trái', 180_000, 4);

    const created = await send('/carts', 'POST', { lines: [{ product_id: honey.id, quantity: 2 }] });
    expect(created.status).toBe(201);
    const cart = await created.json<Cart>();
    expect(cart.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cart).toMatchObject({
      subtotal: 300_000,
      lines: [{ product_id: honey.id, quantity: 2, unit_price: 150_000 }],
    });

    const added = await send(`/carts/${cart.token}/lines`, 'POST', {
      product_id: pomelo.id,
      variant_id: box,
      quantity: 1,
    });
    expect(added.status).toBe(200);
    expect((await added.json<Cart>()).subtotal).toBe(480_000);

    const line = cart.lines[0]!;
    const changed = await send(`/carts/${cart.token}/lines/${line.id}`, 'PATCH', { quantity: 3 });
    expect((await changed.json<Cart>()).subtotal).toBe(630_000);
    const removed = await send(`/carts/${cart.token}/lines/${line.id}`, 'PATCH', { quantity: 0 });
    expect((await removed.json<Cart>()).lines).toHaveLength(1);

    const read = await fetchApp(`/api/v1/carts/${cart.token}`);
    expect((await read.json<Cart>()).subtotal).toBe(180_000);
  });

  it('refuses a price sent with a line, more than the stock, and products not sold online', async () => {
    const seller = await createSeller();
    const honey = await createSaleProduct({ producerId: seller, price: 150_000, stock: 2, nameVi: 'Mật ong rừng' });
    const tampered = await send('/carts', 'POST', { lines: [{ product_id: honey.id, quantity: 1, unit_price: 1 }] });
    expect(tampered.status).toBe(400);
    const tooMany = await send('/carts', 'POST', { lines: [{ product_id: honey.id, quantity: 3 }] });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.json()).toMatchObject({
      code: 'conflict',
      errors: [{ field: 'cart', message: '“Mật ong rừng” chỉ còn 2: hãy giảm số lượng' }],
    });
    const tour = await createProduct({ groupId: '148.tourism', nameVi: 'Trải nghiệm vườn na' });
    const booked = await send('/carts', 'POST', { lines: [{ product_id: tour.id }] });
    expect(booked.status).toBe(400);
    expect(JSON.stringify(await booked.json())).toContain('dịch vụ du lịch');
    const pointsOnly = await createSaleProduct({ producerId: seller, soldAtPointsOnly: true });
    expect((await send('/carts', 'POST', { lines: [{ product_id: pointsOnly.id }] })).status).toBe(400);
  });

  it('places one order per idempotency key, split per producer, and reads it by its token', async () => {
    const [a, b] = [await createSeller({ shippingFlatFee: 30_000 }), await createSeller({ shippingFlatFee: null })];
    const honey = await createSaleProduct({ producerId: a, price: 150_000, stock: 5 });
    const tea = await createSaleProduct({ producerId: b, price: 90_000, stock: 5 });
    const { token } = await (
      await send('/carts', 'POST', {
        lines: [
          { product_id: honey.id, quantity: 2 },
          { product_id: tea.id, quantity: 1 },
        ],
      })
    ).json<Cart>();
    const body = {
      cart_token: token,
      buyer: { name: 'Trần Văn Bình', phone: '0912.345.678' },
      address: { province_code: '75', commune_code: '26068', street: '5 Phan Chu Trinh' },
      deliveries: [
        { producer_id: a, kind: 'ship' },
        { producer_id: b, kind: 'ship' },
      ],
      payment_method: 'vietqr',
    };
    const refused = await send('/orders', 'POST', body, { 'idempotency-key': 'api-order-0001' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('không giao hàng');

    const withoutKey = await send('/orders', 'POST', body);
    expect(withoutKey.status).toBe(400);

    // The producer that does not ship: its tea is taken off the cart instead.
    const { lines } = await (await fetchApp(`/api/v1/carts/${token}`)).json<Cart>();
    await send(`/carts/${token}/lines/${lines.find((line) => line.product_id === tea.id)!.id}`, 'PATCH', {
      quantity: 0,
    });
    body.deliveries = [{ producer_id: a, kind: 'ship' }];
    const placed = await send('/orders', 'POST', body, { 'idempotency-key': 'api-order-0001' });
    expect(placed.status).toBe(201);
    const order = await placed.json<{
      token: string;
      reference: string;
      total: number;
      buyer: { phone: string };
      sub_orders: { vietqr: { payload: string; amount: number } | null }[];
      checkout_url: null;
    }>();
    expect(order).toMatchObject({ total: 330_000, buyer: { phone: '+84912345678' }, checkout_url: null });
    expect(order.sub_orders[0]!.vietqr).toMatchObject({ amount: 330_000 });
    expect(order.sub_orders[0]!.vietqr!.payload).toMatch(/^000201010212/);

    const again = await send('/orders', 'POST', body, { 'idempotency-key': 'api-order-0001' });
    expect((await again.json<{ reference: string }>()).reference).toBe(order.reference);
    expect(await stockOf(honey.id)).toBe(3);

    const read = await fetchApp(`/api/v1/orders/${order.token}`);
    expect(read.status).toBe(200);
    // The answer to placing is built from what the batch's inserts returned: it must be the order as stored.
    expect({ ...(await read.json<object>()), checkout_url: null }).toEqual(order);
    expect((await fetchApp('/api/v1/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it("gives each VietQR part a code for its own producer's account, the exact amount and the part's reference", async () => {
    const [a, b] = [await createSeller({ shippingFlatFee: 30_000 }), await createSeller({ shippingFlatFee: 20_000 })];
    const teaAccount = { bankBin: '970436', bankAccountNumber: '1023456789', bankAccountName: 'HTX CHE TAN CUONG' };
    await testDb().update(producers).set(teaAccount).where(eq(producers.id, b));
    const honey = await createSaleProduct({ producerId: a, price: 150_000, stock: 5 });
    const tea = await createSaleProduct({ producerId: b, price: 90_000, stock: 5 });
    const { token } = await (
      await send('/carts', 'POST', {
        lines: [
          { product_id: honey.id, quantity: 2 },
          { product_id: tea.id, quantity: 1 },
        ],
      })
    ).json<Cart>();
    const placed = await send(
      '/orders',
      'POST',
      {
        cart_token: token,
        buyer: { name: 'Đỗ Minh Châu', phone: '0987654321' },
        address: { province_code: '75', commune_code: '26068', street: '3 Hà Huy Giáp' },
        deliveries: [
          { producer_id: a, kind: 'ship' },
          { producer_id: b, kind: 'ship' },
        ],
        payment_method: 'vietqr',
      },
      { 'idempotency-key': `api-vietqr-${crypto.randomUUID()}` },
    );
    expect(placed.status).toBe(201);
    const order = await placed.json<{
      token: string;
      sub_orders: { reference: string; total: number; vietqr: { payload: string; content: string } | null }[];
    }>();
    const parts = order.sub_orders;
    expect(parts.map((part) => part.total)).toEqual([330_000, 110_000]);
    // Both parts, their lines and history, as stored.
    const read = await (await fetchApp(`/api/v1/orders/${order.token}`)).json<object>();
    expect({ ...read, checkout_url: null }).toEqual(order);
    const accounts = [DEMO_ACCOUNT, teaAccount];
    parts.forEach((part, index) => {
      expect(part.vietqr!.content).toBe(part.reference);
      expect(decodeVietQr(part.vietqr!.payload)).toEqual({
        ok: true,
        payload: {
          bankBin: accounts[index]!.bankBin,
          accountNumber: accounts[index]!.bankAccountNumber,
          amount: part.total,
          purpose: part.reference,
          service: 'QRIBFTTA',
          initiation: 'dynamic',
        },
      });
    });
  });

  it('places exactly 10 of 50 orders sent at once for the last 10 units; the others hear it sold out', async () => {
    const seller = await createSeller();
    const product = await createSaleProduct({ producerId: seller, stock: 10, nameVi: 'Bưởi Tân Triều' });
    const carts: string[] = [];
    for (let i = 0; i < 50; i++) {
      const created = await send('/carts', 'POST', { lines: [{ product_id: product.id }] });
      carts.push((await created.json<Cart>()).token);
    }
    const responses = await Promise.all(
      carts.map((token, i) =>
        send(
          '/orders',
          'POST',
          {
            cart_token: token,
            buyer: { name: `Người mua ${i}`, phone: '0912345678' },
            address: { province_code: '75', commune_code: '26068', street: '1 Lê Lợi' },
            deliveries: [{ producer_id: seller, kind: 'ship' }],
            payment_method: 'cod',
          },
          { 'idempotency-key': `rush-${i}-0000` },
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(40);
    const refusal = await responses.find((response) => response.status === 409)!.json();
    expect(refusal).toMatchObject({
      code: 'conflict',
      errors: [{ field: 'cart', message: '“Bưởi Tân Triều” đã hết hàng' }],
    });
    expect(await stockOf(product.id)).toBe(0);
  });

  it('answers 415 to a body that is not JSON and 404 to an unknown cart', async () => {
    const response = await fetchApp('/api/v1/carts', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'product_id=1',
    });
    expect(response.status).toBe(415);
    expect((await fetchApp('/api/v1/carts/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });
});
