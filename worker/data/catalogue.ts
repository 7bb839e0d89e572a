/** Catalogue reads: listing, search and the product page, each in one D1 round trip. */
import { and, asc, desc, eq, gte, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  certifications,
  communes,
  fairBooths,
  fairExhibitorProducts,
  fairExhibitors,
  fairs,
  producers,
  productGroups,
  productImages,
  productVariants,
  products,
  provinces,
} from '../../db/schema';
import { type CatalogueFilter, type CatalogueSort, effectiveSort, MAX_COUNTED_RESULTS } from '../domain/catalogue';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import type { LatLng } from '../domain/geo';
import { searchMatch } from '../domain/text';
import type { Database } from './db';
import { opaquePlaceholder, prepared } from './prepared';
import { ftsMatches, productsFts } from './search-index';
import { productGroupsById, productGroupsOfCode, productSubgroupsById } from './reference';
import { nearValues, stockingPointsColumn } from './sales-points';

/** Stocking points the product statement reads: the page shows the nearest few, the API up to this many. */
const MAX_STOCKING_POINTS = 20;
import { aliased, namedExpressions } from './aliased';
import { certificationFactColumns } from './certification-facts';
import { jsonRows } from './json-rows';

export { jsonRows };

const firstImageUrl = sql<string | null>`(SELECT ${productImages.url} FROM ${productImages}
  WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.sortOrder} LIMIT 1)`;

const catalogueItemColumns = {
  id: products.id,
  slug: products.slug,
  nameVi: products.nameVi,
  nameEn: products.nameEn,
  price: products.price,
  stock: products.stock,
  unit: products.unit,
  stars: products.ocopStars,
  certifiedUntil: products.certifiedUntil,
  provinceCode: products.provinceCode,
  groupCode: aliased(productGroups.code, 'group_code'),
  producerName: aliased(producers.name, 'producer_name'),
  producerSlug: aliased(producers.slug, 'producer_slug'),
  imageUrl: firstImageUrl,
};

/** The rows the public catalogue may show on `today`. */
export function listedConditions(today: string): SQL[] {
  return [
    eq(products.isPublished, true),
    gte(products.ocopStars, MIN_CERTIFIED_STARS),
    gte(products.certifiedUntil, today),
  ];
}

/** A bound value of the search statement, filled in when it runs (see searchStatements). */
const value = (name: keyof SearchValues) => opaquePlaceholder(name);

/**
 * Filters read only products' own columns (group and producer kind through
 * small id subqueries), so a search can run from the full-text index to the
 * products table and nothing else until the page's rows are chosen. Which
 * filters are present shapes the statement; their values are placeholders.
 */
function filterConditions(filter: CatalogueFilter): SQL[] {
  // Constants written into the text, every value an opaque placeholder: a value the query planner
  // reads makes SQLite compile the statement again on every run (see opaquePlaceholder).
  const conditions = [
    sql`${products.isPublished} = 1`,
    sql`${products.ocopStars} >= ${sql.raw(String(MIN_CERTIFIED_STARS))}`,
    sql`${products.certifiedUntil} >= ${value('today')}`,
  ];
  if (filter.province) conditions.push(sql`${products.provinceCode} = ${value('province')}`);
  if (filter.group) {
    conditions.push(
      sql`${products.groupId} IN (SELECT ${productGroups.id} FROM ${productGroups} WHERE ${productGroups.code} = ${value('group')})`,
    );
  }
  if (filter.minStars) conditions.push(sql`${products.ocopStars} >= ${value('minStars')}`);
  if (filter.producerKind) {
    conditions.push(
      sql`${products.producerId} IN (SELECT ${producers.id} FROM ${producers} WHERE ${producers.kind} = ${value('producerKind')})`,
    );
  }
  if (filter.priceMin !== undefined) conditions.push(sql`${products.price} >= ${value('priceMin')}`);
  if (filter.priceMax !== undefined) conditions.push(sql`${products.price} <= ${value('priceMax')}`);
  if (filter.inStock) conditions.push(sql`${products.stock} > 0`);
  return conditions;
}

export type CatalogueItem = Awaited<ReturnType<typeof searchCatalogue>>['items'][number];

/**
 * The sort keys of a candidate row, by name, so the same order can be written
 * over products or over a subquery. Without a tier (within one tier),
 * relevance orders like stars.
 */
type SortKeys = Record<'stars' | 'id' | 'price' | 'createdAt', SQL | AnyColumn> & { tier?: SQL };

function orderBy(sort: CatalogueSort, keys: SortKeys): SQL {
  const byStars = [desc(keys.stars), desc(keys.id)];
  const order: SQL[] = {
    relevance: keys.tier ? [asc(keys.tier), ...byStars] : byStars,
    stars: byStars,
    newest: [desc(keys.createdAt), desc(keys.id)],
    price_asc: [asc(keys.price), asc(keys.id)],
    price_desc: [desc(keys.price), desc(keys.id)],
  }[sort];
  return sql.join(order, sql`, `);
}

const productKeys: SortKeys = {
  stars: products.ocopStars,
  id: products.id,
  price: products.price,
  createdAt: products.createdAt,
};

/**
 * Listed products matching `expression`, from the matches: each match is
 * checked in the narrow by-id listing index, never in the wide product rows.
 */
function listedFromMatches(expression: SQL, where: SQL, columns: SQL, order: SQL, limit: SQL) {
  return sql`SELECT * FROM (SELECT ${columns} FROM ${productsFts} CROSS JOIN ${products} INDEXED BY products_by_id_listing_idx
      WHERE ${products.id} = ${productsFts.rowid} AND ${ftsMatches(expression)} AND ${where}
      ${order} LIMIT ${limit})`;
}

const pageColumns = (
  tier: number,
) => sql`${products.id} AS id, ${sql.raw(String(tier))} AS tier, ${products.ocopStars} AS stars,
  ${products.price} AS price, ${products.createdAt} AS created_at`;

/**
 * The first `wanted` listed products matching `expression` (marked with
 * `tier`), in the order of `sort`.
 *
 * "Most stars, newest first" is read one star rating at a time: the full-text
 * index hands out matches newest first (descending rowid), so each pass stops
 * as soon as it has `wanted` rows, and a common term costs a page, not all of
 * its thousands of matches. The other sorts need every match anyway.
 */
function listedMatches(expression: SQL, where: SQL, sort: CatalogueSort, tier: number, wanted: SQL, minStars: number) {
  const columns = pageColumns(tier);
  if (sort !== 'relevance' && sort !== 'stars') {
    return listedFromMatches(expression, where, columns, sql` ORDER BY ${orderBy(sort, productKeys)}`, wanted);
  }
  const passes = [5, 4, 3].filter((stars) => stars >= Math.max(minStars, MIN_CERTIFIED_STARS));
  return sql.join(
    passes.map((stars) =>
      listedFromMatches(
        expression,
        sql`${where} AND ${products.ocopStars} = ${sql.raw(String(stars))}`,
        columns,
        sql` ORDER BY ${productsFts.rowid} DESC`,
        wanted,
      ),
    ),
    sql` UNION ALL `,
  );
}

/**
 * One page of search results as (id, tier and sort keys) rows. Relevance puts
 * products whose name matches first and those matched only by their producer,
 * place or group after; within a tier, more stars first, then the newest.
 * The second tier is read only when the first does not fill the page.
 */
function searchPageRows(where: SQL, sort: CatalogueSort, minStars: number) {
  const wanted = value('wanted');
  // The merge below still reads the first row of every part, and the full-text query of the second
  // tier (matches anywhere but not in the name) costs SQLite 0.8 ms for a common term however few
  // rows it yields. Its LIMIT is therefore 0, which SQLite checks before it opens the query, unless
  // the name matches (counted up to the end of the page) fall short of filling the page.
  const nameMatchesUpToPage = sql`(SELECT count(*) FROM (${listedFromMatches(value('byName'), where, sql`1`, sql``, wanted)}))`;
  const elsewhereLimit = sql`(CASE WHEN ${nameMatchesUpToPage} < ${wanted} THEN ${wanted} ELSE 0 END)`;
  // One compound, merged in page order: SQLite pulls rows from each part only as the page needs
  // them, so the name matches of a common term fill the page before anything else is read.
  const rows =
    sort === 'relevance'
      ? sql`${listedMatches(value('byName'), where, sort, 0, wanted, minStars)} UNION ALL ${listedFromMatches(
          value('elsewhereOnly'),
          where,
          pageColumns(1),
          sql` ORDER BY ${orderBy(sort, productKeys)}`,
          elsewhereLimit,
        )}`
      : listedMatches(value('anywhere'), where, sort, 0, wanted, minStars);
  const keys = { tier: sql`tier`, stars: sql`stars`, id: sql`id`, price: sql`price`, createdAt: sql`created_at` };
  return sql`SELECT id, tier, stars, price, created_at FROM (${rows})
    ORDER BY ${orderBy(sort, keys)} LIMIT ${value('limit')} OFFSET ${value('offset')}`;
}

/** Everything a search statement binds; only the values its shape uses are read. */
type SearchValues = {
  today: string;
  province?: string;
  group?: string;
  minStars?: number;
  producerKind?: string;
  priceMin?: number;
  priceMax?: number;
  byName?: string;
  elsewhereOnly?: string;
  anywhere?: string;
  wanted: number;
  limit: number;
  offset: number;
};

/** What decides a search statement's text: which filters are present, the sort, and whether there is a term. */
function searchShape(filter: CatalogueFilter, sort: CatalogueSort, searched: boolean) {
  const present = (name: string, on: unknown) => (on === undefined || on === false || on === '' ? '' : name);
  return [
    sort,
    searched ? 'q' : '',
    present('province', filter.province),
    present('group', filter.group),
    `stars${filter.minStars ?? ''}`,
    present('kind', filter.producerKind),
    present('min', filter.priceMin),
    present('max', filter.priceMax),
    present('stock', filter.inStock),
  ].join('|');
}

const pageKeys = {
  tier: sql`page_rows.tier`,
  stars: sql`page_rows.stars`,
  id: sql`page_rows.id`,
  price: sql`page_rows.price`,
  createdAt: sql`page_rows.created_at`,
};

/** The page statement of one search shape and, for an empty page past the first, its count alone. */
function buildSearchStatements(db: Database, filter: CatalogueFilter, sort: CatalogueSort, searched: boolean) {
  const where = and(...filterConditions(filter))!;
  const pageRowsSql = searched
    ? searchPageRows(where, sort, filter.minStars ?? MIN_CERTIFIED_STARS)
    : sql`SELECT ${products.id} AS id, 0 AS tier, ${products.ocopStars} AS stars, ${products.price} AS price,
        ${products.createdAt} AS created_at FROM ${products} WHERE ${where}
        ORDER BY ${orderBy(sort, productKeys)} LIMIT ${value('limit')} OFFSET ${value('offset')}`;
  // Counting starts from the matches whatever the term: it stops at the cap, and the by-id index
  // answers "is this match listed?" without touching the wide product rows.
  const countedSql = searched
    ? listedFromMatches(
        value('anywhere'),
        where,
        sql`${products.id} AS id`,
        sql``,
        sql.raw(String(MAX_COUNTED_RESULTS)),
      )
    : sql`SELECT ${products.id} FROM ${products} WHERE ${where} LIMIT ${sql.raw(String(MAX_COUNTED_RESULTS))}`;
  const total = sql<number>`(SELECT count(*) FROM (${countedSql}))`;
  // The total rides on every row of the page (SQLite evaluates the uncorrelated subquery once), as a
  // second statement would cost D1 time of its own. Only an empty page needs the count apart.
  return {
    page: db
      .select({ ...catalogueItemColumns, total })
      .from(sql`(${pageRowsSql}) AS page_rows`)
      .innerJoin(products, sql`${products.id} = page_rows.id`)
      .innerJoin(producers, eq(producers.id, products.producerId))
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .orderBy(orderBy(sort, pageKeys))
      .prepare(),
    count: db
      .select({ total })
      .from(sql`(SELECT 1)`)
      .prepare(),
  };
}

type SearchStatements = ReturnType<typeof buildSearchStatements>;

/**
 * Search statements by shape, built once per isolate and D1 binding: drizzle spends about as long
 * building a search statement as local SQLite spends running it. The shapes in use are few (the
 * filters people combine), and the cap only keeps an odd crawler from growing the map for ever.
 */
const searchStatements = new WeakMap<object, Map<string, SearchStatements>>();
const MAX_SEARCH_SHAPES = 256;

function statementsFor(db: Database, filter: CatalogueFilter, sort: CatalogueSort, searched: boolean) {
  let shapes = searchStatements.get(db.$client);
  if (!shapes) searchStatements.set(db.$client, (shapes = new Map()));
  const shape = searchShape(filter, sort, searched);
  let statements = shapes.get(shape);
  if (!statements) {
    if (shapes.size >= MAX_SEARCH_SHAPES) shapes.clear();
    statements = buildSearchStatements(db, filter, sort, searched);
    shapes.set(shape, statements);
  }
  return statements;
}

const withoutTotal = <T extends { total: number }>(row: T): Omit<T, 'total'> => {
  const item: Partial<T> = { ...row };
  delete item.total;
  return item as Omit<T, 'total'>;
};

/**
 * One page of the listed catalogue and its total (counted up to
 * MAX_COUNTED_RESULTS), filtered, searched and sorted, in one statement.
 * The page's ids and sort keys are chosen first from products' own columns,
 * so producers, groups and images are read for the rows shown, not for every
 * match.
 */
export async function searchCatalogue(db: Database, filter: CatalogueFilter, today: string) {
  const match = searchMatch(filter.q);
  const sort = effectiveSort(filter, match !== null);
  const offset = (filter.page - 1) * filter.limit;
  const values: SearchValues = {
    today,
    wanted: filter.limit + offset,
    limit: filter.limit,
    offset,
    ...(filter.province && { province: filter.province }),
    ...(filter.group && { group: filter.group }),
    ...(filter.minStars && { minStars: filter.minStars }),
    ...(filter.producerKind && { producerKind: filter.producerKind }),
    ...(filter.priceMin !== undefined && { priceMin: filter.priceMin }),
    ...(filter.priceMax !== undefined && { priceMax: filter.priceMax }),
    ...(match && match),
  };
  const statements = statementsFor(db, filter, sort, match !== null);
  const rows = await statements.page.execute(values);
  if (rows.length === 0) {
    if (offset === 0) return { items: [], total: 0 };
    const [count] = await statements.count.execute(values);
    return { items: [], total: count?.total ?? 0 };
  }
  return { items: rows.map(withoutTotal), total: rows[0]!.total };
}

/** The product columns the product page and the API's product detail show. */
const productPageColumns = {
  id: products.id,
  slug: products.slug,
  producerId: products.producerId,
  nameVi: products.nameVi,
  nameEn: products.nameEn,
  groupId: products.groupId,
  subgroupId: products.subgroupId,
  descriptionVi: products.descriptionVi,
  descriptionEn: products.descriptionEn,
  storyVi: products.storyVi,
  storyEn: products.storyEn,
  gtin: products.gtin,
  unit: products.unit,
  price: products.price,
  stock: products.stock,
  isPublished: products.isPublished,
  soldAtPointsOnly: products.soldAtPointsOnly,
  ocopStars: products.ocopStars,
  certifiedUntil: products.certifiedUntil,
};

const producerPageColumns = {
  name: producers.name,
  slug: producers.slug,
  kind: producers.kind,
  provinceCode: producers.provinceCode,
  communeCode: producers.communeCode,
  phone: producers.phone,
  zalo: producers.zalo,
};

/**
 * The product page statement, looked up by id or by slug. Only the columns the page and the API
 * show, and no subquery that reference data answers (groups): local D1 compiles the statement on
 * every request, and each column and subquery adds to that.
 */
function productPageQuery(db: Database, key: 'id' | 'slug') {
  return db
    .select(
      namedExpressions({
        product: productPageColumns,
        producer: producerPageColumns,
        provinceVi: provinces.fullNameVi,
        provinceEn: provinces.fullNameEn,
        communeVi: communes.fullNameVi,
        communeEn: communes.fullNameEn,
        images: jsonRows(
          {
            url: productImages.url,
            altVi: productImages.altVi,
            altEn: productImages.altEn,
            width: productImages.width,
            height: productImages.height,
          },
          sql`FROM ${productImages} WHERE ${productImages.productId} = ${products.id} ORDER BY ${productImages.sortOrder}`,
        ),
        variants: jsonRows(
          {
            id: productVariants.id,
            labelVi: productVariants.labelVi,
            labelEn: productVariants.labelEn,
            price: productVariants.price,
            stock: productVariants.stock,
            gtin: productVariants.gtin,
          },
          sql`FROM ${productVariants} WHERE ${productVariants.productId} = ${products.id} ORDER BY ${productVariants.sortOrder}`,
        ),
        // Nearest first when the page binds the visitor's place, else by province and name.
        salesPoints: stockingPointsColumn(products.id, MAX_STOCKING_POINTS),
        // Where the product is shown today: booths of accepted exhibitors at published fairs running now.
        fairBooths: jsonRows(
          {
            slug: fairs.slug,
            nameVi: fairs.nameVi,
            nameEn: fairs.nameEn,
            endsOn: fairs.endsOn,
            boothCode: fairBooths.code,
          },
          sql`FROM ${fairExhibitorProducts}
          JOIN ${fairExhibitors} ON ${fairExhibitors.id} = ${fairExhibitorProducts.exhibitorId}
            AND ${fairExhibitors.status} = 'accepted'
          JOIN ${fairs} ON ${fairs.id} = ${fairExhibitors.fairId} AND ${fairs.isPublished} = 1
            AND ${fairs.startsOn} <= ${sql.placeholder('today')} AND ${fairs.endsOn} >= ${sql.placeholder('today')}
          JOIN ${fairBooths} ON ${fairBooths.id} = ${fairExhibitors.boothId}
          WHERE ${fairExhibitorProducts.productId} = ${products.id}
          ORDER BY ${fairs.startsOn} LIMIT 5`,
        ),
        history: jsonRows(
          certificationFactColumns,
          sql`FROM ${certifications} WHERE ${certifications.productId} = ${products.id}
          ORDER BY ${certifications.decisionDate} DESC, ${certifications.id} DESC`,
        ),
      }),
    )
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .innerJoin(provinces, eq(provinces.code, producers.provinceCode))
    .leftJoin(communes, eq(communes.code, producers.communeCode))
    .where(key === 'id' ? eq(products.id, opaquePlaceholder('key')) : eq(products.slug, opaquePlaceholder('key')))
    .prepare();
}

const productPageById = prepared((db) => productPageQuery(db, 'id'));
const productPageBySlug = prepared((db) => productPageQuery(db, 'slug'));

/**
 * A product and everything its page shows, by slug or numeric id, in one
 * statement: each statement of a D1 batch costs time of its own, so the
 * producer and its place come by join and the short lists (images, variants,
 * where to buy, history) as JSON columns; its group and subgroup come from the reference data.
 */
export async function findProductPage(
  db: Database,
  idOrSlug: string,
  { today, near = null }: { today: string; near?: LatLng | null },
) {
  const values = { today, ...nearValues(near) };
  const [row] = /^\d+$/.test(idOrSlug)
    ? await productPageById(db).execute({ key: Number(idOrSlug), ...values })
    : await productPageBySlug(db).execute({ key: idOrSlug, ...values });
  const group = row && productGroupsById.get(row.product.groupId);
  if (!row || !group) return null;
  const { product, producer, provinceVi, provinceEn, communeVi, communeEn } = row;
  return {
    product,
    producer,
    group,
    subgroup: (product.subgroupId && productSubgroupsById.get(product.subgroupId)) || null,
    producerPlace: { provinceVi, provinceEn, communeVi, communeEn },
    images: row.images,
    variants: row.variants,
    history: row.history,
    salesPoints: row.salesPoints,
    fairBooths: row.fairBooths,
    sameCodeGroups: productGroupsOfCode(group.code),
  };
}

export type ProductPage = NonNullable<Awaited<ReturnType<typeof findProductPage>>>;

/** A producer with its place and listed products, for the producer page. */
export async function findProducerPage(db: Database, slug: string, today: string) {
  const producerId = sql`(SELECT ${producers.id} FROM ${producers} WHERE ${producers.slug} = ${slug})`;
  const [producerRows, placeRows, items] = await db.batch([
    db.select().from(producers).where(eq(producers.slug, slug)),
    db
      .select({
        provinceVi: provinces.fullNameVi,
        provinceEn: provinces.fullNameEn,
        communeVi: aliased(communes.fullNameVi, 'commune_vi'),
        communeEn: aliased(communes.fullNameEn, 'commune_en'),
      })
      .from(producers)
      .innerJoin(provinces, eq(provinces.code, producers.provinceCode))
      .leftJoin(communes, eq(communes.code, producers.communeCode))
      .where(eq(producers.slug, slug)),
    db
      .select(catalogueItemColumns)
      .from(products)
      .innerJoin(producers, eq(producers.id, products.producerId))
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .where(and(sql`${products.producerId} = ${producerId}`, ...listedConditions(today)))
      .orderBy(desc(products.ocopStars), asc(products.nameVi))
      .limit(200),
  ]);
  const [producer] = producerRows;
  const [place] = placeRows;
  if (!producer || !place) return null;
  return { producer, place, products: items };
}

export type ProducerPage = NonNullable<Awaited<ReturnType<typeof findProducerPage>>>;

/** What the home page shows: featured products and counts by group and by province. */
export async function loadHome(db: Database, today: string, featuredLimit = 8) {
  const listed = and(...listedConditions(today));
  // One pass over the covering listing index gives both the group and the province counts.
  const [featured, counts, groups] = await db.batch([
    db
      .select(catalogueItemColumns)
      .from(products)
      .innerJoin(producers, eq(producers.id, products.producerId))
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .where(and(eq(products.isFeatured, true), listed))
      .orderBy(desc(products.ocopStars), desc(products.id))
      .limit(featuredLimit),
    db
      .select({ provinceCode: products.provinceCode, groupId: products.groupId, count: sql<number>`count(*)` })
      .from(products)
      .where(listed)
      .groupBy(products.provinceCode, products.groupId),
    db.select({ id: productGroups.id, code: productGroups.code }).from(productGroups),
  ]);
  const groupCodes = new Map(groups.map((group) => [group.id, group.code] as const));
  return {
    featured,
    byGroup: sumBy(counts, (row) => groupCodes.get(row.groupId) ?? row.groupId),
    byProvince: sumBy(counts, (row) => row.provinceCode),
  };
}

function sumBy<T extends { count: number }>(rows: T[], key: (row: T) => string) {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + row.count);
  return [...totals].map(([code, count]) => ({ code, count }));
}

/** Slugs and update times of listed products and their producers, for sitemap.xml. */
export async function listSitemapEntries(db: Database, today: string, limit: number) {
  return db
    .select({
      slug: products.slug,
      updatedAt: products.updatedAt,
      producerSlug: aliased(producers.slug, 'producer_slug'),
    })
    .from(products)
    .innerJoin(producers, eq(producers.id, products.producerId))
    .where(and(...listedConditions(today)))
    .orderBy(asc(products.id))
    .limit(limit);
}

/**
 * What the generated product illustration draws (name, group, catalogue
 * stars) for each product among `slugs` that exists, in one query.
 */
export function findProductArt(db: Database, slugs: string[]) {
  return db
    .select({
      slug: products.slug,
      nameVi: products.nameVi,
      groupCode: productGroups.code,
      isPublished: products.isPublished,
      ocopStars: products.ocopStars,
      certifiedUntil: products.certifiedUntil,
    })
    .from(products)
    .innerJoin(productGroups, eq(productGroups.id, products.groupId))
    .where(inArray(products.slug, slugs));
}
