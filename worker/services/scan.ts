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
  findScanState,
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
  db: Database,
  identity: StampIdentity,
  visitor: ScanVisitor,
  now: Date,
): Promise<ScanRead> {
  const rule = rateLimits.unknownStampsPerIp;
  const key = await ipKey(visitor.ip, 'unknown');
  const row = await findScanPage(
    db,
    {
      serial: identity.serial,
      gtin: identity.kind === 'gtin' ? identity.gtin : null,
      deviceId: visitor.deviceId,
      province: visitor.location.province,
    },
    { key, windowStart: windowStart(rule, now) },
    visitor.place ?? null,
  );
  if (row && pathNamesStamp(identity, row)) return { identity, row, throttled: row.throttleCount > rule.limit };
  return { identity, row: null, throttled: (await overLimit(db, key, rule, now)) !== null };
}

export function pageVerdict(read: ScanRead, visitor: ScanVisitor, now: Date, isNewScan: boolean): ScanVerdict {
  const { row } = read;
  return scanVerdict({
    stamp: row,
    deviceSeenBefore: row?.deviceSeen ?? false,
    newProvince: row ? !row.provinceSeen : false,
    scannedAt: now.toISOString(),
    province: visitor.location.province,
    certifications: row?.history ?? [],
    today: vietnamDate(now),
    isNewScan,
  });
}

/** The token a page's beacon carries: the verdict this page decided, signed for this device and serial. */
export function beaconToken(env: StampEnv, read: ScanRead, verdict: ScanState, deviceId: string, now: Date) {
  if (!read.row) return Promise.resolve(null);
  return signBeaconToken(
    currentPinKey(env).key,
    { stampId: read.row.stampId, verdict, serial: read.identity.serial, deviceId },
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

/**
 * Counts a scan once a page was shown. With the page's signed word for its verdict the scan is
 * counted in one round trip; without (an old page, another device) the verdict is decided again
 * from the stored stamp, never taken from the client.
 */
export async function countBeacon(
  deps: ScanDeps,
  identity: StampIdentity,
  token: string | undefined,
  visitor: ScanVisitor & { deviceId: string; isNewDevice: boolean; userAgentFamily: UserAgentFamily },
  now: Date,
): Promise<'counted' | 'throttled'> {
  const scannedAt = now.toISOString();
  const record = async (stampId: number | null, verdict: ScanState) =>
    recordScan(deps.db, {
      stampId,
      serial: identity.serial,
      scannedAt,
      verdict,
      province: visitor.location.province,
      country: visitor.location.country,
      deviceId: visitor.deviceId,
      ipHash: await dailyIpHash(currentPinKey(deps.env).key, vietnamDate(now), visitor.ip),
      userAgentFamily: visitor.userAgentFamily,
    });
  const signed =
    token && !visitor.isNewDevice
      ? await readBeaconToken(
          currentPinKey(deps.env).key,
          token,
          { serial: identity.serial, deviceId: visitor.deviceId },
          now,
        )
      : null;
  if (signed) {
    await record(signed.stampId, signed.verdict);
    return 'counted';
  }

  const state = await findScanState(deps.db, {
    serial: identity.serial,
    gtin: identity.kind === 'gtin' ? identity.gtin : null,
    deviceId: visitor.isNewDevice ? null : visitor.deviceId,
    province: visitor.location.province,
  });
  const stamp = state && pathNamesStamp(identity, state) ? state : null;
  if (!stamp && (await overLimit(deps.db, await ipKey(visitor.ip, 'unknown'), rateLimits.unknownStampsPerIp, now))) {
    return 'throttled';
  }
  const verdict = scanVerdict({
    stamp,
    deviceSeenBefore: stamp?.deviceSeen ?? false,
    newProvince: stamp ? !stamp.provinceSeen : false,
    scannedAt,
    province: visitor.location.province,
    // The verdict's state does not depend on the certification, which the beacon does not read.
    certifications: [],
    today: vietnamDate(now),
  });
  await record(stamp?.stampId ?? null, verdict.state);
  return 'counted';
}
