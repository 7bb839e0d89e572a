/**
 * How a buyer gets the link to their order. No SMS, Zalo or e-mail service is assumed: the default
 * shows the link on the page that ends the checkout, for the buyer to keep. A notifier that really
 * sends (Zalo ZNS, SMS, e-mail) implements the same interface and reports `delivered`.
 */
import type { PaymentMethod } from '../domain/order-status';

export interface OrderNotice {
  /** The whole order's reference, "OCOP7K2M9XQA0B". */
  reference: string;
  /** Absolute URL of the order page, token included: whoever holds it sees the order. */
  link: string;
  buyerName: string;
  /** E.164. */
  buyerPhone: string;
  buyerEmail: string | null;
  /** Integer đồng. */
  total: number;
  paymentMethod: PaymentMethod;
}

export type OrderNoticeDelivery = { kind: 'shown_on_page' } | { kind: 'delivered'; to: string };

export interface OrderNotifier {
  orderPlaced(notice: OrderNotice): Promise<OrderNoticeDelivery>;
}

export const showOrderLinkOnPage: OrderNotifier = {
  async orderPlaced() {
    return { kind: 'shown_on_page' };
  },
};

/** The notifier in use; an SMS or e-mail sender plugs in here when the platform gets one. */
export const orderNotifier = (): OrderNotifier => showOrderLinkOnPage;
