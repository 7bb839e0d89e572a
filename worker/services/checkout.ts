/**
 * Checkout: what the cart would cost with the buyer's choices, and placing the order.
 *
 * Placing reads everything in one round trip (services read, domain decides), writes the whole
 * order in one batch that also takes the stock (data/orders.ts), then, for a card order, makes the
 * Stripe Checkout Session, and tells the buyer through the OrderNotifier. The form carries an
 * idempotency key: the same cart and key place one order, however often the form is sent, and a
 * later attempt finishes what an earlier one left undone (the session, the notice).
 */
import { randomBytes, randomToken } from '../crypto/random';
import { findCheckout, type Checkout } from '../data/carts';
import type { Database } from '../data/db';
import {
  currentStock,
  findOrderById,
  insertOrder,
  setOrderNotified,
  type NewOrder,
  type OrderDetail,
  type OrderRow,
} from '../data/orders';
import type { PickupPlaces } from '../data/pickup-places';
import { provincesByCode } from '../data/reference';
import type { PaymentEnv } from '../config';
import { cardPayments } from '../config';
import { draftOrder, type OrderDraft, type ProducerDelivery } from '../domain/cart';
import { orderProblem, paymentDeadline, transferUnavailable } from '../domain/checkout';
import { AppError, problem, refused, type FieldProblem } from '../domain/errors';
import { newOrderKey, orderReference, ORDER_KEY_BYTES } from '../domain/order-reference';
import type { PaymentMethod } from '../domain/order-status';
import type { DeliveryChoice, DeliveryOptions } from '../domain/shipping';
import type { OrderNotifier } from '../gateways/order-notifier';
import { ensureCheckoutSession, type CardPageContext } from './card-payments';
import { judgeLines, type CartContents } from './carts';

export interface CheckoutDeps {
  db: Database;
  env: PaymentEnv;
  now: Date;
  today: string;
  notifier: OrderNotifier;
  page: CardPageContext;
}

export interface Buyer {
  name: string;
  /** E.164, normalised by the form. */
  phone: string;
  email: string | null;
}

export interface Address {
  provinceCode: string;
  communeCode: string;
  street: string;
}

export interface CheckoutRequest {
  cartId: string;
  userId: number | null;
  idempotencyKey: string;
  buyer: Buyer;
  /** Null when the buyer gave none (fine when every part is picked up). */
  address: Address | null;
  deliveries: ReadonlyMap<number, DeliveryChoice>;
  note: string | null;
  paymentMethod: PaymentMethod;
}

export interface ProducerAtCheckout {
  id: number;
  name: string;
  options: DeliveryOptions;
  places: PickupPlaces;
  /** The part can be paid by VietQR: the producer gave a usable account. */
  transferReady: boolean;
  /** That account, which the order keeps for its QR code. */
  account: { bankBin: string; accountNumber: string; accountName: string } | null;
}

export interface CheckoutState {
  cart: CartContents;
  producers: ProducerAtCheckout[];
  communes: Checkout['communes'];
  payment: Record<PaymentMethod, boolean>;
  /** What the order costs with the choices given; null while a choice is missing or refused. */
  draft: OrderDraft | null;
  /** Why it cannot be placed as it is (each beside its field). */
  problems: FieldProblem[];
  /** The order this cart already placed with this idempotency key. */
  placed: OrderRow | null;
}

function producersAtCheckout(checkout: Checkout): ProducerAtCheckout[] {
  return checkout.producers.map((producer) => {
    const places = checkout.pickupPlaces.get(producer.id) ?? { salesPoints: [], fairBooths: [] };
    return {
      id: producer.id,
      name: producer.name,
      places,
      transferReady: !transferUnavailable(producer),
      account: transferUnavailable(producer)
        ? null
        : {
            bankBin: producer.bankBin!,
            accountNumber: producer.bankAccountNumber!,
            accountName: producer.bankAccountName!,
          },
      options: {
        shipping:
          producer.shippingFlatFee === null
            ? null
            : { flatFee: producer.shippingFlatFee, freeFrom: producer.shippingFreeFrom },
        salesPointIds: places.salesPoints.map((place) => place.id),
        fairBoothIds: places.fairBooths.map((place) => place.id),
      },
    };
  });
}

/** The checkout page and the checks of placing: the cart, each producer's ways of delivery, what is missing. */
export async function checkoutState(
  deps: Pick<CheckoutDeps, 'db' | 'env' | 'today'>,
  request: Partial<CheckoutRequest> & { cartId: string },
  /** The form lists every pick-up place; placing an order whose every part is shipped reads none. */
  reading: { pickupPlaces: boolean } = { pickupPlaces: true },
): Promise<CheckoutState> {
  const checkout = await findCheckout(deps.db, {
    cartId: request.cartId,
    idempotencyKey: request.idempotencyKey ?? null,
    today: deps.today,
    provinceCode: request.address?.provinceCode ?? null,
    communeCode: request.address?.communeCode || null,
    pickupPlaces: reading.pickupPlaces,
  });
  const cart = judgeLines(checkout.lines);
  const producers = producersAtCheckout(checkout);
  const names = {
    product: (id: number) => checkout.lines.find((line) => line.productId === id)?.nameVi ?? String(id),
    producer: (id: number) => producers.find((producer) => producer.id === id)?.name ?? String(id),
  };
  const problems: FieldProblem[] = [...cart.problems.values()];
  const deliveries = new Map<number, ProducerDelivery>(
    producers.map((producer) => [
      producer.id,
      { options: producer.options, choice: request.deliveries?.get(producer.id) ?? null },
    ]),
  );
  let draft: OrderDraft | null = null;
  if (cart.check.lines.length === 0 && cart.check.issues.length === 0) {
    problems.push(problem('cart', 'cart_empty'));
  } else if (problems.length === 0) {
    const drafted = draftOrder(cart.check.lines, deliveries);
    if (drafted.ok) draft = drafted.order;
    else problems.push(...drafted.issues.map((issue) => orderProblem(issue, names)));
  }
  const payment = {
    card: cardPayments(deps.env) !== null,
    vietqr: producers.every((producer) => producer.transferReady),
    cod: true,
  };
  return { cart, producers, communes: checkout.communes, payment, draft, problems, placed: checkout.placed };
}

/** The buyer's own answers: an address when a part is shipped, and a way of paying every part can take. */
function answerProblems(state: CheckoutState, request: CheckoutRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ships = state.draft?.subOrders.some((part) => part.delivery.kind === 'ship') ?? false;
  if (ships) {
    if (!request.address) {
      problems.push(problem('street', 'address_required'));
    } else if (!provincesByCode.has(request.address.provinceCode)) {
      problems.push(problem('provinceCode', 'unknown_province'));
    } else if (!state.communes.some((commune) => commune.code === request.address!.communeCode)) {
      problems.push(problem('communeCode', 'commune_not_in_province'));
    }
  }
  if (!state.payment[request.paymentMethod]) {
    const producer = state.producers.find((candidate) => !candidate.transferReady);
    problems.push(
      problem('paymentMethod', 'payment_unavailable', {
        method: request.paymentMethod,
        producer: request.paymentMethod === 'vietqr' ? (producer?.name ?? '') : '',
      }),
    );
  }
  return problems;
}

export interface Placement {
  order: OrderRow;
  /** The order as its pages show it, when this request placed it (read back in the same round trip). */
  detail: OrderDetail | null;
  /** Where the buyer goes next: Stripe's page for a card order, else the order page. */
  checkoutUrl: string | null;
}

/** Places the order, or finishes the one this form already placed. */
export async function placeOrder(deps: CheckoutDeps, request: CheckoutRequest): Promise<Placement> {
  const pickupPlaces = [...request.deliveries.values()].some((choice) => choice.kind !== 'ship');
  const state = await checkoutState(deps, request, { pickupPlaces });
  if (state.placed) return finishPlacement(deps, state.placed);
  const problems = [...state.problems, ...answerProblems(state, request)];
  const [first, ...more] = problems;
  if (first) throw refused(first, ...more);
  const draft = state.draft!;

  const code = newOrderKey(randomBytes(ORDER_KEY_BYTES));
  const deadline = paymentDeadline(request.paymentMethod, deps.now);
  const producers = new Map(state.producers.map((producer) => [producer.id, producer]));
  const lineOf = new Map(state.cart.lines.map((line) => [`${line.productId}:${line.variantId ?? ''}`, line]));
  const ships = draft.subOrders.some((part) => part.delivery.kind === 'ship');
  const order: NewOrder = {
    code,
    linkToken: randomToken(),
    cartId: request.cartId,
    idempotencyKey: request.idempotencyKey,
    userId: request.userId,
    buyerName: request.buyer.name,
    buyerPhone: request.buyer.phone,
    buyerEmail: request.buyer.email,
    provinceCode: ships ? request.address!.provinceCode : null,
    communeCode: ships ? request.address!.communeCode : null,
    street: ships ? request.address!.street : null,
    note: request.note,
    paymentMethod: request.paymentMethod,
    subtotal: draft.subtotal,
    shippingFee: draft.shippingFee,
    total: draft.total,
    subOrders: draft.subOrders.map((part) => {
      const places = producers.get(part.producerId)!.places;
      const pickup =
        part.delivery.kind === 'sales_point'
          ? places.salesPoints.find((place) => place.id === (part.delivery as { salesPointId: number }).salesPointId)
          : part.delivery.kind === 'fair_booth'
            ? places.fairBooths.find((place) => place.id === (part.delivery as { fairBoothId: number }).fairBoothId)
            : undefined;
      return {
        number: part.number,
        producerId: part.producerId,
        deliveryKind: part.delivery.kind,
        salesPointId: part.delivery.kind === 'sales_point' ? part.delivery.salesPointId : null,
        fairBoothId: part.delivery.kind === 'fair_booth' ? part.delivery.fairBoothId : null,
        pickupPlace: pickup?.label ?? null,
        paymentDeadline: deadline,
        payee: request.paymentMethod === 'vietqr' ? producers.get(part.producerId)!.account : null,
        subtotal: part.subtotal,
        shippingFee: part.shippingFee,
        total: part.total,
        lines: part.lines.map((line) => {
          const row = lineOf.get(`${line.productId}:${line.variantId ?? ''}`)!;
          return {
            productId: line.productId,
            variantId: line.variantId,
            name: row.nameVi,
            variantLabel: row.variantLabelVi,
            unitPrice: line.unitPrice,
            quantity: line.quantity,
            lineTotal: line.lineTotal,
          };
        }),
      };
    }),
  };
  let placed: OrderDetail;
  try {
    placed = await insertOrder(deps.db, order, randomToken());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'conflict' && !error.namesFields) {
      // The same form, sent again while the first was being written: that one placed the order.
      const again = await checkoutState(deps, request);
      if (again.placed) return finishPlacement(deps, again.placed);
    }
    if (error.problems[0]?.problem === 'sold_out') throw await soldOut(deps, state);
    throw error;
  }
  return finishPlacement(deps, placed.order, placed);
}

/**
 * The order sold out while the buyer was checking out: which products are short now, read after
 * the batch refused them (for the message only; the batch decided).
 */
async function soldOut(deps: Pick<CheckoutDeps, 'db'>, state: CheckoutState): Promise<AppError> {
  const lines = state.cart.check.lines;
  const stock = await currentStock(
    deps.db,
    lines.map((line) => line.productId),
    lines.filter((line) => line.variantId !== null).map((line) => line.variantId!),
  );
  const nameOf = (productId: number) => state.cart.lines.find((line) => line.productId === productId)?.nameVi ?? '';
  const short = lines.filter((line) => {
    const left = line.variantId === null ? stock.products.get(line.productId) : stock.variants.get(line.variantId);
    return (left ?? 0) < line.quantity;
  });
  const problems = (short.length > 0 ? short : lines.slice(0, 1)).map((line) => {
    const left =
      (line.variantId === null ? stock.products.get(line.productId) : stock.variants.get(line.variantId)) ?? 0;
    return left > 0
      ? problem('cart', 'insufficient_stock', { product: nameOf(line.productId), available: left })
      : problem('cart', 'sold_out', { product: nameOf(line.productId) });
  });
  return refused(problems[0]!, ...problems.slice(1));
}

/** What a placed order still needs: its Stripe session (card), and the buyer told where it is. */
async function finishPlacement(
  deps: CheckoutDeps,
  placed: OrderRow,
  detail: OrderDetail | null = null,
): Promise<Placement> {
  let checkoutUrl: string | null = null;
  if (placed.paymentMethod === 'card') {
    const read = detail ?? (await findOrderById(deps.db, placed.id));
    if (read) checkoutUrl = (await ensureCheckoutSession(deps, deps.page, read))?.url ?? null;
  }
  if (!placed.notifiedAt) {
    const delivery = await deps.notifier.orderPlaced({
      reference: orderReference(placed.code, null),
      link: `${deps.page.origin}/orders/${placed.linkToken}`,
      buyerName: placed.buyerName,
      buyerPhone: placed.buyerPhone,
      buyerEmail: placed.buyerEmail,
      total: placed.total,
      paymentMethod: placed.paymentMethod,
    });
    if (delivery.kind === 'delivered') await setOrderNotified(deps.db, placed.id);
  }
  return { order: placed, detail, checkoutUrl };
}
