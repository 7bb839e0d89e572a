/**
 * /admin/certifications: council results uploaded as CSV with a report per
 * row; the list of every certification with its CSV export and revocation
 * (administrators); the programme overview (trade-promotion staff too). The
 * /admin area's own guard in admin.tsx runs first; each route here names the
 * policy rule it needs.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Messages } from '../../web/messages';
import { CertificationOverviewPage } from '../../web/pages/admin/CertificationOverviewPage';
import { CertificationReportPage } from '../../web/pages/admin/CertificationReportPage';
import { CertificationRevokePage } from '../../web/pages/admin/CertificationRevokePage';
import { CertificationsPage } from '../../web/pages/admin/CertificationsPage';
import { CertificationUploadPage, type UploadFailure } from '../../web/pages/admin/CertificationUploadPage';
import { certificationLevels, certificationStatuses } from '../../db/schema';
import { ingestCertifications, ingestChangedCatalogue, type IngestRow } from '../data/certification-ingest';
import {
  exportCertifications,
  findCertificationForAdmin,
  listCertifications,
  loadProgrammeOverview,
  revokeCertification,
  type CertificationForAdmin,
} from '../data/certifications';
import { STAR_FILTERS, type CertificationFilter } from '../domain/certification';
import { EXPIRY_WARNING_DAYS } from '../domain/dashboard';
import { formatDate } from '../domain/time';
import { administrationAccess, tradePromotionAccess } from '../domain/policy';
import { requireAccess } from '../lib/auth';
import type { AppEnv } from '../lib/context';
import { readForm } from '../lib/form-body';
import { csrfToken } from '../lib/csrf';
import { catalogueChanged } from '../lib/edge-cache';
import { AppError, notFound, statusOf, type FieldIssue } from '../lib/errors';
import { csvIngestRows, MAX_CSV_ROWS, MAX_INGEST_BYTES } from '../lib/ingest-input';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { submitForm, typedValues } from '../lib/forms';
import { parseInput, toValidationError } from '../lib/validation';
import { provinceCodes } from '../schemas/catalogue';
import { ADMIN_PAGE_SIZE, pageParam } from '../schemas/admin';
import { provinceOptions } from '../presenters/catalogue';
import {
  certificationsCsv,
  ingestReportView,
  overviewView,
  toCertificationRowView,
} from '../presenters/certifications';

export const adminCertifications = new Hono<AppEnv>();

const adminOnly = requireAccess(administrationAccess);

/** The export stops here: the whole programme fits, a runaway download does not. */
export const MAX_EXPORT_ROWS = 50_000;
/** The overview shows the first few; the list behind its link has them all. */
const OVERVIEW_EXPIRING_ROWS = 10;

const signedInUser = (c: Context<AppEnv>) => c.var.user!;

function csvAttachment(c: Context<AppEnv>, csv: string, filename: string) {
  return c.body(csv, StatusCodes.OK, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
}

// ---------------------------------------------------------------- upload

const UPLOAD_LIMITS = { megabytes: MAX_INGEST_BYTES / 1024 / 1024, rows: MAX_CSV_ROWS };

function renderUpload(c: Context<AppEnv>, failed?: UploadFailure, status: ContentfulStatusCode = StatusCodes.OK) {
  return c.html(
    <CertificationUploadPage ctx={pageContext(c)} csrfToken={csrfToken(c)} limits={UPLOAD_LIMITS} failed={failed} />,
    status,
  );
}

/** A file input left empty still sends an empty file; an untouched textarea sends "". */
const unlessBlank = (value: unknown) =>
  (value instanceof File && value.size === 0) || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const uploadForm = (t: Messages) =>
  z
    .object({
      file: z.preprocess(
        unlessBlank,
        z.custom<File>((value) => value instanceof File, { message: t.errors.fields.invalid }).optional(),
      ),
      rows: z.preprocess(unlessBlank, z.string().optional()),
    })
    .refine((form) => form.file !== undefined || form.rows !== undefined, {
      path: ['file'],
      message: t.adminCertifications.upload.nothing,
    })
    .refine((form) => form.file === undefined || form.rows === undefined, {
      path: ['file'],
      message: t.adminCertifications.upload.both,
    });

/** The problems that refuse a file as a whole; anything else is a fault of ours and goes to onError. */
const isFileProblem = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === 'validation_failed' || error.code === 'payload_too_large');

adminCertifications.get('/admin/certifications/upload', adminOnly, (c) => renderUpload(c));

adminCertifications.post('/admin/certifications/upload', adminOnly, async (c) => {
  const { t } = c.var;
  const body = await readForm(c);
  const pasted = typeof body.rows === 'string' ? body.rows : '';
  const form = uploadForm(t).safeParse(body);
  if (!form.success) {
    const { issues } = toValidationError(form.error, t);
    return renderUpload(c, { source: 'file', issues, wholeFile: false, pasted }, StatusCodes.BAD_REQUEST);
  }
  const { file, rows: text = '' } = form.data;
  const source = file ? 'file' : 'rows';
  let rows: IngestRow[];
  try {
    rows = csvIngestRows(file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(text), t);
  } catch (error) {
    if (!isFileProblem(error)) throw error;
    const issues: FieldIssue[] = error.issues.length > 0 ? error.issues : [{ field: source, message: error.message }];
    return renderUpload(c, { source, issues, wholeFile: true, pasted }, statusOf(error));
  }
  const results = await ingestCertifications(c.var.db, rows, { userId: signedInUser(c).id }, c.var.today);
  if (ingestChangedCatalogue(results)) await catalogueChanged(c);
  return c.html(
    <CertificationReportPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      report={ingestReportView(rows, results, t)}
    />,
  );
});

adminCertifications.post('/admin/certifications/upload/rejected.csv', adminOnly, async (c) => {
  const { csv } = parseInput(c, z.object({ csv: z.string().min(1) }), await readForm(c));
  return csvAttachment(c, csv, 'rejected-rows.csv');
});

// ---------------------------------------------------------------- list, export, revocation

/** Empty form fields ("?province=") mean "no filter", as a plain HTML form sends them. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const listQuery = z.object({
  province: optional(z.enum(provinceCodes)),
  stars: optional(z.enum(STAR_FILTERS)),
  level: optional(z.enum(certificationLevels)),
  status: optional(z.enum(certificationStatuses)),
  expiring: optional(z.coerce.number().int().min(0).max(3650)),
  revoked: optional(z.literal('1')),
  page: pageParam,
});

const listFilter = (query: z.output<typeof listQuery>): CertificationFilter => ({
  province: query.province,
  stars: query.stars,
  level: query.level,
  status: query.status,
  expiringWithinDays: query.expiring,
});

adminCertifications.get('/admin/certifications', adminOnly, async (c) => {
  const query = parseInput(c, listQuery, c.req.query());
  const filter = listFilter(query);
  const { rows, total } = await listCertifications(
    c.var.db,
    filter,
    c.var.today,
    ADMIN_PAGE_SIZE,
    (query.page - 1) * ADMIN_PAGE_SIZE,
  );
  const ctx = pageContext(c);
  return c.html(
    <CertificationsPage
      ctx={ctx}
      rows={rows.slice(0, ADMIN_PAGE_SIZE).map((row) => toCertificationRowView(row, ctx.locale, c.var.today))}
      total={total}
      filter={filter}
      provinces={provinceOptions(ctx.locale)}
      page={query.page}
      hasNext={rows.length > ADMIN_PAGE_SIZE}
      exportCap={MAX_EXPORT_ROWS}
      revoked={query.revoked !== undefined}
    />,
  );
});

adminCertifications.get('/admin/certifications.csv', adminOnly, async (c) => {
  const { t, locale, today } = c.var;
  const rows = await exportCertifications(
    c.var.db,
    listFilter(parseInput(c, listQuery, c.req.query())),
    today,
    MAX_EXPORT_ROWS,
  );
  return csvAttachment(
    c,
    certificationsCsv(rows, t, locale, today, c.env.PUBLIC_ORIGIN),
    `certifications-${today}.csv`,
  );
});

const REVOKE = '/admin/certifications/:id{[0-9]+}/revoke';

async function targetCertification(c: Context<AppEnv>) {
  const { id } = parseInput(c, z.object({ id: z.coerce.number().int().positive() }), c.req.param());
  const certification = await findCertificationForAdmin(c.var.db, id);
  if (!certification) throw notFound();
  return certification;
}

function renderRevoke(
  c: Context<AppEnv>,
  certification: CertificationForAdmin,
  failed?: { issues: FieldIssue[]; values: Record<string, string> },
) {
  return c.html(
    <CertificationRevokePage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      certification={toCertificationRowView(certification, c.var.locale, c.var.today)}
      failed={failed}
    />,
    failed ? StatusCodes.BAD_REQUEST : StatusCodes.OK,
  );
}

// The same limits as a revocation arriving with council results.
const revokeForm = z.object({
  reason: z.string().trim().min(1).max(1000),
  decisionNumber: z.string().trim().min(1).max(100),
});

adminCertifications.get(REVOKE, adminOnly, async (c) => renderRevoke(c, await targetCertification(c)));

adminCertifications.post(REVOKE, adminOnly, async (c) => {
  const certification = await targetCertification(c);
  if (certification.status === 'revoked') {
    throw new AppError('conflict', { detail: c.var.t.adminCertifications.revoke.alreadyRevoked });
  }
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      await revokeCertification(c.var.db, certification.id, parseInput(c, revokeForm, body), signedInUser(c).id);
      // The product leaves listings and search as well as changing its own page: every cached copy goes.
      await catalogueChanged(c);
      return c.redirect('/admin/certifications?revoked=1', StatusCodes.SEE_OTHER);
    },
    (refusal) => renderRevoke(c, certification, { issues: refusal.issues, values: typedValues(body) }),
  );
});

// ---------------------------------------------------------------- programme overview

adminCertifications.get('/admin/certifications/overview', requireAccess(tradePromotionAccess), async (c) => {
  const data = await loadProgrammeOverview(c.var.db, c.var.today, EXPIRY_WARNING_DAYS, OVERVIEW_EXPIRING_ROWS);
  const ctx = pageContext(c);
  return c.html(
    <CertificationOverviewPage
      ctx={ctx}
      role={signedInUser(c).role}
      today={formatDate(c.var.today)}
      view={overviewView(data, ctx.t, ctx.locale)}
      expiring={{
        days: EXPIRY_WARNING_DAYS,
        count: data.expiringCount,
        rows: data.expiring.map((row) => toCertificationRowView(row, ctx.locale, c.var.today)),
      }}
    />,
  );
});
