/**
 * Orders as their buyer, their producers and staff see them, as API JSON, and the staff's money
 * pages (transfers to review, late card payments, the ledger and its CSV export). Everything here is
 * formatted for people: 150.000 ₫, Vietnam times, references grouped for reading aloud.
 */
import type { Locale, Messages } from '../../web/messages';
import type {
  OrderListItemView,
  OrderPartView,
  OrderView,
  ProducerOrderListItemView,
  QrView,
  TransferView,
} from '../../web/order-views';
import type { CardIssueView, LedgerRowView, TransferReviewView } from '../../web/pages/admin/PaymentsPage';
import type { listTransfersToReview } from '../data/bank-transfers';
import type { listOrders, listOrdersOfUser, listProducerSubOrders, OrderDetail } from '../data/orders';
import type { ledgerBalances, ledgerEntries, listPaymentIssues } from '../data/payments';
import { bankByBin } from '../domain/banks';
import { subOrderReference } from '../domain/checkout';
import { writeCsv } from '../domain/csv';
import { formatVnd } from '../domain/money';
import { formatOrderReference, orderReference } from '../domain/order-reference';
import {
  nextSubOrderStatuses,
  orderStatusOf,
  subOrderStatuses,
  type SubOrderStatus,
  type TransitionActor,
} from '../domain/order-status';
import { formatPhone } from '../domain/phone';
import { formatInstant } from '../domain/time';
import { encodeVietQr } from '../domain/vietqr';
import { darkRuns, encodeQr } from '../print/qr';

type Part = OrderDetail['subOrders'][number];

/** Who is looking, which decides the buttons and how much of the history shows. */
export type Viewer = Exclude<TransitionActor, 'system'>;

export const readableReference = (orderKey: string, part: number | null) =>
  formatOrderReference(orderReference(orderKey, part));

const isStatus = (value: string): value is SubOrderStatus => subOrderStatuses.some((status) => status === value);

function qrOf(payload: string): QrView {
  const matrix = encodeQr(payload);
  return { size: matrix.size, runs: darkRuns(matrix) };
}

/** What a part waiting for a transfer is paid with: the VietQR payload for the exact amount still owed. */
function transferPayloadOf(order: OrderDetail, part: Part) {
  if (order.order.paymentMethod !== 'vietqr' || part.status !== 'pending_payment') return null;
  if (!part.payeeBankBin || !part.payeeAccountNumber || !part.payeeAccountName) return null;
  const owed = part.total - part.amountReceived;
  if (owed <= 0) return null;
  const reference = subOrderReference(order.order.code, part.number);
  const payload = encodeVietQr({
    bankBin: part.payeeBankBin,
    accountNumber: part.payeeAccountNumber,
    amount: owed,
    purpose: reference,
  });
  return {
    payload,
    owed,
    reference,
    bankBin: part.payeeBankBin,
    accountNumber: part.payeeAccountNumber,
    accountName: part.payeeAccountName,
  };
}

/** The VietQR code of a part waiting for a transfer, drawn, with what to copy into a banking app. */
function transferOf(order: OrderDetail, part: Part): TransferView | null {
  const transfer = transferPayloadOf(order, part);
  if (!transfer) return null;
  const bank = bankByBin(transfer.bankBin);
  return {
    qr: qrOf(transfer.payload),
    payload: transfer.payload,
    bank: bank ? `${bank.shortName} (${bank.name})` : transfer.bankBin,
    accountNumber: transfer.accountNumber,
    accountName: transfer.accountName,
    amount: formatVnd(transfer.owed),
    amountDigits: String(transfer.owed),
    reference: transfer.reference,
    deadline: part.paymentDeadline ? formatInstant(part.paymentDeadline) : '',
  };
}

function actionsFor(order: OrderDetail, part: Part, viewer: Viewer, t: Messages): OrderPartView['actions'] {
  const method = order.order.paymentMethod;
  return nextSubOrderStatuses(part.status, viewer, method)
    .filter((to) => {
      // A card order is paid, and cancelled before payment, as a whole (the order page's own button).
      if (viewer === 'buyer' && method === 'card' && part.status === 'pending_payment') return false;
      // A buyer cancels unpaid parts from the order page, all at once.
      if (viewer === 'buyer' && to === 'cancelled' && part.status === 'pending_payment') return false;
      return true;
    })
    .map((to) => ({
      to,
      label:
        viewer === 'buyer' && to === 'delivered'
          ? t.order.actions.received
          : t.order.actions[to as keyof typeof t.order.actions],
      needsShipment: to === 'shipped',
    }));
}

function deliveryText(part: Part, t: Messages): string {
  return part.deliveryKind === 'ship' ? t.order.deliveryShip : t.order.deliveryAt(part.pickupPlace ?? '');
}

export function toPartView(order: OrderDetail, part: Part, viewer: Viewer, t: Messages, locale: Locale): OrderPartView {
  const o = t.order;
  void locale;
  const producerContact = [
    part.producer.phone,
    part.producer.zalo && part.producer.zalo !== part.producer.phone ? `Zalo ${part.producer.zalo}` : null,
  ]
    .filter((value): value is string => Boolean(value))
    .map((value) => (value.startsWith('Zalo ') ? `Zalo ${formatPhone(value.slice(5))}` : formatPhone(value)))
    .join(' · ');
  return {
    id: part.id,
    number: part.number,
    reference: readableReference(order.order.code, part.number),
    producerName: part.producer.name,
    producerHref: `/producers/${part.producer.slug}`,
    producerContact: producerContact || null,
    status: part.status,
    statusLabel: o.statuses[part.status],
    delivery: deliveryText(part, t),
    shipment: part.carrier && part.trackingNumber ? o.shipment(part.carrier, part.trackingNumber) : null,
    lines: part.lines.map((line) => ({
      name: line.variantLabel ? `${line.nameSnapshot} (${line.variantLabel})` : line.nameSnapshot,
      quantity: line.quantity,
      unitPrice: formatVnd(line.unitPrice),
      lineTotal: formatVnd(line.lineTotal),
    })),
    subtotal: formatVnd(part.subtotal),
    shippingFee: formatVnd(part.shippingFee),
    total: formatVnd(part.total),
    received: part.amountReceived > 0 && part.status === 'pending_payment' ? formatVnd(part.amountReceived) : null,
    paymentDeadline:
      part.status === 'pending_payment' && part.paymentDeadline && order.order.paymentMethod !== 'cod'
        ? formatInstant(part.paymentDeadline)
        : null,
    transfer: transferOf(order, part),
    events: part.events.map((event) => {
      const text = event.fromStatus === null ? o.events.placed : o.statuses[event.toStatus];
      const shownNote = viewer === 'buyer' ? (event.toStatus === 'shipped' ? event.note : null) : event.note;
      return { when: formatInstant(event.createdAt), text: shownNote ? `${text} (${shownNote})` : text };
    }),
    actions: actionsFor(order, part, viewer, t),
  };
}

function addressOf(order: OrderDetail): string | null {
  if (!order.order.street) return null;
  return [order.order.street, order.place.communeName, order.place.provinceName].filter(Boolean).join(', ');
}

export function toOrderView(
  order: OrderDetail,
  viewer: Viewer,
  t: Messages,
  locale: Locale,
  origin: string,
): OrderView {
  const statuses = order.subOrders.map((part) => part.status);
  const card = order.payments.find((payment) => payment.method === 'card' && payment.status !== 'expired');
  const waiting = statuses.includes('pending_payment');
  return {
    reference: readableReference(order.order.code, null),
    placedAt: formatInstant(order.order.createdAt),
    statusLabel: t.order.statuses[orderStatusOf(statuses)],
    buyer: {
      name: order.order.buyerName,
      phone: formatPhone(order.order.buyerPhone),
      email: order.order.buyerEmail,
    },
    address: addressOf(order),
    note: order.order.note,
    paymentMethod: order.order.paymentMethod,
    paymentLabel: t.order.methods[order.order.paymentMethod],
    subtotal: formatVnd(order.order.subtotal),
    shippingFee: formatVnd(order.order.shippingFee),
    total: formatVnd(order.order.total),
    parts: order.subOrders.map((part) => toPartView(order, part, viewer, t, locale)),
    card:
      order.order.paymentMethod === 'card'
        ? {
            waiting,
            paid: card && card.status !== 'pending' && card.status !== 'failed' ? formatVnd(card.amount) : null,
            refunded: card && card.refundedAmount > 0 ? formatVnd(card.refundedAmount) : null,
          }
        : null,
    canCancel: viewer === 'buyer' && waiting,
    link: `${origin}/orders/${order.order.linkToken}`,
  };
}

/** The facts of the buyer a producer needs to deliver its part. */
export function buyerFacts(order: OrderDetail) {
  return {
    name: order.order.buyerName,
    phone: formatPhone(order.order.buyerPhone),
    email: order.order.buyerEmail,
    address: addressOf(order),
    note: order.order.note,
  };
}

/** What a producer's part still waits for, in words, or null. */
export function waitingFor(order: OrderDetail, part: Part, t: Messages): string | null {
  if (part.status !== 'pending_payment') return null;
  if (order.order.paymentMethod === 'vietqr')
    return t.portal.orders.transferWaiting(formatVnd(part.total - part.amountReceived));
  if (order.order.paymentMethod === 'cod') return t.portal.orders.codWaiting;
  return null;
}

/** The payments of an order as staff read them. */
export function paymentLines(order: OrderDetail, t: Messages): string[] {
  const a = t.adminOrders;
  return order.payments.map((payment) => {
    const part = order.subOrders.find((candidate) => candidate.id === payment.subOrderId);
    const line = a.paymentLine(
      t.order.methods[payment.method],
      formatVnd(payment.amount),
      a.paymentStatuses[payment.status],
    );
    const refunded = payment.refundedAmount > 0 ? `, ${a.refundedPart(formatVnd(payment.refundedAmount))}` : '';
    const where = part ? ` · ${readableReference(order.order.code, part.number)}` : '';
    const reference = payment.providerReference ? ` · ${payment.providerReference}` : '';
    return `${line}${refunded}${where}${reference}`;
  });
}

const statusesOf = (list: string | null) => (list ?? '').split(',').filter(isStatus);

export function toAccountOrderList(
  rows: Awaited<ReturnType<typeof listOrdersOfUser>>,
  t: Messages,
): OrderListItemView[] {
  return rows.map((row) => ({
    href: `/orders/${row.linkToken}`,
    reference: readableReference(row.code, null),
    placedAt: formatInstant(row.createdAt),
    total: formatVnd(row.total),
    statusLabel:
      t.order.statuses[
        orderStatusOf(statusesOf(row.statuses).length > 0 ? statusesOf(row.statuses) : ['pending_payment'])
      ],
    paymentLabel: t.order.methods[row.paymentMethod],
  }));
}

export function toStaffOrderList(rows: Awaited<ReturnType<typeof listOrders>>, t: Messages): OrderListItemView[] {
  return rows.map((row) => ({
    href: `/admin/orders/${row.id}`,
    reference: readableReference(row.code, null),
    placedAt: formatInstant(row.createdAt),
    total: formatVnd(row.total),
    statusLabel:
      t.order.statuses[
        orderStatusOf(statusesOf(row.statuses).length > 0 ? statusesOf(row.statuses) : ['pending_payment'])
      ],
    buyer: `${row.buyerName}, ${formatPhone(row.buyerPhone)}`,
    paymentLabel: t.order.methods[row.paymentMethod],
  }));
}

export function toProducerOrderList(
  rows: Awaited<ReturnType<typeof listProducerSubOrders>>,
  t: Messages,
  producerParam: number | undefined,
): ProducerOrderListItemView[] {
  return rows.map((row) => ({
    href: `/portal/orders/${row.id}${producerParam ? `?producer=${producerParam}` : ''}`,
    reference: readableReference(row.code, row.number),
    placedAt: formatInstant(row.createdAt),
    buyerName: row.buyerName,
    total: formatVnd(row.total),
    status: row.status,
    statusLabel: t.order.statuses[row.status],
    delivery: row.deliveryKind === 'ship' ? t.order.deliveryShip : t.order.deliveryPickup,
    paymentLabel: t.order.methods[row.paymentMethod],
  }));
}

export function toTransferReviews(
  rows: Awaited<ReturnType<typeof listTransfersToReview>>,
  t: Messages,
): TransferReviewView[] {
  const a = t.adminOrders;
  return rows.map(({ transfer, orderCode, orderId, subOrderNumber }) => ({
    id: transfer.id,
    outcome: a.outcomes[transfer.outcome],
    line: a.transferLine(
      formatVnd(transfer.amount),
      formatInstant(transfer.transactedAt),
      transfer.accountNumber ?? '—',
    ),
    content: transfer.content,
    surplus: transfer.surplus > 0 ? a.surplus(formatVnd(transfer.surplus)) : null,
    part:
      orderCode && orderId !== null && subOrderNumber !== null
        ? { reference: readableReference(orderCode, subOrderNumber), href: `/admin/orders/${orderId}` }
        : null,
  }));
}

export function toCardIssues(rows: Awaited<ReturnType<typeof listPaymentIssues>>, t: Messages): CardIssueView[] {
  const a = t.adminOrders;
  return rows.map((row) => ({
    id: row.id,
    issue: row.issue ? a.issues[row.issue] : '',
    order: { reference: readableReference(row.orderCode, null), href: `/admin/orders/${row.orderId}` },
    buyer: `${row.buyerName}, ${formatPhone(row.buyerPhone)}`,
    amount: `${formatVnd(row.amount)}${row.refundedAmount > 0 ? `, ${a.refundedPart(formatVnd(row.refundedAmount))}` : ''}`,
    resolved: row.issueResolvedAt ? a.issueResolved(formatInstant(row.issueResolvedAt)) : null,
  }));
}

export function toLedgerRows(rows: Awaited<ReturnType<typeof ledgerBalances>>): LedgerRowView[] {
  return rows.map((row) => ({
    producer: row.producerName,
    account:
      row.bankBin && row.bankAccountNumber
        ? `${bankByBin(row.bankBin)?.shortName ?? row.bankBin} ${row.bankAccountNumber} (${row.bankAccountName ?? ''})`
        : null,
    credits: formatVnd(row.credits),
    debits: formatVnd(row.debits),
    balance: formatVnd(row.balance),
  }));
}

/** The ledger as a CSV file for accounting: one row per entry, amounts in whole đồng. */
export function ledgerCsv(rows: Awaited<ReturnType<typeof ledgerEntries>>): string {
  return writeCsv([
    [
      'entry_id',
      'created_at',
      'producer_id',
      'producer_name',
      'kind',
      'amount_vnd',
      'order_reference',
      'payment_reference',
    ],
    ...rows.map((row) => [
      row.id,
      row.createdAt,
      row.producerId,
      row.producerName,
      row.kind,
      row.amount,
      orderReference(row.orderCode, row.subOrderNumber),
      row.paymentReference,
    ]),
  ]);
}

/** An order as the API answers it: amounts in whole đồng, each part with how to pay it. */
export function presentOrder(order: OrderDetail, origin: string) {
  const statuses = order.subOrders.map((part) => part.status);
  return {
    reference: orderReference(order.order.code, null),
    url: `${origin}/orders/${order.order.linkToken}`,
    token: order.order.linkToken,
    status: orderStatusOf(statuses),
    placed_at: order.order.createdAt,
    payment_method: order.order.paymentMethod,
    currency: 'VND' as const,
    subtotal: order.order.subtotal,
    shipping_fee: order.order.shippingFee,
    total: order.order.total,
    buyer: { name: order.order.buyerName, phone: order.order.buyerPhone, email: order.order.buyerEmail },
    sub_orders: order.subOrders.map((part) => {
      // The payload only: an API client draws its own QR code.
      const transfer = transferPayloadOf(order, part);
      return {
        number: part.number,
        reference: orderReference(order.order.code, part.number),
        producer: { name: part.producer.name, slug: part.producer.slug },
        status: part.status,
        delivery: { kind: part.deliveryKind, place: part.pickupPlace },
        carrier: part.carrier,
        tracking_number: part.trackingNumber,
        payment_deadline: part.status === 'pending_payment' ? part.paymentDeadline : null,
        subtotal: part.subtotal,
        shipping_fee: part.shippingFee,
        total: part.total,
        amount_received: part.amountReceived,
        lines: part.lines.map((line) => ({
          product_id: line.productId,
          variant_id: line.variantId,
          name: line.nameSnapshot,
          variant: line.variantLabel,
          unit_price: line.unitPrice,
          quantity: line.quantity,
          line_total: line.lineTotal,
        })),
        vietqr: transfer
          ? {
              payload: transfer.payload,
              bank_bin: transfer.bankBin,
              account_number: transfer.accountNumber,
              account_name: transfer.accountName,
              amount: transfer.owed,
              content: transfer.reference,
            }
          : null,
      };
    }),
  };
}
