/**
 * Sales points: the public search (filters and near me), a point's page, the lists staff and
 * producers work from, and every change with its audit entry in the same batch.
 *
 * Near me has no spatial index to lean on (local D1 refuses R*Tree), so a search takes the
 * bounding box of the radius on the indexed latitude and longitude, then the exact distance of
 * what is left, then orders and limits. The distance is measured in SQL as the chord between
 * stored unit vectors (geo_x, geo_y, geo_z), which orders exactly as the great-circle distance
 * and needs only arithmetic; pages show the haversine distance of worker/domain/geo.ts.
 */
import { and, asc, desc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  communes,
  producers,
  productImages,
  products,
  provinces,
  salesPointPhotos,
  salesPointProducts,
  salesPoints,
} from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import { boundingBox, squaredChordForKm, unitVector, type LatLng } from '../domain/geo';
import { problem } from '../domain/errors';
import { slugify } from '../domain/text';
import { aliased } from './aliased';
import { auditStatement } from './audit';
import { jsonRows } from './json-rows';
import { withConstraints } from './constraints';
import type { Database } from './db';

export type SalesPointRow = typeof salesPoints.$inferSelect;
export type SalesPointStatus = SalesPointRow['status'];

export interface Actor {
  userId: number;
}

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** The squared chord from the point a statement binds as nearX/nearY/nearZ; null without one. */
const chordFrom = (x: SQL, y: SQL, z: SQL) =>
  sql<
    number | null
  >`((${salesPoints.geoX} - ${x}) * (${salesPoints.geoX} - ${x}) + (${salesPoints.geoY} - ${y}) * (${salesPoints.geoY} - ${y}) + (${salesPoints.geoZ} - ${z}) * (${salesPoints.geoZ} - ${z}))`;

const placeholderChord = chordFrom(
  sql`${sql.placeholder('nearX')}`,
  sql`${sql.placeholder('nearY')}`,
  sql`${sql.placeholder('nearZ')}`,
);

/** Values a near statement binds: the centre as a unit vector (nulls when there is none). */
export function nearValues(center: LatLng | null) {
  if (!center) return { nearX: null, nearY: null, nearZ: null };
  const { x, y, z } = unitVector(center);
  return { nearX: x, nearY: y, nearZ: z };
}

/**
 * Active points that stock the product `productId` names, nearest first when the statement binds
 * a centre (nearX/nearY/nearZ) and by province and name when it binds nulls, as one JSON array
 * column: the product and scan pages read them in their own single statement.
 */
export function stockingPointsColumn(productId: SQL | AnyColumn, limit: number) {
  return jsonRows(
    {
      slug: salesPoints.slug,
      name: salesPoints.name,
      kind: salesPoints.kind,
      street: salesPoints.street,
      phone: salesPoints.phone,
      provinceCode: salesPoints.provinceCode,
      latitude: salesPoints.latitude,
      longitude: salesPoints.longitude,
      openingHours: salesPoints.openingHours,
      price: salesPointProducts.price,
      communeVi: communes.fullNameVi,
      communeEn: communes.fullNameEn,
    },
    sql`FROM ${salesPointProducts}
      JOIN ${salesPoints} ON ${salesPoints.id} = ${salesPointProducts.salesPointId}
      LEFT JOIN ${communes} ON ${communes.code} = ${salesPoints.communeCode}
      WHERE ${salesPointProducts.productId} = ${productId} AND ${salesPoints.status} = 'active'
      ORDER BY ${placeholderChord} NULLS LAST, ${salesPoints.provinceCode}, ${salesPoints.name}
      LIMIT ${sql.raw(String(limit))}`,
  );
}

export interface SalesPointSearch {
  province?: string | undefined;
  kind?: string | undefined;
  productSlug?: string | undefined;
  near?: { center: LatLng; radiusKm: number } | undefined;
  /** Filter on "open now" in the caller: read every match (up to a cap) rather than one page. */
  allMatches: boolean;
  page: number;
  limit: number;
}

/** Matches read when a filter decided outside SQL (open now) needs all of them. */
export const MAX_FILTERED_MATCHES = 2000;

const listColumns = {
  id: salesPoints.id,
  slug: salesPoints.slug,
  name: salesPoints.name,
  kind: salesPoints.kind,
  operator: salesPoints.operator,
  provinceCode: salesPoints.provinceCode,
  street: salesPoints.street,
  latitude: salesPoints.latitude,
  longitude: salesPoints.longitude,
  phone: salesPoints.phone,
  zalo: salesPoints.zalo,
  openingHours: salesPoints.openingHours,
  communeVi: aliased(communes.fullNameVi, 'commune_vi'),
  communeEn: aliased(communes.fullNameEn, 'commune_en'),
  total: sql<number>`count(*) OVER ()`.as('total'),
};

function searchShape(search: SalesPointSearch) {
  return [
    search.province ? 'p' : '',
    search.kind ? 'k' : '',
    search.productSlug ? 'x' : '',
    search.near ? 'n' : '',
  ].join('|');
}

function buildSearch(db: Database, search: SalesPointSearch) {
  const value = (name: string) => sql.placeholder(name);
  const conditions: SQL[] = [eq(salesPoints.status, 'active')];
  if (search.province) conditions.push(sql`${salesPoints.provinceCode} = ${value('province')}`);
  if (search.kind) conditions.push(sql`${salesPoints.kind} = ${value('kind')}`);
  if (search.productSlug) {
    conditions.push(sql`${salesPoints.id} IN (SELECT ${salesPointProducts.salesPointId} FROM ${salesPointProducts}
      WHERE ${salesPointProducts.productId} = (SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${value('product')}))`);
  }
  let order: SQL = sql`${salesPoints.provinceCode}, ${salesPoints.name}, ${salesPoints.id}`;
  let columns: typeof listColumns & { chord?: SQL<number | null> } = listColumns;
  if (search.near) {
    conditions.push(
      sql`${salesPoints.latitude} BETWEEN ${value('south')} AND ${value('north')}`,
      sql`(${salesPoints.longitude} BETWEEN ${value('west1')} AND ${value('east1')} OR ${salesPoints.longitude} BETWEEN ${value('west2')} AND ${value('east2')})`,
      sql`${placeholderChord} <= ${value('maxChord')}`,
    );
    order = sql`${placeholderChord}, ${salesPoints.id}`;
    columns = { ...listColumns, chord: placeholderChord };
  }
  return db
    .select(columns)
    .from(salesPoints)
    .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
    .where(and(...conditions))
    .orderBy(order)
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare();
}

type SearchStatement = ReturnType<typeof buildSearch>;
const searchStatements = new WeakMap<object, Map<string, SearchStatement>>();

/**
 * Active points matching the filters, nearest first with `near` (inside its radius) and by
 * province and name without, with the number of matches; one statement, built once per shape.
 */
export async function searchSalesPoints(db: Database, search: SalesPointSearch) {
  let shapes = searchStatements.get(db.$client);
  if (!shapes) searchStatements.set(db.$client, (shapes = new Map()));
  const shape = searchShape(search);
  let statement = shapes.get(shape);
  if (!statement) shapes.set(shape, (statement = buildSearch(db, search)));

  const values: Record<string, unknown> = {
    limit: search.allMatches ? MAX_FILTERED_MATCHES : search.limit,
    offset: search.allMatches ? 0 : (search.page - 1) * search.limit,
    province: search.province,
    kind: search.kind,
    product: search.productSlug,
  };
  if (search.near) {
    const box = boundingBox(search.near.center, search.near.radiusKm);
    const [first, second = first] = box.longitudes;
    Object.assign(values, nearValues(search.near.center), {
      south: box.south,
      north: box.north,
      west1: first!.west,
      east1: first!.east,
      west2: second!.west,
      east2: second!.east,
      maxChord: squaredChordForKm(search.near.radiusKm),
    });
  }
  const rows = await statement.execute(values);
  return { items: rows, total: rows[0]?.total ?? 0 };
}

export type SalesPointListItem = Awaited<ReturnType<typeof searchSalesPoints>>['items'][number];

/** A point by slug or id with its place, photos and the listed products it stocks, in one batch. */
export async function findSalesPoint(db: Database, slugOrId: string, today: string) {
  const where = /^\d+$/.test(slugOrId) ? eq(salesPoints.id, Number(slugOrId)) : eq(salesPoints.slug, slugOrId);
  const pointId = sql`(SELECT ${salesPoints.id} FROM ${salesPoints} WHERE ${where})`;
  const [pointRows, photoRows, stockRows] = await db.batch([
    db
      .select({
        point: salesPoints,
        provinceVi: provinces.fullNameVi,
        provinceEn: provinces.fullNameEn,
        communeVi: communes.fullNameVi,
        communeEn: communes.fullNameEn,
        proposerName: aliased(producers.name, 'proposer_name'),
      })
      .from(salesPoints)
      .innerJoin(provinces, eq(provinces.code, salesPoints.provinceCode))
      .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
      .leftJoin(producers, eq(producers.id, salesPoints.proposedByProducerId))
      .where(where),
    db
      .select()
      .from(salesPointPhotos)
      .where(sql`${salesPointPhotos.salesPointId} = ${pointId}`)
      .orderBy(asc(salesPointPhotos.sortOrder)),
    db
      .select({
        productId: products.id,
        slug: products.slug,
        nameVi: products.nameVi,
        nameEn: products.nameEn,
        producerId: products.producerId,
        producerName: aliased(producers.name, 'producer_name'),
        stars: products.ocopStars,
        certifiedUntil: products.certifiedUntil,
        isPublished: products.isPublished,
        cataloguePrice: aliased(products.price, 'catalogue_price'),
        unit: products.unit,
        price: salesPointProducts.price,
        confirmedOn: salesPointProducts.confirmedOn,
        imageUrl: sql<string | null>`(SELECT ${productImages.url} FROM ${productImages}
          WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.sortOrder} LIMIT 1)`,
      })
      .from(salesPointProducts)
      .innerJoin(products, eq(products.id, salesPointProducts.productId))
      .innerJoin(producers, eq(producers.id, products.producerId))
      .where(sql`${salesPointProducts.salesPointId} = ${pointId}`)
      .orderBy(desc(products.ocopStars), asc(products.nameVi)),
  ]);
  const [row] = pointRows;
  if (!row) return null;
  const listed = new Set(
    stockRows
      .filter((stock) => stock.isPublished && (stock.stars ?? 0) >= 3 && (stock.certifiedUntil ?? '') >= today)
      .map((stock) => stock.productId),
  );
  return {
    ...row,
    photos: photoRows,
    stock: stockRows.map((stock) => ({ ...stock, listed: listed.has(stock.productId) })),
  };
}

export type SalesPointPage = NonNullable<Awaited<ReturnType<typeof findSalesPoint>>>;

/** Points staff work on, proposals first, newest first within a status. */
export function listSalesPointsForStaff(
  db: Database,
  status: SalesPointStatus | undefined,
  limit: number,
  offset: number,
) {
  return db
    .select({
      id: salesPoints.id,
      slug: salesPoints.slug,
      name: salesPoints.name,
      kind: salesPoints.kind,
      status: salesPoints.status,
      provinceCode: salesPoints.provinceCode,
      proposerName: aliased(producers.name, 'proposer_name'),
      updatedAt: salesPoints.updatedAt,
      stockCount: sql<number>`(SELECT count(*) FROM ${salesPointProducts} WHERE ${salesPointProducts.salesPointId} = ${salesPoints}.${sql.identifier('id')})`,
    })
    .from(salesPoints)
    .leftJoin(producers, eq(producers.id, salesPoints.proposedByProducerId))
    .where(status ? eq(salesPoints.status, status) : undefined)
    .orderBy(sql`${salesPoints.status} = 'proposed' DESC`, desc(salesPoints.updatedAt), desc(salesPoints.id))
    .limit(limit)
    .offset(offset);
}

/** A producer's proposals, and the active points that stock its products (where it keeps stock up to date). */
export async function listProducerSalesPoints(db: Database, producerId: number) {
  const [proposals, stocking] = await db.batch([
    db
      .select({
        id: salesPoints.id,
        slug: salesPoints.slug,
        name: salesPoints.name,
        status: salesPoints.status,
        statusReason: salesPoints.statusReason,
        provinceCode: salesPoints.provinceCode,
        updatedAt: salesPoints.updatedAt,
      })
      .from(salesPoints)
      .where(eq(salesPoints.proposedByProducerId, producerId))
      .orderBy(desc(salesPoints.id)),
    db
      .select({
        id: salesPoints.id,
        slug: salesPoints.slug,
        name: salesPoints.name,
        status: salesPoints.status,
        statusReason: salesPoints.statusReason,
        provinceCode: salesPoints.provinceCode,
        updatedAt: salesPoints.updatedAt,
      })
      .from(salesPoints)
      .where(
        and(
          eq(salesPoints.status, 'active'),
          sql`${salesPoints.id} IN (SELECT ${salesPointProducts.salesPointId} FROM ${salesPointProducts}
            JOIN ${products} ON ${products.id} = ${salesPointProducts.productId} WHERE ${products.producerId} = ${producerId})`,
        ),
      )
      .orderBy(asc(salesPoints.name)),
  ]);
  return { proposals, stocking };
}

/** Active points by name, for the forms where a producer picks one to stock its products at. */
export const listActivePointNames = (db: Database) =>
  db
    .select({ id: salesPoints.id, name: salesPoints.name, provinceCode: salesPoints.provinceCode })
    .from(salesPoints)
    .where(eq(salesPoints.status, 'active'))
    .orderBy(asc(salesPoints.provinceCode), asc(salesPoints.name))
    .limit(2000);

/** Listed products a stock form may offer: all of them for staff, or one producer's. */
export function listStockableProducts(db: Database, today: string, producerId: number | null) {
  return db
    .select({ id: products.id, nameVi: products.nameVi, nameEn: products.nameEn, producerName: producers.name })
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(
      and(
        eq(products.isPublished, true),
        sql`${products.ocopStars} >= ${MIN_CERTIFIED_STARS}`,
        sql`${products.certifiedUntil} >= ${today}`,
        producerId === null ? undefined : eq(products.producerId, producerId),
      ),
    )
    .orderBy(asc(products.nameVi))
    .limit(500);
}

export interface SalesPointValues {
  name: string;
  kind: string;
  operator: string | null;
  provinceCode: string;
  communeCode: string | null;
  street: string | null;
  location: LatLng;
  phone: string | null;
  zalo: string | null;
  website: string | null;
  openingHours: SalesPointRow['openingHours'];
}

function columnsOf(values: SalesPointValues) {
  const { location, ...rest } = values;
  const { x, y, z } = unitVector(location);
  return { ...rest, latitude: location.latitude, longitude: location.longitude, geoX: x, geoY: y, geoZ: z };
}

/** A slug for `name` that no point has yet ("cho-tan-bien", then "cho-tan-bien-2", …). */
async function freeSlug(db: Database, name: string): Promise<string> {
  const base = slugify(name).slice(0, 80) || 'diem-ban';
  const taken = await db
    .select({ slug: salesPoints.slug })
    .from(salesPoints)
    .where(sql`${salesPoints.slug} = ${base} OR ${salesPoints.slug} LIKE ${`${base}-%`}`);
  const slugs = new Set(taken.map((row) => row.slug));
  if (!slugs.has(base)) return base;
  for (let n = 2; ; n++) if (!slugs.has(`${base}-${n}`)) return `${base}-${n}`;
}

const knownConstraints = { 'UNIQUE sales_points.slug': problem('name', 'slug_taken') } as const;

/** A new point, active when staff create it, proposed when a producer does. */
export async function insertSalesPoint(
  db: Database,
  actor: Actor,
  values: SalesPointValues,
  origin: { status: 'active' } | { status: 'proposed'; producerId: number },
) {
  const slug = await freeSlug(db, values.name);
  const row = {
    ...columnsOf(values),
    slug,
    status: origin.status,
    proposedByProducerId: origin.status === 'proposed' ? origin.producerId : null,
    createdBy: actor.userId,
  };
  const [inserted] = await withConstraints(
    () =>
      db.batch([
        db.insert(salesPoints).values(row).returning({ id: salesPoints.id, slug: salesPoints.slug }),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: origin.status === 'proposed' ? 'sales_point.propose' : 'sales_point.create',
          entity: 'sales_point',
          entityId: sql`(SELECT ${salesPoints.id} FROM ${salesPoints} WHERE ${salesPoints.slug} = ${slug})`,
          after: row,
        }),
      ]),
    knownConstraints,
  );
  return inserted[0]!;
}

export async function updateSalesPoint(db: Database, actor: Actor, point: SalesPointRow, values: SalesPointValues) {
  const changes = columnsOf(values);
  await db.batch([
    db
      .update(salesPoints)
      .set({ ...changes, updatedAt: now })
      .where(eq(salesPoints.id, point.id)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'sales_point.update',
      entity: 'sales_point',
      entityId: point.id,
      before: point,
      after: changes,
    }),
  ]);
}

/**
 * Moves a point from `from` to `to`; false when another request changed its status first, so two
 * staff deciding on one proposal at once cannot both win.
 */
export async function changeSalesPointStatus(
  db: Database,
  actor: Actor,
  point: { id: number; status: SalesPointStatus },
  to: SalesPointStatus,
  reason: string | null,
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(salesPoints)
      .set({ status: to, statusReason: reason, updatedAt: now })
      .where(and(eq(salesPoints.id, point.id), eq(salesPoints.status, point.status)))
      .returning({ id: salesPoints.id }),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: `sales_point.status`,
      entity: 'sales_point',
      entityId: point.id,
      before: { status: point.status },
      after: { status: to, reason },
    }),
  ]);
  return updated.length > 0;
}

export interface StockLine {
  productId: number;
  price: number | null;
  /** Vietnam date the stock was confirmed, or null to leave the last confirmation as it was. */
  confirmedOn: string | null;
}

export async function upsertStockLine(db: Database, actor: Actor, pointId: number, line: StockLine) {
  await db.batch([
    db
      .insert(salesPointProducts)
      .values({ salesPointId: pointId, ...line, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: [salesPointProducts.salesPointId, salesPointProducts.productId],
        set: {
          price: line.price,
          confirmedOn: line.confirmedOn === null ? sql`${salesPointProducts.confirmedOn}` : line.confirmedOn,
          updatedBy: actor.userId,
          updatedAt: now,
        },
      }),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'sales_point.stock',
      entity: 'sales_point',
      entityId: pointId,
      after: line,
    }),
  ]);
}

export async function removeStockLine(db: Database, actor: Actor, pointId: number, productId: number) {
  await db.batch([
    db
      .delete(salesPointProducts)
      .where(and(eq(salesPointProducts.salesPointId, pointId), eq(salesPointProducts.productId, productId))),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'sales_point.unstock',
      entity: 'sales_point',
      entityId: pointId,
      before: { productId },
    }),
  ]);
}

/** Products among `ids` with the facts that decide whether a point may list them. */
export const productsForStocking = (db: Database, ids: number[]) =>
  db
    .select({
      id: products.id,
      producerId: products.producerId,
      isPublished: products.isPublished,
      ocopStars: products.ocopStars,
      certifiedUntil: products.certifiedUntil,
    })
    .from(products)
    .where(inArray(products.id, ids));

/** Every active point's place and name, for the map: a few thousand rows of six columns. */
export const MAP_POINTS_LIMIT = 3000;
