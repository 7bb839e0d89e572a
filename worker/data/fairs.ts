/**
 * Fairs: the public calendar and fair page, the lists staff and producers work from, and every
 * change with its audit entry in the same batch. A booth holds one exhibitor at a time: the
 * unique index on fair_exhibitors.booth_id decides between two staff assigning it at once, and
 * the loser's write becomes a `booth_taken` problem on the booth field.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  certifications,
  communes,
  fairBooths,
  fairExhibitorProducts,
  fairExhibitors,
  fairs,
  producers,
  products,
  provinces,
  users,
} from '../../db/schema';
import { problem } from '../domain/errors';
import type { FloorBooth } from '../domain/fair-form';
import { slugify } from '../domain/text';
import { aliased } from './aliased';
import { auditStatement, auditStatementIf } from './audit';
import { withConstraints } from './constraints';
import type { Database } from './db';
import { jsonRows } from './json-rows';
import { prepared } from './prepared';

export type FairRow = typeof fairs.$inferSelect;
export type ExhibitorStatus = (typeof fairExhibitors.$inferSelect)['status'];

/** The statuses a published fair is in, as the calendar and API filter on them. */
export type PublicFairStatus = 'open_for_applications' | 'published' | 'running' | 'finished';

export interface Actor {
  userId: number;
}

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * A column of the statement's own table, named with its table inside a subquery: drizzle writes
 * a single-table statement's columns bare ("id"), which a subquery would read as its own.
 */
const outerFairId = sql`${fairs}.${sql.identifier('id')}`;
const outerBoothId = sql`${fairBooths}.${sql.identifier('id')}`;

// ---------------------------------------------------------------- public reads

export interface FairSearch {
  province?: string | undefined;
  /** Fairs still running on or after this date; none: any past fair too. */
  from?: string | undefined;
  /** Fairs starting on or before this date. */
  to?: string | undefined;
  status?: PublicFairStatus | undefined;
  today: string;
  page: number;
  limit: number;
}

const windowOpen = (today: string) =>
  sql`(${fairs.applicationsOpenOn} <= ${today} AND ${fairs.applicationsCloseOn} >= ${today})`;

/** The SQL twin of fairStatus in worker/domain/fair.ts, for published fairs. */
function statusCondition(status: PublicFairStatus, today: string): SQL {
  switch (status) {
    case 'finished':
      return sql`${fairs.endsOn} < ${today}`;
    case 'running':
      return sql`${fairs.startsOn} <= ${today} AND ${fairs.endsOn} >= ${today}`;
    case 'open_for_applications':
      return sql`${fairs.startsOn} > ${today} AND ${windowOpen(today)}`;
    case 'published':
      return sql`${fairs.startsOn} > ${today} AND NOT coalesce(${windowOpen(today)}, 0)`;
  }
}

const summaryColumns = {
  id: fairs.id,
  slug: fairs.slug,
  kind: fairs.kind,
  nameVi: fairs.nameVi,
  nameEn: fairs.nameEn,
  descriptionVi: fairs.descriptionVi,
  descriptionEn: fairs.descriptionEn,
  provinceCode: fairs.provinceCode,
  communeCode: fairs.communeCode,
  communeVi: aliased(communes.fullNameVi, 'commune_vi'),
  communeEn: aliased(communes.fullNameEn, 'commune_en'),
  venue: fairs.venue,
  street: fairs.street,
  latitude: fairs.latitude,
  longitude: fairs.longitude,
  organiser: fairs.organiser,
  startsOn: fairs.startsOn,
  endsOn: fairs.endsOn,
  dailyOpens: fairs.dailyOpens,
  dailyCloses: fairs.dailyCloses,
  applicationsOpenOn: fairs.applicationsOpenOn,
  applicationsCloseOn: fairs.applicationsCloseOn,
  isPublished: fairs.isPublished,
  updatedAt: fairs.updatedAt,
  exhibitorCount: sql<number>`(SELECT count(*) FROM ${fairExhibitors}
    WHERE ${fairExhibitors.fairId} = ${outerFairId} AND ${fairExhibitors.status} = 'accepted')`.as('exhibitor_count'),
};

/** Published fairs matching the filters, soonest first, with the number of matches. */
export async function searchPublishedFairs(db: Database, search: FairSearch) {
  const conditions: SQL[] = [eq(fairs.isPublished, true)];
  if (search.from) conditions.push(sql`${fairs.endsOn} >= ${search.from}`);
  if (search.to) conditions.push(sql`${fairs.startsOn} <= ${search.to}`);
  if (search.province) conditions.push(eq(fairs.provinceCode, search.province));
  if (search.status) conditions.push(statusCondition(search.status, search.today));
  const offset = (search.page - 1) * search.limit;
  const rows = await db
    .select({ ...summaryColumns, total: sql<number>`count(*) OVER ()`.as('total') })
    .from(fairs)
    .leftJoin(communes, eq(communes.code, fairs.communeCode))
    .where(and(...conditions))
    .orderBy(asc(fairs.startsOn), asc(fairs.id))
    .limit(search.limit)
    .offset(offset);
  if (rows.length === 0 && offset > 0) {
    // A page past the last has no row to carry the total.
    return { items: rows, total: await db.$count(fairs, and(...conditions)) };
  }
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export type FairSummaryRow = Awaited<ReturnType<typeof searchPublishedFairs>>['items'][number];

/** A subscription's worth of published fairs: those ending on or after `from`, soonest first. */
export const CALENDAR_FAIRS_LIMIT = 500;

export const listCalendarFairs = (db: Database, from: string) =>
  db
    .select(summaryColumns)
    .from(fairs)
    .leftJoin(communes, eq(communes.code, fairs.communeCode))
    .where(and(eq(fairs.isPublished, true), sql`${fairs.endsOn} >= ${from}`))
    .orderBy(asc(fairs.startsOn), asc(fairs.id))
    .limit(CALENDAR_FAIRS_LIMIT);

function fairQuery(db: Database, key: 'id' | 'slug') {
  return db
    .select({
      fair: fairs,
      provinceVi: provinces.fullNameVi,
      provinceEn: provinces.fullNameEn,
      communeVi: communes.fullNameVi,
      communeEn: communes.fullNameEn,
      // Each booth with the accepted exhibitor it holds.
      booths: jsonRows(
        {
          id: fairBooths.id,
          code: fairBooths.code,
          zoneCode: fairBooths.zoneCode,
          typeCode: fairBooths.typeCode,
          exhibitorId: fairExhibitors.id,
          producerSlug: producers.slug,
          producerName: producers.name,
          producerProvince: producers.provinceCode,
        },
        sql`FROM ${fairBooths}
          LEFT JOIN ${fairExhibitors} ON ${fairExhibitors.boothId} = ${fairBooths.id} AND ${fairExhibitors.status} = 'accepted'
          LEFT JOIN ${producers} ON ${producers.id} = ${fairExhibitors.producerId}
          WHERE ${fairBooths.fairId} = ${outerFairId} ORDER BY ${fairBooths.id}`,
      ),
      // What the accepted exhibitors show.
      products: jsonRows(
        {
          exhibitorId: fairExhibitorProducts.exhibitorId,
          slug: products.slug,
          nameVi: products.nameVi,
          nameEn: products.nameEn,
          stars: products.ocopStars,
          certifiedUntil: products.certifiedUntil,
          isPublished: products.isPublished,
        },
        sql`FROM ${fairExhibitorProducts}
          JOIN ${fairExhibitors} ON ${fairExhibitors.id} = ${fairExhibitorProducts.exhibitorId}
          JOIN ${products} ON ${products.id} = ${fairExhibitorProducts.productId}
          WHERE ${fairExhibitors.fairId} = ${outerFairId} AND ${fairExhibitors.status} = 'accepted'
          ORDER BY ${fairExhibitorProducts.exhibitorId}, ${products.ocopStars} DESC, ${products.nameVi}`,
      ),
    })
    .from(fairs)
    .innerJoin(provinces, eq(provinces.code, fairs.provinceCode))
    .leftJoin(communes, eq(communes.code, fairs.communeCode))
    .where(key === 'id' ? eq(fairs.id, sql.placeholder('key')) : eq(fairs.slug, sql.placeholder('key')))
    .prepare();
}

// A fair page with 300 exhibitors is one of the heaviest public pages: one statement, built once.
const fairById = prepared((db) => fairQuery(db, 'id'));
const fairBySlug = prepared((db) => fairQuery(db, 'slug'));

/**
 * A fair by slug or numeric id with its place, its booths (each with the accepted exhibitor it
 * holds) and the products its exhibitors show, in one statement: the lists ride along as JSON.
 */
export async function findFair(db: Database, slugOrId: string) {
  const [row] = /^\d+$/.test(slugOrId)
    ? await fairById(db).execute({ key: Number(slugOrId) })
    : await fairBySlug(db).execute({ key: slugOrId });
  return row ?? null;
}

export type FairPage = NonNullable<Awaited<ReturnType<typeof findFair>>>;

/** Whether a public page answers at `/fairs/<slug>`: a published fair. */
export async function isPublishedFair(db: Database, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: fairs.id })
    .from(fairs)
    .where(and(eq(fairs.slug, slug), eq(fairs.isPublished, true)));
  return row !== undefined;
}

// ---------------------------------------------------------------- staff reads

export const STAFF_FAIRS_PAGE = 30;

/** Every fair, latest first, with how many applications wait and how many exhibitors are in. */
export const listFairsForStaff = (db: Database, limit: number, offset: number) =>
  db
    .select({
      id: fairs.id,
      slug: fairs.slug,
      nameVi: fairs.nameVi,
      nameEn: fairs.nameEn,
      provinceCode: fairs.provinceCode,
      startsOn: fairs.startsOn,
      endsOn: fairs.endsOn,
      applicationsOpenOn: fairs.applicationsOpenOn,
      applicationsCloseOn: fairs.applicationsCloseOn,
      isPublished: fairs.isPublished,
      waiting: sql<number>`(SELECT count(*) FROM ${fairExhibitors}
        WHERE ${fairExhibitors.fairId} = ${outerFairId} AND ${fairExhibitors.status} = 'applied')`,
      accepted: sql<number>`(SELECT count(*) FROM ${fairExhibitors}
        WHERE ${fairExhibitors.fairId} = ${outerFairId} AND ${fairExhibitors.status} = 'accepted')`,
      booths: sql<number>`(SELECT count(*) FROM ${fairBooths} WHERE ${fairBooths.fairId} = ${outerFairId})`,
    })
    .from(fairs)
    .orderBy(desc(fairs.startsOn), desc(fairs.id))
    .limit(limit)
    .offset(offset);

const boothsOf = (db: Database, fairId: number) =>
  db
    .select({
      id: fairBooths.id,
      code: fairBooths.code,
      zoneCode: fairBooths.zoneCode,
      typeCode: fairBooths.typeCode,
      heldBy: sql<number | null>`(SELECT ${fairExhibitors.id} FROM ${fairExhibitors}
        WHERE ${fairExhibitors.boothId} = ${outerBoothId})`.as('held_by'),
    })
    .from(fairBooths)
    .where(eq(fairBooths.fairId, fairId))
    .orderBy(asc(fairBooths.id));

/** A fair's row and booths, for its edit form and the checks before a change. */
export async function findFairForEdit(db: Database, fairId: number) {
  const [fairRows, booths] = await db.batch([
    db.select().from(fairs).where(eq(fairs.id, fairId)),
    boothsOf(db, fairId),
  ]);
  const [fair] = fairRows;
  return fair ? { fair, booths } : null;
}

export type FairForEdit = NonNullable<Awaited<ReturnType<typeof findFairForEdit>>>;

const deciderName = aliased(users.displayName, 'decider_name');

/** Every exhibitor row of a fair (applications, accepted, rejected) with its producer, booth and products. */
export const listFairExhibitors = (db: Database, fairId: number) =>
  db
    .select({
      id: fairExhibitors.id,
      status: fairExhibitors.status,
      note: fairExhibitors.note,
      decisionReason: fairExhibitors.decisionReason,
      decidedAt: fairExhibitors.decidedAt,
      createdAt: fairExhibitors.createdAt,
      deciderName,
      producerId: aliased(producers.id, 'producer_id'),
      producerSlug: aliased(producers.slug, 'producer_slug'),
      producerName: aliased(producers.name, 'producer_name'),
      taxCode: producers.taxCode,
      producerProvince: aliased(producers.provinceCode, 'producer_province'),
      phone: producers.phone,
      email: producers.email,
      boothCode: aliased(fairBooths.code, 'booth_code'),
      zoneCode: fairBooths.zoneCode,
      typeCode: fairBooths.typeCode,
      products: jsonRows(
        { slug: products.slug, nameVi: products.nameVi, nameEn: products.nameEn, stars: products.ocopStars },
        sql`FROM ${fairExhibitorProducts} JOIN ${products} ON ${products.id} = ${fairExhibitorProducts.productId}
          WHERE ${fairExhibitorProducts.exhibitorId} = ${fairExhibitors.id} ORDER BY ${products.nameVi}`,
      ).as('products'),
    })
    .from(fairExhibitors)
    .innerJoin(producers, eq(producers.id, fairExhibitors.producerId))
    .leftJoin(fairBooths, eq(fairBooths.id, fairExhibitors.boothId))
    .leftJoin(users, eq(users.id, fairExhibitors.decidedBy))
    .where(eq(fairExhibitors.fairId, fairId))
    .orderBy(
      sql`CASE ${fairExhibitors.status} WHEN 'applied' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END`,
      asc(fairBooths.code),
      asc(fairExhibitors.createdAt),
    );

export type FairExhibitorRow = Awaited<ReturnType<typeof listFairExhibitors>>[number];

/** Everything the staff workspace of a fair shows: the fair, its booths and every exhibitor row, in one batch. */
export async function findFairWorkspace(db: Database, fairId: number) {
  const [fairRows, booths, exhibitors] = await db.batch([
    db.select().from(fairs).where(eq(fairs.id, fairId)),
    boothsOf(db, fairId),
    listFairExhibitors(db, fairId),
  ]);
  const [fair] = fairRows;
  return fair ? { fair, booths, exhibitors } : null;
}

export type FairWorkspace = NonNullable<Awaited<ReturnType<typeof findFairWorkspace>>>;

/** One exhibitor row of a fair, with what a decision on it needs. */
export async function findExhibitor(db: Database, exhibitorId: number) {
  const [row] = await db
    .select({
      id: fairExhibitors.id,
      fairId: fairExhibitors.fairId,
      producerId: fairExhibitors.producerId,
      status: fairExhibitors.status,
      boothId: fairExhibitors.boothId,
    })
    .from(fairExhibitors)
    .where(eq(fairExhibitors.id, exhibitorId));
  return row ?? null;
}

export type ExhibitorRow = NonNullable<Awaited<ReturnType<typeof findExhibitor>>>;

/** A booth of `fairId` by code, with the exhibitor holding it, if any. */
export async function findBooth(db: Database, fairId: number, code: string) {
  const [row] = await db
    .select({
      id: fairBooths.id,
      code: fairBooths.code,
      heldBy: sql<number | null>`(SELECT ${fairExhibitors.id} FROM ${fairExhibitors}
        WHERE ${fairExhibitors.boothId} = ${outerBoothId})`,
    })
    .from(fairBooths)
    .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.code, code)));
  return row ?? null;
}

/** A producer by tax code or numeric id, for staff adding an exhibitor. */
export async function findProducerByTaxCodeOrId(db: Database, key: string) {
  const where = /^\d{1,9}$/.test(key) ? eq(producers.id, Number(key)) : eq(producers.taxCode, key);
  const [row] = await db.select({ id: producers.id, name: producers.name }).from(producers).where(where);
  return row ?? null;
}

/** Whether `communeCode` is a commune of `provinceCode`. */
export async function communeInProvince(db: Database, provinceCode: string, communeCode: string) {
  const [row] = await db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.code, communeCode), eq(communes.provinceCode, provinceCode)));
  return row !== undefined;
}

/** The communes of a province, for the fair form's commune list. */
export const listCommunes = (db: Database, provinceCode: string) =>
  db
    .select({ code: communes.code, nameVi: communes.fullNameVi, nameEn: communes.fullNameEn })
    .from(communes)
    .where(eq(communes.provinceCode, provinceCode))
    .orderBy(asc(communes.nameVi));

// ---------------------------------------------------------------- producer reads

/**
 * A producer's products with the facts that decide whether each may be entered for a fair: its
 * current certification of 3 stars or more if it has one (valid or not), else its latest result.
 */
export function listEntryProducts(db: Database, producerId: number) {
  const current = sql`coalesce(${products.certificationId}, (SELECT ${certifications.id} FROM ${certifications}
    WHERE ${certifications.productId} = ${products.id} AND ${certifications.status} != 'superseded'
    ORDER BY ${certifications.decisionDate} DESC, ${certifications.id} DESC LIMIT 1))`;
  return db
    .select({
      id: products.id,
      slug: products.slug,
      nameVi: products.nameVi,
      nameEn: products.nameEn,
      isPublished: products.isPublished,
      stars: certifications.stars,
      status: certifications.status,
      validUntil: certifications.validUntil,
    })
    .from(products)
    .leftJoin(certifications, sql`${certifications.id} = ${current}`)
    .where(eq(products.producerId, producerId))
    .orderBy(asc(products.nameVi))
    .limit(500);
}

export type EntryProductRow = Awaited<ReturnType<typeof listEntryProducts>>[number];

/** Published fairs taking applications today, soonest first. */
export const listFairsTakingApplications = (db: Database, today: string) =>
  db
    .select(summaryColumns)
    .from(fairs)
    .leftJoin(communes, eq(communes.code, fairs.communeCode))
    .where(and(eq(fairs.isPublished, true), statusCondition('open_for_applications', today)))
    .orderBy(asc(fairs.applicationsCloseOn), asc(fairs.startsOn))
    .limit(100);

/** A producer's applications and places at fairs, latest fair first. */
export const listProducerApplications = (db: Database, producerId: number) =>
  db
    .select({
      id: fairExhibitors.id,
      status: fairExhibitors.status,
      decisionReason: fairExhibitors.decisionReason,
      createdAt: fairExhibitors.createdAt,
      fairId: aliased(fairs.id, 'fair_id'),
      fairSlug: aliased(fairs.slug, 'fair_slug'),
      nameVi: fairs.nameVi,
      nameEn: fairs.nameEn,
      isPublished: fairs.isPublished,
      startsOn: fairs.startsOn,
      endsOn: fairs.endsOn,
      applicationsOpenOn: fairs.applicationsOpenOn,
      applicationsCloseOn: fairs.applicationsCloseOn,
      boothCode: aliased(fairBooths.code, 'booth_code'),
      products: jsonRows(
        { nameVi: products.nameVi, nameEn: products.nameEn },
        sql`FROM ${fairExhibitorProducts} JOIN ${products} ON ${products.id} = ${fairExhibitorProducts.productId}
          WHERE ${fairExhibitorProducts.exhibitorId} = ${fairExhibitors.id} ORDER BY ${products.nameVi}`,
      ).as('products'),
    })
    .from(fairExhibitors)
    .innerJoin(fairs, eq(fairs.id, fairExhibitors.fairId))
    .leftJoin(fairBooths, eq(fairBooths.id, fairExhibitors.boothId))
    .where(eq(fairExhibitors.producerId, producerId))
    .orderBy(desc(fairs.startsOn), desc(fairExhibitors.id));

/** What the producer's fairs page shows: its name, the fairs taking applications and its own applications. */
export async function listProducerFairs(db: Database, producerId: number, today: string) {
  const [producerRows, open, mine] = await db.batch([
    db.select({ name: producers.name }).from(producers).where(eq(producers.id, producerId)),
    listFairsTakingApplications(db, today),
    listProducerApplications(db, producerId),
  ]);
  const [producer] = producerRows;
  return producer ? { producerName: producer.name, open, mine } : null;
}

/** What the application form shows: the producer's name and its products with their certification facts. */
export async function listApplicationChoices(db: Database, producerId: number) {
  const [producerRows, entryProducts] = await db.batch([
    db.select({ name: producers.name }).from(producers).where(eq(producers.id, producerId)),
    listEntryProducts(db, producerId),
  ]);
  const [producer] = producerRows;
  return producer ? { producerName: producer.name, products: entryProducts } : null;
}

/** The producer's row at a fair, if any. */
export async function findProducerExhibitor(db: Database, fairId: number, producerId: number) {
  const [row] = await db
    .select({ id: fairExhibitors.id, status: fairExhibitors.status })
    .from(fairExhibitors)
    .where(and(eq(fairExhibitors.fairId, fairId), eq(fairExhibitors.producerId, producerId)));
  return row ?? null;
}

// ---------------------------------------------------------------- writes

export interface FairValues {
  kind: FairRow['kind'];
  nameVi: string;
  nameEn: string | null;
  descriptionVi: string | null;
  descriptionEn: string | null;
  provinceCode: string;
  communeCode: string | null;
  venue: string;
  street: string | null;
  latitude: number | null;
  longitude: number | null;
  organiser: string | null;
  startsOn: string;
  endsOn: string;
  dailyOpens: string | null;
  dailyCloses: string | null;
  applicationsOpenOn: string | null;
  applicationsCloseOn: string | null;
  zones: FairRow['zones'];
  boothTypes: FairRow['boothTypes'];
}

/** A slug for `name` that no fair has yet ("hoi-cho-ocop-2026", then "hoi-cho-ocop-2026-2", …). */
async function freeSlug(db: Database, name: string): Promise<string> {
  const slug = slugify(name).slice(0, 80);
  // A slug of digits alone would read as an id in /fairs/{id}.
  const base = slug === '' ? 'hoi-cho' : /^\d+$/.test(slug) ? `hoi-cho-${slug}` : slug;
  const taken = await db
    .select({ slug: fairs.slug })
    .from(fairs)
    .where(sql`${fairs.slug} = ${base} OR ${fairs.slug} LIKE ${`${base}-%`}`);
  const slugs = new Set(taken.map((row) => row.slug));
  if (!slugs.has(base)) return base;
  for (let n = 2; ; n++) if (!slugs.has(`${base}-${n}`)) return `${base}-${n}`;
}

const boothRow = (fairId: number | SQL, booth: FloorBooth) => ({
  fairId,
  code: booth.code,
  zoneCode: booth.zoneCode,
  typeCode: booth.typeCode,
});

/** Under D1's 100 bound parameters per statement: four per booth row. */
const BOOTHS_PER_INSERT = 24;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A new fair, a draft until staff publish it, with its booths and the audit entry, in one batch. */
export async function insertFair(db: Database, actor: Actor, values: FairValues, booths: FloorBooth[]) {
  const slug = await freeSlug(db, values.nameVi);
  const row = { ...values, slug, isPublished: false, createdBy: actor.userId };
  const fairId = sql`(SELECT ${fairs.id} FROM ${fairs} WHERE ${fairs.slug} = ${slug})`;
  const [inserted] = await withConstraints(
    () =>
      db.batch([
        db.insert(fairs).values(row).returning({ id: fairs.id, slug: fairs.slug }),
        ...chunks(booths, BOOTHS_PER_INSERT).map((part) =>
          db.insert(fairBooths).values(part.map((booth) => boothRow(fairId, booth))),
        ),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'fair.create',
          entity: 'fair',
          entityId: fairId,
          after: { ...row, booths: booths.length },
        }),
      ]),
    { 'UNIQUE fairs.slug': problem('nameVi', 'slug_taken') },
  );
  return inserted[0]!;
}

/**
 * The fair's fields and booth plan as staff saved them: booths no longer in the plan go (only
 * those nobody holds: the caller refuses the others first, and a booth taken meanwhile stays),
 * new ones come, and the rest take their new zone and type.
 */
export async function updateFair(
  db: Database,
  actor: Actor,
  current: FairForEdit,
  values: FairValues,
  booths: FloorBooth[],
) {
  const { fair } = current;
  const wanted = new Map(booths.map((booth) => [booth.code, booth]));
  const existing = new Map(current.booths.map((booth) => [booth.code, booth]));
  const removed = current.booths.filter((booth) => !wanted.has(booth.code)).map((booth) => booth.id);
  const added = booths.filter((booth) => !existing.has(booth.code));
  const moved = booths.filter((booth) => {
    const before = existing.get(booth.code);
    return before !== undefined && (before.zoneCode !== booth.zoneCode || before.typeCode !== booth.typeCode);
  });
  await db.batch([
    db
      .update(fairs)
      .set({ ...values, updatedAt: now })
      .where(eq(fairs.id, fair.id)),
    ...chunks(removed, 90).map((ids) =>
      db
        .delete(fairBooths)
        .where(
          and(
            inArray(fairBooths.id, ids),
            sql`NOT EXISTS (SELECT 1 FROM ${fairExhibitors} WHERE ${fairExhibitors.boothId} = ${outerBoothId})`,
          ),
        ),
    ),
    ...chunks(added, BOOTHS_PER_INSERT).map((part) =>
      db.insert(fairBooths).values(part.map((booth) => boothRow(fair.id, booth))),
    ),
    ...moved.map((booth) =>
      db
        .update(fairBooths)
        .set({ zoneCode: booth.zoneCode, typeCode: booth.typeCode })
        .where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.code, booth.code))),
    ),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'fair.update',
      entity: 'fair',
      entityId: fair.id,
      before: fair,
      after: { ...values, boothsAdded: added.length, boothsRemoved: removed.length, boothsMoved: moved.length },
    }),
  ]);
}

export async function setFairPublished(db: Database, actor: Actor, fair: FairRow, isPublished: boolean) {
  await db.batch([
    db.update(fairs).set({ isPublished, updatedAt: now }).where(eq(fairs.id, fair.id)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: isPublished ? 'fair.publish' : 'fair.unpublish',
      entity: 'fair',
      entityId: fair.id,
      before: { isPublished: fair.isPublished },
      after: { isPublished },
    }),
  ]);
}

const touchFair = (db: Database, fairId: number, happened?: SQL) =>
  db
    .update(fairs)
    .set({ updatedAt: now })
    .where(and(eq(fairs.id, fairId), happened));

/**
 * A decision's new status, written only while the exhibitor still has the status the decision read;
 * NULL otherwise, which the NOT NULL constraint refuses, so a decision that lost a race to another
 * (two staff, or staff and the producer withdrawing) rolls back whole, audit entry included.
 */
const exhibitorStatusStill = (expected: ExhibitorStatus, next: ExhibitorStatus) =>
  sql<ExhibitorStatus>`CASE WHEN ${fairExhibitors.status} = ${expected} THEN ${next} ELSE NULL END`;

const decidedMeanwhile = {
  'NOT NULL fair_exhibitors.status': problem('status', 'status_not_allowed'),
} as const;

/** Whether the exhibitor row is still there after a statement of the batch (a withdrawal deletes it). */
const exhibitorExists = (exhibitorId: number) =>
  sql`EXISTS (SELECT 1 FROM ${fairExhibitors} WHERE ${fairExhibitors.id} = ${exhibitorId})`;

/** The one problem a booth can raise when its unique index refuses a second exhibitor. */
const boothTaken = (code: string) => ({ 'UNIQUE fair_exhibitors.booth_id': problem('booth', 'booth_taken', { code }) });

/**
 * Accepts (or moves) an exhibitor into a booth. A decision made meanwhile by someone else refuses
 * it (status_not_allowed), an application withdrawn meanwhile leaves nothing to change (false), and
 * the booth's unique index refuses a booth another exhibitor took meanwhile (booth_taken on the
 * booth field); in each case nothing is written.
 */
export async function acceptExhibitor(
  db: Database,
  actor: Actor,
  exhibitor: ExhibitorRow,
  booth: { id: number; code: string },
): Promise<boolean> {
  const [updated] = await withConstraints(
    () =>
      db.batch([
        db
          .update(fairExhibitors)
          .set({
            status: exhibitorStatusStill(exhibitor.status, 'accepted'),
            boothId: booth.id,
            decisionReason: null,
            decidedBy: actor.userId,
            decidedAt: now,
            updatedAt: now,
          })
          .where(eq(fairExhibitors.id, exhibitor.id))
          .returning({ id: fairExhibitors.id }),
        touchFair(db, exhibitor.fairId, exhibitorExists(exhibitor.id)),
        auditStatementIf(
          db,
          {
            actorUserId: actor.userId,
            action: 'fair.exhibitor.accept',
            entity: 'fair',
            entityId: exhibitor.fairId,
            before: { exhibitor: exhibitor.id, status: exhibitor.status, boothId: exhibitor.boothId },
            after: { exhibitor: exhibitor.id, status: 'accepted', booth: booth.code },
          },
          exhibitorExists(exhibitor.id),
        ),
      ]),
    { ...boothTaken(booth.code), ...decidedMeanwhile },
  );
  return updated.length > 0;
}

/** Rejects an application, or takes an accepted exhibitor out (freeing its booth), with the reason; races as acceptExhibitor. */
export async function rejectExhibitor(
  db: Database,
  actor: Actor,
  exhibitor: ExhibitorRow,
  reason: string,
): Promise<boolean> {
  const [updated] = await withConstraints(
    () =>
      db.batch([
        db
          .update(fairExhibitors)
          .set({
            status: exhibitorStatusStill(exhibitor.status, 'rejected'),
            boothId: null,
            decisionReason: reason,
            decidedBy: actor.userId,
            decidedAt: now,
            updatedAt: now,
          })
          .where(eq(fairExhibitors.id, exhibitor.id))
          .returning({ id: fairExhibitors.id }),
        touchFair(db, exhibitor.fairId, exhibitorExists(exhibitor.id)),
        auditStatementIf(
          db,
          {
            actorUserId: actor.userId,
            action: 'fair.exhibitor.reject',
            entity: 'fair',
            entityId: exhibitor.fairId,
            before: { exhibitor: exhibitor.id, status: exhibitor.status, boothId: exhibitor.boothId },
            after: { exhibitor: exhibitor.id, status: 'rejected', reason },
          },
          exhibitorExists(exhibitor.id),
        ),
      ]),
    decidedMeanwhile,
  );
  return updated.length > 0;
}

const exhibitorIdOf = (fairId: number, producerId: number) =>
  sql`(SELECT ${fairExhibitors.id} FROM ${fairExhibitors}
    WHERE ${fairExhibitors.fairId} = ${fairId} AND ${fairExhibitors.producerId} = ${producerId})`;

/** The products an exhibitor row shows, replaced as a whole. */
function entryStatements(db: Database, fairId: number, producerId: number, productIds: number[]) {
  const exhibitorId = exhibitorIdOf(fairId, producerId);
  return [
    db.delete(fairExhibitorProducts).where(sql`${fairExhibitorProducts.exhibitorId} = ${exhibitorId}`),
    ...chunks(productIds, 40).map((ids) =>
      db.insert(fairExhibitorProducts).values(ids.map((productId) => ({ exhibitorId, productId }))),
    ),
  ];
}

/**
 * An exhibitor staff add themselves: accepted at once into `booth`, showing `productIds`. A row
 * the producer already has (an application, a rejection) becomes the accepted one.
 */
export async function addExhibitor(
  db: Database,
  actor: Actor,
  fairId: number,
  producerId: number,
  booth: { id: number; code: string },
  productIds: number[],
) {
  const decided = { status: 'accepted' as const, boothId: booth.id, decidedBy: actor.userId, decidedAt: now };
  await withConstraints(
    () =>
      db.batch([
        db
          .insert(fairExhibitors)
          .values({ fairId, producerId, appliedBy: actor.userId, ...decided })
          .onConflictDoUpdate({
            target: [fairExhibitors.fairId, fairExhibitors.producerId],
            set: { ...decided, decisionReason: null, updatedAt: now },
          }),
        ...entryStatements(db, fairId, producerId, productIds),
        touchFair(db, fairId),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'fair.exhibitor.add',
          entity: 'fair',
          entityId: fairId,
          after: { producerId, booth: booth.code, productIds },
        }),
      ]),
    boothTaken(booth.code),
  );
}

/**
 * A producer's application with the products it will show; one that was rejected is sent again
 * (the earlier decision cleared). The insert only replaces a rejected row, so an application
 * racing another from the same producer changes nothing that staff have decided.
 */
export async function applyToFair(
  db: Database,
  actor: Actor,
  fairId: number,
  producerId: number,
  entry: { productIds: number[]; note: string | null },
) {
  const application = {
    status: 'applied' as const,
    boothId: null,
    note: entry.note,
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
    appliedBy: actor.userId,
  };
  await db.batch([
    db
      .insert(fairExhibitors)
      .values({ fairId, producerId, ...application })
      .onConflictDoUpdate({
        target: [fairExhibitors.fairId, fairExhibitors.producerId],
        set: { ...application, createdAt: now, updatedAt: now },
        setWhere: eq(fairExhibitors.status, 'rejected'),
      }),
    ...entryStatements(db, fairId, producerId, entry.productIds),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'fair.apply',
      entity: 'fair',
      entityId: fairId,
      after: { producerId, productIds: entry.productIds, note: entry.note },
    }),
  ]);
}

/** Withdraws an application staff have not decided; false when it was decided meanwhile. */
export async function withdrawApplication(db: Database, actor: Actor, exhibitor: ExhibitorRow): Promise<boolean> {
  const [deleted] = await db.batch([
    db
      .delete(fairExhibitors)
      .where(and(eq(fairExhibitors.id, exhibitor.id), eq(fairExhibitors.status, 'applied')))
      .returning({ id: fairExhibitors.id }),
    // Only when the row is gone: an application staff decided meanwhile stays, and so does no entry.
    auditStatementIf(
      db,
      {
        actorUserId: actor.userId,
        action: 'fair.withdraw',
        entity: 'fair',
        entityId: exhibitor.fairId,
        before: { exhibitor: exhibitor.id, producerId: exhibitor.producerId, status: exhibitor.status },
      },
      sql`NOT ${exhibitorExists(exhibitor.id)}`,
    ),
  ]);
  return deleted.length > 0;
}
