/**
 * Trade-promotion staff and administrators run fairs here: create and edit them, publish, decide
 * on applications, add exhibitors directly, and download the exhibitor list and the QR poster.
 * Every change goes through worker/services/fairs.ts, which checks tradePromotionAccess again.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  AdminFairFormPage,
  AdminFairPage,
  AdminFairsPage,
  type WorkspaceRefusal,
} from '../../web/pages/admin/AdminFairPages';
import type { Values } from '../../web/pages/portal/Fields';
import { findFairWorkspace, listCommunes, listFairsForStaff, STAFF_FAIRS_PAGE } from '../data/fairs';
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
import { pick, provinceOptions } from '../presenters/catalogue';
import {
  exhibitorListInput,
  exhibitorsCsv,
  fairFormValues,
  fairKindOptions,
  fairPosterInput,
  toAdminFairRows,
  toAdminFairView,
} from '../presenters/fairs';
import { buildExhibitorListPdf } from '../print/exhibitor-list';
import { buildFairPosterPdf } from '../print/fair-poster';
import { pageParam } from '../schemas/admin';
import { acceptForm, addExhibitorForm, fairForm, publishForm, rejectForm } from '../schemas/fairs';
import {
  addFairExhibitor,
  createFair,
  decideApplication,
  editFair,
  fairForStaff,
  publishFair,
} from '../services/fairs';

export const adminFairs = new Hono<AppEnv>();

for (const path of ['/admin/fairs', '/admin/fairs/*']) {
  adminFairs.use(path, requireUser, requireAccess(tradePromotionAccess));
}

const FAIR = '/admin/fairs/:id{[0-9]+}';
const actor = (c: Context<AppEnv>) => c.var.user!;
const fairId = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
};

adminFairs.get('/admin/fairs', async (c) => {
  const { page } = parseInput(c, z.object({ page: pageParam }), c.req.query());
  const rows = await listFairsForStaff(c.var.db, STAFF_FAIRS_PAGE + 1, (page - 1) * STAFF_FAIRS_PAGE);
  const ctx = pageContext(c);
  return c.html(
    <AdminFairsPage
      ctx={ctx}
      role={actor(c).role}
      fairs={toAdminFairRows(rows.slice(0, STAFF_FAIRS_PAGE), ctx.t, ctx.locale, c.var.today)}
      page={page}
      hasNext={rows.length > STAFF_FAIRS_PAGE}
    />,
  );
});

// ---------------------------------------------------------------- create and edit

async function renderForm(
  c: Context<AppEnv>,
  fair: { id: number; name: string } | null,
  values: Values,
  refusal?: Refusal,
) {
  const ctx = pageContext(c);
  const province = values.provinceCode ?? '';
  const communes = /^\d{2}$/.test(province) ? await listCommunes(c.var.db, province) : [];
  return c.html(
    <AdminFairFormPage
      ctx={ctx}
      role={actor(c).role}
      csrfToken={csrfToken(c)}
      view={{
        id: fair?.id ?? null,
        name: fair?.name ?? null,
        kinds: fairKindOptions(ctx.t),
        provinces: provinceOptions(ctx.locale),
        communes: communes.map((commune) => ({
          value: commune.code,
          label: pick(ctx.locale, commune.nameVi, commune.nameEn),
        })),
      }}
      values={values}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

adminFairs.get('/admin/fairs/new', (c) => renderForm(c, null, { kind: 'trade_fair' }));

adminFairs.post('/admin/fairs', async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const fields = parseInput(c, fairForm(c.var.t), body);
      const { id } = await createFair(c.var.db, actor(c), fields);
      return c.redirect(`/admin/fairs/${id}?created=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderForm(c, null, typedValues(body), refusal),
  );
});

adminFairs.get(`${FAIR}/edit`, async (c) => {
  const { fair, booths } = await fairForStaff(c.var.db, actor(c), fairId(c));
  return renderForm(
    c,
    { id: fair.id, name: pick(c.var.locale, fair.nameVi, fair.nameEn) },
    fairFormValues(fair, booths),
  );
});

adminFairs.post(FAIR, async (c) => {
  const body = await readForm(c);
  const id = fairId(c);
  return submitForm(
    c,
    async () => {
      const fields = parseInput(c, fairForm(c.var.t), body);
      const fair = await editFair(c.var.db, actor(c), id, fields);
      if (fair.isPublished) await catalogueChanged(c);
      return c.redirect(`/admin/fairs/${id}?saved=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderForm(c, { id, name: typedValues(body).nameVi ?? '' }, typedValues(body), refusal),
  );
});

adminFairs.post(`${FAIR}/publish`, async (c) => {
  const { published } = parseInput(c, publishForm, await readForm(c));
  await publishFair(c.var.db, actor(c), fairId(c), published);
  // Calendars, fair pages and the product pages of its exhibitors change with it.
  await catalogueChanged(c);
  return c.redirect(`/admin/fairs/${fairId(c)}?${published ? 'published' : 'unpublished'}=1`, StatusCodes.SEE_OTHER);
});

// ---------------------------------------------------------------- the workspace

const NOTICES = ['created', 'saved', 'published', 'unpublished', 'decided', 'added'] as const;

async function renderWorkspace(c: Context<AppEnv>, refusal?: WorkspaceRefusal, status?: Refusal['status']) {
  const ctx = pageContext(c);
  const workspace = await findFairWorkspace(c.var.db, fairId(c));
  if (!workspace) throw notFound();
  const a = ctx.t.adminFairs;
  const notices = {
    created: a.created,
    saved: a.saved,
    published: a.publishedNotice,
    unpublished: a.unpublishedNotice,
    decided: a.decided,
    added: a.added,
  };
  const notice = NOTICES.find((key) => c.req.query(key));
  return c.html(
    <AdminFairPage
      ctx={ctx}
      role={actor(c).role}
      csrfToken={csrfToken(c)}
      fair={toAdminFairView(workspace, ctx.t, ctx.locale, c.var.today)}
      notice={notice ? notices[notice] : undefined}
      refusal={refusal}
    />,
    status ?? StatusCodes.OK,
  );
}

adminFairs.get(FAIR, (c) => renderWorkspace(c));

const EXHIBITOR = `${FAIR}/exhibitors/:exhibitorId{[0-9]+}`;
const exhibitorId = (c: Context<AppEnv>) => Number(c.req.param('exhibitorId'));

/** After a decision: back to the exhibitor, with the change visible at once on public pages. */
async function decided(c: Context<AppEnv>, anchor: string) {
  await catalogueChanged(c);
  return c.redirect(`/admin/fairs/${fairId(c)}?decided=1#${anchor}`, StatusCodes.SEE_OTHER);
}

adminFairs.post(`${EXHIBITOR}/accept`, async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const { booth } = parseInput(c, acceptForm, body);
      await decideApplication(c.var.db, actor(c), fairId(c), exhibitorId(c), { action: 'accept', booth }, c.var.today);
      return decided(c, `exhibitor-${exhibitorId(c)}`);
    },
    (refusal) =>
      renderWorkspace(c, { form: `accept-${exhibitorId(c)}`, ...refusal, values: typedValues(body) }, refusal.status),
  );
});

adminFairs.post(`${EXHIBITOR}/reject`, async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const { reason } = parseInput(c, rejectForm, body);
      await decideApplication(c.var.db, actor(c), fairId(c), exhibitorId(c), { action: 'reject', reason }, c.var.today);
      return decided(c, `exhibitor-${exhibitorId(c)}`);
    },
    (refusal) =>
      renderWorkspace(c, { form: `reject-${exhibitorId(c)}`, ...refusal, values: typedValues(body) }, refusal.status),
  );
});

adminFairs.post(`${FAIR}/exhibitors`, async (c) => {
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const input = parseInput(c, addExhibitorForm, body);
      await addFairExhibitor(c.var.db, actor(c), fairId(c), input, c.var.today);
      await catalogueChanged(c);
      return c.redirect(`/admin/fairs/${fairId(c)}?added=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderWorkspace(c, { form: 'add', ...refusal, values: typedValues(body) }, refusal.status),
  );
});

// ---------------------------------------------------------------- downloads

async function workspaceOf(c: Context<AppEnv>) {
  const workspace = await findFairWorkspace(c.var.db, fairId(c));
  if (!workspace) throw notFound();
  return workspace;
}

const download = (c: Context<AppEnv>, body: string | Uint8Array, type: string, filename: string) =>
  c.body(typeof body === 'string' ? body : body.slice().buffer, StatusCodes.OK, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'private, no-store',
  });

adminFairs.get(`${FAIR}/exhibitors.csv`, async (c) => {
  const workspace = await workspaceOf(c);
  const csv = exhibitorsCsv(workspace, c.var.t, c.var.locale);
  return download(c, csv, 'text/csv; charset=utf-8', `don-vi-${workspace.fair.slug}.csv`);
});

adminFairs.get(`${FAIR}/exhibitors.pdf`, async (c) => {
  const workspace = await workspaceOf(c);
  const pdf = await buildExhibitorListPdf(exhibitorListInput(workspace, c.var.t, c.var.locale));
  return download(c, pdf, 'application/pdf', `don-vi-${workspace.fair.slug}.pdf`);
});

const posterQuery = z.object({ size: z.enum(['a4', 'a3']).default('a4') });

adminFairs.get(`${FAIR}/poster.pdf`, async (c) => {
  const { size } = parseInput(c, posterQuery, c.req.query());
  const { fair } = await fairForStaff(c.var.db, actor(c), fairId(c));
  const pdf = await buildFairPosterPdf(fairPosterInput(fair, size, c.var.t, c.var.locale, c.env.PUBLIC_ORIGIN));
  return download(c, pdf, 'application/pdf', `ap-phich-${fair.slug}-${size}.pdf`);
});
