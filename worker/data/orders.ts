/**
 * Orders, their sub-orders (one per producer), lines and status history.
 *
 * Placing an order is one D1 batch: the order, its sub-orders and lines, the stock each line takes
 * and the cart emptied, all or nothing. Stock is never read, computed and written back: each
 * line's stock is decremented in SQL and a stock_adjustments row records the stock left, whose
 * NOT NULL stock_after refuses a stock gone below zero, so the whole batch rolls back when any
 * line is short, however many checkouts race for the last units.
 *
 * A status change is a conditional UPDATE (only from the status the caller read) that writes a
 * fresh transition token. The statements after it in the same batch (stock given back or taken
 * again, history, payments, ledger) select by that token, so they act on exactly the sub-orders
 * this change moved, and on none when another request moved them first.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  like,
  lte,
  or,
  sql,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import {
  communes,
  orderItems,
  orders,
  payments,
  producers,
  productVariants,
  products,
  provinces,
  stockAdjustments,
  subOrderEvents,
  subOrders,
  cartItems,
} from '../../db/schema';
import type { deliveryKinds, paymentMethods } from '../../db/schema';
import { problem } from '../domain/errors';
import type { SubOrderStatus, TransitionActor } from '../domain/order-status';
import { aliased } from './aliased';
import { withConstraints } from './constraints';
import { insertSelect, jsonField } from './insert-select';
import { preparedBatch } from './prepared';
import { auditStatement, type AuditEntry } from './audit';
import type { Database } from './db';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** Statements for one db.batch, which wants at least one. */
export type Statements = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

export interface NewOrderLine {
  productId: number;
  variantId: number | null;
  name: string;
  variantLabel: string | null;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

export interface NewSubOrder {
  number: number;
  producerId: number;
  deliveryKind: (typeof deliveryKinds)[number];
  salesPointId: number | null;
  fairBoothId: number | null;
  pickupPlace: string | null;
  paymentDeadline: string | null;
  payee: { bankBin: string; accountNumber: string; accountName: string } | null;
  subtotal: number;
  shippingFee: number;
  total: number;
  lines: NewOrderLine[];
}

export interface NewOrder {
  code: string;
  linkToken: string;
  cartId: string;
  idempotencyKey: string;
  userId: number | null;
  buyerName: string;
  buyerPhone: string;
  buyerEmail: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  street: string | null;
  note: string | null;
  paymentMethod: (typeof paymentMethods)[number];
  subtotal: number;
  shippingFee: number;
  total: number;
  subOrders: NewSubOrder[];
}

/** The rows of a token's sub-orders' lines, with the order each belongs to. */
const linesOfToken = (token: string | Placeholder) => sql`FROM ${orderItems}
  JOIN ${subOrders} ON ${subOrders.id} = ${orderItems.subOrderId}
  JOIN ${orders} ON ${orders.id} = ${subOrders.orderId}
  WHERE ${subOrders.transitionToken} = ${token}`;

/**
 * The stock the lines of a token's sub-orders hold, taken (reserve) or given back (release), with
 * one stock_adjustments row per line. Taking is checked by that row: its stock_after is NULL once a
 * stock went below zero, and the NOT NULL column then fails the batch it is in.
 */
function stockMoveStatements(
  db: Database,
  token: string | Placeholder,
  move: 'reserve' | 'release',
  userId: number | null | Placeholder,
  /** False when no line is of a pack size: the pack-size statements would change nothing. */
  packSizes = true,
) {
  const sign = move === 'reserve' ? sql.raw('-') : sql.raw('+');
  // Summed from the token's few lines: the unary + keeps SQLite off order_items_product_idx, which
  // walked every line ever ordered of the product (0.6 ms a checkout after 2,300 orders of one
  // product, and growing with each).
  const quantityOf = (condition: SQL) =>
    sql`coalesce((SELECT sum(${orderItems.quantity}) FROM ${orderItems}
      JOIN ${subOrders} ON ${subOrders.id} = ${orderItems.subOrderId}
      WHERE ${subOrders.transitionToken} = ${token} AND ${condition}), 0)`;
  const stockAfter = sql`CASE WHEN ${orderItems.variantId} IS NULL
    THEN (SELECT CASE WHEN ${products.stock} >= 0 THEN ${products.stock} END FROM ${products} WHERE ${products.id} = ${orderItems.productId})
    ELSE (SELECT CASE WHEN ${productVariants.stock} >= 0 THEN ${productVariants.stock} END FROM ${productVariants} WHERE ${productVariants.id} = ${orderItems.variantId})
    END`;
  const reason = move === 'reserve' ? 'order_reserved: ' : 'order_released: ';
  return [
    db
      .update(products)
      .set({
        stock: sql`${products.stock} ${sign} ${quantityOf(sql`+${orderItems.productId} = ${products.id} AND ${orderItems.variantId} IS NULL`)}`,
        updatedAt: now,
      })
      .where(
        sql`${products.id} IN (SELECT ${orderItems.productId} ${linesOfToken(token)} AND ${orderItems.variantId} IS NULL)`,
      ),
    ...(packSizes
      ? [
          db
            .update(productVariants)
            .set({
              stock: sql`${productVariants.stock} ${sign} ${quantityOf(sql`${orderItems.variantId} = ${productVariants.id}`)}`,
            })
            .where(sql`${productVariants.id} IN (SELECT ${orderItems.variantId} ${linesOfToken(token)})`),
          // A product with pack sizes shows their summed stock and lowest price (as refreshVariantFigures keeps them).
          db
            .update(products)
            .set({
              stock: sql`(SELECT coalesce(sum(${productVariants.stock}), 0) FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id})`,
              updatedAt: now,
            })
            .where(
              sql`${products.id} IN (SELECT ${orderItems.productId} ${linesOfToken(token)} AND ${orderItems.variantId} IS NOT NULL)`,
            ),
        ]
      : []),
    insertSelect(
      db,
      stockAdjustments,
      {
        product_id: sql`${orderItems.productId}`,
        variant_id: sql`${orderItems.variantId}`,
        delta: sql`${sign}${orderItems.quantity}`,
        stock_after: stockAfter,
        reason: sql`${reason} || 'OCOP' || ${orders.code} || ${subOrders.number}`,
        user_id: userId,
      },
      linesOfToken(token),
    ),
  ];
}

/** The history row of every sub-order a token moved. */
function eventStatement(
  db: Database,
  token: string | Placeholder,
  from: SubOrderStatus | null,
  to: SubOrderStatus,
  actor: TransitionActor,
  userId: number | null | Placeholder,
  note: string | null,
) {
  return insertSelect(
    db,
    subOrderEvents,
    {
      sub_order_id: sql`${subOrders.id}`,
      from_status: from,
      to_status: to,
      actor,
      user_id: userId,
      note,
    },
    sql`FROM ${subOrders} WHERE ${subOrders.transitionToken} = ${token}`,
  );
}

const value = (name: string) => sql.placeholder(name);

/** The order's columns, each a placeholder of its own name. */
const orderHead = {
  code: value('code'),
  linkToken: value('linkToken'),
  cartId: value('cartId'),
  idempotencyKey: value('idempotencyKey'),
  userId: value('userId'),
  buyerName: value('buyerName'),
  buyerPhone: value('buyerPhone'),
  buyerEmail: value('buyerEmail'),
  provinceCode: value('provinceCode'),
  communeCode: value('communeCode'),
  street: value('street'),
  note: value('note'),
  paymentMethod: value('paymentMethod'),
  subtotal: value('subtotal'),
  shippingFee: value('shippingFee'),
  total: value('total'),
};

/** Placing an order's one batch, built once per isolate in each shape: it runs on every checkout. */
const orderStatements = (db: Database, packSizes: boolean) => {
  const token = value('token');
  const orderId = sql`(SELECT ${orders.id} FROM ${orders} WHERE ${orders.code} = ${value('code')})`;
  return [
    db
      .insert(orders)
      .values(orderHead)
      .returning({
        ...getTableColumns(orders),
        provinceName: sql<string | null>`(SELECT ${provinces.fullNameVi} FROM ${provinces}
          WHERE ${provinces.code} = ${orders.provinceCode})`,
        communeName: sql<string | null>`(SELECT ${communes.fullNameVi} FROM ${communes}
          WHERE ${communes.code} = ${orders.communeCode})`,
      }),
    insertSelect(
      db,
      subOrders,
      {
        order_id: orderId,
        number: jsonField('number'),
        producer_id: jsonField('producerId'),
        status: 'pending_payment',
        delivery_kind: jsonField('deliveryKind'),
        sales_point_id: jsonField('salesPointId'),
        fair_booth_id: jsonField('fairBoothId'),
        pickup_place: jsonField('pickupPlace'),
        payment_deadline: jsonField('paymentDeadline'),
        payee_bank_bin: jsonField('payeeBankBin'),
        payee_account_number: jsonField('payeeAccountNumber'),
        payee_account_name: jsonField('payeeAccountName'),
        subtotal: jsonField('subtotal'),
        shipping_fee: jsonField('shippingFee'),
        total: jsonField('total'),
        transition_token: sql`${token}`,
      },
      sql`FROM json_each(${value('parts')})`,
    ).returning({
      ...getTableColumns(subOrders),
      producerName: sql<string>`(SELECT ${producers.name} FROM ${producers} WHERE ${producers.id} = ${subOrders.producerId})`,
      producerSlug: sql<string>`(SELECT ${producers.slug} FROM ${producers} WHERE ${producers.id} = ${subOrders.producerId})`,
      producerPhone: sql<
        string | null
      >`(SELECT ${producers.phone} FROM ${producers} WHERE ${producers.id} = ${subOrders.producerId})`,
      producerZalo: sql<
        string | null
      >`(SELECT ${producers.zalo} FROM ${producers} WHERE ${producers.id} = ${subOrders.producerId})`,
    }),
    insertSelect(
      db,
      orderItems,
      {
        sub_order_id: sql`${subOrders.id}`,
        product_id: jsonField('productId'),
        variant_id: jsonField('variantId'),
        name_snapshot: jsonField('name'),
        variant_label: jsonField('variantLabel'),
        unit_price: jsonField('unitPrice'),
        quantity: jsonField('quantity'),
        line_total: jsonField('lineTotal'),
      },
      sql`FROM json_each(${value('lines')})
        JOIN ${subOrders} ON ${subOrders.transitionToken} = ${token} AND ${subOrders.number} = value ->> 'number'`,
    ).returning(),
    eventStatement(db, token, null, 'pending_payment', 'buyer', value('userId'), null).returning(),
    db.delete(cartItems).where(eq(cartItems.cartId, value('cartId'))),
    // After the statements whose returned rows make the order's detail, whatever the order's shape.
    ...stockMoveStatements(db, token, 'reserve', value('userId'), packSizes),
  ] as const;
};
const orderBatch = preparedBatch((db) => orderStatements(db, true));
const orderBatchWithoutPackSizes = preparedBatch((db) => orderStatements(db, false));

/**
 * Writes a new order whole: order, sub-orders, lines, stock taken, history, cart emptied. Refused
 * as a conflict when this cart already placed an order with this idempotency key, and with
 * sold_out (no product named: the caller reads which) when a line's stock ran short.
 */
export async function insertOrder(db: Database, order: NewOrder, token: string): Promise<OrderDetail> {
  const { subOrders: parts, ...head } = order;
  const partRows = parts.map((part) => ({
    number: part.number,
    producerId: part.producerId,
    deliveryKind: part.deliveryKind,
    salesPointId: part.salesPointId,
    fairBoothId: part.fairBoothId,
    pickupPlace: part.pickupPlace,
    paymentDeadline: part.paymentDeadline,
    payeeBankBin: part.payee?.bankBin ?? null,
    payeeAccountNumber: part.payee?.accountNumber ?? null,
    payeeAccountName: part.payee?.accountName ?? null,
    subtotal: part.subtotal,
    shippingFee: part.shippingFee,
    total: part.total,
  }));
  const lineRows = parts.flatMap((part) => part.lines.map((line) => ({ number: part.number, ...line })));
  const results = await withConstraints(
    () =>
      (lineRows.some((line) => line.variantId !== null) ? orderBatch : orderBatchWithoutPackSizes)(db, {
        ...head,
        token,
        parts: JSON.stringify(partRows),
        lines: JSON.stringify(lineRows),
      }),
    {
      'UNIQUE orders.cart_id, orders.idempotency_key': 'conflict',
      'NOT NULL stock_adjustments.stock_after': problem('cart', 'sold_out'),
    },
  );
  // The order as its pages and the API show it, from what the inserts returned (no read-back):
  // nothing else can have touched it inside the batch, and a new order has no payment yet.
  const [orderRows, returnedParts, returnedLines, eventRows] = results as unknown as [
    (OrderRow & { provinceName: string | null; communeName: string | null })[],
    (typeof subOrders.$inferSelect & {
      producerName: string;
      producerSlug: string;
      producerPhone: string | null;
      producerZalo: string | null;
    })[],
    (typeof orderItems.$inferSelect)[],
    (typeof subOrderEvents.$inferSelect)[],
  ];
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  return toOrderDetail([
    orderRows.map(({ provinceName, communeName, ...row }) => ({ order: row, provinceName, communeName })),
    returnedParts
      .sort((a, b) => a.number - b.number)
      .map(({ producerName, producerSlug, producerPhone, producerZalo, ...subOrder }) => ({
        subOrder,
        producerName,
        producerSlug,
        producerPhone,
        producerZalo,
      })),
    returnedLines.sort(byId),
    eventRows.sort(byId),
    [],
  ] as unknown as DetailRows)!;
}

export type OrderRow = typeof orders.$inferSelect;

export async function setOrderNotified(db: Database, orderId: number): Promise<void> {
  await db.update(orders).set({ notifiedAt: now }).where(eq(orders.id, orderId));
}

/** Which sub-orders a move applies to. */
export type MoveTarget =
  | { subOrderIds: readonly number[] }
  /** Every sub-order of the order in the `from` status. */
  | { orderId: number };

export interface SubOrderMove {
  target: MoveTarget;
  from: SubOrderStatus;
  to: SubOrderStatus;
  /** Only the sub-orders whose payment deadline is at or before this instant (the expiry sweep). */
  overdueAt?: string;
  actor: TransitionActor;
  userId: number | null;
  note: string | null;
  shipment?: { carrier: string; trackingNumber: string };
  /** Only when what matched transfers brought covers the total (decided in SQL, after a credit in the same batch). */
  paidInFull?: boolean;
  /** A new payment deadline, for a delayed card payment on its way. */
  paymentDeadline?: string;
  stock: 'release' | 'reserve' | null;
}

/**
 * The statements of a conditional status change: the sub-orders still in `from` move to `to`
 * under `token`, then their stock, and their history. Callers add their own token-selected
 * statements (payments, ledger) and run them all in one batch, ending with movedStatement.
 */
export function moveStatements(db: Database, move: SubOrderMove, token: string): Statements {
  const target =
    'orderId' in move.target
      ? eq(subOrders.orderId, move.target.orderId)
      : inArray(subOrders.id, [...move.target.subOrderIds]);
  return [
    db
      .update(subOrders)
      .set({
        status: move.to,
        transitionToken: token,
        updatedAt: now,
        ...(move.shipment ? { carrier: move.shipment.carrier, trackingNumber: move.shipment.trackingNumber } : {}),
        ...(move.paymentDeadline ? { paymentDeadline: move.paymentDeadline } : {}),
      })
      .where(
        and(
          target,
          eq(subOrders.status, move.from),
          move.overdueAt ? lte(subOrders.paymentDeadline, move.overdueAt) : undefined,
          move.paidInFull ? sql`${subOrders.amountReceived} >= ${subOrders.total}` : undefined,
        ),
      ),
    ...(move.stock ? stockMoveStatements(db, token, move.stock, move.userId) : []),
    eventStatement(db, token, move.from, move.to, move.actor, move.userId, move.note),
  ];
}

/** The sub-orders a token moved: the last statement of a move's batch. */
export const movedStatement = (db: Database, token: string) =>
  db
    .select({ id: subOrders.id, orderId: subOrders.orderId, producerId: subOrders.producerId, total: subOrders.total })
    .from(subOrders)
    .where(eq(subOrders.transitionToken, token));

export type MovedSubOrder = { id: number; orderId: number; producerId: number; total: number };

/**
 * Runs a move in one batch with the statements that go with it (a payment, a ledger entry, each
 * selecting the moved rows by `token`) and its audit entry; answers the sub-orders it moved, none
 * when another request moved them first. Taking stock again (a late payment) that finds it short
 * is refused as sold_out.
 */
export async function runMove(
  db: Database,
  move: SubOrderMove,
  token: string,
  extra: readonly BatchItem<'sqlite'>[] = [],
  audit?: AuditEntry,
): Promise<MovedSubOrder[]> {
  const results = await withConstraints(
    () =>
      db.batch([
        ...moveStatements(db, move, token),
        ...extra,
        ...(audit ? [auditStatement(db, audit)] : []),
        movedStatement(db, token),
      ]),
    { 'NOT NULL stock_adjustments.stock_after': problem('status', 'sold_out') },
  );
  return results.at(-1) as MovedSubOrder[];
}

/** A later payment deadline for the parts of an order still waiting (a card session made anew). */
export async function extendPaymentDeadline(db: Database, orderId: number, deadline: string): Promise<void> {
  await db
    .update(subOrders)
    .set({ paymentDeadline: deadline, updatedAt: now })
    .where(and(eq(subOrders.orderId, orderId), eq(subOrders.status, 'pending_payment')));
}

/** The statements that read an order with everything its pages show, by a condition on the orders table. */
function orderDetailStatements(db: Database, condition: SQL) {
  const orderId = sql`(SELECT ${orders.id} FROM ${orders} WHERE ${condition})`;
  return [
    db
      .select({
        order: orders,
        provinceName: aliased(provinces.fullNameVi, 'province_name'),
        communeName: aliased(communes.fullNameVi, 'commune_name'),
      })
      .from(orders)
      .leftJoin(provinces, eq(provinces.code, orders.provinceCode))
      .leftJoin(communes, eq(communes.code, orders.communeCode))
      .where(condition),
    db
      .select({
        subOrder: subOrders,
        producerName: aliased(producers.name, 'producer_name'),
        producerSlug: aliased(producers.slug, 'producer_slug'),
        producerPhone: aliased(producers.phone, 'producer_phone'),
        producerZalo: aliased(producers.zalo, 'producer_zalo'),
      })
      .from(subOrders)
      .innerJoin(producers, eq(producers.id, subOrders.producerId))
      .where(sql`${subOrders.orderId} = ${orderId}`)
      .orderBy(asc(subOrders.number)),
    db
      .select()
      .from(orderItems)
      .where(
        sql`${orderItems.subOrderId} IN (SELECT ${subOrders.id} FROM ${subOrders} WHERE ${subOrders.orderId} = ${orderId})`,
      )
      .orderBy(asc(orderItems.id)),
    db
      .select()
      .from(subOrderEvents)
      .where(
        sql`${subOrderEvents.subOrderId} IN (SELECT ${subOrders.id} FROM ${subOrders} WHERE ${subOrders.orderId} = ${orderId})`,
      )
      .orderBy(asc(subOrderEvents.id)),
    db
      .select()
      .from(payments)
      .where(sql`${payments.orderId} = ${orderId}`)
      .orderBy(asc(payments.id)),
  ] as const;
}

type DetailStatements = ReturnType<typeof orderDetailStatements>;
type DetailRows = [
  Awaited<DetailStatements[0]>,
  Awaited<DetailStatements[1]>,
  Awaited<DetailStatements[2]>,
  Awaited<DetailStatements[3]>,
  Awaited<DetailStatements[4]>,
];

function toOrderDetail([orderRows, parts, lines, events, paymentRows]: DetailRows) {
  const [head] = orderRows;
  if (!head) return null;
  return {
    order: head.order,
    place: { provinceName: head.provinceName, communeName: head.communeName },
    subOrders: parts.map((part) => ({
      ...part.subOrder,
      producer: {
        name: part.producerName,
        slug: part.producerSlug,
        phone: part.producerPhone,
        zalo: part.producerZalo,
      },
      lines: lines.filter((line) => line.subOrderId === part.subOrder.id),
      events: events.filter((event) => event.subOrderId === part.subOrder.id),
    })),
    payments: paymentRows,
  };
}

/** An order with everything its pages show, in one round trip. */
async function findOrderWhere(db: Database, condition: SQL) {
  return toOrderDetail((await db.batch(orderDetailStatements(db, condition))) as DetailRows);
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof findOrderWhere>>>;

export const findOrderByLinkToken = (db: Database, linkToken: string) =>
  findOrderWhere(db, eq(orders.linkToken, linkToken));

export const findOrderById = (db: Database, orderId: number) => findOrderWhere(db, eq(orders.id, orderId));

/** A sub-order's order id and producer, for access checks before its order is read. */
export async function findSubOrderOwner(db: Database, subOrderId: number) {
  const [row] = await db
    .select({ orderId: subOrders.orderId, producerId: subOrders.producerId })
    .from(subOrders)
    .where(eq(subOrders.id, subOrderId));
  return row ?? null;
}

/** The sub-order a bank transfer's reference names, with what a transfer is checked against. */
export async function findSubOrderByReference(db: Database, orderCode: string, number: number) {
  const [row] = await db
    .select({
      id: subOrders.id,
      orderId: subOrders.orderId,
      status: subOrders.status,
      total: subOrders.total,
      amountReceived: subOrders.amountReceived,
      payeeAccountNumber: subOrders.payeeAccountNumber,
      method: orders.paymentMethod,
    })
    .from(subOrders)
    .innerJoin(orders, eq(orders.id, subOrders.orderId))
    .where(and(eq(orders.code, orderCode), eq(subOrders.number, number)));
  return row ?? null;
}

/** How many parts an order has, for a transfer naming the whole order (part 0). */
export async function countSubOrders(db: Database, orderCode: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)` })
    .from(subOrders)
    .innerJoin(orders, eq(orders.id, subOrders.orderId))
    .where(eq(orders.code, orderCode));
  return row?.count ?? 0;
}

/** Sub-orders still waiting for payment past their deadline, oldest first, with how their order pays. */
export async function findOverdueSubOrders(db: Database, at: string, limit: number, orderId?: number) {
  return db
    .select({ id: subOrders.id, orderId: subOrders.orderId, method: orders.paymentMethod })
    .from(subOrders)
    .innerJoin(orders, eq(orders.id, subOrders.orderId))
    .where(
      and(
        eq(subOrders.status, 'pending_payment'),
        lte(subOrders.paymentDeadline, at),
        orderId === undefined ? undefined : eq(subOrders.orderId, orderId),
      ),
    )
    .orderBy(asc(subOrders.paymentDeadline))
    .limit(limit);
}

/** A producer's sub-orders, newest first, optionally of some statuses only. */
export async function listProducerSubOrders(
  db: Database,
  producerId: number,
  statuses: readonly SubOrderStatus[] | null,
  limit: number,
  offset: number,
) {
  return db
    .select({
      id: subOrders.id,
      number: subOrders.number,
      status: subOrders.status,
      total: subOrders.total,
      deliveryKind: subOrders.deliveryKind,
      createdAt: subOrders.createdAt,
      code: orders.code,
      buyerName: orders.buyerName,
      paymentMethod: orders.paymentMethod,
    })
    .from(subOrders)
    .innerJoin(orders, eq(orders.id, subOrders.orderId))
    .where(and(eq(subOrders.producerId, producerId), statuses ? inArray(subOrders.status, [...statuses]) : undefined))
    .orderBy(desc(subOrders.createdAt), desc(subOrders.id))
    .limit(limit + 1)
    .offset(offset);
}

/** Orders for staff, newest first: by reference key, phone or buyer name when asked. */
export async function listOrders(
  db: Database,
  query: { code?: string; phone?: string; text?: string },
  limit: number,
  offset: number,
) {
  const conditions = [
    query.code ? eq(orders.code, query.code) : undefined,
    query.phone ? eq(orders.buyerPhone, query.phone) : undefined,
    query.text ? like(orders.buyerName, `%${query.text}%`) : undefined,
  ].filter((condition) => condition !== undefined);
  return db
    .select({
      id: orders.id,
      code: orders.code,
      buyerName: orders.buyerName,
      buyerPhone: orders.buyerPhone,
      paymentMethod: orders.paymentMethod,
      total: orders.total,
      createdAt: orders.createdAt,
      statuses: sql<string>`(SELECT group_concat(${subOrders.status}) FROM ${subOrders} WHERE ${subOrders.orderId} = ${orders.id})`,
    })
    .from(orders)
    .where(conditions.length > 0 ? or(...conditions) : undefined)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1)
    .offset(offset);
}

/** A signed-in buyer's orders, newest first. */
export async function listOrdersOfUser(db: Database, userId: number, limit: number) {
  return db
    .select({
      code: orders.code,
      linkToken: orders.linkToken,
      total: orders.total,
      paymentMethod: orders.paymentMethod,
      createdAt: orders.createdAt,
      statuses: sql<string>`(SELECT group_concat(${subOrders.status}) FROM ${subOrders} WHERE ${subOrders.orderId} = ${orders.id})`,
    })
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}

/** Stock left now of the given products and pack sizes, to name what sold out. */
export async function currentStock(db: Database, productIds: readonly number[], variantIds: readonly number[]) {
  const [productRows, variantRows] = await db.batch([
    db
      .select({ id: products.id, stock: products.stock })
      .from(products)
      .where(inArray(products.id, productIds.length > 0 ? [...productIds] : [0])),
    db
      .select({ id: productVariants.id, stock: productVariants.stock })
      .from(productVariants)
      .where(inArray(productVariants.id, variantIds.length > 0 ? [...variantIds] : [0])),
  ]);
  return {
    products: new Map(productRows.map((row) => [row.id, row.stock])),
    variants: new Map(variantRows.map((row) => [row.id, row.stock])),
  };
}
