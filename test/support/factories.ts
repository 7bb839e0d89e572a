/**
 * Test data builders. Storage is shared by all tests of a file, so every
 * builder makes unique slugs and codes: no test depends on another's rows.
 */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { certifications, producers, productImages } from '../../db/schema';
import { insertUser, type NewUser } from '../../worker/data/users';
import { createDb, type Database } from '../../worker/data/db';
import { hashPassword } from '../../worker/crypto/password';
import { insertProducer, type NewProducer } from '../../worker/data/producers';
import { insertProduct, refreshCatalogueFields } from '../../worker/data/products';
import { addMonths, vietnamDate } from '../../worker/domain/time';
import type { CertificationLevel, CertificationStatus } from '../../worker/domain/certification';

export const testDb = (): Database => createDb(env.DB);

export const uniqueSuffix = () => crypto.randomUUID().slice(0, 8);

export const today = () => vietnamDate(new Date());

export async function createProducer(overrides: Partial<NewProducer> = {}) {
  const suffix = uniqueSuffix();
  const [row] = await insertProducer(testDb(), {
    slug: `producer-${suffix}`,
    name: `HTX Thử nghiệm ${suffix}`,
    kind: 'cooperative',
    provinceCode: '75',
    ...overrides,
  });
  return row!.id;
}

export interface ProductSpec {
  nameVi?: string;
  nameEn?: string | null;
  producerId?: number;
  provinceCode?: string;
  groupId?: string;
  subgroupId?: string;
  price?: number | null;
  stock?: number;
  isPublished?: boolean;
  isFeatured?: boolean;
  /** Certifications to record, oldest first; none gives an uncertified product. */
  certifications?: CertificationSpec[];
  images?: number;
}

export interface CertificationSpec {
  stars: number;
  score?: number;
  status?: CertificationStatus;
  decisionDate?: string;
  validUntil?: string;
  level?: CertificationLevel;
  statusReason?: string;
  statusChangedAt?: string;
}

/** A product with its certifications and catalogue fields in step, as the app would leave them. */
export async function createProduct(spec: ProductSpec = {}) {
  const db = testDb();
  const suffix = uniqueSuffix();
  const provinceCode = spec.provinceCode ?? '75';
  const producerId = spec.producerId ?? (await createProducer({ provinceCode }));
  const nameVi = spec.nameVi ?? `Sản phẩm thử ${suffix}`;
  const [producer] = await db.select({ name: producers.name }).from(producers).where(eq(producers.id, producerId));
  const [product] = await insertProduct(
    db,
    {
      slug: `product-${suffix}`,
      producerId,
      nameVi,
      nameEn: spec.nameEn ?? null,
      groupId: spec.groupId ?? '148.food',
      subgroupId: spec.subgroupId ?? null,
      price: spec.price === undefined ? 100_000 : spec.price,
      stock: spec.stock ?? 10,
      isPublished: spec.isPublished ?? true,
      isFeatured: spec.isFeatured ?? false,
      provinceCode,
      unit: 'bottle',
    },
    { producerName: producer!.name, provinceName: '', groupName: '' },
  );
  const productId = product!.id;
  const specs = spec.certifications ?? [{ stars: 4 }];
  for (const [index, c] of specs.entries()) {
    const decisionDate = c.decisionDate ?? addMonths(today(), -6 + index);
    await db.insert(certifications).values({
      productId,
      stars: c.stars,
      score: c.score ?? [20, 40, 60, 80, 95][c.stars - 1]!,
      criteriaVersion: '148',
      level: c.level ?? 'provincial',
      decisionNumber: `${1000 + index}/QĐ-UBND-${suffix}`,
      decisionDate,
      issuingBody: 'UBND tỉnh Đồng Nai',
      validUntil: c.validUntil ?? addMonths(decisionDate, 36),
      status: c.status ?? 'active',
      statusReason: c.statusReason ?? null,
      statusChangedAt: c.statusChangedAt ?? null,
    });
  }
  for (let i = 0; i < (spec.images ?? 0); i++) {
    await db
      .insert(productImages)
      .values({ productId, url: `/media/test-${suffix}-${i}.svg`, altVi: nameVi, sortOrder: i });
  }
  await refreshCatalogueFields(db, productId);
  return { id: productId, slug: `product-${suffix}`, producerId, nameVi };
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2026';

/** A user who can sign in with TEST_PASSWORD; a producer member gets a fresh organisation unless one is given. */
export async function createUser(
  role: 'producer_member' | 'staff' | 'admin' | 'buyer',
  overrides: Partial<NewUser> = {},
) {
  const suffix = uniqueSuffix();
  const producerId = overrides.producerId ?? (role === 'producer_member' ? await createProducer() : null);
  return insertUser(testDb(), {
    email: `${role}-${suffix}@example.vn`,
    displayName: `Người dùng ${suffix}`,
    role,
    producerId,
    passwordHash: await hashPassword(TEST_PASSWORD),
    ...overrides,
  });
}
