/**
 * The order of effects in worker/services/sales-points.ts when two requests meet: a decision taken
 * on a status another request has just changed, a producer saving its proposal while staff decide,
 * a photo whose row cannot be written. Each must leave no half-change and no audit entry for it.
 */
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, salesPoints } from '../../db/schema';
import { updateSalesPoint, type SalesPointValues } from '../../worker/data/sales-points';
import { AppError } from '../../worker/domain/errors';
import { decideSalesPoint, editProposal, proposeSalesPoint, addPointPhoto } from '../../worker/services/sales-points';
import { createProducer, createUser, testDb } from '../support/factories';
import { createSalesPoint } from '../support/sales-points';

const fields: SalesPointValues = {
  name: 'Quầy OCOP bến xe Biên Hòa',
  kind: 'transport_hub',
  operator: null,
  provinceCode: '75',
  communeCode: '26068',
  street: 'Quốc lộ 1K',
  location: { latitude: 10.9532, longitude: 106.8361 },
  phone: null,
  zalo: null,
  website: null,
  openingHours: [{ dayOfWeek: ['Monday'], opens: '05:00', closes: '20:00' }],
};

const auditOf = (id: number) =>
  testDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'sales_point'), eq(auditLog.entityId, String(id))));

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('decisions that meet', () => {
  it('refuses a decision taken on a status that changed since it was read, writing nothing', async () => {
    const staff = await createUser('staff');
    const point = await createSalesPoint({ status: 'proposed' });
    // Staff A approves; staff B's page still showed the proposal and B rejects it.
    await decideSalesPoint(testDb(), staff, point.id, { action: 'approve', reason: null });
    const error = await refusal(decideSalesPoint(testDb(), staff, point.id, { action: 'reject', reason: 'Trùng' }));
    expect(error.code).toBe('conflict');
    expect(error.problems).toEqual([{ field: 'action', problem: 'status_not_allowed' }]);
    expect((await auditOf(point.id)).map((entry) => entry.after)).toEqual([{ status: 'active', reason: null }]);
  });

  it('keeps a producer’s edit out once staff have decided, even when the edit read the proposal before', async () => {
    const producerId = await createProducer();
    const member = await createUser('producer_member', { producerId });
    const staff = await createUser('staff');
    const point = await createSalesPoint({ status: 'proposed', proposedByProducerId: producerId });
    const [edited, decided] = await Promise.allSettled([
      editProposal(testDb(), member, point.id, { ...fields, name: 'Tên mới của đề xuất' }),
      decideSalesPoint(testDb(), staff, point.id, { action: 'reject', reason: 'Không đủ điều kiện' }),
    ]);
    expect(decided.status).toBe('fulfilled');
    const [row] = await testDb().select().from(salesPoints).where(eq(salesPoints.id, point.id));
    expect(row!.status).toBe('rejected');
    const actions = (await auditOf(point.id)).map((entry) => entry.action);
    if (edited.status === 'fulfilled') {
      // The edit went first, while the proposal still waited.
      expect(actions).toEqual(['sales_point.update', 'sales_point.status']);
      expect(row!.name).toBe('Tên mới của đề xuất');
    } else {
      expect((edited.reason as AppError).code).toBe('conflict');
      expect(actions).toEqual(['sales_point.status']);
      expect(row!.name).toBe(point.name);
    }
  });

  it('rolls a stale proposal edit back whole, audit entry included', async () => {
    const member = await createUser('producer_member');
    const point = await createSalesPoint({ status: 'proposed', proposedByProducerId: member.producerId });
    const [stale] = await testDb().select().from(salesPoints).where(eq(salesPoints.id, point.id));
    await testDb().update(salesPoints).set({ status: 'active' }).where(eq(salesPoints.id, point.id));
    const error = await refusal(updateSalesPoint(testDb(), { userId: member.id }, stale!, fields, 'proposed'));
    expect(error.code).toBe('conflict');
    const [row] = await testDb().select().from(salesPoints).where(eq(salesPoints.id, point.id));
    expect(row).toMatchObject({ status: 'active', name: point.name });
    expect(await auditOf(point.id)).toEqual([]);
  });

  it('refuses a commune of another province before writing anything', async () => {
    const producerId = await createProducer();
    const member = await createUser('producer_member', { producerId });
    const error = await refusal(proposeSalesPoint(testDb(), member, producerId, { ...fields, provinceCode: '80' }));
    expect(error.problems).toEqual([{ field: 'communeCode', problem: 'commune_not_in_province' }]);
    expect(await testDb().select().from(salesPoints).where(eq(salesPoints.name, fields.name))).toEqual([]);
  });
});

describe('photos', () => {
  it('stores nothing in R2 for a point that is not there', async () => {
    const staff = await createUser('staff');
    const before = (await env.MEDIA.list()).objects.length;
    const error = await refusal(
      addPointPhoto({ db: testDb(), bucket: env.MEDIA }, staff, 999_999, {
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
        type: 'image/png',
        width: 1,
        height: 1,
        altVi: 'Ảnh',
        altEn: null,
      }),
    );
    expect(error.code).toBe('not_found');
    expect((await env.MEDIA.list()).objects.length).toBe(before);
  });
});
