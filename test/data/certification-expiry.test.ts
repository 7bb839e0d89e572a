import { env } from 'cloudflare:workers';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, certifications, products } from '../../db/schema';
import worker from '../../worker/index';
import { addMonths, vietnamDate } from '../../worker/domain/time';
import { createProduct, testDb } from '../support/factories';
import { getJson } from '../support/http';

async function runCron(at: Date) {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: at, cron: '5 17 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const certificationOf = async (productId: number) =>
  (await testDb().select().from(certifications).where(eq(certifications.productId, productId)))[0]!;

describe('the nightly expiry job', () => {
  it('expires certifications past their valid-until date, refreshes the catalogue and audits each one', async () => {
    const now = new Date();
    const today = vietnamDate(now);
    const lapsed = await createProduct({ certifications: [{ stars: 4, validUntil: addMonths(today, -1) }] });
    const lastDay = await createProduct({ certifications: [{ stars: 5, validUntil: today }] });
    // Before the job, reads already treat the lapsed certificate as expired.
    const before = await getJson<{ standing: { state: string; reason: string } }>(`/api/v1/products/${lapsed.slug}`);
    expect(before.body.standing).toMatchObject({ state: 'lapsed', reason: 'expired' });

    await runCron(now);

    const expired = await certificationOf(lapsed.id);
    expect(expired).toMatchObject({ status: 'expired', statusChangedAt: now.toISOString() });
    expect((await certificationOf(lastDay.id)).status).toBe('active');
    const [product] = await testDb().select().from(products).where(eq(products.id, lapsed.id));
    expect(product).toMatchObject({ ocopStars: null, certifiedUntil: null, certificationId: expired.id });
    const entries = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'certification.expired'), eq(auditLog.entityId, String(expired.id))));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ status: 'expired' });
  });

  it('does nothing the second time it runs on the same day', async () => {
    const now = new Date();
    const lapsed = await createProduct({ certifications: [{ stars: 3, validUntil: addMonths(vietnamDate(now), -2) }] });
    await runCron(now);
    const first = await certificationOf(lapsed.id);
    await runCron(new Date(now.getTime() + 60_000));
    expect(await certificationOf(lapsed.id)).toEqual(first);
  });

  it('leaves revoked and superseded certifications as they are', async () => {
    const now = new Date();
    const past = addMonths(vietnamDate(now), -40);
    const revoked = await createProduct({
      certifications: [{ stars: 4, decisionDate: past, status: 'revoked', statusReason: 'Vi phạm' }],
    });
    await runCron(now);
    expect((await certificationOf(revoked.id)).status).toBe('revoked');
  });
});
