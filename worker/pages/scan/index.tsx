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
import { createFakeReport } from '../../data/fake-reports';
import { findPinState, findProductIdForPath, findScanPage, storePinDecision, type ScanPageRow } from '../../data/scans';
import { buildStampPath, type StampIdentity } from '../../domain/digital-link';
import { MAX_PHOTO_BYTES, photoKey, sniffPhotoType } from '../../domain/media';
import { rateLimits, windowStart } from '../../domain/rate-limit';
import { pathNamesStamp, scanRepresentation, type ScanRepresentation } from '../../domain/scan-request';
import { pinClaimDecision, scanVerdict, type PinClaimDecision, type StampPinState } from '../../domain/scan-verdict';
import { normalisePin } from '../../domain/stamp-codes';
import type { AppEnv } from '../../lib/context';
import { AppError, type FieldIssue } from '../../lib/errors';
import { signBeaconToken } from '../../lib/beacon-token';
import { formBodyLimit, readForm } from '../../lib/form-body';
import { verifyPin } from '../../lib/pin-hmac';
import { problemJson } from '../../lib/problem';
import { pageContext } from '../../lib/render';
import { currentPinKey, pinKeyForVersion } from '../../lib/stamp-config';
import { StatusCodes } from '../../lib/status';
import { toValidationError } from '../../lib/validation';
import { stampLinkset, toPinResult, toProductView, toVerdictView, verdictJson } from './present';
import { beacon } from './beacon';
import { deviceId, ipKey, overLimit, requestLocation, sentDeviceId, stampIdentity, throttled } from './request';

export const scan = new Hono<AppEnv>();

/** Path patterns of stamp URLs; the rest of the path is read by parseStampPath, never by the router. */
const STAMP_PATHS = ['/01/*', '/T/*', '/t/*'];

/** Room for the report's text fields and multipart framing around a photo at the size limit. */
const FORM_MARGIN_BYTES = 64 * 1024;
/** Compare-and-set rounds a PIN entry gets when other entries on the same stamp keep landing first. */
const MAX_PIN_ROUNDS = 10;
const MAX_REPORT_MESSAGE = 2000;
const MAX_REPORT_CONTACT = 200;
const REPORT_PHOTO_PREFIX = 'reports/';

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

interface ScanRead {
  identity: StampIdentity;
  /** The stamp the path names, or null: an unknown serial, or a real one under another product's path. */
  row: ScanPageRow | null;
  /** The caller is over the unknown-serial limit: every look-up is refused, or a 429 would tell which serials exist. */
  throttled: boolean;
}

/** The page's data in one statement; an unknown serial then counts against the caller's IP address. */
async function readStamp(
  c: Context<AppEnv>,
  identity: StampIdentity,
  device: string | null,
  now: Date,
): Promise<ScanRead> {
  const rule = rateLimits.unknownStampsPerIp;
  const key = await ipKey(c, 'unknown');
  const row = await findScanPage(
    c.var.db,
    {
      serial: identity.serial,
      gtin: identity.kind === 'gtin' ? identity.gtin : null,
      deviceId: device,
      province: requestLocation(c).province,
    },
    { key, windowStart: windowStart(rule, now) },
  );
  if (row && pathNamesStamp(identity, row)) return { identity, row, throttled: row.throttleCount > rule.limit };
  return { identity, row: null, throttled: (await overLimit(c, key, rule, now)) !== null };
}

function verdictOf(c: Context<AppEnv>, row: ScanPageRow | null, now: Date, isNewScan: boolean) {
  return scanVerdict({
    stamp: row,
    deviceSeenBefore: row?.deviceSeen ?? false,
    newProvince: row ? !row.provinceSeen : false,
    scannedAt: now.toISOString(),
    province: requestLocation(c).province,
    certifications: row?.history ?? [],
    today: c.var.today,
    isNewScan,
  });
}

const emptyReport: ScanReportView = { sent: false, issues: [], values: { message: '', contact: '' } };

interface PageOptions {
  isNewScan: boolean;
  /** The device a page that counts its scan was made for; absent on a form's answer, which counts nothing. */
  beaconDevice?: string;
  pin?: PinResultView | null;
  report?: ScanReportView;
}

async function pageView(c: Context<AppEnv>, read: ScanRead, now: Date, options: PageOptions): Promise<ScanPageView> {
  const { row, identity } = read;
  const locale = c.var.locale;
  const verdict = verdictOf(c, row, now, options.isNewScan);
  const pinOffered = row !== null && row.status === 'active' && row.pinHmac !== null;
  const pinResult = options.pin ?? null;
  return {
    path: buildStampPath(identity),
    serial: identity.serial,
    verdict: toVerdictView(verdict, locale),
    product: row ? toProductView(row, { locale }, c.var.today) : null,
    pin: pinOffered || pinResult ? { offered: pinOffered, result: pinResult } : null,
    report: options.report ?? emptyReport,
    // An unknown code is recorded too (against no stamp): scans of codes never issued are what a
    // counterfeit leaves. A known stamp's beacon carries this page's verdict, signed for this device.
    beacon:
      options.beaconDevice === undefined
        ? null
        : {
            token: row
              ? await signBeaconToken(
                  currentPinKey(c.env).key,
                  {
                    stampId: row.stampId,
                    verdict: verdict.state,
                    serial: identity.serial,
                    deviceId: options.beaconDevice,
                  },
                  now,
                )
              : null,
          },
    maxPhotoMegabytes: MAX_PHOTO_BYTES / 1024 / 1024,
  };
}

function renderPage(c: Context<AppEnv>, view: ScanPageView, status: ContentfulStatusCode) {
  personal(c);
  return c.html(<ScanPage ctx={pageContext(c)} view={view} />, status);
}

async function showStamp(c: Context<AppEnv>) {
  const representation = scanRepresentation(c.req.header('accept'), c.req.query('linkType'));
  const identity = stampIdentity(c, c.req.path);
  if (identity instanceof AppError) return refuse(c, representation, identity);
  const now = new Date();
  // Only a page for a person gets a device id; a machine read has nothing to count.
  const device = representation === 'html' ? deviceId(c) : { id: sentDeviceId(c), isNew: false };
  const read = await readStamp(c, identity, device.isNew ? null : device.id, now);
  if (read.throttled) return refuse(c, representation, throttled(c, now));

  const path = buildStampPath(identity);
  const stampUrl = `${new URL(c.req.url).origin}${path}`;
  const origin = c.env.PUBLIC_ORIGIN;
  if (representation === 'linkset') {
    if (!read.row) return refuse(c, representation, new AppError('not_found'));
    personal(c);
    return c.body(JSON.stringify(stampLinkset(read.row, { url: stampUrl, origin })), StatusCodes.OK, {
      'Content-Type': 'application/linkset+json',
    });
  }
  if (representation === 'json') {
    personal(c);
    const verdict = verdictOf(c, read.row, now, false);
    const body = verdictJson(verdict, read.row, { serial: identity.serial, url: stampUrl, origin });
    return c.json(body, read.row ? StatusCodes.OK : StatusCodes.NOT_FOUND);
  }
  if (read.row) c.header('Link', `<${path}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`);
  const view = await pageView(c, read, now, { isNewScan: true, beaconDevice: device.id ?? undefined });
  return renderPage(c, view, read.row ? StatusCodes.OK : StatusCodes.NOT_FOUND);
}

const pinStateOf = (row: ScanPageRow): StampPinState => ({
  pinHmac: row.pinHmac,
  pinClaimedAt: row.pinClaimedAt,
  pinClaimProvince: row.pinClaimProvince,
  pinFailedAttempts: row.pinFailedAttempts,
  pinLockedUntil: row.pinLockedUntil,
});

/**
 * Decides and stores one PIN entry. The decision is written only over the state it was made
 * from; when another entry got there first, the state is read again and the entry decided again.
 */
async function claimPin(c: Context<AppEnv>, row: ScanPageRow, matched: boolean, now: Date): Promise<PinClaimDecision> {
  let state = pinStateOf(row);
  for (let round = 1; round <= MAX_PIN_ROUNDS; round++) {
    const decision = pinClaimDecision({ pin: state, matched, now, province: requestLocation(c).province });
    if (!('update' in decision) || !decision.update) return decision;
    if (await storePinDecision(c.var.db, row.stampId, state, decision.update)) return decision;
    state = (await findPinState(c.var.db, row.stampId)) ?? state;
  }
  throw new AppError('conflict');
}

async function answerPin(c: Context<AppEnv>, read: ScanRead, body: Record<string, unknown>, now: Date) {
  const { row } = read;
  const page = async (result: PinResultView | null, status: ContentfulStatusCode) =>
    renderPage(c, await pageView(c, read, now, { isNewScan: false, pin: result }), status);
  const minutes = await overLimit(c, await ipKey(c, 'pin'), rateLimits.stampPinsPerIp, now);
  if (minutes !== null) return page({ outcome: 'throttled', minutes }, StatusCodes.TOO_MANY_REQUESTS);
  if (!row) return page(null, StatusCodes.NOT_FOUND);
  if (row.pinHmac === null || row.status !== 'active') return page({ outcome: 'no_pin' }, StatusCodes.CONFLICT);

  const pin = normalisePin(typeof body.pin === 'string' ? body.pin : '');
  if (pin === null) return page({ outcome: 'invalid' }, StatusCodes.BAD_REQUEST);
  const key = pinKeyForVersion(c.env, row.keyVersion);
  if (key === null) return page({ outcome: 'unavailable' }, StatusCodes.OK);
  const matched = await verifyPin(pin, row.pinHmac, key, row.keyVersion);
  const decision = await claimPin(c, row, matched, now);
  return page(toPinResult(decision, c.var.locale), StatusCodes.OK);
}

async function answerReport(c: Context<AppEnv>, read: ScanRead, body: Record<string, unknown>, now: Date) {
  const { t } = c.var;
  const values = {
    message: typeof body.message === 'string' ? body.message : '',
    contact: typeof body.contact === 'string' ? body.contact : '',
  };
  const page = async (report: ScanReportView, status: ContentfulStatusCode) =>
    renderPage(c, await pageView(c, read, now, { isNewScan: false, report }), status);
  const refused = (issues: FieldIssue[], status: ContentfulStatusCode) => page({ sent: false, issues, values }, status);

  const minutes = await overLimit(c, await ipKey(c, 'report'), rateLimits.fakeReportsPerIp, now);
  if (minutes !== null) {
    return page({ sent: false, issues: [], values, throttledMinutes: minutes }, StatusCodes.TOO_MANY_REQUESTS);
  }
  const form = reportForm.safeParse(body);
  if (!form.success) return refused(toValidationError(form.error, t).issues, StatusCodes.BAD_REQUEST);

  const file = body.photo;
  let photo: { bytes: Uint8Array; type: NonNullable<ReturnType<typeof sniffPhotoType>> } | null = null;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_PHOTO_BYTES) {
      const message = t.scan.reportForm.photoTooLarge(MAX_PHOTO_BYTES / 1024 / 1024);
      return refused([{ field: 'photo', message }], StatusCodes.PAYLOAD_TOO_LARGE);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = sniffPhotoType(bytes);
    if (!type) {
      return refused([{ field: 'photo', message: t.scan.reportForm.photoType }], StatusCodes.UNSUPPORTED_MEDIA_TYPE);
    }
    photo = { bytes, type };
  }

  // Under their own prefix, which the public /media route never serves: a buyer's photo is shown
  // only to those who review the report.
  const key = photo ? `${REPORT_PHOTO_PREFIX}${photoKey(photo.type, crypto.randomUUID())}` : null;
  if (photo && key) await c.env.MEDIA.put(key, photo.bytes, { httpMetadata: { contentType: photo.type } });
  try {
    await createFakeReport(c.var.db, {
      stampId: read.row?.stampId ?? null,
      scannedPath: c.req.path,
      productId: read.row?.productId ?? (await findProductIdForPath(c.var.db, read.identity)),
      message: form.data.message,
      photoKey: key,
      contact: form.data.contact,
      province: requestLocation(c).province,
    });
  } catch (error) {
    if (key) await c.env.MEDIA.delete(key);
    throw error;
  }
  return page({ ...emptyReport, sent: true }, StatusCodes.OK);
}

/** The PIN and report forms post back to the stamp URL, so both work with JavaScript off. */
async function answerForm(c: Context<AppEnv>) {
  const identity = stampIdentity(c, c.req.path);
  if (identity instanceof AppError) throw identity;
  const body = await readForm(c);
  if (body.form !== 'pin' && body.form !== 'report') {
    throw new AppError('validation_failed', {
      issues: [{ field: 'form', message: c.var.t.errors.fields.oneOf('pin, report') }],
    });
  }
  const now = new Date();
  const device = sentDeviceId(c);
  const read = await readStamp(c, identity, device, now);
  if (read.throttled) throw throttled(c, now);
  return body.form === 'pin' ? answerPin(c, read, body, now) : answerReport(c, read, body, now);
}

const reportBodyLimit = formBodyLimit(MAX_PHOTO_BYTES + FORM_MARGIN_BYTES);

for (const path of STAMP_PATHS) {
  scan.get(path, showStamp);
  scan.post(path, reportBodyLimit, answerForm);
}
scan.route('/', beacon);
