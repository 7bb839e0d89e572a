/**
 * Reading an order for the people who follow it: the buyer by the order link, the producer its
 * own part, staff all of it. Every read lets overdue parts expire first (services/order-expiry.ts),
 * so nobody sees a part waiting for money after its window closed.
 */
import {
  findOrderById,
  findOrderByLinkToken,
  findSubOrderOwner,
  listOrdersOfUser,
  type OrderDetail,
} from '../data/orders';
import { notFound } from '../domain/errors';
import { enforce, producerDataAccess, type Actor } from '../domain/policy';
import type { CardDeps } from './card-payments';
import { expireIfOverdue } from './order-expiry';

/** An order link's token: what randomToken() makes. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

async function fresh(deps: CardDeps, order: OrderDetail | null): Promise<OrderDetail> {
  if (!order) throw notFound();
  if (await expireIfOverdue(deps, order)) return (await findOrderById(deps.db, order.order.id))!;
  return order;
}

/** The buyer's order, by the token of its link. */
export async function orderByLink(deps: CardDeps, linkToken: string): Promise<OrderDetail> {
  if (!LINK_TOKEN_PATTERN.test(linkToken)) throw notFound();
  return fresh(deps, await findOrderByLinkToken(deps.db, linkToken));
}

/** Any order, for staff. */
export async function orderById(deps: CardDeps, orderId: number): Promise<OrderDetail> {
  return fresh(deps, await findOrderById(deps.db, orderId));
}

/**
 * A producer's part of an order, for a member of that producer (or an administrator): another
 * producer's part answers 404 like a missing one.
 */
export async function producerPart(deps: CardDeps, subOrderId: number, actor: Actor) {
  const owner = await findSubOrderOwner(deps.db, subOrderId);
  if (!owner) throw notFound();
  enforce(producerDataAccess(actor, owner.producerId));
  const order = await orderById(deps, owner.orderId);
  const part = order.subOrders.find((candidate) => candidate.id === subOrderId)!;
  return { order, part };
}

/** A signed-in buyer's own orders. */
export const ordersOfUser = (deps: Pick<CardDeps, 'db'>, userId: number) => listOrdersOfUser(deps.db, userId, 100);
