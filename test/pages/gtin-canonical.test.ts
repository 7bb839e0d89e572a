/**
 * One GTIN, one product, whatever the spelling: GTINs are stored as GTIN-14 and unique across
 * products and pack sizes (the canonical-gtin migration), so 08936045120019 cannot be taken by one producer while
 * 8936045120019 is another's, and a report on a code under that GTIN reaches its one owner.
 */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, fakeReports, products, productVariants } from '../../db/schema';
import { violationOf } from '../../worker/data/constraints';
import { addVariant } from '../../worker/data/products';
import { findProductIdForPath } from '../../worker/data/scans';
import { AppError } from '../../worker/domain/errors';
import { gtinCheckDigit, toGtin14 } from '../../worker/domain/gtin';
import { createProduct, createUser, testDb } from '../support/factories';
import { postForm, signedIn } from '../support/portal';
import { Phone } from '../support/stamps';

const randomDigits = (count: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) => String(byte % 10)).join('');

/** A GTIN-13 no other test uses, and the other spellings people type or print of it. */
function gtinSpellings() {
  const body = `29${randomDigits(10)}`;
  const gtin13 = `${body}${gtinCheckDigit(body)}`;
  const spaced = `${gtin13[0]} ${gtin13.slice(1, 7)} ${gtin13.slice(7)}`;
  return {
    gtin13,
    gtin14: `0${gtin13}`,
    spellings: [gtin13, `0${gtin13}`, spaced, ` ${gtin13.slice(0, 6)}-${gtin13.slice(6)} `],
  };
}

/** A product of another organisation holding the GTIN, stored as the platform stores it. */
async function ownedElsewhere(gtin14: string) {
  const owner = await createProduct();
  await testDb().update(products).set({ gtin: gtin14 }).where(eq(products.id, owner.id));
  return owner;
}

/** The constraint a write broke, as the data layer reads it (worker/data/constraints.ts), or null. */
async function violation(write: Promise<unknown>) {
  try {
    await write;
    return null;
  } catch (error) {
    return violationOf(error);
  }
}

const variantsOf = (productId: number) =>
  testDb().select().from(productVariants).where(eq(productVariants.productId, productId));

describe('a pack size GTIN in the portal', () => {
  it('is stored as GTIN-14 however it was typed', async () => {
    const { browser, user } = await signedIn('producer_member');
    const product = await createProduct({ producerId: user.producerId! });
    const { spellings, gtin14 } = gtinSpellings();
    const response = await postForm(browser, `/portal/products/${product.id}/variants`, {
      labelVi: 'Hộp 1 kg',
      price: '100000',
      gtin: spellings[2]!,
    });
    expect(response.status).toBe(303);
    expect((await variantsOf(product.id)).map((v) => v.gtin)).toEqual([gtin14]);
  });

  it("refuses another product's GTIN in every spelling with 409 gtin_taken, writing nothing", async () => {
    const { gtin14, spellings } = gtinSpellings();
    await ownedElsewhere(gtin14);
    const { browser, user } = await signedIn('producer_member');
    const mine = await createProduct({ producerId: user.producerId! });
    for (const typed of spellings) {
      const response = await postForm(browser, `/portal/products/${mine.id}/variants`, {
        labelVi: 'Hộp giả',
        price: '1000',
        gtin: typed,
      });
      expect(response.status, typed).toBe(409);
      expect(await response.text()).toContain('id="new-gtin-error"');
    }
    expect(await variantsOf(mine.id)).toEqual([]);
  });

  it("refuses another product's pack size GTIN, typed without its leading zero", async () => {
    const { gtin13, gtin14 } = gtinSpellings();
    const other = await createProduct();
    await testDb().insert(productVariants).values({ productId: other.id, labelVi: 'Gói', price: 1, gtin: gtin14 });
    const { browser, user } = await signedIn('producer_member');
    const mine = await createProduct({ producerId: user.producerId! });
    const response = await postForm(browser, `/portal/products/${mine.id}/variants`, {
      labelVi: 'Gói',
      price: '1000',
      gtin: gtin13,
    });
    expect(response.status).toBe(409);
    expect(await variantsOf(mine.id)).toEqual([]);
  });

  it("takes the product's own GTIN for one of its pack sizes", async () => {
    const { browser, user } = await signedIn('producer_member');
    const { gtin13, gtin14 } = gtinSpellings();
    const product = await createProduct({ producerId: user.producerId! });
    await testDb().update(products).set({ gtin: gtin14 }).where(eq(products.id, product.id));
    const response = await postForm(browser, `/portal/products/${product.id}/variants`, {
      labelVi: '1 trái',
      price: '85000',
      gtin: gtin13,
    });
    expect(response.status).toBe(303);
  });
});

describe('the database', () => {
  it('refuses a GTIN not in its 14-digit form, on products and pack sizes', async () => {
    const product = await createProduct();
    const { gtin13 } = gtinSpellings();
    expect(await violation(testDb().update(products).set({ gtin: gtin13 }).where(eq(products.id, product.id)))).toEqual(
      {
        kind: 'CHECK',
        target: 'products_gtin_14_digits',
      },
    );
    expect(
      await violation(
        testDb().insert(productVariants).values({ productId: product.id, labelVi: 'x', price: 1, gtin: gtin13 }),
      ),
    ).toEqual({ kind: 'CHECK', target: 'product_variants_gtin_14_digits' });
  });

  it("refuses a product's GTIN that another product's pack size holds, and the reverse", async () => {
    const { gtin14 } = gtinSpellings();
    const [a, b] = [await createProduct(), await createProduct()];
    await testDb().insert(productVariants).values({ productId: a.id, labelVi: 'x', price: 1, gtin: gtin14 });
    expect(await violation(testDb().update(products).set({ gtin: gtin14 }).where(eq(products.id, b.id)))).toEqual({
      kind: 'UNIQUE',
      target: 'products.gtin',
    });
    const other = gtinSpellings().gtin14;
    await testDb().update(products).set({ gtin: other }).where(eq(products.id, a.id));
    const actor = { userId: (await createUser('admin')).id };
    const taken = addVariant(testDb(), actor, b.id, { labelVi: 'y', labelEn: null, price: 1, gtin: other });
    await expect(taken).rejects.toBeInstanceOf(AppError);
    await expect(taken).rejects.toMatchObject({
      code: 'conflict',
      problems: [{ field: 'gtin', problem: 'gtin_taken' }],
    });
  });
});

describe('reports on an unknown serial', () => {
  it("reach the GTIN's one owner, whether the path carries 13 or 14 digits", async () => {
    const { gtin13, gtin14 } = gtinSpellings();
    const owner = await ownedElsewhere(gtin14);
    for (const gtin of [gtin13, gtin14]) {
      expect(await findProductIdForPath(testDb(), { kind: 'gtin', gtin: toGtin14(gtin), lot: 'L1', serial: 'X' })).toBe(
        owner.id,
      );
      const path = `/01/${gtin}/10/LOT1/21/FAKE${randomDigits(8)}`;
      const form = new FormData();
      form.set('form', 'report');
      form.set('message', 'Tem lạ');
      expect((await new Phone().postForm(path, form)).status).toBe(200);
      const [report] = await testDb().select().from(fakeReports).where(eq(fakeReports.scannedPath, path));
      expect(report?.productId).toBe(owner.id);
    }
  });
});

describe('the canonical-gtin migration on rows written before it', () => {
  it('pads GTINs to 14 digits, clears duplicates and non-GTINs by a fixed rule, and reports each in the audit log', async () => {
    const db = testDb();
    // The rows as the platform let them be written before: the triggers did not exist yet.
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes('canonical-gtin'))!;
    const triggers = [
      'products_gtin_insert',
      'products_gtin_update',
      'product_variants_gtin_insert',
      'product_variants_gtin_update',
    ];
    for (const trigger of triggers) await env.DB.exec(`DROP TRIGGER ${trigger}`);

    const { gtin13, gtin14 } = gtinSpellings();
    const eight = gtinSpellings();
    const first = await createProduct();
    const second = await createProduct();
    const third = await createProduct();
    await db.update(products).set({ gtin: gtin13 }).where(eq(products.id, first.id));
    await db.update(products).set({ gtin: gtin14 }).where(eq(products.id, second.id));
    await db.update(products).set({ gtin: 'not-a-gtin' }).where(eq(products.id, third.id));
    const [ownPack, twinPack, foreignPack] = await db
      .insert(productVariants)
      .values([
        { productId: first.id, labelVi: 'a', price: 1, gtin: gtin14 },
        { productId: first.id, labelVi: 'b', price: 1, gtin: gtin13 },
        { productId: third.id, labelVi: 'c', price: 1, gtin: eight.gtin13 },
      ])
      .returning();

    for (const query of migration.queries) await env.DB.prepare(query).run();

    const gtinOf = async (id: number) => (await db.select().from(products).where(eq(products.id, id)))[0]!.gtin;
    const packGtin = async (id: number) =>
      (await db.select().from(productVariants).where(eq(productVariants.id, id)))[0]!.gtin;
    // The lowest product id keeps the GTIN, padded; its first pack size shares it.
    expect(await gtinOf(first.id)).toBe(gtin14);
    expect(await packGtin(ownPack!.id)).toBe(gtin14);
    expect(await gtinOf(second.id)).toBeNull();
    expect(await gtinOf(third.id)).toBeNull();
    expect(await packGtin(foreignPack!.id)).toBe(eight.gtin14);
    const cleared = await db
      .select({ entity: auditLog.entity, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, 'gtin.cleared'));
    expect(cleared).toEqual(
      expect.arrayContaining([
        {
          entity: 'product',
          entityId: String(second.id),
          before: { gtin: gtin14 },
          after: { gtin: null, reason: 'held_by_another_product', keptByProductId: first.id },
        },
        {
          entity: 'product',
          entityId: String(third.id),
          before: { gtin: 'not-a-gtin' },
          after: { gtin: null, reason: 'not_a_gtin', keptByProductId: null },
        },
      ]),
    );
    expect(await packGtin(twinPack!.id)).toBeNull();
    expect(cleared).toContainEqual({
      entity: 'product_variant',
      entityId: String(twinPack!.id),
      before: { gtin: gtin13 },
      after: { gtin: null, reason: 'held_by_another_pack_size', keptByProductId: first.id },
    });
    // The triggers are back, and keep it so.
    expect(await violation(db.update(products).set({ gtin: gtin13 }).where(eq(products.id, third.id)))).toMatchObject({
      kind: 'CHECK',
    });
  });
});
