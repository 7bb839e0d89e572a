import { Layout } from '../../components/Layout';
import { OrderBuyerFacts } from '../../components/OrderBuyerFacts';
import { OrderPart } from '../../components/OrderPart';
import { localHref } from '../../href';
import type { OrderView } from '../../order-views';
import type { PageContext } from '../../page-context';

interface OrderPageProps {
  ctx: PageContext;
  csrfToken: string;
  order: OrderView;
  /** The order path every form of the page posts under. */
  basePath: string;
  notice?: string | undefined;
  problem?: string | undefined;
}

/** The buyer's order page, reached by its unguessable link: each producer's part and how to pay it. */
export function OrderPage({ ctx, csrfToken, order, basePath, notice, problem }: OrderPageProps) {
  const { t } = ctx;
  const o = t.order;
  return (
    <Layout ctx={ctx} title={o.title(order.reference)} noindex>
      <div class="shop narrow">
        <h1>{o.title(order.reference)}</h1>
        {notice ? (
          <p class="alert alert-success" role="status">
            {notice}
          </p>
        ) : null}
        {problem ? (
          <p class="alert alert-error" role="alert">
            {problem}
          </p>
        ) : null}
        <p class="hint">{o.keepLink}</p>
        <dl class="facts">
          <dt>{o.status}</dt>
          <dd>
            <strong>{order.statusLabel}</strong>
          </dd>
          <dt>{o.payment}</dt>
          <dd>{order.paymentLabel}</dd>
          <dt>{o.total}</dt>
          <dd>
            <strong>{order.total}</strong> ({o.subtotal} {order.subtotal}, {o.shipping} {order.shippingFee})
          </dd>
        </dl>

        {order.card ? (
          <section class="panel" aria-labelledby="card-title">
            <h2 id="card-title">{o.cardTitle}</h2>
            {order.card.paid ? <p>{o.cardPaid(order.card.paid)}</p> : null}
            {order.card.refunded ? <p>{o.cardRefunded(order.card.refunded)}</p> : null}
            {order.card.waiting ? (
              <form method="post" action={localHref(ctx, `${basePath}/pay`)}>
                <input type="hidden" name="_csrf" value={csrfToken} />
                <p>{o.cardWaiting}</p>
                <button type="submit">{o.cardPay}</button>
              </form>
            ) : null}
          </section>
        ) : null}
        {order.paymentMethod === 'cod' ? <p class="hint">{o.codNote}</p> : null}

        {order.parts.map((part) => (
          <OrderPart
            ctx={ctx}
            part={part}
            csrfToken={csrfToken}
            actionPath={localHref(ctx, `${basePath}/parts/${part.number}`)}
          />
        ))}

        {order.canCancel ? (
          <form method="post" action={localHref(ctx, `${basePath}/cancel`)} class="panel">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <p class="hint">{o.cancelHint}</p>
            <button type="submit" class="button-danger">
              {o.cancel}
            </button>
          </form>
        ) : null}

        <section class="panel" aria-labelledby="details-title">
          <h2 id="details-title">{o.buyer}</h2>
          <dl class="facts">
            <OrderBuyerFacts ctx={ctx} order={order} />
            <dt>{t.account.placedAt}</dt>
            <dd>{order.placedAt}</dd>
          </dl>
          <p>
            {o.link}: <code class="copy">{order.link}</code>
          </p>
        </section>
      </div>
    </Layout>
  );
}
