/**
 * Trade-promotion staff and administrators run the sales points: the list with its filters, a new
 * point, a point's page (status and decisions, products on sale, photos) and its edit form. Every
 * change goes through worker/services/sales-points.ts and starts a new catalogue generation, so
 * the public list, the point's page and the "where to buy" of product and scan pages show it at once.
 */
import { Hono, type Context } from 'hono';
import { AdminSalesPointFormPage } from '../../web/pages/admin/AdminSalesPointFormPage';
import { AdminSalesPointPage, type FailedPointForm } from '../../web/pages/admin/AdminSalesPointPage';
import { AdminSalesPointsPage } from '../../web/pages/admin/AdminSalesPointsPage';
import type { Values } from '../../web/pages/portal/Fields';
import { listSalesPointsForStaff, salesPointFormData } from '../data/sales-points';
import { provincesByCode } from '../data/reference';
import type { SalesPointAction } from '../domain/sales-point';
import { tradePromotionAccess } from '../domain/policy';
import { requireAccess, requireUser } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { catalogueChanged } from '../lib/edge-cache';
import { notFound } from '../lib/errors';
import { readForm } from '../lib/form-body';
import { submitForm, typedValues, type Refusal } from '../lib/forms';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import {
  newSalesPointValues,
  salesPointChoices,
  salesPointFormValues,
  staffSalesPointsView,
  staffSalesPointView,
} from '../presenters/sales-points';
import { ADMIN_PAGE_SIZE } from '../schemas/admin';
import { photoFields } from '../schemas/portal';
import {
  pointIdParam,
  salesPointActionForm,
  salesPointForm,
  staffPointPageQuery,
  staffPointQuery,
  stockLineForm,
} from '../schemas/sales-points';
import { requiredPhoto } from '../services/photo-upload';
import {
  addPointPhoto,
  createSalesPoint,
  decideSalesPoint,
  editSalesPoint,
  removePointPhoto,
  saveStockLine,
  staffPointPage,
} from '../services/sales-points';

export const adminSalesPoints = new Hono<AppEnv>();

const POINT = '/admin/sales-points/:id{[0-9]+}';

for (const path of ['/admin/sales-points', '/admin/sales-points/*']) {
  adminSalesPoints.use(path, requireUser, requireAccess(tradePromotionAccess));
}

const user = (c: Context<AppEnv>) => c.var.user!;
const pointId = (c: Context<AppEnv>) => parseInput(c, pointIdParam, { id: c.req.param('id') }).id;
const pointPath = (id: number, notice: string) => `/admin/sales-points/${id}?${notice}`;

adminSalesPoints.get('/admin/sales-points', async (c) => {
  const { page, ...filter } = parseInput(c, staffPointQuery, c.req.query());
  const rows = await listSalesPointsForStaff(c.var.db, filter, ADMIN_PAGE_SIZE + 1, (page - 1) * ADMIN_PAGE_SIZE);
  const ctx = pageContext(c);
  const view = staffSalesPointsView({ rows, filter, page, pageSize: ADMIN_PAGE_SIZE, t: ctx.t, locale: ctx.locale });
  return c.html(<AdminSalesPointsPage ctx={ctx} role={user(c).role} view={view} />);
});

// ---------------------------------------------------------------- the form (new and edit)

/** The province whose communes the form lists: the one just chosen, when it is a real one. */
const chosenProvince = (values: Values) =>
  values.provinceCode && provincesByCode.has(values.provinceCode) ? values.provinceCode : null;

async function renderForm(c: Context<AppEnv>, id: number | null, values: Values | null, refusal?: Refusal) {
  const data = await salesPointFormData(c.var.db, id, values ? chosenProvince(values) : null);
  if (id !== null && !data.point) throw notFound();
  const ctx = pageContext(c);
  const shown = values ?? (data.point ? salesPointFormValues(data.point) : newSalesPointValues(null));
  return c.html(
    <AdminSalesPointFormPage
      ctx={ctx}
      role={user(c).role}
      csrfToken={csrfToken(c)}
      point={data.point ? { id: data.point.id, name: data.point.name } : null}
      choices={salesPointChoices(ctx.locale, data.communes)}
      values={shown}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

adminSalesPoints.get('/admin/sales-points/new', (c) => {
  const province = c.req.query('province');
  return renderForm(c, null, province ? newSalesPointValues(province) : null);
});

adminSalesPoints.post('/admin/sales-points', async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const fields = parseInput(c, salesPointForm(c.var.t), body);
      const created = await createSalesPoint(c.var.db, user(c), fields);
      await catalogueChanged(c);
      return c.redirect(pointPath(created.id, 'created=1'), StatusCodes.SEE_OTHER);
    },
    (refusal) => renderForm(c, null, typedValues(body), refusal),
  );
});

adminSalesPoints.get(`${POINT}/edit`, (c) => renderForm(c, pointId(c), null));

adminSalesPoints.post(POINT, async (c) => {
  const id = pointId(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const fields = parseInput(c, salesPointForm(c.var.t), body);
      await editSalesPoint(c.var.db, user(c), id, fields);
      await catalogueChanged(c);
      return c.redirect(pointPath(id, 'saved=1'), StatusCodes.SEE_OTHER);
    },
    (refusal) => renderForm(c, id, typedValues(body), refusal),
  );
});

// ---------------------------------------------------------------- one point: status, products, photos

function notice(c: Context<AppEnv>): string | undefined {
  const a = c.var.t.adminSalesPoints;
  const decided = c.req.query('decided');
  if (decided && decided in a.statusChanged) return a.statusChanged[decided as SalesPointAction];
  if (c.req.query('created')) return a.created;
  if (c.req.query('saved')) return a.saved;
  if (c.req.query('stock')) return a.stockSaved;
  if (c.req.query('photo') === 'added') return a.photoAdded;
  if (c.req.query('photo') === 'removed') return a.photoRemoved;
  return undefined;
}

async function renderPoint(c: Context<AppEnv>, id: number, failed?: FailedPointForm, refusal?: Refusal) {
  const { q } = parseInput(c, staffPointPageQuery, c.req.query());
  const query = q ?? '';
  const named = failed?.form === 'stock' && /^\d{1,10}$/.test(failed.productId) ? Number(failed.productId) : null;
  const { page, matches } = await staffPointPage(c.var.db, user(c), id, c.var.today, {
    query: query || null,
    productId: named,
  });
  const ctx = pageContext(c);
  const view = staffSalesPointView(page, matches, query, { t: ctx.t, locale: ctx.locale, today: c.var.today });
  return c.html(
    <AdminSalesPointPage
      ctx={ctx}
      role={user(c).role}
      csrfToken={csrfToken(c)}
      view={view}
      notice={failed ? undefined : notice(c)}
      failed={failed}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

adminSalesPoints.get(POINT, (c) => renderPoint(c, pointId(c)));

adminSalesPoints.post(`${POINT}/status`, async (c) => {
  const id = pointId(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const decision = parseInput(c, salesPointActionForm, body);
      await decideSalesPoint(c.var.db, user(c), id, decision);
      await catalogueChanged(c);
      return c.redirect(pointPath(id, `decided=${decision.action}`), StatusCodes.SEE_OTHER);
    },
    (refusal) => renderPoint(c, id, { form: 'status', issues: refusal.issues, values: typedValues(body) }, refusal),
  );
});

adminSalesPoints.post(`${POINT}/stock`, async (c) => {
  const id = pointId(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const request = parseInput(c, stockLineForm(c.var.t), body);
      await saveStockLine(c.var.db, user(c), id, request, { as: 'staff' }, c.var.today);
      await catalogueChanged(c);
      return c.redirect(`${pointPath(id, 'stock=1')}#stock-${request.productId}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => {
      const values = typedValues(body);
      return renderPoint(
        c,
        id,
        { form: 'stock', productId: values.productId ?? '', issues: refusal.issues, values },
        refusal,
      );
    },
  );
});

adminSalesPoints.post(`${POINT}/photos`, async (c) => {
  const id = pointId(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const photo = await requiredPhoto(body.photo);
      const fields = parseInput(c, photoFields, body);
      await addPointPhoto({ db: c.var.db, bucket: c.env.MEDIA }, user(c), id, { ...photo, ...fields });
      await catalogueChanged(c);
      return c.redirect(pointPath(id, 'photo=added'), StatusCodes.SEE_OTHER);
    },
    (refusal) => renderPoint(c, id, { form: 'photo', issues: refusal.issues, values: typedValues(body) }, refusal),
  );
});

adminSalesPoints.post(`${POINT}/photos/:photoId{[0-9]+}/delete`, async (c) => {
  const id = pointId(c);
  const photoId = Number(c.req.param('photoId'));
  await removePointPhoto({ db: c.var.db, bucket: c.env.MEDIA }, user(c), id, photoId, c.var.today);
  await catalogueChanged(c);
  return c.redirect(pointPath(id, 'photo=removed'), StatusCodes.SEE_OTHER);
});
