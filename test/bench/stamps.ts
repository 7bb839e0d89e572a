/**
 * Stamp issuance under load: one batch of 100,000 stamps with scratch PINs, the largest a
 * producer may order, written to a freshly seeded local D1. Target: at most 20 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { products, stamps } from '../../db/schema';
import { withLocalDb } from '../../db/seed/local-d1';
import { createLot, issueStampBatch, MAX_STAMPS_PER_BATCH } from '../../worker/data/stamp-batches';
import { seedDatabase } from '../browser/local-worker';

const TARGET_SECONDS = 20;
const LABELS_PER_SHEET = 40;

export async function benchStampIssuance() {
  const persistTo = await mkdtemp(join(tmpdir(), 'ocop-bench-stamps-'));
  try {
    console.log('\nStamp issuance');
    await seedDatabase(persistTo);
    return await withLocalDb(persistTo, async (db) => {
      const [product] = await db.select({ id: products.id }).from(products).limit(1);
      if (!product) throw new Error('the seeded catalogue has no product');
      const lot = await createLot(db, { productId: product.id, lotCode: `B${Date.now().toString(36).toUpperCase()}` });
      if (!('lotId' in lot)) throw new Error(`lot not created: ${lot.error}`);

      const started = performance.now();
      const issued = await issueStampBatch(db, {
        lotId: lot.lotId,
        quantity: MAX_STAMPS_PER_BATCH,
        withPin: true,
        labelsPerSheet: LABELS_PER_SHEET,
        issuedBy: null,
        pinKey: 'bench-pin-key',
        keyVersion: 1,
      });
      const seconds = (performance.now() - started) / 1000;
      if (!('batchId' in issued)) throw new Error(`batch not issued: ${issued.error}`);
      const [stored] = await db.select({ n: count() }).from(stamps).where(eq(stamps.batchId, issued.batchId));
      if (stored?.n !== MAX_STAMPS_PER_BATCH) throw new Error(`${stored?.n} stamps stored`);

      const met = seconds <= TARGET_SECONDS;
      console.log(`  ${MAX_STAMPS_PER_BATCH} stamps with PINs: ${seconds.toFixed(2)} s`);
      console.log(
        `\nTargets\n  ${met ? 'met   ' : 'MISSED'} ${MAX_STAMPS_PER_BATCH}-stamp issuance ≤ ${TARGET_SECONDS} s`,
      );
      return { stamps: MAX_STAMPS_PER_BATCH, seconds, met };
    });
  } finally {
    await rm(persistTo, { recursive: true, force: true });
  }
}
