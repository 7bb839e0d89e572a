/**
 * Producer organisations: inserting them, their name for page headers, the portal's profile
 * (changes written with the search text of their products, in one batch), and the
 * administration's list of organisations with their members.
 */
import { asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { communes, producers, productGroups, products, users } from '../../db/schema';
import { problem } from '../domain/errors';
import { foldVietnamese } from '../domain/text';
import { aliased } from './aliased';
import { auditStatement } from './audit';
import { withConstraints } from './constraints';
import type { Database } from './db';
import { refreshSearchText, type Actor } from './products';
import { publicUserColumns } from './users';

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const pickKeys = <T extends object, K extends keyof T>(row: T, keys: K[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]]));

export type NewProducer = Omit<typeof producers.$inferInsert, 'nameNormalized'>;

export function insertProducer(db: Database, producer: NewProducer) {
  return db
    .insert(producers)
    .values({ ...producer, nameNormalized: foldVietnamese(producer.name) })
    .returning({ id: producers.id });
}

/** A producer's name, for a page's header; null for an unknown producer. */
export async function findProducerName(db: Database, producerId: number): Promise<string | null> {
  const [row] = await db.select({ name: producers.name }).from(producers).where(eq(producers.id, producerId));
  return row?.name ?? null;
}

/** Whether a producer page answers at `/producers/<slug>`. */
export async function producerSlugExists(db: Database, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: producers.id }).from(producers).where(eq(producers.slug, slug));
  return row !== undefined;
}

/** The profile, the communes of `provinceCode` (its own by default) and what search text refreshes need. */
export async function findProfile(db: Database, producerId: number, provinceCode?: string) {
  const province =
    provinceCode ?? sql`(SELECT ${producers.provinceCode} FROM ${producers} WHERE ${producers.id} = ${producerId})`;
  const [producerRows, communeRows, productRows] = await db.batch([
    db.select().from(producers).where(eq(producers.id, producerId)),
    db
      .select({ code: communes.code, nameVi: communes.fullNameVi, nameEn: communes.fullNameEn })
      .from(communes)
      .where(sql`${communes.provinceCode} = ${province}`)
      .orderBy(asc(communes.nameVi)),
    db
      .select({
        id: products.id,
        nameEn: products.nameEn,
        provinceCode: products.provinceCode,
        groupName: aliased(productGroups.nameVi, 'group_name'),
      })
      .from(products)
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .where(eq(products.producerId, producerId)),
  ]);
  const [producer] = producerRows;
  return producer ? { producer, communes: communeRows, products: productRows } : null;
}

export type Profile = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

export type ProfileChange = Pick<
  typeof producers.$inferInsert,
  | 'name'
  | 'kind'
  | 'taxCode'
  | 'provinceCode'
  | 'communeCode'
  | 'street'
  | 'phone'
  | 'zalo'
  | 'email'
  | 'website'
  | 'storyVi'
  | 'storyEn'
  | 'bankBin'
  | 'bankAccountNumber'
  | 'bankAccountName'
>;

/**
 * Save the profile. A new name or province changes what each product's
 * search text holds and where the catalogue files it, so both follow in the
 * same batch.
 */
export async function updateProfile(
  db: Database,
  actor: Actor,
  profile: Profile,
  change: ProfileChange,
  provinceNameOf: (code: string) => string,
) {
  const before = profile.producer;
  const followUps = profile.products.flatMap((product) => [
    refreshSearchText(db, product.id, {
      nameEn: product.nameEn,
      producerName: change.name,
      provinceName: provinceNameOf(change.provinceCode),
      groupName: product.groupName,
    }),
    ...(product.provinceCode === change.provinceCode
      ? []
      : [db.update(products).set({ provinceCode: change.provinceCode }).where(eq(products.id, product.id))]),
  ]);
  await withConstraints(
    () =>
      db.batch([
        db
          .update(producers)
          .set({ ...change, nameNormalized: foldVietnamese(change.name), updatedAt: now })
          .where(eq(producers.id, before.id)),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'producer.update_profile',
          entity: 'producer',
          entityId: before.id,
          before: pickKeys(before, Object.keys(change) as (keyof ProfileChange)[]),
          after: change,
        }),
        ...followUps,
      ]),
    { 'UNIQUE producers.tax_code': problem('taxCode', 'tax_code_taken') },
  );
}

export async function findProducerSummary(db: Database, id: number) {
  const [row] = await db
    .select({ id: producers.id, name: producers.name, taxCode: producers.taxCode, claimedAt: producers.claimedAt })
    .from(producers)
    .where(eq(producers.id, id));
  return row ?? null;
}

/** One page of organisations (by folded name), each with its members, in two queries. */
export async function listOrganisations(db: Database, query: string | undefined, limit: number, offset: number) {
  const folded = query ? foldVietnamese(query) : '';
  const organisations = await db
    .select({
      id: producers.id,
      name: producers.name,
      slug: producers.slug,
      kind: producers.kind,
      taxCode: producers.taxCode,
      claimedAt: producers.claimedAt,
    })
    .from(producers)
    .where(
      folded
        ? sql`(${like(producers.nameNormalized, `%${folded}%`)} OR ${producers.taxCode} = ${query!.trim()})`
        : undefined,
    )
    .orderBy(asc(producers.nameNormalized), asc(producers.id))
    .limit(limit + 1)
    .offset(offset);
  const ids = organisations.slice(0, limit).map((o) => o.id);
  const members =
    ids.length === 0
      ? []
      : await db
          .select(publicUserColumns)
          .from(users)
          .where(inArray(users.producerId, ids))
          .orderBy(asc(users.displayName));
  return organisations.map((organisation) => ({
    ...organisation,
    members: members.filter((m) => m.producerId === organisation.id),
  }));
}

/** What checkout needs of each producer `producerIds` selects: name, shipping rule, the account for VietQR. */
export function checkoutProducersQuery(db: Database, producerIds: SQL) {
  return db
    .select({
      id: producers.id,
      name: producers.name,
      phone: producers.phone,
      zalo: producers.zalo,
      bankBin: producers.bankBin,
      bankAccountNumber: producers.bankAccountNumber,
      bankAccountName: producers.bankAccountName,
      shippingFlatFee: producers.shippingFlatFee,
      shippingFreeFrom: producers.shippingFreeFrom,
    })
    .from(producers)
    .where(sql`${producers.id} IN ${producerIds}`);
}

export type CheckoutProducer = Awaited<ReturnType<typeof checkoutProducersQuery>>[number];

/** A producer's shipping rule as the portal form shows it. */
export async function findShippingRule(db: Database, producerId: number) {
  const [row] = await db
    .select({
      name: producers.name,
      shippingFlatFee: producers.shippingFlatFee,
      shippingFreeFrom: producers.shippingFreeFrom,
    })
    .from(producers)
    .where(eq(producers.id, producerId));
  return row ?? null;
}

export interface ShippingRuleChange {
  /** Null: the producer does not ship. */
  shippingFlatFee: number | null;
  shippingFreeFrom: number | null;
}

export async function updateShippingRule(
  db: Database,
  actor: Actor,
  producerId: number,
  before: ShippingRuleChange,
  change: ShippingRuleChange,
) {
  await db.batch([
    db
      .update(producers)
      .set({ ...change, updatedAt: now })
      .where(eq(producers.id, producerId)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'producer.update_shipping',
      entity: 'producer',
      entityId: producerId,
      before,
      after: change,
    }),
  ]);
}
