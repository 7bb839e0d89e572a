import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, fairExhibitors, fairs } from '../../db/schema';
import {
  acceptExhibitor,
  findBooth,
  findExhibitor,
  rejectExhibitor,
  searchPublishedFairs,
  withdrawApplication,
} from '../../worker/data/fairs';
import { AppError } from '../../worker/domain/errors';
import { addDays } from '../../worker/domain/iso-date';
import { application, createFair, openFair } from '../support/fairs';
import { createProducer, createProduct, createUser, testDb, today } from '../support/factories';

describe('acceptExhibitor', () => {
  it('lets the booth’s unique index refuse a second exhibitor with booth_taken on the booth field', async () => {
    const fair = await openFair();
    const staff = { userId: (await createUser('staff')).id };
    const rows = [];
    for (let i = 0; i < 2; i++) {
      const producerId = await createProducer();
      const product = await createProduct({ producerId });
      rows.push((await findExhibitor(testDb(), await application(fair.id, producerId, [product.id])))!);
    }
    const booth = (await findBooth(testDb(), fair.id, 'A01'))!;
    // Both decided on the same free booth, as two staff who loaded the page at the same moment.
    const outcomes = await Promise.allSettled(rows.map((row) => acceptExhibitor(testDb(), staff, row, booth)));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected')!.reason as AppError;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal.code).toBe('conflict');
    expect(refusal.problems).toEqual([{ field: 'booth', problem: 'booth_taken', params: { code: 'A01' } }]);
    const accepted = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.boothId, booth.id));
    expect(accepted).toHaveLength(1);
  });
});

/** A fair taking applications, one producer's waiting application as staff and the producer each read it, and staff. */
async function waitingApplication() {
  const fair = await openFair();
  const producerId = await createProducer();
  const product = await createProduct({ producerId });
  const read = (await findExhibitor(testDb(), await application(fair.id, producerId, [product.id])))!;
  return { fair, read, staff: { userId: (await createUser('staff')).id } };
}

const auditActions = async (fairId: number) =>
  (
    await testDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'fair'), eq(auditLog.entityId, String(fairId))))
  )
    .map((row) => row.action)
    .filter((action) => action.startsWith('fair.exhibitor') || action === 'fair.withdraw');

const fairChangedAt = async (fairId: number) =>
  (await testDb().select({ at: fairs.updatedAt }).from(fairs).where(eq(fairs.id, fairId)))[0]!.at;

describe('a decision that lost a race writes nothing, audit entry included', () => {
  it('refuses a rejection read before another member of staff accepted', async () => {
    const { fair, read, staff } = await waitingApplication();
    expect(await acceptExhibitor(testDb(), staff, read, (await findBooth(testDb(), fair.id, 'A02'))!)).toBe(true);
    const stale = await rejectExhibitor(testDb(), staff, read, 'Hồ sơ thiếu').catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(AppError);
    expect((stale as AppError).code).toBe('conflict');
    expect((stale as AppError).problems).toEqual([{ field: 'status', problem: 'status_not_allowed' }]);
    const [row] = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.id, read.id));
    expect(row).toMatchObject({ status: 'accepted', decisionReason: null });
    expect(await auditActions(fair.id)).toEqual(['fair.exhibitor.accept']);
    const [entry] = await testDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'fair'),
          eq(auditLog.action, 'fair.exhibitor.accept'),
          eq(auditLog.entityId, String(fair.id)),
        ),
      );
    expect(entry!.after).toEqual({ exhibitor: read.id, status: 'accepted', booth: 'A02' });
  });

  it('records no acceptance of an application the producer withdrew meanwhile', async () => {
    const { fair, read, staff } = await waitingApplication();
    expect(await withdrawApplication(testDb(), { userId: staff.userId }, read)).toBe(true);
    const before = await fairChangedAt(fair.id);
    expect(await acceptExhibitor(testDb(), staff, read, (await findBooth(testDb(), fair.id, 'A03'))!)).toBe(false);
    expect(await rejectExhibitor(testDb(), staff, read, 'Muộn')).toBe(false);
    expect(await auditActions(fair.id)).toEqual(['fair.withdraw']);
    expect(await fairChangedAt(fair.id)).toBe(before);
  });

  it('records no withdrawal of an application staff decided meanwhile', async () => {
    const { fair, read, staff } = await waitingApplication();
    expect(await rejectExhibitor(testDb(), staff, read, 'Hết gian')).toBe(true);
    expect(await withdrawApplication(testDb(), { userId: staff.userId }, read)).toBe(false);
    const [row] = await testDb().select().from(fairExhibitors).where(eq(fairExhibitors.id, read.id));
    expect(row).toMatchObject({ status: 'rejected', decisionReason: 'Hết gian' });
    expect(await auditActions(fair.id)).toEqual(['fair.exhibitor.reject']);
  });
});

describe('searchPublishedFairs', () => {
  it('derives each status in SQL as fairStatus does in the domain', async () => {
    const running = await createFair({ provinceCode: '96', communeCode: null });
    const open = await openFair({ provinceCode: '96', communeCode: null });
    const announced = await createFair({
      provinceCode: '96',
      communeCode: null,
      startsOn: addDays(today(), 5),
      endsOn: addDays(today(), 6),
    });
    const finished = await createFair({
      provinceCode: '96',
      communeCode: null,
      startsOn: addDays(today(), -6),
      endsOn: addDays(today(), -5),
    });
    const ids = async (status: 'open_for_applications' | 'published' | 'running' | 'finished') =>
      (await searchPublishedFairs(testDb(), { province: '96', status, today: today(), page: 1, limit: 50 })).items.map(
        (row) => row.id,
      );
    expect(await ids('running')).toEqual([running.id]);
    expect(await ids('open_for_applications')).toEqual([open.id]);
    expect(await ids('published')).toEqual([announced.id]);
    expect(await ids('finished')).toEqual([finished.id]);
  });
});
