/**
 * A consumer's look at a stamp, and what the stamp URL's forms and beacon write: reading the
 * stamp (an unknown serial counts against the caller's address, so nobody can walk the serial
 * space), deciding and storing scratch-PIN entries, reports of suspected fakes, and counting a
 * scan once a page was really shown.
 */
import { currentPinKey, pinKeyForVersion, type StampEnv } from '../config';
import { readBeaconToken, signBeaconToken } from '../crypto/beacon-token';
import { sha256Hex } from '../crypto/digest';
import { dailyIpHash } from '../crypto/ip-hash';
import { verifyPin } from '../crypto/pin';
import type { Database } from '../data/db';
import { countAttempt } from '../data/rate-limits';
import {
  findPinState,
  findProductIdForPath,
  findScanPage,
  recordScan,
  storePinDecision,
  type ScanPageRow,
} from '../data/scans';
import type { LatLng } from '../domain/geo';
import type { StampIdentity } from '../domain/digital-link';
import { AppError } from '../domain/errors';
import { minutesUntilReset, rateLimits, windowStart, type RateLimitRule } from '../domain/rate-limit';
import { pathNamesStamp, type ScanLocation } from '../domain/scan-request';
import {
  pinClaimDecision,
  scanVerdict,
  type PinClaimDecision,
  type ScanState,
  type ScanVerdict,
  type StampPinState,
} from '../domain/scan-verdict';
import { normalisePin } from '../domain/stamp-codes';
import { vietnamDate } from '../domain/time';
import type { UserAgentFamily } from '../domain/user-agent';
import { sendFakeReport } from './fake-reports';
import type { PhotoUpload } from './photo-upload';

/** A malformed path is kept as scanned, up to this many characters. */
const MAX_SCANNED_PATH = 300;

/** Compare-and-set rounds a PIN entry gets when other entries on the same stamp keep landing first. */
const MAX_PIN_ROUNDS = 10;

/** Who is looking: where from, which browser, which device cookie. */
export interface ScanVisitor {
  ip: string;
  location: ScanLocation;
  /** The device-id cookie the browser sent (or was just given), null when it has none of ours. */
  deviceId: string | null;
  /** Approximate coordinates (request.cf) when in Vietnam: the nearest stocking points come first. */
  place?: LatLng | null;
}

export interface ScanDeps {
  db: Database;
  env: StampEnv & { MEDIA: R2Bucket };
}

export interface ScanRead {
  identity: StampIdentity;
  /** The stamp the path names, or null: an unknown serial, or a real one under another product's path. */
  row: ScanPageRow | null;
  /** The caller is over the unknown-serial limit: every look-up is refused, or a 429 would tell which serials exist. */
  throttled: boolean;
}

/** A rate-limit key for an address; hashed, as the login limits are. */
const ipKey = async (ip: string, purpose: string) => `scan:${purpose}:${await sha256Hex(ip)}`;

/** Counts one attempt against `rule` and says how many minutes are left when the limit is passed. */
async function overLimit(db: Database, key: string, rule: RateLimitRule, now: Date): Promise<number | null> {
  const count = await countAttempt(db, key, rule, now);
  return count > rule.limit ? minutesUntilReset(rule, now) : null;
}

/**
 * The page's data in one statement, which also reads the caller's unknown-serial count; only an
 * unknown serial then counts one more against the caller's address.
 */
export async function readStamp(
  deps: ScanDeps,
  identity: StampIdentity,
  visitor: ScanVisitor,
  now: Date,
): Promise<ScanRead> {
  const { db } = deps;
  const rule = rateLimits.unknownStampsPerIp;
  const key = await ipKey(visitor.ip, 'unknown');
  const row = await findScanPage(
    db,
    {
      serial: identity.serial,
      gtin: identity.kind === 'gtin' ? identity.gtin : null,
      deviceId: visitor.deviceId,
      ipHash: await networkOf(deps.env, visitor, now),
      province: visitor.location.province,
    },
    { key, windowStart: windowStart(rule, now) },
    visitor.place ?? null,
  );
  if (row && pathNamesStamp(identity, row)) return { identity, row, throttled: row.throttleCount > rule.limit };
  return { identity, row: null, throttled: (await overLimit(db, key, rule, now)) !== null };
}

/** The client's address as today's hash: what makes a network in the scan evidence. */
const networkOf = (env: StampEnv, visitor: ScanVisitor, now: Date) =>
  dailyIpHash(currentPinKey(env).key, vietnamDate(now), visitor.ip);

/**
 * The one verdict of worker/domain/scan-verdict.ts for this look at the stamp: a new scan (the
 * page a phone opens), or the stored state (a machine read, or the answer to a form), with what
 * the PIN this visitor just entered decided.
 */
export function pageVerdict(
  read: ScanRead,
  visitor: ScanVisitor,
  now: Date,
  isNewScan: boolean,
  pin?: PinClaimDecision,
): ScanVerdict {
  const { row } = read;
  return scanVerdict({
    stamp: row,
    deviceSeenBefore: row?.deviceSeen ?? false,
    networkSeenBefore: row?.networkSeen ?? false,
    newProvince: row ? !row.provinceSeen : false,
    scannedAt: now.toISOString(),
    province: visitor.location.province,
    certifications: row?.history ?? [],
    today: vietnamDate(now),
    isNewScan,
    ...(pin ? { pin } : {}),
  });
}

/**
 * The single-use ticket a page's beacon carries: the verdict this page decided, signed for this
 * device and serial. An unknown code gets one too, so scans of codes never issued are recorded.
 */
export function beaconToken(env: StampEnv, read: ScanRead, verdict: ScanState, deviceId: string, now: Date) {
  return signBeaconToken(
    currentPinKey(env).key,
    { stampId: read.row?.stampId ?? 0, verdict, serial: read.identity.serial, deviceId },
    now,
  );
}

const pinStateOf = (row: ScanPageRow): StampPinState => ({
  pinHmac: row.pinHmac,
  pinClaimedAt: row.pinClaimedAt,
  pinClaimProvince: row.pinClaimProvince,
  pinFailedAttempts: row.pinFailedAttempts,
  pinLockedUntil: row.pinLockedUntil,
});

export type PinEntry =
  | { outcome: 'throttled'; minutes: number }
  | { outcome: 'unknown' }
  | { outcome: 'no_pin' }
  | { outcome: 'invalid' }
  | { outcome: 'unavailable' }
  | { outcome: 'decided'; decision: PinClaimDecision };

/**
 * One scratch-PIN entry. The decision is written only over the state it was made from; when
 * another entry got there first, the state is read again and the entry decided again.
 */
export async function enterPin(
  deps: ScanDeps,
  read: ScanRead,
  typed: string,
  visitor: ScanVisitor,
  now: Date,
): Promise<PinEntry> {
  const minutes = await overLimit(deps.db, await ipKey(visitor.ip, 'pin'), rateLimits.stampPinsPerIp, now);
  if (minutes !== null) return { outcome: 'throttled', minutes };
  const { row } = read;
  if (!row) return { outcome: 'unknown' };
  if (row.pinHmac === null || row.status !== 'active') return { outcome: 'no_pin' };
  const pin = normalisePin(typed);
  if (pin === null) return { outcome: 'invalid' };
  const key = pinKeyForVersion(deps.env, row.keyVersion);
  if (key === null) return { outcome: 'unavailable' };
  const matched = await verifyPin(pin, row.pinHmac, key, row.keyVersion);
  let state = pinStateOf(row);
  for (let round = 1; round <= MAX_PIN_ROUNDS; round++) {
    const decision = pinClaimDecision({ pin: state, matched, now, province: visitor.location.province });
    if (!('update' in decision) || !decision.update) return { outcome: 'decided', decision };
    if (await storePinDecision(deps.db, row.stampId, state, decision.update)) return { outcome: 'decided', decision };
    state = (await findPinState(deps.db, row.stampId)) ?? state;
  }
  throw new AppError('conflict');
}

/** A suspected fake reported from a stamp URL; null when sent, or the minutes to wait when over the limit. */
export async function reportFromScan(
  deps: ScanDeps,
  read: ScanRead,
  report: { message: string; contact: string | null; scannedPath: string; photo: PhotoUpload | null },
  visitor: ScanVisitor,
  now: Date,
): Promise<number | null> {
  const minutes = await overLimit(deps.db, await ipKey(visitor.ip, 'report'), rateLimits.fakeReportsPerIp, now);
  if (minutes !== null) return minutes;
  await sendFakeReport(
    { db: deps.db, bucket: deps.env.MEDIA },
    {
      stampId: read.row?.stampId ?? null,
      scannedPath: report.scannedPath,
      productId: read.row?.productId ?? (await findProductIdForPath(deps.db, read.identity)),
      message: report.message,
      contact: report.contact,
      province: visitor.location.province,
    },
    report.photo,
  );
  return null;
}

/** A report about a path that cannot be a stamp at all: kept with the path as scanned, against no product. */
export async function reportUnreadable(
  deps: ScanDeps,
  report: { message: string; contact: string | null; scannedPath: string; photo: PhotoUpload | null },
  visitor: ScanVisitor,
  now: Date,
): Promise<number | null> {
  const minutes = await overLimit(deps.db, await ipKey(visitor.ip, 'report'), rateLimits.fakeReportsPerIp, now);
  if (minutes !== null) return minutes;
  await sendFakeReport(
    { db: deps.db, bucket: deps.env.MEDIA },
    {
      stampId: null,
      scannedPath: report.scannedPath.slice(0, MAX_SCANNED_PATH),
      productId: null,
      message: report.message,
      contact: report.contact,
      province: visitor.location.province,
    },
    report.photo,
  );
  return null;
}

export type BeaconOutcome = 'counted' | 'uncounted' | 'throttled';

/**
 * Counts a scan once a page was really shown to a person: only with the page's single-use ticket
 * for this serial and this device cookie, and at most rateLimits.beaconsPerIp a quarter hour from
 * one address. A beacon without a valid ticket (forged, from another device, too old) or with one
 * already used counts nothing, so the evidence behind a verdict cannot be made up by sending
 * requests.
 */
export async function countBeacon(
  deps: ScanDeps,
  identity: StampIdentity,
  token: string | undefined,
  visitor: ScanVisitor & { deviceId: string; isNewDevice: boolean; userAgentFamily: UserAgentFamily },
  now: Date,
): Promise<BeaconOutcome> {
  if (await overLimit(deps.db, await ipKey(visitor.ip, 'beacon'), rateLimits.beaconsPerIp, now)) return 'throttled';
  // A device id given to this very request cannot have a page's ticket.
  if (!token || visitor.isNewDevice) return 'uncounted';
  const claim = await readBeaconToken(
    currentPinKey(deps.env).key,
    token,
    { serial: identity.serial, deviceId: visitor.deviceId },
    now,
  );
  if (!claim) return 'uncounted';
  const recorded = await recordScan(deps.db, {
    stampId: claim.stampId === 0 ? null : claim.stampId,
    serial: identity.serial,
    scannedAt: now.toISOString(),
    verdict: claim.verdict,
    province: visitor.location.province,
    country: visitor.location.country,
    deviceId: visitor.deviceId,
    ipHash: await networkOf(deps.env, visitor, now),
    userAgentFamily: visitor.userAgentFamily,
    beaconNonce: claim.nonce,
  });
  return recorded ? 'counted' : 'uncounted';
}
