/**
 * Staff and administrators: every order, each part's moves (refunds included), the payments a
 * person must look at (odd bank transfers, late card payments) and what the platform owes producers.
 */
import { Hono, type Context } from 'hono';
import { AdminOrderPage } from '../../web/pages/admin/AdminOrderPage';
import { AdminOrdersPage } from '../../web/pages/admin/AdminOrdersPage';
import { PaymentsPage } from '../../web/pages/admin/PaymentsPage';
import { listOrders } from '../data/orders';
import { parseOrderReference } from '../domain/order-reference';
import { parsePhone } from '../domain/phone';
import { marketplaceStaffAccess } from '../domain/policy';
import { requireAccess, requireUser } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { readForm } from '../lib/form-body';
import { submitForm, type Refusal } from '../lib/forms';
import { marketDeps } from '../lib/market-deps';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import {
  ledgerCsv,
  paymentLines,
  toCardIssues,
  toLedgerRows,
  toOrderView,
  toStaffOrderList,
  toTransferReviews,
} from '../presenters/orders';
import { issueResolutionForm, moveForm, staffOrderQuery, transferResolutionForm } from '../schemas/checkout';
import { resolveTransfer } from '../services/bank-transfers';
import { orderById, staffMoves } from '../services/orders';
import { ledgerExport, paymentsToReview, resolveCardIssue } from '../services/payment-review';

export const adminOrders = new Hono<AppEnv>();

for (const path of ['/admin/orders', '/admin/orders/*', '/admin/payments', '/admin/payments/*']) {
  adminOrders.use(path, requireUser, requireAccess(marketplaceStaffAccess));
}

const PAGE_SIZE = 50;

/** A search box that takes a reference, a phone number or part of a name. */
function searchOf(q: string | undefined) {
  if (!q) return {};
  const reference = parseOrderReference(q);
  if (reference) return { code: reference.orderKey };
  const phone = parsePhone(q, 'any');
  if (phone.ok) return { phone: phone.e164 };
  return { text: q };
}

adminOrders.get('/admin/orders', async (c) => {
  const query = parseInput(c, staffOrderQuery, c.req.query());
  const ctx = pageContext(c);
  const rows = await listOrders(c.var.db, searchOf(query.q), PAGE_SIZE, (query.page - 1) * PAGE_SIZE);
  return c.html(
    <AdminOrdersPage
      ctx={ctx}
      role={c.var.user!.role}
      orders={toStaffOrderList(rows.slice(0, PAGE_SIZE), ctx.t)}
      query={query.q ?? ''}
      page={query.page}
      hasNext={rows.length > PAGE_SIZE}
    />,
  );
});

const ORDER = '/admin/orders/:id{[0-9]+}';

async function renderOrder(c: Context<AppEnv>, refusal?: Refusal) {
  const ctx = pageContext(c);
  const order = await orderById(marketDeps(c), Number(c.req.param('id')));
  return c.html(
    <AdminOrderPage
      ctx={ctx}
      role={c.var.user!.role}
      csrfToken={csrfToken(c)}
      orderId={order.order.id}
      order={toOrderView(order, 'staff', ctx.t, ctx.locale, ctx.origin)}
      payments={paymentLines(order, ctx.t)}
      notice={!refusal && c.req.query('moved') ? ctx.t.order.moved : undefined}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

adminOrders.get(ORDER, (c) => renderOrder(c));

adminOrders.post(`${ORDER}/parts/:subOrderId{[0-9]+}/status`, async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, moveForm, body);
      await staffMoves(marketDeps(c), Number(c.req.param('id')), Number(c.req.param('subOrderId')), c.var.user!.id, {
        to: form.to,
        shipment: { carrier: form.carrier ?? '', trackingNumber: form.trackingNumber ?? '' },
        note: form.note,
      });
      return c.redirect(`/admin/orders/${c.req.param('id')}?moved=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderOrder(c, refusal),
  );
});

adminOrders.get('/admin/payments', async (c) => {
  const ctx = pageContext(c);
  const review = await paymentsToReview(c.var.db);
  return c.html(
    <PaymentsPage
      ctx={ctx}
      role={c.var.user!.role}
      csrfToken={csrfToken(c)}
      transfers={toTransferReviews(review.transfers, ctx.t)}
      cardIssues={toCardIssues(review.cardIssues, ctx.t)}
      ledger={toLedgerRows(review.ledger)}
      notice={c.req.query('resolved') ? ctx.t.adminOrders.resolved : undefined}
    />,
  );
});

adminOrders.post('/admin/payments/transfers/:id{[0-9]+}/resolve', async (c) => {
  const form = parseInput(c, transferResolutionForm, await readForm(c));
  await resolveTransfer(c.var.db, Number(c.req.param('id')), form.resolution, form.note, c.var.user!.id);
  return c.redirect('/admin/payments?resolved=1', StatusCodes.SEE_OTHER);
});

adminOrders.post('/admin/payments/:id{[0-9]+}/resolve', async (c) => {
  const form = parseInput(c, issueResolutionForm, await readForm(c));
  await resolveCardIssue(c.var.db, Number(c.req.param('id')), c.var.user!.id, form.note);
  return c.redirect('/admin/payments?resolved=1', StatusCodes.SEE_OTHER);
});

adminOrders.get('/admin/payments/ledger.csv', async (c) => {
  // writeCsv starts the file with the BOM that spreadsheet apps need to read it as UTF-8.
  return c.body(ledgerCsv(await ledgerExport(c.var.db)), StatusCodes.OK, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="ocop-producer-ledger.csv"',
    'Cache-Control': 'no-store',
  });
});
