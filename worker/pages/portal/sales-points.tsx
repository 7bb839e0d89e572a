/**
 * Sales points in the producer portal: the organisation's proposals with staff's decisions, the
 * points that sell its products, proposing a point and editing a proposal until staff decide, and
 * keeping its own products listed at an active point. Who may see and change what is decided by
 * worker/domain/policy.ts in worker/services/sales-points.ts.
 */
import { Hono, type Context } from 'hono';
import type { FailedStockForm } from '../../../web/components/PointStock';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import type { Values } from '../../../web/pages/portal/Fields';
import { PortalSalesPointFormPage } from '../../../web/pages/portal/PortalSalesPointFormPage';
import { PortalSalesPointPage } from '../../../web/pages/portal/PortalSalesPointPage';
import { PortalSalesPointsPage } from '../../../web/pages/portal/PortalSalesPointsPage';
import { provincesByCode } from '../../data/reference';
import { listProducerSalesPoints } from '../../data/sales-points';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { catalogueChanged } from '../../lib/edge-cache';
import { notFound } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import {
  newSalesPointValues,
  portalSalesPointsView,
  portalSalesPointView,
  salesPointChoices,
  salesPointFormValues,
} from '../../presenters/sales-points';
import { pointIdParam, portalPointsQuery, salesPointForm, stockLineForm } from '../../schemas/sales-points';
import {
  editProposal,
  portalPointPage,
  proposalFormData,
  proposeSalesPoint,
  saveStockLine,
} from '../../services/sales-points';
import { producerInScope, producerParamOf, requiredScope, signedInUser, type ProducerScope } from './scope';

export const salesPointPortal = new Hono<AppEnv>();

const POINT = '/sales-points/:id{[0-9]+}';

const pointId = (c: Context<AppEnv>) => parseInput(c, pointIdParam, { id: c.req.param('id') }).id;

/** A link back into the portal that keeps an administrator's chosen organisation. */
function portalPath(path: string, scope: { producerParam?: number | undefined }, params: Record<string, string> = {}) {
  const search = new URLSearchParams(params);
  if (scope.producerParam) search.set('producer', String(scope.producerParam));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

salesPointPortal.get('/sales-points', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/sales-points" />);
  const { province } = parseInput(c, portalPointsQuery, c.req.query());
  const data = await listProducerSalesPoints(c.var.db, scope.producerId, province ?? null);
  if (!data) throw notFound();
  const ctx = pageContext(c);
  const view = portalSalesPointsView(data, province ?? data.producer.provinceCode, scope.producerParam, ctx);
  return c.html(
    <PortalSalesPointsPage
      ctx={ctx}
      view={view}
      notice={c.req.query('proposed') ? ctx.t.portalSalesPoints.proposed : undefined}
    />,
  );
});

// ---------------------------------------------------------------- proposing, and editing a proposal

/** The province whose communes the form lists: the one just chosen, when it is a real one. */
const chosenProvince = (values: Values) =>
  values.provinceCode && provincesByCode.has(values.provinceCode) ? values.provinceCode : null;

async function renderForm(
  c: Context<AppEnv>,
  target: { producerId: number } | { pointId: number },
  values: Values | null,
  refusal?: Refusal,
) {
  const data = await proposalFormData(c.var.db, signedInUser(c), target, values ? chosenProvince(values) : null);
  const ctx = pageContext(c);
  const shown =
    values ?? (data.point ? salesPointFormValues(data.point) : newSalesPointValues(data.producer.provinceCode));
  return c.html(
    <PortalSalesPointFormPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerName={data.producer.name}
      producerParam={producerParamOf(c, data.producer.id)}
      proposal={data.point ? { id: data.point.id, name: data.point.name } : null}
      choices={salesPointChoices(ctx.locale, data.communes)}
      values={shown}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

salesPointPortal.get('/sales-points/new', (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/sales-points/new" />);
  return renderForm(c, { producerId: scope.producerId }, null);
});

salesPointPortal.post('/sales-points', async (c) => {
  const scope = requiredScope(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const fields = parseInput(c, salesPointForm(c.var.t), body);
      const created = await proposeSalesPoint(c.var.db, signedInUser(c), scope.producerId, fields);
      return c.redirect(
        portalPath(`/portal/sales-points/${created.id}`, scope, { proposed: '1' }),
        StatusCodes.SEE_OTHER,
      );
    },
    (refusal) => renderForm(c, { producerId: scope.producerId }, typedValues(body), refusal),
  );
});

salesPointPortal.get(`${POINT}/edit`, (c) => renderForm(c, { pointId: pointId(c) }, null));

salesPointPortal.post(POINT, async (c) => {
  const id = pointId(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const fields = parseInput(c, salesPointForm(c.var.t), body);
      const point = await editProposal(c.var.db, signedInUser(c), id, fields);
      const param = producerParamOf(c, point.proposedByProducerId ?? 0);
      return c.redirect(
        portalPath(`/portal/sales-points/${id}`, { producerParam: param }, { saved: '1' }),
        StatusCodes.SEE_OTHER,
      );
    },
    (refusal) => renderForm(c, { pointId: id }, typedValues(body), refusal),
  );
});

// ---------------------------------------------------------------- one point, and the products kept there

function notice(c: Context<AppEnv>): string | undefined {
  const p = c.var.t.portalSalesPoints;
  if (c.req.query('proposed')) return p.proposed;
  if (c.req.query('saved')) return p.saved;
  if (c.req.query('stock')) return p.stockSaved;
  return undefined;
}

async function renderPoint(
  c: Context<AppEnv>,
  scope: ProducerScope,
  id: number,
  failed?: FailedStockForm,
  refusal?: Refusal,
) {
  const { page, own, producer } = await portalPointPage(c.var.db, signedInUser(c), scope.producerId, id, c.var.today);
  const ctx = pageContext(c);
  const view = portalSalesPointView(page, own, producer, scope.producerParam, {
    t: ctx.t,
    locale: ctx.locale,
    today: c.var.today,
  });
  return c.html(
    <PortalSalesPointPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      view={view}
      notice={failed ? undefined : notice(c)}
      failed={failed}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

salesPointPortal.get(POINT, (c) => {
  const scope = producerInScope(c);
  const id = pointId(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action={`/portal/sales-points/${id}`} />);
  return renderPoint(c, scope, id);
});

salesPointPortal.post(`${POINT}/stock`, async (c) => {
  const scope = requiredScope(c);
  const id = pointId(c);
  const body = await readForm(c);
  const stocker = { as: 'producer' as const, producerId: scope.producerId };
  return submitForm(
    c,
    async () => {
      const request = parseInput(c, stockLineForm(c.var.t), body);
      await saveStockLine(c.var.db, signedInUser(c), id, request, stocker, c.var.today);
      await catalogueChanged(c);
      const path = portalPath(`/portal/sales-points/${id}`, scope, { stock: '1' });
      return c.redirect(`${path}#stock-${request.productId}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => {
      const values = typedValues(body);
      return renderPoint(c, scope, id, { productId: values.productId ?? '', issues: refusal.issues, values }, refusal);
    },
  );
});
