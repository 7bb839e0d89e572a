import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, productVariants, products, stockAdjustments } from '../../db/schema';
import { addVariant, adjustStock } from '../../worker/data/products';
import { createProduct, createUser, testDb } from '../support/factories';

describe('adjustStock', () => {
  it('rolls the whole batch back when stock would go negative, even past the route check', async () => {
    const db = testDb();
    const user = await createUser('admin');
    const product = await createProduct({ stock: 2 });
    const auditBefore = (await db.select().from(auditLog)).length;
    await expect(
      adjustStock(
        db,
        { userId: user.id },
        { productId: product.id, variantId: null, delta: -3, reason: 'sold_offline' },
      ),
    ).rejects.toMatchObject({ code: 'conflict', problems: [{ field: 'delta', problem: 'stock_changed' }] });
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row!.stock).toBe(2);
    expect(await db.select().from(stockAdjustments).where(eq(stockAdjustments.productId, product.id))).toEqual([]);
    expect((await db.select().from(auditLog)).length).toBe(auditBefore);
  });

  it('keeps a pack size from going negative and the product total unchanged', async () => {
    const db = testDb();
    const user = await createUser('admin');
    const product = await createProduct({ stock: 0 });
    await addVariant(db, { userId: user.id }, product.id, { labelVi: 'Hũ', labelEn: null, price: 50_000, gtin: null });
    const [variant] = await db.select().from(productVariants).where(eq(productVariants.productId, product.id));
    await adjustStock(
      db,
      { userId: user.id },
      { productId: product.id, variantId: variant!.id, delta: 4, reason: 'received' },
    );
    await expect(
      adjustStock(
        db,
        { userId: user.id },
        { productId: product.id, variantId: variant!.id, delta: -5, reason: 'damaged' },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    const [after] = await db.select().from(productVariants).where(eq(productVariants.id, variant!.id));
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect([after!.stock, row!.stock, row!.price]).toEqual([4, 4, 50_000]);
  });
});
