/**
 * The stamp URL a consumer's phone opens (GS1 Digital Link `/01/{gtin}/10/{lot}/21/{serial}`, or
 * `/T/{trace code}/{serial}`), as printed or in lower case: the scan page, the verdict as JSON,
 * the linkset, and the scratch-PIN and fake-report forms posted back to it. A GET never counts;
 * only the beacon a page sends once a person sees it does (beacon.ts).
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { PinResultView, ScanPageView, ScanReportView } from '../../../web/pages/ScanPage';
import { ScanPage } from '../../../web/pages/ScanPage';
import { messages } from '../../../web/messages';
import { buildStampPath } from '../../domain/digital-link';
import type { PinClaimDecision } from '../../domain/scan-verdict';
import { MAX_PHOTO_BYTES } from '../../domain/media';
import { scanRepresentation, type ScanRepresentation } from '../../domain/scan-request';
import type { AppEnv } from '../../lib/context';
import { formBodyLimit, readForm } from '../../lib/form-body';
import { AppError, fieldIssues, statusOf } from '../../lib/errors';
import { problemJson } from '../../lib/problem';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { toValidationError } from '../../lib/validation';
import {
  stampLinkset,
  toPinResult,
  toProductView,
  toVerdictView,
  unreadableView,
  verdictJson,
} from '../../presenters/scan';
import { optionalPhoto, type PhotoUpload } from '../../services/photo-upload';
import {
  beaconToken,
  enterPin,
  pageVerdict,
  readStamp,
  reportFromScan,
  reportUnreadable,
  type ScanRead,
  type ScanVisitor,
} from '../../services/scan';
import { beacon } from './beacon';
import { deviceId, sentDeviceId, stampIdentity, throttled, visitorOf } from './request';

export const scan = new Hono<AppEnv>();

/** Path patterns of stamp URLs; the rest of the path is read by parseStampPath, never by the router. */
const STAMP_PATHS = ['/01/*', '/T/*', '/t/*'];

/** Room for the report's text fields and multipart framing around a photo at the size limit. */
const FORM_MARGIN_BYTES = 64 * 1024;
const MAX_REPORT_MESSAGE = 2000;
const MAX_REPORT_CONTACT = 200;

const reportForm = z.object({
  message: z.string().trim().min(1).max(MAX_REPORT_MESSAGE),
  contact: z
    .string()
    .trim()
    .max(MAX_REPORT_CONTACT)
    .optional()
    .transform((value) => value || null),
});

/** Every answer at a stamp URL is for one device at one moment: never stored by the edge or a shared cache. */
function personal(c: Context<AppEnv>) {
  c.header('Cache-Control', 'private, no-store');
  c.header('Vary', 'Accept');
}

/** problem+json for a machine, the friendly error page for a person. */
function refuse(c: Context<AppEnv>, representation: ScanRepresentation, error: AppError): Response {
  if (representation === 'html') throw error;
  personal(c);
  return problemJson(c, error);
}

const emptyReport: ScanReportView = { sent: false, issues: [], values: { message: '', contact: '' } };

interface PageOptions {
  isNewScan: boolean;
  /** The device a page that counts its scan was made for; absent on a form's answer, which counts nothing. */
  beaconDevice?: string;
  /** What the scratch PIN this visitor entered decided; the verdict reads it too. */
  pin?: { result: PinResultView; decision?: PinClaimDecision };
  report?: ScanReportView;
}

async function pageView(
  c: Context<AppEnv>,
  read: ScanRead,
  visitor: ScanVisitor,
  now: Date,
  options: PageOptions,
): Promise<ScanPageView> {
  const { row, identity } = read;
  const { locale, t } = c.var;
  const verdict = pageVerdict(read, visitor, now, options.isNewScan, options.pin?.decision);
  const pinOffered = row !== null && row.status === 'active' && row.pinHmac !== null;
  const pinResult = options.pin?.result ?? null;
  return {
    path: buildStampPath(identity),
    serial: identity.serial,
    verdict: toVerdictView(verdict, locale),
    product: row ? toProductView(row, { locale, t, now, near: visitor.place ?? null }, c.var.today) : null,
    pin: pinOffered || pinResult ? { offered: pinOffered, result: pinResult } : null,
    report: options.report ?? emptyReport,
    beacon:
      options.beaconDevice === undefined
        ? null
        : { token: await beaconToken(c.env, read, verdict.state, options.beaconDevice, now) },
    maxPhotoMegabytes: MAX_PHOTO_BYTES / 1024 / 1024,
  };
}

function renderPage(c: Context<AppEnv>, view: ScanPageView, status: ContentfulStatusCode) {
  personal(c);
  return c.html(<ScanPage ctx={pageContext(c)} view={view} />, status);
}

/**
 * A path that cannot be a stamp (a malformed code, a wrong GTIN check digit): the scan page's own
 * warning that the code cannot be verified, with the form to report it, never a generic error page.
 */
function renderUnreadable(c: Context<AppEnv>, problem: AppError, report: ScanReportView = emptyReport) {
  return renderPage(c, unreadableView(c.req.path, fieldIssues(problem, c.var.t), report), StatusCodes.BAD_REQUEST);
}

async function showStamp(c: Context<AppEnv>) {
  const representation = scanRepresentation(c.req.header('accept'), c.req.query('linkType'));
  const identity = stampIdentity(c, c.req.path);
  if (identity instanceof AppError) {
    return representation === 'html' ? renderUnreadable(c, identity) : refuse(c, representation, identity);
  }
  const now = new Date();
  // Only a page for a person gets a device id; a machine read has nothing to count.
  const device = representation === 'html' ? deviceId(c) : { id: sentDeviceId(c), isNew: false };
  const visitor = visitorOf(c, device.isNew ? null : device.id);
  const read = await readStamp({ db: c.var.db, env: c.env }, identity, visitor, now);
  if (read.throttled) return refuse(c, representation, throttled(c, now));

  const path = buildStampPath(identity);
  const stampUrl = `${new URL(c.req.url).origin}${path}`;
  const origin = c.env.PUBLIC_ORIGIN;
  if (representation === 'linkset') {
    if (!read.row) return refuse(c, representation, new AppError('not_found'));
    personal(c);
    const verdict = pageVerdict(read, visitor, now, false);
    return c.body(
      JSON.stringify(stampLinkset(read.row, verdict, { url: stampUrl, origin, t: messages.vi })),
      StatusCodes.OK,
      { 'Content-Type': 'application/linkset+json' },
    );
  }
  if (representation === 'json') {
    personal(c);
    const verdict = pageVerdict(read, visitor, now, false);
    const body = verdictJson(verdict, read.row, { serial: identity.serial, url: stampUrl, origin });
    return c.json(body, read.row ? StatusCodes.OK : StatusCodes.NOT_FOUND);
  }
  if (read.row) c.header('Link', `<${path}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`);
  const view = await pageView(c, read, visitor, now, { isNewScan: true, beaconDevice: device.id ?? undefined });
  return renderPage(c, view, read.row ? StatusCodes.OK : StatusCodes.NOT_FOUND);
}

async function answerPin(c: Context<AppEnv>, read: ScanRead, visitor: ScanVisitor, typed: string, now: Date) {
  const page = async (
    pin: { result: PinResultView; decision?: PinClaimDecision } | undefined,
    status: ContentfulStatusCode,
  ) =>
    renderPage(
      c,
      await pageView(c, read, visitor, now, pin ? { isNewScan: false, pin } : { isNewScan: false }),
      status,
    );
  const entry = await enterPin({ db: c.var.db, env: c.env }, read, typed, visitor, now);
  switch (entry.outcome) {
    case 'throttled':
      return page({ result: { outcome: 'throttled', minutes: entry.minutes } }, StatusCodes.TOO_MANY_REQUESTS);
    case 'unknown':
      return page(undefined, StatusCodes.NOT_FOUND);
    case 'no_pin':
      return page({ result: { outcome: 'no_pin' } }, StatusCodes.CONFLICT);
    case 'invalid':
      return page({ result: { outcome: 'invalid' } }, StatusCodes.BAD_REQUEST);
    case 'unavailable':
      return page({ result: { outcome: 'unavailable' } }, StatusCodes.OK);
    case 'decided':
      return page({ result: toPinResult(entry.decision, c.var.locale), decision: entry.decision }, StatusCodes.OK);
  }
}

/** The report form's fields as typed, to show them again. */
const typedReport = (body: Record<string, unknown>) => ({
  message: typeof body.message === 'string' ? body.message : '',
  contact: typeof body.contact === 'string' ? body.contact : '',
});

/**
 * A report, checked (fields, photo) before anything is stored; the answer is the page again with
 * the form's outcome: sent, refused with its issues, or over the address's limit.
 */
async function sendReport(
  c: Context<AppEnv>,
  body: Record<string, unknown>,
  send: (report: { message: string; contact: string | null; photo: PhotoUpload | null }) => Promise<number | null>,
): Promise<{ report: ScanReportView; status: ContentfulStatusCode }> {
  const values = typedReport(body);
  const form = reportForm.safeParse(body);
  if (!form.success) {
    return {
      report: { sent: false, issues: toValidationError(form.error, c.var.t).issues, values },
      status: StatusCodes.BAD_REQUEST,
    };
  }
  try {
    const minutes = await send({ ...form.data, photo: await optionalPhoto(body.photo) });
    if (minutes !== null) {
      return {
        report: { sent: false, issues: [], values, throttledMinutes: minutes },
        status: StatusCodes.TOO_MANY_REQUESTS,
      };
    }
    return { report: { ...emptyReport, sent: true }, status: StatusCodes.OK };
  } catch (error) {
    if (!(error instanceof AppError) || !error.namesFields) throw error;
    return { report: { sent: false, issues: fieldIssues(error, c.var.t), values }, status: statusOf(error) };
  }
}

async function answerReport(
  c: Context<AppEnv>,
  read: ScanRead,
  visitor: ScanVisitor,
  body: Record<string, unknown>,
  now: Date,
) {
  const { report, status } = await sendReport(c, body, (form) =>
    reportFromScan({ db: c.var.db, env: c.env }, read, { ...form, scannedPath: c.req.path }, visitor, now),
  );
  return renderPage(c, await pageView(c, read, visitor, now, { isNewScan: false, report }), status);
}

/** The PIN and report forms post back to the stamp URL, so both work with JavaScript off. */
async function answerForm(c: Context<AppEnv>) {
  const body = await readForm(c);
  if (body.form !== 'pin' && body.form !== 'report') {
    throw new AppError('validation_failed', {
      issues: [{ field: 'form', message: c.var.t.errors.fields.oneOf('pin, report') }],
    });
  }
  const identity = stampIdentity(c, c.req.path);
  const now = new Date();
  const visitor = visitorOf(c, sentDeviceId(c));
  if (identity instanceof AppError) {
    // A code that cannot be verified can still be reported: that is what its page offers.
    if (body.form === 'pin') return renderUnreadable(c, identity);
    const { report } = await sendReport(c, body, (form) =>
      reportUnreadable({ db: c.var.db, env: c.env }, { ...form, scannedPath: c.req.path }, visitor, now),
    );
    return renderUnreadable(c, identity, report);
  }
  const read = await readStamp({ db: c.var.db, env: c.env }, identity, visitor, now);
  if (read.throttled) throw throttled(c, now);
  return body.form === 'pin'
    ? answerPin(c, read, visitor, typeof body.pin === 'string' ? body.pin : '', now)
    : answerReport(c, read, visitor, body, now);
}

const reportBodyLimit = formBodyLimit(MAX_PHOTO_BYTES + FORM_MARGIN_BYTES);

for (const path of STAMP_PATHS) {
  scan.get(path, showStamp);
  scan.post(path, reportBodyLimit, answerForm);
}
scan.route('/', beacon);
