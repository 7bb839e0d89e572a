import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stampPinFiles } from '../../db/schema';
import { PIN_FILE_DAYS } from '../../worker/domain/stamp-batch';
import worker from '../../worker/index';
import { readPinFiles } from '../../worker/storage/media-bucket';
import { createProduct, testDb } from '../support/factories';
import { batchFor, lotFor } from '../support/portal-stamps';

async function runCron(at: Date) {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: at, cron: '5 17 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A batch with PINs issued at `at`, its print file stored as issuing stores it. */
async function batchWithPins(at: Date) {
  const { lotId } = await lotFor((await createProduct()).id);
  const issued = await batchFor(lotId, { quantity: 5, withPin: true, labelsPerSheet: 2 }, {}, at);
  const [row] = await testDb().select().from(stampPinFiles).where(eq(stampPinFiles.batchId, issued.batchId));
  return { ...issued, pinFile: row! };
}

describe('PIN print files', () => {
  it('records the sheets a file covers and keeps each PIN under its serial', async () => {
    const { stamps, pinFile } = await batchWithPins(new Date());
    expect(pinFile).toMatchObject({ firstSheet: 1, lastSheet: 3 });
    const pins = await readPinFiles(env.MEDIA, [pinFile.objectKey, 'stamp-pins/missing.json']);
    expect(stamps.every((stamp) => stamp.pin !== undefined && pins.get(stamp.serial) === stamp.pin)).toBe(true);
  });

  it(`are deleted by the nightly job ${PIN_FILE_DAYS} days after they were written, not before`, async () => {
    const now = new Date();
    const old = await batchWithPins(new Date(now.getTime() - (PIN_FILE_DAYS * 86_400_000 + 60_000)));
    const recent = await batchWithPins(new Date(now.getTime() - 86_400_000));
    await runCron(now);
    expect(await testDb().select().from(stampPinFiles).where(eq(stampPinFiles.batchId, old.batchId))).toEqual([]);
    expect(await env.MEDIA.get(old.pinFile.objectKey)).toBeNull();
    expect(await testDb().select().from(stampPinFiles).where(eq(stampPinFiles.batchId, recent.batchId))).toHaveLength(
      1,
    );
    expect(await env.MEDIA.get(recent.pinFile.objectKey)).not.toBeNull();
  });
});
