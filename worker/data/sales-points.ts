/**
 * Sales points: the public search (filters and near me), a point's page, the lists staff and
 * producers work from, and every change with its audit entry in the same batch.
 *
 * Near me has no spatial index to lean on (local D1 refuses R*Tree), so a search takes the
 * bounding box of the radius on the indexed latitude and longitude, then the exact distance of
 * what is left, then orders and limits. The distance is measured in SQL as the dot product of
 * stored unit vectors (geo_x, geo_y, geo_z), the cosine of the angle between them, which orders
 * exactly as the great-circle distance (reversed) and needs three multiplications; pages show the
 * haversine distance of worker/domain/geo.ts.
 */
import { and, asc, desc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  certifications,
  communes,
  producers,
  productImages,
  products,
  provinces,
  salesPointPhotos,
  salesPointProducts,
  salesPoints,
} from '../../db/schema';
import { boundingBox, unitDotForKm, unitVector, type LatLng } from '../domain/geo';
import { problem } from '../domain/errors';
import { stockRefusal, type StockableFacts } from '../domain/sales-point';
import { slugify } from '../domain/text';
import { aliased } from './aliased';
import { fixedLimit } from './fixed-limit';
import { auditStatement } from './audit';
import { aggregatedRows, jsonRows } from './json-rows';
import { withConstraints } from './constraints';
import type { Database } from './db';
import { ftsMatches, productsFts } from './search-index';

export type SalesPointRow = typeof salesPoints.$inferSelect;
export type SalesPointStatus = SalesPointRow['status'];

export interface Actor {
  userId: number;
}

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * How close a point lies to the centre a statement binds as nearX/nearY/nearZ: the dot product of
 * their unit vectors, 1 at the centre and smaller farther away; null without a centre.
 */
const closeness = sql<
  number | null
>`(${salesPoints.geoX} * ${sql.placeholder('nearX')} + ${salesPoints.geoY} * ${sql.placeholder('nearY')} + ${salesPoints.geoZ} * ${sql.placeholder('nearZ')})`;

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
      ORDER BY ${closeness} DESC NULLS LAST, ${salesPoints.provinceCode}, ${salesPoints.name}
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

/** Rows a search reads: one page, or every match (up to a cap) when a filter outside SQL decides. */
const searchLimit = (search: SalesPointSearch) => (search.allMatches ? MAX_FILTERED_MATCHES : search.limit);

/** A search's columns: the list and the API show these of each point. */
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
  communeVi: communes.fullNameVi,
  communeEn: communes.fullNameEn,
};

function searchShape(search: SalesPointSearch) {
  return [
    searchLimit(search),
    search.province ? 'p' : '',
    search.kind ? 'k' : '',
    search.productSlug ? 'x' : '',
    search.near ? 'n' : '',
  ].join('|');
}

/**
 * One statement: the matches are picked once, from the indexes alone (the bounding box on
 * sales_points_geo_idx, then the closeness), as a common table expression that both the page and the
 * count read; only the page's rows are joined to their columns and commune, and come back as one
 * row: the count and the page as a JSON array (aggregatedRows), empty past the last page. (A count
 * of its own scanned the box a second time; a window count over the joined rows made SQLite build
 * every match's whole row before sorting.)
 */
function buildSearch(db: Database, search: SalesPointSearch) {
  const value = (name: string) => sql.placeholder(name);
  // 'active' written into the text: bound, it is a value the query planner reads, and SQLite then
  // compiles the statement again on every run (0.14 ms; see opaquePlaceholder). The other values stay
  // plain placeholders: a unary plus would run for each of the ~650 points in the box.
  const conditions: SQL[] = [sql`${salesPoints.status} = 'active'`];
  if (search.province) conditions.push(sql`${salesPoints.provinceCode} = ${value('province')}`);
  if (search.kind) conditions.push(sql`${salesPoints.kind} = ${value('kind')}`);
  if (search.productSlug) {
    conditions.push(sql`${salesPoints.id} IN (SELECT ${salesPointProducts.salesPointId} FROM ${salesPointProducts}
      WHERE ${salesPointProducts.productId} = (SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${value('product')}))`);
  }
  if (search.near) {
    conditions.push(
      sql`${salesPoints.latitude} BETWEEN ${value('south')} AND ${value('north')}`,
      sql`(${salesPoints.longitude} BETWEEN ${value('west1')} AND ${value('east1')} OR ${salesPoints.longitude} BETWEEN ${value('west2')} AND ${value('east2')})`,
      sql`${closeness} >= ${value('minCloseness')}`,
    );
  }
  const where = and(...conditions);
  const matches = db.$with('matches').as(
    db
      .select({
        pointId: aliased(salesPoints.id, 'point_id'),
        closeness: (search.near ? closeness : sql<number | null>`NULL`).as('closeness'),
        // The list's order without a centre; near me orders by closeness, from the index alone.
        provinceCode: (search.near ? sql<null>`NULL` : sql<string>`${salesPoints.provinceCode}`).as('match_province'),
        name: (search.near ? sql<null>`NULL` : sql<string>`${salesPoints.name}`).as('match_name'),
      })
      .from(salesPoints)
      .where(where),
  );
  const page = db
    .select({ pointId: matches.pointId, closeness: matches.closeness })
    .from(matches)
    .orderBy(
      search.near
        ? sql`${matches.closeness} DESC, ${matches.pointId}`
        : sql`${matches.provinceCode}, ${matches.name}, ${matches.pointId}`,
    )
    .limit(fixedLimit(searchLimit(search)))
    .offset(sql.placeholder('offset'))
    .as('page');
  return db
    .with(matches)
    .select({
      total: sql<number>`(SELECT count(*) FROM ${sql.identifier('matches')})`.mapWith(Number),
      points: aggregatedRows(
        listColumns,
        search.near
          ? sql`${page.closeness} DESC, ${salesPoints.id}`
          : sql`${salesPoints.provinceCode}, ${salesPoints.name}, ${salesPoints.id}`,
      ),
    })
    .from(page)
    .innerJoin(salesPoints, eq(salesPoints.id, page.pointId))
    .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
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
      minCloseness: unitDotForKm(search.near.radiusKm),
    });
  }
  const [result] = await statement.all(values);
  return { items: result?.points ?? [], total: result?.total ?? 0 };
}

export type SalesPointListItem = Awaited<ReturnType<typeof searchSalesPoints>>['items'][number];

/**
 * The public list: the matches, and the names of the product it is filtered on (null when the
 * slug names none), so the page says which product the points sell.
 */
export async function searchSalesPointsPage(db: Database, search: SalesPointSearch) {
  const [result, productRows] = await Promise.all([
    searchSalesPoints(db, search),
    search.productSlug
      ? db
          .select({ nameVi: products.nameVi, nameEn: products.nameEn })
          .from(products)
          .where(eq(products.slug, search.productSlug))
      : Promise.resolve([]),
  ]);
  return { ...result, product: productRows[0] ?? null };
}

/** A point by slug or id with its place, photos and the listed products it stocks, in one batch. */
export async function findSalesPoint(db: Database, slugOrId: string, today: string) {
  const where = /^\d+$/.test(slugOrId) ? eq(salesPoints.id, Number(slugOrId)) : eq(salesPoints.slug, slugOrId);
  const pointId = sql`(SELECT ${salesPoints.id} FROM ${salesPoints} WHERE ${where})`;
  const [pointRows, photoRows, stockRows] = await db.batch([
    db
      .select({
        point: salesPoints,
        // Aliased: in a batch D1 keys columns by name, and both tables call theirs full_name_vi.
        provinceVi: aliased(provinces.fullNameVi, 'province_vi'),
        provinceEn: aliased(provinces.fullNameEn, 'province_en'),
        communeVi: aliased(communes.fullNameVi, 'commune_vi'),
        communeEn: aliased(communes.fullNameEn, 'commune_en'),
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
        latest: latestDecision(products.id),
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
  return {
    ...row,
    photos: photoRows,
    stock: stockRows.map((stock) => {
      const refusal = stockRefusal({ ...stock, ocopStars: stock.stars }, today);
      return { ...stock, refusal, listed: refusal === null };
    }),
  };
}

export type SalesPointPage = NonNullable<Awaited<ReturnType<typeof findSalesPoint>>>;

/** Whether a public page answers at `/sales-points/<slug>`: an active or a closed point, never a proposal. */
export async function isPublicSalesPoint(db: Database, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: salesPoints.id })
    .from(salesPoints)
    .where(and(eq(salesPoints.slug, slug), inArray(salesPoints.status, ['active', 'closed'])));
  return row !== undefined;
}

export interface StaffPointFilter {
  status?: SalesPointStatus | undefined;
  province?: string | undefined;
  kind?: string | undefined;
}

/** Points staff work on, proposals first, then the most recently changed. */
export function listSalesPointsForStaff(db: Database, filter: StaffPointFilter, limit: number, offset: number) {
  return db
    .select({
      id: salesPoints.id,
      slug: salesPoints.slug,
      name: salesPoints.name,
      kind: salesPoints.kind,
      status: salesPoints.status,
      provinceCode: salesPoints.provinceCode,
      street: salesPoints.street,
      communeVi: communes.fullNameVi,
      communeEn: communes.fullNameEn,
      proposerName: aliased(producers.name, 'proposer_name'),
      updatedAt: salesPoints.updatedAt,
      stockCount: sql<number>`(SELECT count(*) FROM ${salesPointProducts} WHERE ${salesPointProducts.salesPointId} = ${salesPoints}.${sql.identifier('id')})`,
    })
    .from(salesPoints)
    .leftJoin(communes, eq(communes.code, salesPoints.communeCode))
    .leftJoin(producers, eq(producers.id, salesPoints.proposedByProducerId))
    .where(
      and(
        filter.status ? eq(salesPoints.status, filter.status) : undefined,
        filter.province ? eq(salesPoints.provinceCode, filter.province) : undefined,
        filter.kind ? eq(salesPoints.kind, filter.kind) : undefined,
      ),
    )
    .orderBy(sql`${salesPoints.status} = 'proposed' DESC`, desc(salesPoints.updatedAt), desc(salesPoints.id))
    .limit(limit)
    .offset(offset);
}

export type StaffPointRow = Awaited<ReturnType<typeof listSalesPointsForStaff>>[number];

const proposalColumns = {
  id: salesPoints.id,
  slug: salesPoints.slug,
  name: salesPoints.name,
  kind: salesPoints.kind,
  status: salesPoints.status,
  statusReason: salesPoints.statusReason,
  provinceCode: salesPoints.provinceCode,
  createdAt: salesPoints.createdAt,
  updatedAt: salesPoints.updatedAt,
};

/**
 * What a producer's sales point page lists: its organisation, its proposals with staff's decision,
 * the active points that stock its products (where it keeps them up to date), and the active points
 * of one province, to start stocking at another.
 */
export async function listProducerSalesPoints(db: Database, producerId: number, provinceCode: string | null) {
  const [producerRows, proposals, stocking, inProvince] = await db.batch([
    db
      .select({ id: producers.id, name: producers.name, provinceCode: producers.provinceCode })
      .from(producers)
      .where(eq(producers.id, producerId)),
    db
      .select(proposalColumns)
      .from(salesPoints)
      .where(eq(salesPoints.proposedByProducerId, producerId))
      .orderBy(desc(salesPoints.id))
      .limit(200),
    db
      .select({
        ...proposalColumns,
        stockCount: sql<number>`(SELECT count(*) FROM ${salesPointProducts}
          JOIN ${products} ON ${products.id} = ${salesPointProducts.productId}
          WHERE ${salesPointProducts.salesPointId} = ${salesPoints}.${sql.identifier('id')} AND ${products.producerId} = ${producerId})`,
      })
      .from(salesPoints)
      .where(
        and(
          eq(salesPoints.status, 'active'),
          sql`${salesPoints.id} IN (SELECT ${salesPointProducts.salesPointId} FROM ${salesPointProducts}
            JOIN ${products} ON ${products.id} = ${salesPointProducts.productId} WHERE ${products.producerId} = ${producerId})`,
        ),
      )
      .orderBy(asc(salesPoints.name))
      .limit(500),
    db
      .select(proposalColumns)
      .from(salesPoints)
      .where(
        and(
          eq(salesPoints.status, 'active'),
          eq(
            salesPoints.provinceCode,
            provinceCode ??
              sql`(SELECT ${producers.provinceCode} FROM ${producers} WHERE ${producers.id} = ${producerId})`,
          ),
        ),
      )
      .orderBy(asc(salesPoints.name))
      .limit(PROVINCE_POINTS_LIMIT),
  ]);
  const [producer] = producerRows;
  return producer ? { producer, proposals, stocking, inProvince } : null;
}

/** Active points of one province a producer's page lists to choose from; a province has a few dozen. */
export const PROVINCE_POINTS_LIMIT = 300;

/** Producers' proposals waiting for staff, for the admin home page. */
export async function countWaitingProposals(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(salesPoints)
    .where(eq(salesPoints.status, 'proposed'));
  return row?.n ?? 0;
}

/** The organisation a producer's sales point pages act for: its name, and its province to start from. */
export async function findPointProducer(db: Database, producerId: number) {
  const [row] = await db
    .select({ id: producers.id, name: producers.name, provinceCode: producers.provinceCode })
    .from(producers)
    .where(eq(producers.id, producerId));
  return row ?? null;
}

/** One point's row, for the decisions a change needs (status, proposer). */
export async function findSalesPointRow(db: Database, id: number): Promise<SalesPointRow | null> {
  const [row] = await db.select().from(salesPoints).where(eq(salesPoints.id, id));
  return row ?? null;
}

/** The communes of a province, for the address fields of a point's form. */
export const communesOfProvince = (db: Database, provinceCode: string) =>
  db
    .select({ code: communes.code, nameVi: communes.fullNameVi, nameEn: communes.fullNameEn })
    .from(communes)
    .where(eq(communes.provinceCode, provinceCode))
    .orderBy(asc(communes.nameVi));

/** A point's form: the point when editing one, and the communes of the province the form shows. */
export async function salesPointFormData(db: Database, pointId: number | null, provinceCode: string | null) {
  const provinceOf = pointId
    ? sql`(SELECT ${salesPoints.provinceCode} FROM ${salesPoints} WHERE ${salesPoints.id} = ${pointId})`
    : null;
  const [pointRows, communeRows] = await db.batch([
    db
      .select()
      .from(salesPoints)
      .where(eq(salesPoints.id, pointId ?? 0)),
    db
      .select({ code: communes.code, nameVi: communes.fullNameVi, nameEn: communes.fullNameEn })
      .from(communes)
      .where(sql`${communes.provinceCode} = ${provinceCode ?? provinceOf ?? ''}`)
      .orderBy(asc(communes.nameVi)),
  ]);
  return { point: pointRows[0] ?? null, communes: communeRows };
}

/** The latest certification decision of `productId` that was not superseded, whatever its stars, as JSON. */
const latestDecision = (productId: AnyColumn) =>
  sql<
    string | null
  >`(SELECT json_object('stars', ${certifications.stars}, 'status', ${certifications.status}, 'validUntil', ${certifications.validUntil})
    FROM ${certifications} WHERE ${certifications.productId} = ${productId} AND ${certifications.status} != 'superseded'
    ORDER BY ${certifications.decisionDate} DESC, ${certifications.id} DESC LIMIT 1)`.mapWith((value: string | null) =>
    value ? (JSON.parse(value) as StockableFacts['latest']) : null,
  );

/** A product with what decides whether a point may list it (worker/domain/sales-point.ts `stockRefusal`). */
const stockableColumns = {
  id: products.id,
  slug: products.slug,
  nameVi: products.nameVi,
  nameEn: products.nameEn,
  producerId: products.producerId,
  producerName: aliased(producers.name, 'producer_name'),
  isPublished: products.isPublished,
  ocopStars: products.ocopStars,
  certifiedUntil: products.certifiedUntil,
  latest: latestDecision(products.id),
};

export type StockableProduct = Awaited<ReturnType<typeof productsForStocking>>[number];

/** Products among `ids` with the facts that decide whether a point may list them. */
export const productsForStocking = (db: Database, ids: number[]) =>
  db
    .select(stockableColumns)
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(inArray(products.id, ids));

/** A producer's products for its stock forms, listable or not (the form says why one is not). */
export const producerProductsForStocking = (db: Database, producerId: number) =>
  db
    .select(stockableColumns)
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(eq(products.producerId, producerId))
    .orderBy(asc(products.nameVi))
    .limit(500);

/** Matches a staff stock form offers for a typed name: any product, listable or not, best known first. */
export const STOCK_SEARCH_LIMIT = 20;

export function searchProductsForStocking(db: Database, match: string) {
  return db
    .select(stockableColumns)
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(
      sql`${products.id} IN (SELECT ${productsFts.rowid} FROM ${productsFts} WHERE ${ftsMatches(match)} LIMIT 200)`,
    )
    .orderBy(sql`${products.ocopStars} IS NULL`, desc(products.ocopStars), asc(products.nameVi))
    .limit(STOCK_SEARCH_LIMIT);
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
  const base = slugify(name).slice(0, 80).replace(/-+$/, '') || 'diem-ban';
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

/**
 * Keeps a point's status as it is when it is still `expected`, and writes NULL otherwise: the NOT
 * NULL constraint then fails the statement and rolls its whole batch back, audit entry included,
 * so a change decided on a status another request has just changed never half-happens.
 */
const statusStill = (expected: SalesPointStatus, next: SalesPointStatus = expected) =>
  sql`CASE WHEN ${salesPoints.status} = ${expected} THEN ${next} ELSE NULL END`;

/** The point's status changed under the request (two staff deciding at once, staff deciding while its proposer edits). */
const statusRaces = { 'NOT NULL sales_points.status': problem('action', 'status_not_allowed') } as const;

/**
 * Saves a point's fields. With `whileStatus`, only while the point still has that status (a
 * producer's proposal, which staff may be deciding on at the same moment): refused otherwise.
 */
export async function updateSalesPoint(
  db: Database,
  actor: Actor,
  point: SalesPointRow,
  values: SalesPointValues,
  whileStatus?: SalesPointStatus,
): Promise<void> {
  const changes = columnsOf(values);
  await withConstraints(
    () =>
      db.batch([
        db
          .update(salesPoints)
          .set({ ...changes, ...(whileStatus ? { status: statusStill(whileStatus) } : {}), updatedAt: now })
          .where(eq(salesPoints.id, point.id)),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'sales_point.update',
          entity: 'sales_point',
          entityId: point.id,
          before: point,
          after: changes,
        }),
      ]),
    statusRaces,
  );
}

/**
 * Moves a point from `point.status` to `to`, with the reason staff gave. Refused as a conflict when
 * another request changed its status first, so two staff deciding on one proposal cannot both win.
 */
export async function changeSalesPointStatus(
  db: Database,
  actor: Actor,
  point: { id: number; status: SalesPointStatus },
  to: SalesPointStatus,
  reason: string | null,
): Promise<void> {
  await withConstraints(
    () =>
      db.batch([
        db
          .update(salesPoints)
          .set({ status: statusStill(point.status, to), statusReason: reason, updatedAt: now })
          .where(eq(salesPoints.id, point.id)),
        auditStatement(db, {
          actorUserId: actor.userId,
          action: 'sales_point.status',
          entity: 'sales_point',
          entityId: point.id,
          before: { status: point.status },
          after: { status: to, reason },
        }),
      ]),
    statusRaces,
  );
}

export interface StockLine {
  productId: number;
  price: number | null;
  /** Vietnam date the stock was confirmed, or null to leave the last confirmation as it was. */
  confirmedOn: string | null;
}

/** Lists a product at a point, or changes its price and confirmation there. */
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

export type SalesPointPhoto = typeof salesPointPhotos.$inferSelect;

/** A photo of the point, after the ones it has; its object is already in R2. */
export async function addSalesPointPhoto(
  db: Database,
  actor: Actor,
  pointId: number,
  photo: { url: string; altVi: string; altEn: string | null; width: number | null; height: number | null },
) {
  const row = {
    salesPointId: pointId,
    ...photo,
    sortOrder: sql<number>`(SELECT coalesce(max(${salesPointPhotos.sortOrder}) + 1, 0) FROM ${salesPointPhotos} WHERE ${salesPointPhotos.salesPointId} = ${pointId})`,
  };
  await db.batch([
    db.insert(salesPointPhotos).values(row),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'sales_point.photo_add',
      entity: 'sales_point',
      entityId: pointId,
      after: photo,
    }),
  ]);
}

export async function removeSalesPointPhoto(db: Database, actor: Actor, photo: SalesPointPhoto) {
  await db.batch([
    db.delete(salesPointPhotos).where(eq(salesPointPhotos.id, photo.id)),
    auditStatement(db, {
      actorUserId: actor.userId,
      action: 'sales_point.photo_remove',
      entity: 'sales_point',
      entityId: photo.salesPointId,
      before: photo,
    }),
  ]);
}
