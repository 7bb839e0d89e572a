/** Lots, stamp batches and scans for the portal's traceability tests, each with its own codes. */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { scanEvents, stamps } from '../../db/schema';
import { createLot } from '../../worker/data/lots';
import { issueStampBatch, type NewBatch, type StampIssuer } from '../../worker/services/stamp-batches';
import { createProduct, testDb } from './factories';
import { signedIn } from './portal';

/** A lot code no other test uses: 10 upper-case letters and digits. */
export const newLotCode = () => crypto.randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();

export async function lotFor(productId: number, code = newLotCode()) {
  const lotId = await createLot(testDb(), { productId, lotCode: code });
  return { lotId, lotCode: code };
}

/** A signed-in member with a product of their own organisation and a lot of it. */
export async function memberWithLot(spec: Parameters<typeof createProduct>[0] = {}) {
  const member = await signedIn('producer_member');
  const product = await createProduct({ producerId: member.user.producerId!, ...spec });
  const lot = await lotFor(product.id);
  return { ...member, product, ...lot };
}

/** A batch issued straight through the issuing service, for tests about what happens after issuance. */
export async function batchFor(
  lotId: number,
  overrides: Partial<NewBatch> = {},
  issuer: Partial<StampIssuer> = {},
  at = new Date(),
) {
  return issueStampBatch(
    { db: testDb(), env, ...issuer },
    { lotId, quantity: 10, withPin: false, labelsPerSheet: 4, issuedBy: null, ...overrides },
    at,
  );
}

export interface ScanRow {
  serial: string;
  scannedAt?: string;
  province?: string | null;
  deviceId?: string;
  verdict?: string;
}

/** Scan events as the scan page records them, written directly: these tests are about reading them. */
export async function insertScans(rows: ScanRow[]) {
  const db = testDb();
  for (const row of rows) {
    const [stamp] = await db.select({ id: stamps.id }).from(stamps).where(eq(stamps.serial, row.serial));
    await db.insert(scanEvents).values({
      stampId: stamp?.id ?? null,
      serial: row.serial,
      scannedAt: row.scannedAt ?? new Date().toISOString(),
      verdict: row.verdict ?? 'genuine_repeat',
      province: row.province ?? null,
      deviceId: row.deviceId ?? crypto.randomUUID(),
    });
  }
}

/** A stamp's counters as the scan page keeps them. */
export async function setCounters(
  serial: string,
  counters: Partial<
    Pick<
      typeof stamps.$inferInsert,
      | 'status'
      | 'scanCount'
      | 'deviceCount'
      | 'provinceCount'
      | 'firstScannedAt'
      | 'firstScanProvince'
      | 'lastScannedAt'
    >
  >,
) {
  await testDb().update(stamps).set(counters).where(eq(stamps.serial, serial));
}
