import type { OrderView } from '../order-views';
import type { PageContext } from '../page-context';

/** Who ordered, where it goes and their note: the first rows of an order's facts, for the buyer and for staff. */
export function OrderBuyerFacts({ ctx, order }: { ctx: PageContext; order: OrderView }) {
  const o = ctx.t.order;
  return (
    <>
      <dt>{o.buyer}</dt>
      <dd>
        {order.buyer.name}, {order.buyer.phone}
        {order.buyer.email ? `, ${order.buyer.email}` : ''}
      </dd>
      {order.address ? (
        <>
          <dt>{o.address}</dt>
          <dd>{order.address}</dd>
        </>
      ) : null}
      {order.note ? (
        <>
          <dt>{o.note}</dt>
          <dd>{order.note}</dd>
        </>
      ) : null}
    </>
  );
}
