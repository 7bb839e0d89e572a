/**
 * What the marketplace pages render: the cart, the checkout, an order as its buyer, its producer
 * and staff see it. Already priced, formatted (150.000 ₫, Vietnam dates) and decided by
 * worker/presenters; components only lay it out.
 */
import type { FieldIssue } from '../worker/domain/errors';
import type { SubOrderStatus } from '../worker/domain/order-status';
import type { Option } from './views';

export interface CartLineView {
  lineId: number;
  productHref: string;
  name: string;
  variantLabel: string | null;
  imageUrl: string;
  unitPrice: string;
  quantity: number;
  /** Null when the line cannot be bought as it is (see `problem`). */
  lineTotal: string | null;
  problem: string | null;
  /** The most the quantity field accepts: the stock left, within the cart's limit. */
  maxQuantity: number;
}

export interface CartGroupView {
  producerName: string;
  producerHref: string;
  lines: CartLineView[];
  subtotal: string;
}

export interface CartView {
  groups: CartGroupView[];
  lineCount: number;
  subtotal: string;
  canCheckout: boolean;
}

/** The squares of a QR code, drawn by web/components/QrCode.tsx as SVG. */
export interface QrView {
  size: number;
  runs: { row: number; col: number; length: number }[];
}

export interface DeliveryOptionView {
  value: string;
  label: string;
  hint?: string;
}

export interface CheckoutPartView {
  producerId: number;
  /** The form field of its delivery choice. */
  field: string;
  producerName: string;
  lines: { name: string; quantity: number; lineTotal: string }[];
  subtotal: string;
  options: DeliveryOptionView[];
  chosen: string | null;
  /** With the choice made: its fee and the part's total. */
  shippingFee: string | null;
  total: string | null;
}

export interface PaymentOptionView {
  value: 'card' | 'vietqr' | 'cod';
  label: string;
  hint: string;
  available: boolean;
}

export interface CheckoutView {
  parts: CheckoutPartView[];
  payment: PaymentOptionView[];
  totals: { subtotal: string; shipping: string | null; total: string | null };
  values: Record<string, string | null | undefined>;
  issues: FieldIssue[];
  provinces: Option[];
  communes: Option[];
  idempotencyKey: string;
  signedIn: boolean;
}

export interface OrderEventView {
  when: string;
  text: string;
}

export interface TransferView {
  qr: QrView;
  /** The payload itself, for a banking app that reads text. */
  payload: string;
  bank: string;
  accountNumber: string;
  accountName: string;
  /** What is still owed, formatted, and as digits to copy into a banking app. */
  amount: string;
  amountDigits: string;
  reference: string;
  deadline: string;
}

export interface OrderPartView {
  id: number;
  number: number;
  reference: string;
  producerName: string;
  producerHref: string;
  producerContact: string | null;
  status: SubOrderStatus;
  statusLabel: string;
  delivery: string;
  shipment: string | null;
  lines: { name: string; quantity: number; unitPrice: string; lineTotal: string }[];
  subtotal: string;
  shippingFee: string;
  total: string;
  received: string | null;
  paymentDeadline: string | null;
  transfer: TransferView | null;
  events: OrderEventView[];
  /** What the person looking may move it to, with each button's text. */
  actions: { to: SubOrderStatus; label: string; needsShipment: boolean }[];
}

export interface OrderView {
  reference: string;
  placedAt: string;
  statusLabel: string;
  buyer: { name: string; phone: string; email: string | null };
  address: string | null;
  note: string | null;
  paymentMethod: 'card' | 'vietqr' | 'cod';
  paymentLabel: string;
  subtotal: string;
  shippingFee: string;
  total: string;
  parts: OrderPartView[];
  /** A card order still waiting: where to pay (null when card payment is unavailable now). */
  card: { waiting: boolean; paid: string | null; refunded: string | null } | null;
  canCancel: boolean;
  /** The order page's path, to show and copy. */
  link: string;
}

export interface OrderListItemView {
  href: string;
  reference: string;
  placedAt: string;
  total: string;
  statusLabel: string;
  buyer?: string;
  paymentLabel: string;
}

export interface ProducerOrderListItemView {
  href: string;
  reference: string;
  placedAt: string;
  buyerName: string;
  total: string;
  status: SubOrderStatus;
  statusLabel: string;
  delivery: string;
  paymentLabel: string;
}

/** How the product page offers a product: the cart form, or who to contact and why not online. */
export type PurchaseView =
  | {
      kind: 'cart';
      productId: number;
      /** Pack sizes in stock (one option, variantId null, for a product without pack sizes). */
      options: { variantId: number | null; label: string; stock: number }[];
      maxQuantity: number;
    }
  | {
      kind: 'contact';
      reason: 'tourism' | 'pointsOnly' | 'priceOnRequest' | 'notForSale' | 'outOfStock';
      phone: string | null;
      phoneHref: string | null;
      zalo: string | null;
      zaloHref: string | null;
    };
