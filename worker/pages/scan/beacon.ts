/** The beacon a scan page sends once a person sees it: the only request that counts a scan. */
import { Hono } from 'hono';
import { z } from 'zod';
import { uncountedReason } from '../../domain/scan-request';
import { userAgentFamily } from '../../domain/user-agent';
import type { AppEnv } from '../../lib/context';
import { readForm } from '../../lib/form-body';
import { AppError } from '../../lib/errors';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { countBeacon } from '../../services/scan';
import { deviceId, stampIdentity, throttled, visitorOf } from './request';

export const beacon = new Hono<AppEnv>();

const beaconForm = z.object({ path: z.string().min(1).max(200), token: z.string().max(200).optional() });

/**
 * The beacon: counts a scan once a page has been shown to a person. Robots and speculative loads
 * are answered like anyone else but not counted, and a beacon from another site (which could
 * inflate a competitor's counters until the stamp looks copied) is refused.
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
  const device = deviceId(c);
  const counted = await countBeacon(
    { db: c.var.db, env: c.env },
    identity,
    form.token,
    {
      ...visitorOf(c, device.id),
      deviceId: device.id,
      isNewDevice: device.isNew,
      userAgentFamily: userAgentFamily(c.req.header('user-agent')),
    },
    now,
  );
  if (counted === 'throttled') throw throttled(c, now);
  return c.body(null, StatusCodes.NO_CONTENT);
});
