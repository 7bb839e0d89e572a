/**
 * The buyer's order page, reached by its unguessable link, and what the buyer can do there: pay a
 * card order, come back from Stripe, cancel what is not paid yet, say a parcel arrived. A signed-in
 * buyer also finds their orders under /account/orders.
 */
import { Hono, type Context } from 'hono';
import { AccountOrdersPage } from '../../web/pages/shop/AccountOrdersPage';
import { OrderPage } from '../../web/pages/shop/OrderPage';
import { requireUser } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { readForm } from '../lib/form-body';
import { submitForm, type Refusal } from '../lib/forms';
import { marketDeps } from '../lib/market-deps';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { toAccountOrderList, toOrderView } from '../presenters/orders';
import { buyerMoveForm } from '../schemas/checkout';
import { buyerCancels, buyerMoves, orderByLink, ordersOfUser, payByCard, returnFromCard } from '../services/orders';

export const orderPages = new Hono<AppEnv>();

const ORDER = '/orders/:token{[A-Za-z0-9_-]+}';
const orderPath = (c: Context<AppEnv>) => `/orders/${c.req.param('token')}`;

async function renderOrder(c: Context<AppEnv>, refusal?: Refusal) {
  const ctx = pageContext(c);
  const order = await orderByLink(marketDeps(c), c.req.param('token')!);
  const view = toOrderView(order, 'buyer', ctx.t, ctx.locale, ctx.origin);
  const o = ctx.t.order;
  const notice = c.req.query('placed')
    ? view.paymentMethod === 'cod'
      ? o.placedCod
      : o.placed
    : c.req.query('cancelled')
      ? o.cancelled
      : c.req.query('moved')
        ? o.moved
        : undefined;
  const problem =
    refusal?.issues.map((issue) => issue.message).join(' ') ??
    (c.req.query('card') === 'unavailable' ? o.cardUnavailable : undefined);
  return c.html(
    <OrderPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      order={view}
      basePath={orderPath(c)}
      notice={refusal ? undefined : notice}
      problem={problem}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

orderPages.get(ORDER, (c) => renderOrder(c));

orderPages.get(`${ORDER}/card-return`, async (c) => {
  await returnFromCard(marketDeps(c), c.req.param('token'), c.req.query('session_id') ?? '');
  return c.redirect(orderPath(c), StatusCodes.SEE_OTHER);
});

orderPages.post(`${ORDER}/pay`, async (c) => {
  const deps = marketDeps(c);
  const url = await payByCard(deps, deps.page, c.req.param('token'));
  return c.redirect(url ?? `${orderPath(c)}?card=unavailable`, StatusCodes.SEE_OTHER);
});

orderPages.post(`${ORDER}/cancel`, (c) =>
  submitForm(
    c,
    async () => {
      await buyerCancels(marketDeps(c), c.req.param('token'), c.var.user?.id ?? null);
      return c.redirect(`${orderPath(c)}?cancelled=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderOrder(c, refusal),
  ),
);

orderPages.post(`${ORDER}/parts/:number{[0-9]+}`, async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const { to } = parseInput(c, buyerMoveForm, body);
      await buyerMoves(marketDeps(c), c.req.param('token'), Number(c.req.param('number')), to, c.var.user?.id ?? null);
      return c.redirect(`${orderPath(c)}?moved=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderOrder(c, refusal),
  );
});

orderPages.get('/account/orders', requireUser, async (c) => {
  const ctx = pageContext(c);
  const rows = await ordersOfUser(marketDeps(c), c.var.user!.id);
  return c.html(<AccountOrdersPage ctx={ctx} orders={toAccountOrderList(rows, ctx.t)} />);
});
