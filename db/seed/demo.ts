/**
 * Inserts the demo catalogue of demo-data.ts where it is missing. Runs in
 * Node (the seed CLI) and in the Workers runtime (test/data), so it only
 * needs a drizzle client.
 *
 * Idempotent: producers, products, sales points and fairs are keyed by slug,
 * certifications by (product, decision number), booths by code, exhibitors
 * and sales-point listings by their pairs; images and variants are written
 * only for demo products that have none. Each step is one D1 batch, and the
 * catalogue fields of every demo product are refreshed at the end.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  certifications,
  fairBooths,
  fairExhibitorProducts,
  fairExhibitors,
  fairs,
  producers,
  productImages,
  productVariants,
  products,
  salesPointProducts,
  salesPoints,
} from '../schema';
import type { Database } from '../../worker/data/db';
import { insertProducer } from '../../worker/data/producers';
import { insertProduct, refreshCatalogueFields } from '../../worker/data/products';
import groupFile from '../reference/product-groups.json';
import provinceRows from '../reference/provinces.json';
import { toGtin14 } from '../../worker/domain/gtin';
import { criteriaVersionOn, latestValidUntil, recognisingLevel } from '../../worker/domain/certification-periods';
import { unitVector } from '../../worker/domain/geo';
import { partScores } from './certification-rules';
import { fairFloorFromForm } from '../../worker/domain/fair-form';
import {
  DEMO_FAIRS,
  DEMO_PRODUCERS,
  DEMO_PRODUCTS,
  DEMO_SALES_POINTS,
  type DemoCertification,
  type DemoFair,
} from './demo-data';
import type { SeedResult } from './generator';
import { refreshVariantFigures } from '../../worker/data/products';

/** Under D1's 100 bound parameters, for `IN (...)` lists. */
const IN_LIST_SIZE = 90;

const provinceNames = new Map(provinceRows.map((p) => [p.code, p.nameVi]));
const groupNames = new Map(groupFile.groups.map((g) => [g.id, g.nameVi]));

function inChunks<T>(items: T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += IN_LIST_SIZE) chunks.push(items.slice(i, i + IN_LIST_SIZE));
  return chunks;
}

async function idsBySlug(db: Database, table: typeof producers | typeof products, slugs: string[]) {
  const ids = new Map<string, number>();
  for (const part of inChunks(slugs)) {
    const rows = await db.select({ id: table.id, slug: table.slug }).from(table).where(inArray(table.slug, part));
    for (const row of rows) ids.set(row.slug, row.id);
  }
  return ids;
}

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined)
    throw new Error(`demo ${what} ${String(key)} is missing after insert (a unique key taken by other data?)`);
  return value;
}

/** The stored row of a demo certification: level, version, validity and parts follow the decision date. */
export function certificationRow(productId: number, c: DemoCertification): typeof certifications.$inferInsert {
  const criteriaVersion = c.criteriaVersion ?? criteriaVersionOn(c.decisionDate);
  const [partScoreA, partScoreB, partScoreC] = partScores(c.score, criteriaVersion);
  return {
    productId,
    stars: c.stars,
    score: c.score,
    partScoreA,
    partScoreB,
    partScoreC,
    criteriaVersion,
    level: c.level ?? recognisingLevel(c.decisionDate, c.stars),
    decisionNumber: c.decisionNumber,
    decisionDate: c.decisionDate,
    issuingBody: c.issuingBody,
    validUntil: latestValidUntil(c.decisionDate),
    status: c.status ?? 'active',
    statusReason: c.statusReason ?? null,
    statusChangedAt: c.statusChangedAt ?? null,
    revocationDecision: c.revocationDecision ?? null,
  };
}

/**
 * A demo fair's row, booths, exhibitors and applications. The fair and its booths are upserted,
 * so a database seeded before fairs had zones and booth types gets them; exhibitors, their
 * products and applications are inserted where missing.
 */
function fairStatements(
  db: Database,
  demo: DemoFair,
  producerIds: Map<string, number>,
  productIds: Map<string, number>,
) {
  const { floor: typed, exhibitors, applications = [], ...row } = demo;
  const floor = fairFloorFromForm(typed);
  if (!floor.ok) throw new Error(`demo fair ${demo.slug}: ${JSON.stringify(floor.problems)}`);
  const values = { ...row, zones: floor.floor.zones, boothTypes: floor.floor.boothTypes };
  const fairId = sql`(SELECT ${fairs.id} FROM ${fairs} WHERE ${fairs.slug} = ${demo.slug})`;
  const boothId = (code: string) =>
    sql`(SELECT ${fairBooths.id} FROM ${fairBooths} WHERE ${fairBooths.fairId} = ${fairId} AND ${fairBooths.code} = ${code})`;
  const exhibitorId = (producerId: number) =>
    sql`(SELECT ${fairExhibitors.id} FROM ${fairExhibitors}
      WHERE ${fairExhibitors.fairId} = ${fairId} AND ${fairExhibitors.producerId} = ${producerId})`;
  const changes: Partial<typeof values> = { ...values };
  delete changes.slug;
  const entries = (producerId: number, slugs: string[]) =>
    slugs.map((slug) =>
      db
        .insert(fairExhibitorProducts)
        .values({ exhibitorId: exhibitorId(producerId), productId: required(productIds, slug, 'product') })
        .onConflictDoNothing(),
    );
  return [
    db.insert(fairs).values(values).onConflictDoUpdate({ target: fairs.slug, set: changes }),
    ...floor.floor.booths.map((booth) =>
      db
        .insert(fairBooths)
        .values({ fairId, code: booth.code, zoneCode: booth.zoneCode, typeCode: booth.typeCode })
        .onConflictDoUpdate({
          target: [fairBooths.fairId, fairBooths.code],
          set: { zoneCode: booth.zoneCode, typeCode: booth.typeCode },
        }),
    ),
    ...exhibitors.flatMap((exhibitor) => {
      const producerId = required(producerIds, exhibitor.producer, 'producer');
      return [
        db
          .insert(fairExhibitors)
          .values({ fairId, producerId, status: 'accepted', boothId: boothId(exhibitor.booth) })
          .onConflictDoNothing(),
        ...entries(producerId, exhibitor.products),
      ];
    }),
    ...applications.flatMap((application) => {
      const producerId = required(producerIds, application.producer, 'producer');
      return [
        db
          .insert(fairExhibitors)
          .values({ fairId, producerId, status: 'applied', note: application.note ?? null })
          .onConflictDoNothing(),
        ...entries(producerId, application.products),
      ];
    }),
  ];
}

export async function seedDemo(db: Database): Promise<SeedResult> {
  const productSlugs = DEMO_PRODUCTS.map((p) => p.slug);
  const alreadyThere = (await idsBySlug(db, products, productSlugs)).size;

  const [firstProducer, ...otherProducers] = DEMO_PRODUCERS.map((producer) =>
    insertProducer(db, producer).onConflictDoNothing(),
  );
  await db.batch([firstProducer!, ...otherProducers]);
  const producerIds = await idsBySlug(
    db,
    producers,
    DEMO_PRODUCERS.map((p) => p.slug),
  );
  const producerNames = new Map(DEMO_PRODUCERS.map((p) => [p.slug, p.name]));

  const [firstProduct, ...otherProducts] = DEMO_PRODUCTS.map((p) => {
    const producerId = required(producerIds, p.producer, 'producer');
    const provinceCode = DEMO_PRODUCERS.find((producer) => producer.slug === p.producer)!.provinceCode;
    return insertProduct(
      db,
      {
        slug: p.slug,
        producerId,
        producerCode: p.producerCode,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        groupId: p.groupId,
        subgroupId: p.subgroupId,
        descriptionVi: p.descriptionVi,
        descriptionEn: p.descriptionEn,
        storyVi: p.storyVi ?? null,
        storyEn: p.storyEn ?? null,
        gtin: p.gtin ? toGtin14(p.gtin) : null,
        unit: p.unit,
        price: p.price,
        stock: p.stock,
        isPublished: p.isPublished ?? true,
        isFeatured: p.isFeatured ?? false,
        provinceCode,
      },
      {
        producerName: producerNames.get(p.producer)!,
        provinceName: provinceNames.get(provinceCode)!,
        groupName: groupNames.get(p.groupId)!,
      },
    ).onConflictDoNothing();
  });
  await db.batch([firstProduct!, ...otherProducts]);
  const productIds = await idsBySlug(db, products, productSlugs);
  const ids = productSlugs.map((slug) => required(productIds, slug, 'product'));

  const withImages = new Set<number>();
  const withVariants = new Set<number>();
  for (const part of inChunks(ids)) {
    const [images, variants] = await db.batch([
      db
        .selectDistinct({ id: productImages.productId })
        .from(productImages)
        .where(inArray(productImages.productId, part)),
      db
        .selectDistinct({ id: productVariants.productId })
        .from(productVariants)
        .where(inArray(productVariants.productId, part)),
    ]);
    for (const row of images) withImages.add(row.id);
    for (const row of variants) withVariants.add(row.id);
  }

  const salesPointId = (slug: string) =>
    sql`(SELECT ${salesPoints.id} FROM ${salesPoints} WHERE ${salesPoints.slug} = ${slug})`;

  const statements = [];
  for (const p of DEMO_PRODUCTS) {
    const productId = productIds.get(p.slug)!;
    for (const c of p.certifications) {
      statements.push(db.insert(certifications).values(certificationRow(productId, c)).onConflictDoNothing());
    }
    for (const c of p.certifications) {
      if (!c.supersededBy) continue;
      statements.push(
        db
          .update(certifications)
          .set({
            supersededById: sql`(SELECT newer.id FROM ${certifications} AS newer
              WHERE newer.product_id = ${productId} AND newer.decision_number = ${c.supersededBy})`,
          })
          .where(and(eq(certifications.productId, productId), eq(certifications.decisionNumber, c.decisionNumber))),
      );
    }
    if (!withImages.has(productId)) {
      const images = [
        { productId, url: `/images/products/${p.slug}.svg`, altVi: p.nameVi, altEn: p.nameEn, sortOrder: 0 },
      ];
      if (p.secondImage) {
        images.push({
          productId,
          url: `/images/products/${p.slug}-2.svg`,
          altVi: p.secondImage[0],
          altEn: p.secondImage[1],
          sortOrder: 1,
        });
      }
      statements.push(db.insert(productImages).values(images));
    }
    if (p.variants && !withVariants.has(productId)) {
      statements.push(
        db
          .insert(productVariants)
          .values(
            p.variants.map((v, sortOrder) => ({ productId, sortOrder, ...v, gtin: v.gtin ? toGtin14(v.gtin) : null })),
          ),
        // The catalogue shows a product with pack sizes at their lowest price and summed stock, as the portal keeps it.
        refreshVariantFigures(db, productId),
      );
    }
  }

  for (const { products: listed, ...point } of DEMO_SALES_POINTS) {
    const { x, y, z } = unitVector(point);
    const row = { ...point, geoX: x, geoY: y, geoZ: z, status: 'active' as const };
    // Upserted: a database seeded before the places work gets the hours and coordinates it lacks.
    statements.push(
      db
        .insert(salesPoints)
        .values(row)
        .onConflictDoUpdate({
          target: salesPoints.slug,
          set: { kind: row.kind, openingHours: row.openingHours, geoX: x, geoY: y, geoZ: z, operator: row.operator },
        }),
    );
    for (const slug of listed) {
      statements.push(
        db
          .insert(salesPointProducts)
          .values({ salesPointId: salesPointId(point.slug), productId: required(productIds, slug, 'product') })
          .onConflictDoNothing(),
      );
    }
  }

  for (const fair of DEMO_FAIRS) statements.push(...fairStatements(db, fair, producerIds, productIds));

  for (const productId of ids) statements.push(refreshCatalogueFields(db, productId));
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);

  return { productsAdded: productSlugs.length - alreadyThere, productsKept: alreadyThere };
}
