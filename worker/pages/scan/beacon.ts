/** The beacon a scan page sends once a person sees it: the only request that counts a scan. */
import { Hono } from 'hono';
import { z } from 'zod';
import { findScanState, recordScan } from '../../data/scans';
import { rateLimits } from '../../domain/rate-limit';
import { pathNamesStamp, uncountedReason } from '../../domain/scan-request';
import { scanVerdict, type ScanState } from '../../domain/scan-verdict';
import { userAgentFamily } from '../../domain/user-agent';
import { readBeaconToken } from '../../lib/beacon-token';
import type { AppEnv } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { currentPinKey } from '../../lib/stamp-config';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { dailyIpHash, deviceId, ipKey, overLimit, requestLocation, stampIdentity, throttled } from './request';

export const beacon = new Hono<AppEnv>();

const beaconForm = z.object({ path: z.string().min(1).max(200), token: z.string().max(200).optional() });

/**
 * The beacon: counts a scan once a page has been shown to a person. The body names the stamp and
 * carries the verdict the page decided, signed for this device; without a valid signature the
 * verdict is decided again from the stored stamp, never taken from the client. Robots and
 * speculative loads are answered like anyone else but not counted, and a beacon from another
 * site (which could inflate a competitor's counters until the stamp looks copied) is refused.
 */
beacon.post('/scans', async (c) => {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin') throw new AppError('forbidden');
  if (uncountedReason({ method: c.req.method, header: (name) => c.req.header(name) })) {
    return c.body(null, StatusCodes.NO_CONTENT);
  }
  const form = parseInput(c, beaconForm, await readForm(c));
  const identity = stampIdentity(c, form.path);
  if (identity instanceof AppError) throw identity;

  const now = new Date();
  const scannedAt = now.toISOString();
  const location = requestLocation(c);
  const device = deviceId(c);
  const record = async (stampId: number | null, verdict: ScanState) =>
    recordScan(c.var.db, {
      stampId,
      serial: identity.serial,
      scannedAt,
      verdict,
      province: location.province,
      country: location.country,
      deviceId: device.id,
      ipHash: await dailyIpHash(c, now),
      userAgentFamily: userAgentFamily(c.req.header('user-agent')),
    });
  // The page decided this scan's verdict for this device a moment ago: with its signed word for
  // it, the scan is counted in one round trip. Without (an old page, another device), decide again.
  const signed =
    form.token && !device.isNew
      ? await readBeaconToken(
          currentPinKey(c.env).key,
          form.token,
          { serial: identity.serial, deviceId: device.id },
          now,
        )
      : null;
  if (signed) {
    await record(signed.stampId, signed.verdict);
    return c.body(null, StatusCodes.NO_CONTENT);
  }

  const state = await findScanState(c.var.db, {
    serial: identity.serial,
    gtin: identity.kind === 'gtin' ? identity.gtin : null,
    deviceId: device.isNew ? null : device.id,
    province: location.province,
  });
  const stamp = state && pathNamesStamp(identity, state) ? state : null;
  if (!stamp && (await overLimit(c, await ipKey(c, 'unknown'), rateLimits.unknownStampsPerIp, now)) !== null) {
    throw throttled(c, now);
  }
  const verdict = scanVerdict({
    stamp,
    deviceSeenBefore: stamp?.deviceSeen ?? false,
    newProvince: stamp ? !stamp.provinceSeen : false,
    scannedAt,
    province: location.province,
    // The verdict's state does not depend on the certification, which the beacon does not read.
    certifications: [],
    today: c.var.today,
  });
  await record(stamp?.stampId ?? null, verdict.state);
  return c.body(null, StatusCodes.NO_CONTENT);
});
