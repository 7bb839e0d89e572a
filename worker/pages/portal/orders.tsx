/** A producer's parts of orders: the list (those to fulfil first), one part, and moving it along. */
import { Hono, type Context } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { PortalOrderPage } from '../../../web/pages/portal/PortalOrderPage';
import { PortalOrdersPage } from '../../../web/pages/portal/PortalOrdersPage';
import { findProducerName } from '../../data/producers';
import { listProducerSubOrders } from '../../data/orders';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { notFound } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { submitForm, type Refusal } from '../../lib/forms';
import { marketDeps } from '../../lib/market-deps';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { buyerFacts, toPartView, toProducerOrderList, waitingFor } from '../../presenters/orders';
import { moveForm, producerOrderQuery } from '../../schemas/checkout';
import { producerMoves, producerPart } from '../../services/orders';
import { TO_FULFIL } from '../../domain/order-status';
import { producerInScope, producerParamOf, signedInUser } from './scope';

export const orderFulfilment = new Hono<AppEnv>();

const PAGE_SIZE = 30;

orderFulfilment.get('/orders', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/orders" />);
  const query = parseInput(c, producerOrderQuery, c.req.query());
  const ctx = pageContext(c);
  const [name, rows] = await Promise.all([
    findProducerName(c.var.db, scope.producerId),
    listProducerSubOrders(
      c.var.db,
      scope.producerId,
      query.show === 'all' ? null : TO_FULFIL,
      PAGE_SIZE,
      (query.page - 1) * PAGE_SIZE,
    ),
  ]);
  if (name === null) throw notFound();
  return c.html(
    <PortalOrdersPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={name}
      producerParam={scope.producerParam}
      orders={toProducerOrderList(rows.slice(0, PAGE_SIZE), ctx.t, scope.producerParam)}
      filter={query.show === 'all' ? 'all' : 'open'}
      page={query.page}
      hasNext={rows.length > PAGE_SIZE}
    />,
  );
});

const PART = '/orders/:id{[0-9]+}';

async function renderPart(c: Context<AppEnv>, refusal?: Refusal) {
  const ctx = pageContext(c);
  const user = signedInUser(c);
  const { order, part } = await producerPart(marketDeps(c), Number(c.req.param('id')), user);
  return c.html(
    <PortalOrderPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={part.producer.name}
      producerParam={producerParamOf(c, part.producerId)}
      part={toPartView(order, part, 'producer', ctx.t, ctx.locale)}
      buyer={buyerFacts(order)}
      paymentLabel={ctx.t.order.methods[order.order.paymentMethod]}
      waiting={waitingFor(order, part, ctx.t)}
      notice={!refusal && c.req.query('moved') ? ctx.t.order.moved : undefined}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

orderFulfilment.get(PART, (c) => renderPart(c));

orderFulfilment.post(`${PART}/status`, async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, moveForm, body);
      const user = signedInUser(c);
      await producerMoves(marketDeps(c), Number(c.req.param('id')), user, {
        to: form.to,
        shipment: { carrier: form.carrier ?? '', trackingNumber: form.trackingNumber ?? '' },
        note: form.note,
      });
      const producer = c.req.query('producer');
      const params = new URLSearchParams({ moved: '1', ...(producer ? { producer } : {}) });
      return c.redirect(`/portal/orders/${c.req.param('id')}?${params}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderPart(c, refusal),
  );
});
