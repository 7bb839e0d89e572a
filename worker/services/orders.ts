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
import type { SubOrderStatus } from '../domain/order-status';
import { cardReturn, ensureCheckoutSession, type CardDeps, type CardPageContext } from './card-payments';
import { expireIfOverdue } from './order-expiry';
import { cancelUnpaidParts, moveSubOrder, type MoveRequest } from './order-fulfilment';
import { placeOrder, type CheckoutDeps, type CheckoutRequest } from './checkout';

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

/** The buyer cancels the parts of their order still waiting for payment. */
export async function buyerCancels(deps: CardDeps, linkToken: string, userId: number | null): Promise<void> {
  await cancelUnpaidParts(deps, await orderByLink(deps, linkToken), { kind: 'buyer', userId });
}

/** The buyer moves one part (says it arrived, or cancels a cash-on-delivery part before it leaves). */
export async function buyerMoves(
  deps: CardDeps,
  linkToken: string,
  number: number,
  to: SubOrderStatus,
  userId: number | null,
): Promise<void> {
  const order = await orderByLink(deps, linkToken);
  const part = order.subOrders.find((candidate) => candidate.number === number);
  if (!part) throw notFound();
  await moveSubOrder(deps, order, part, { to }, { kind: 'buyer', userId });
}

/** A producer member (or an administrator) moves its part of an order. */
export async function producerMoves(deps: CardDeps, subOrderId: number, actor: Actor, request: MoveRequest) {
  const { order, part } = await producerPart(deps, subOrderId, actor);
  await moveSubOrder(deps, order, part, request, { kind: 'producer', userId: actor.id });
}

/** Staff move a part of an order, refunds included. */
export async function staffMoves(
  deps: CardDeps,
  orderId: number,
  subOrderId: number,
  userId: number,
  request: MoveRequest,
): Promise<void> {
  const order = await orderById(deps, orderId);
  const part = order.subOrders.find((candidate) => candidate.id === subOrderId);
  if (!part) throw notFound();
  await moveSubOrder(deps, order, part, request, { kind: 'staff', userId });
}

/** Where the buyer pays a card order now: its Stripe page, or null when card payment is unavailable. */
export async function payByCard(deps: CardDeps, page: CardPageContext, linkToken: string): Promise<string | null> {
  const order = await orderByLink(deps, linkToken);
  return (await ensureCheckoutSession(deps, page, order))?.url ?? null;
}

/** Back from Stripe's page: the payment applied if Stripe says it is paid. */
export async function returnFromCard(deps: CardDeps, linkToken: string, sessionId: string): Promise<void> {
  await cardReturn(deps, await orderByLink(deps, linkToken), sessionId);
}

/** Places an order for an API client and answers it as read back, with where to pay a card order. */
export async function placeOrderForApi(deps: CheckoutDeps, request: CheckoutRequest) {
  const { order, detail, checkoutUrl } = await placeOrder(deps, request);
  return { order: detail ?? (await findOrderById(deps.db, order.id))!, checkoutUrl };
}
