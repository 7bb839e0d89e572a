import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lots } from '../../db/schema';
import { createLot } from '../../worker/data/lots';
import { createProduct, testDb } from '../support/factories';

const lotCode = () => crypto.randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();

describe('createLot', () => {
  it('creates a lot and answers duplicate for the same code on the same product', async () => {
    const db = testDb();
    const product = await createProduct();
    const code = lotCode();
    const first = await createLot(db, { productId: product.id, lotCode: code, productionDate: '2026-03-01' });
    expect(first).toEqual(expect.any(Number));
    const [row] = await db.select().from(lots).where(eq(lots.productId, product.id));
    expect(row).toMatchObject({ lotCode: code, productionDate: '2026-03-01' });
    await expect(createLot(db, { productId: product.id, lotCode: code })).rejects.toMatchObject({
      code: 'conflict',
      problems: [{ field: 'lotCode', problem: 'lot_code_taken' }],
    });
    const other = await createProduct();
    expect(await createLot(db, { productId: other.id, lotCode: code })).toEqual(expect.any(Number));
  });

  it('refuses a code that does not fit the Digital Link lot', async () => {
    const product = await createProduct();
    for (const code of ['lo-1', 'ABCDEFGHIJK', '']) {
      await expect(createLot(testDb(), { productId: product.id, lotCode: code })).rejects.toMatchObject({
        problems: [{ field: 'lotCode', problem: 'lot_code_invalid' }],
      });
    }
    expect(await testDb().$count(lots, eq(lots.productId, product.id))).toBe(0);
  });
});
