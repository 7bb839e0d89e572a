import { describe, expect, it } from 'vitest';
import { lots } from '../../db/schema';
import { problem } from '../../worker/domain/errors';
import { isViolation, violationOf, withConstraints } from '../../worker/data/constraints';
import { createProduct, testDb } from '../support/factories';
import { newLotCode } from '../support/portal-stamps';

/** The error D1 raises for a second lot with the same code on the same product. */
async function duplicateLotError(): Promise<unknown> {
  const db = testDb();
  const { id: productId } = await createProduct();
  const lotCode = newLotCode();
  await db.insert(lots).values({ productId, lotCode });
  return db
    .insert(lots)
    .values({ productId, lotCode })
    .then(() => null)
    .catch((error: unknown) => error);
}

describe('violationOf', () => {
  it('reads the constraint and its columns from what D1 raises, through drizzle', async () => {
    const error = await duplicateLotError();
    expect(violationOf(error)).toEqual({ kind: 'UNIQUE', target: 'lots.product_id, lots.lot_code' });
    expect(isViolation(error, 'UNIQUE', 'lots.product_id, lots.lot_code')).toBe(true);
    expect(isViolation(error, 'UNIQUE', 'lots.lot_code')).toBe(false);
  });

  it('answers null for any other error', () => {
    expect(violationOf(new Error('network down'))).toBeNull();
    expect(violationOf('UNIQUE constraint failed: lots.id')).toBeNull();
  });
});

describe('withConstraints', () => {
  const known = {
    'UNIQUE lots.product_id, lots.lot_code': problem('lotCode', 'lot_code_taken'),
    'NOT NULL invitations.token_hash': 'conflict',
  } as const;

  it('turns a known violation into its typed problem', async () => {
    const error = await duplicateLotError();
    await expect(withConstraints(() => Promise.reject(error), known)).rejects.toMatchObject({
      code: 'conflict',
      problems: [{ field: 'lotCode', problem: 'lot_code_taken' }],
    });
  });

  it('turns a violation no field is to blame for into a plain conflict', async () => {
    const error = new Error('D1_ERROR: NOT NULL constraint failed: invitations.token_hash: SQLITE_CONSTRAINT');
    await expect(withConstraints(() => Promise.reject(error), known)).rejects.toMatchObject({
      code: 'conflict',
      problems: [],
    });
  });

  it('lets any other error through unchanged, and answers what the write answers', async () => {
    const other = new Error('D1_ERROR: UNIQUE constraint failed: stamps.serial: SQLITE_CONSTRAINT');
    await expect(withConstraints(() => Promise.reject(other), known)).rejects.toBe(other);
    expect(await withConstraints(() => Promise.resolve(7), known)).toBe(7);
  });
});
