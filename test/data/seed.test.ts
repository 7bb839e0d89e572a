import { env } from 'cloudflare:workers';
import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  certifications,
  communes,
  fairBooths,
  fairExhibitors,
  fairs,
  lots,
  producers,
  productGroups,
  productImages,
  productVariants,
  products,
  salesPointProducts,
  salesPoints,
  stampBatches,
  stamps,
  traceEvents,
} from '../../db/schema';
import { criteriaVersionOn, recognisingLevel } from '../../worker/domain/certification-periods';
import { seedDemo } from '../../db/seed/demo';
import { demoStampLines, DEMO_STAMP_LOTS, seedDemoStamps } from '../../db/seed/demo-stamps';
import { DEMO_FAIRS, DEMO_PRODUCERS, DEMO_PRODUCTS, DEMO_SALES_POINTS, demoFairLines } from '../../db/seed/demo-data';
import { demoSalesPointLines } from '../../db/seed/demo-sales-points';
import {
  generatedProduct,
  generatedProductCount,
  PRODUCTS_PER_PRODUCER,
  seedGeneratedCatalogue,
} from '../../db/seed/generator';
import { isValidGtin } from '../../worker/domain/gtin';
import { findFair, listEntryProducts, type FairPage } from '../../worker/data/fairs';
import { productEntryDecision } from '../../worker/domain/fair';
import { listedConditions } from '../../worker/data/catalogue';
import { refreshCatalogueFields } from '../../worker/data/products';
import { starBand } from '../../worker/domain/certification';
import { addMonths } from '../../worker/domain/time';
import { pinKeyForVersion } from '../../worker/config';
import { verifyPin } from '../../worker/crypto/pin';
import { testDb, today } from '../support/factories';
import { fetchApp } from '../support/http';

const GENERATED = 300;
const demoSlugs = DEMO_PRODUCTS.map((p) => p.slug);
const demoProducerSlugs = DEMO_PRODUCERS.map((p) => p.slug);

/** Rows of every table the seeders write, so a second run can be compared with the first. */
async function rowCounts() {
  const db = testDb();
  const tables = {
    producers,
    products,
    certifications,
    productImages,
    productVariants,
    salesPoints,
    salesPointProducts,
    fairs,
    fairBooths,
    fairExhibitors,
    lots,
    traceEvents,
    stampBatches,
    stamps,
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) counts[name] = await db.$count(table);
  return counts;
}

/** Demo product rows with their group code; both seeds may run in any order, so each test seeds what it reads. */
async function seededDemoProducts() {
  const db = testDb();
  await seedDemo(db);
  return db
    .select({
      id: products.id,
      slug: products.slug,
      provinceCode: products.provinceCode,
      groupCode: productGroups.code,
      listed: sql<number>`${and(...listedConditions(today()))}`,
    })
    .from(products)
    .innerJoin(productGroups, eq(productGroups.id, products.groupId))
    .where(inArray(products.slug, demoSlugs));
}

describe('seedDemo', () => {
  it('adds nothing when run a second time', async () => {
    const db = testDb();
    await seedDemo(db);
    await seedDemoStamps(db);
    const before = await rowCounts();
    const second = await seedDemo(db);
    expect(second).toEqual({ productsAdded: 0, productsKept: DEMO_PRODUCTS.length });
    await seedDemoStamps(db);
    expect(await rowCounts()).toEqual(before);
  });

  it('lists at least 40 products across all six groups and ten provinces', async () => {
    const rows = await seededDemoProducts();
    const listed = rows.filter((row) => row.listed === 1);
    expect(listed.length).toBeGreaterThanOrEqual(40);
    expect(new Set(listed.map((row) => row.groupCode))).toEqual(
      new Set(['food', 'beverage', 'herbal', 'handicraft', 'ornamental', 'tourism']),
    );
    expect(new Set(listed.map((row) => row.provinceCode)).size).toBeGreaterThanOrEqual(10);
  });

  it('has at least 15 producers of all four kinds, each in a commune of its own province', async () => {
    const db = testDb();
    await seedDemo(db);
    const rows = await db
      .select({ kind: producers.kind, province: producers.provinceCode, communeProvince: communes.provinceCode })
      .from(producers)
      .leftJoin(communes, eq(communes.code, producers.communeCode))
      .where(inArray(producers.slug, demoProducerSlugs));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(new Set(rows.map((row) => row.kind))).toEqual(
      new Set(['enterprise', 'cooperative', 'cooperative_group', 'household']),
    );
    for (const row of rows) expect(row.communeProvince).toBe(row.province);
  });

  it('places sales points and the fair in communes of their own provinces', async () => {
    const db = testDb();
    await seedDemo(db);
    const points = await db
      .select({ province: salesPoints.provinceCode, communeProvince: communes.provinceCode })
      .from(salesPoints)
      .innerJoin(communes, eq(communes.code, salesPoints.communeCode))
      .where(
        inArray(
          salesPoints.slug,
          DEMO_SALES_POINTS.map((p) => p.slug),
        ),
      );
    const fair = await db
      .select({ province: fairs.provinceCode, communeProvince: communes.provinceCode })
      .from(fairs)
      .innerJoin(communes, eq(communes.code, fairs.communeCode))
      .where(
        inArray(
          fairs.slug,
          DEMO_FAIRS.map((f) => f.slug),
        ),
      );
    expect(points).toHaveLength(DEMO_SALES_POINTS.length);
    expect(fair).toHaveLength(DEMO_FAIRS.length);
    for (const row of [...points, ...fair]) expect(row.communeProvince).toBe(row.province);
  });

  it('records expired, revoked and superseded certifications, and an upgrade from 3 to 4 stars', async () => {
    const db = testDb();
    const ids = (await seededDemoProducts()).map((row) => row.id);
    const rows = await db.select().from(certifications).where(inArray(certifications.productId, ids));
    for (const row of rows) expect(row.validUntil).toBe(addMonths(row.decisionDate, 36));
    const statuses = new Set(rows.map((row) => row.status));
    expect([...statuses].sort()).toEqual(['active', 'expired', 'revoked', 'superseded']);
    expect(rows.some((row) => row.status === 'active' && row.validUntil < today())).toBe(true);

    const revoked = rows.find((row) => row.status === 'revoked')!;
    expect(revoked.revocationDecision).toMatch(/^\d+\/QĐ-UBND$/);
    expect(revoked.statusReason).toBeTruthy();
    expect(revoked.statusChangedAt).toBeTruthy();

    const superseded = rows.find((row) => row.status === 'superseded')!;
    const upgrade = rows.find((row) => row.id === superseded.supersededById)!;
    expect(upgrade).toMatchObject({ productId: superseded.productId, status: 'active', stars: 4 });
    expect(superseded.stars).toBe(3);
    const [product] = await db.select().from(products).where(eq(products.id, superseded.productId));
    expect(product).toMatchObject({ certificationId: upgrade.id, ocopStars: 4, certifiedUntil: upgrade.validUntil });
  });
});

describe('demo sales points', () => {
  const PLAN_PROVINCES = ['75', '80', '19', '37']; // Đồng Nai, Tây Ninh, Thái Nguyên, Ninh Bình

  it('cover the kinds the programme names in the provinces of its plans, each selling listed products', async () => {
    const db = testDb();
    await seedDemo(db);
    const rows = await db
      .select({
        slug: salesPoints.slug,
        kind: salesPoints.kind,
        provinceCode: salesPoints.provinceCode,
        status: salesPoints.status,
        listed: sql<number>`(SELECT count(*) FROM ${salesPointProducts}
          JOIN ${products} ON ${products.id} = ${salesPointProducts.productId}
          WHERE ${salesPointProducts.salesPointId} = ${salesPoints.id} AND ${and(...listedConditions(today()))})`,
      })
      .from(salesPoints)
      .where(
        inArray(
          salesPoints.slug,
          DEMO_SALES_POINTS.map((point) => point.slug),
        ),
      );
    const inPlans = rows.filter((row) => PLAN_PROVINCES.includes(row.provinceCode));
    expect(new Set(inPlans.map((row) => row.provinceCode))).toEqual(new Set(PLAN_PROVINCES));
    expect(new Set(inPlans.map((row) => row.kind))).toEqual(
      new Set(['ocop_centre', 'rest_stop', 'market_stall', 'supermarket', 'tourist_site']),
    );
    expect(rows).toHaveLength(DEMO_SALES_POINTS.length);
    for (const row of rows) {
      expect(row.status, row.slug).toBe('active');
      expect(row.listed, row.slug).toBeGreaterThan(0);
    }
  });

  it('are where `npm start` points: every public link it prints for points and fairs answers', async () => {
    await seedDemo(testDb());
    const printed = [...demoSalesPointLines(''), ...demoFairLines('')].join('\n');
    const paths = printed
      .split(/\s+/)
      .map((word) => word.replace(/[),]+$/, ''))
      .filter((word) => word.startsWith('/'))
      .filter((path) => !/^\/(admin|portal)\b/.test(path) && !path.includes('{'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/sales-points/trung-tam-ocop-dong-nai',
        '/fairs/le-hoi-na-la-hien-2027',
        '/api/v1/fairs.ics',
      ]),
    );
    for (const path of paths) expect((await fetchApp(path)).status, path).toBe(200);
  });
});

describe('demo fairs', () => {
  it('holds a provincial OCOP fair with zones, booths and accepted exhibitors, and a festival, under today’s map', async () => {
    const db = testDb();
    await seedDemo(db);
    const pages = new Map<string, FairPage | null>();
    for (const demo of DEMO_FAIRS) pages.set(demo.slug, await findFair(db, demo.slug));
    const dongNai = pages.get('hoi-cho-ocop-dong-nam-bo-2026')!;
    expect(dongNai.fair).toMatchObject({ kind: 'trade_fair', provinceCode: '75', isPublished: true });
    expect(dongNai.fair.zones.map((zone) => zone.code)).toEqual(['dong_nai', 'vung_mien', 'tinh_ban', 'am_thuc']);
    expect(dongNai.booths).toHaveLength(30);
    expect(dongNai.booths.filter((booth) => booth.exhibitorId !== null).length).toBe(9);
    const festival = pages.get('le-hoi-na-la-hien-2027')!;
    expect(festival.fair).toMatchObject({ kind: 'festival', provinceCode: '19', communeCode: '05740' });
    expect(festival.communeVi).toBe('Xã La Hiên');
  });

  it('enters for each exhibitor only products certified 3 stars or more on every day of its fair', async () => {
    const db = testDb();
    await seedDemo(db);
    for (const demo of DEMO_FAIRS) {
      for (const entry of [...demo.exhibitors, ...(demo.applications ?? [])]) {
        const [producer] = await db
          .select({ id: producers.id })
          .from(producers)
          .where(eq(producers.slug, entry.producer));
        const rows = await listEntryProducts(db, producer!.id);
        for (const slug of entry.products) {
          const row = rows.find((candidate) => candidate.slug === slug)!;
          const decision = productEntryDecision(
            row.stars === null ? null : { stars: row.stars, status: row.status!, validUntil: row.validUntil! },
            demo,
          );
          expect({ fair: demo.slug, slug, decision }).toEqual({ fair: demo.slug, slug, decision: { allowed: true } });
        }
      }
    }
  });

  it('keeps booths in their fair’s zones and types', async () => {
    const db = testDb();
    await seedDemo(db);
    for (const demo of DEMO_FAIRS) {
      const page = (await findFair(db, demo.slug))!;
      const zones = new Set(page.fair.zones.map((zone) => zone.code));
      const types = new Set(page.fair.boothTypes.map((type) => type.code));
      for (const booth of page.booths) {
        expect(zones.has(booth.zoneCode)).toBe(true);
        expect(booth.typeCode === null || types.has(booth.typeCode)).toBe(true);
      }
    }
  });
});

describe('seedDemoStamps', () => {
  const serials = DEMO_STAMP_LOTS.flatMap((lot) => lot.batches.flatMap((batch) => batch.serials));

  async function seededStamps() {
    const db = testDb();
    await seedDemo(db);
    await seedDemoStamps(db);
    return db
      .select({
        serial: stamps.serial,
        status: stamps.status,
        pinHmac: stamps.pinHmac,
        keyVersion: stampBatches.keyVersion,
      })
      .from(stamps)
      .innerJoin(stampBatches, eq(stampBatches.id, stamps.batchId))
      .where(inArray(stamps.serial, serials));
  }

  it('has active stamps with PINs that verify under the local key, one void stamp and stamps not yet activated', async () => {
    const rows = await seededStamps();
    expect(rows).toHaveLength(serials.length);
    const statuses = new Set(rows.map((row) => row.status));
    expect([...statuses].sort()).toEqual(['active', 'issued', 'void']);
    const [pomelo] = DEMO_STAMP_LOTS;
    const withPins = pomelo!.batches[0]!;
    const key = pinKeyForVersion(env, 1)!;
    for (const [i, serial] of withPins.serials.entries()) {
      const row = rows.find((candidate) => candidate.serial === serial)!;
      expect(await verifyPin(withPins.pins![i]!, row.pinHmac!, key, row.keyVersion), serial).toBe(true);
    }
  });

  it('records public events and one private note on the demo lot', async () => {
    await seededStamps();
    const events = await testDb()
      .select({ isPublic: traceEvents.isPublic })
      .from(traceEvents)
      .innerJoin(lots, eq(lots.id, traceEvents.lotId))
      .where(eq(lots.lotCode, DEMO_STAMP_LOTS[0]!.lotCode));
    expect(events.filter((event) => event.isPublic).length).toBeGreaterThanOrEqual(3);
    expect(events.filter((event) => !event.isPublic)).toHaveLength(1);
  });

  it('prints stamp URLs that open their scan pages: genuine, not activated, void and by trace code', async () => {
    await seededStamps();
    const titles = [];
    for (const line of demoStampLines('')) {
      const path = line.slice(line.indexOf('/'));
      const html = await (await fetchApp(path, { headers: { Accept: 'text/html' } })).text();
      titles.push(/<h1>(.*?)<\/h1>/.exec(html)?.[1]);
    }
    expect(titles).toEqual(['Tem chính hãng', 'Tem chưa được kích hoạt', 'Tem đã bị hủy', 'Tem chính hãng']);
  });
});

describe('demo data', () => {
  const all = DEMO_PRODUCTS.flatMap((p) => p.certifications.map((c) => ({ product: p.slug, ...c })));

  it('never awards more stars than the score band; the decision date decides the criteria version', () => {
    for (const c of all) {
      expect(c.stars, c.product).toBeLessThanOrEqual(starBand(c.score));
      expect(c.criteriaVersion ?? criteriaVersionOn(c.decisionDate), c.product).toBe(criteriaVersionOn(c.decisionDate));
    }
  });

  it('names an issuing body of the level that recognises the stars on that date', () => {
    const bodies = {
      district: /^UBND (huyện|thị xã|thành phố) /,
      provincial: /^UBND (tỉnh|thành phố) /,
      central: /^Bộ /,
    };
    for (const c of all) {
      expect(c.issuingBody, c.product).toMatch(bodies[c.level ?? recognisingLevel(c.decisionDate, c.stars)]);
    }
  });

  it('has only GTINs with a valid check digit', () => {
    const gtins = DEMO_PRODUCTS.flatMap((p) => [p.gtin, ...(p.variants ?? []).map((v) => v.gtin)]).filter(
      (gtin): gtin is string => gtin !== undefined,
    );
    expect(gtins.length).toBeGreaterThan(5);
    for (const gtin of gtins) expect(isValidGtin(gtin), gtin).toBe(true);
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
  });
});

describe('seedGeneratedCatalogue', () => {
  it('makes the same products for the same numbers', () => {
    expect(generatedProduct(123)).toEqual(generatedProduct(123));
    expect(generatedProduct(123).row.slug).not.toBe(generatedProduct(124).row.slug);
    expect(generatedProduct(PRODUCTS_PER_PRODUCER * 7).producerNumber).toBe(7);
  });

  it(`stores ${GENERATED} products once, as generated, whatever the run count`, async () => {
    const db = testDb();
    await seedGeneratedCatalogue(db, GENERATED);
    const before = await rowCounts();
    expect(await seedGeneratedCatalogue(db, GENERATED)).toEqual({ productsAdded: 0, productsKept: GENERATED });
    expect(await rowCounts()).toEqual(before);
    expect(await generatedProductCount(db)).toBe(GENERATED);

    for (const number of [1, 150, GENERATED]) {
      const expected = generatedProduct(number);
      const [stored] = await db.select().from(products).where(eq(products.slug, expected.row.slug));
      expect(stored).toMatchObject({ nameVi: expected.row.nameVi, price: expected.row.price, gtin: expected.row.gtin });
    }
  });

  it('leaves catalogue fields exactly as refreshCatalogueFields computes them', async () => {
    const db = testDb();
    await seedGeneratedCatalogue(db, GENERATED);
    const columns = {
      id: products.id,
      certificationId: products.certificationId,
      ocopStars: products.ocopStars,
      certifiedUntil: products.certifiedUntil,
    };
    const generated = sql`${products.producerCode} GLOB 'SP[0-9]*'`;
    const stored = await db.select(columns).from(products).where(generated).orderBy(products.id);
    const [first, ...rest] = stored.map((row) => refreshCatalogueFields(db, row.id));
    await db.batch([first!, ...rest]);
    expect(await db.select(columns).from(products).where(generated).orderBy(products.id)).toEqual(stored);
  });

  it('covers every province and group with realistic, mostly listed products', async () => {
    const db = testDb();
    await seedGeneratedCatalogue(db, GENERATED);
    const generated = sql`${products.producerCode} GLOB 'SP[0-9]*'`;
    const rows = await db
      .select({ province: products.provinceCode, group: productGroups.code, price: products.price })
      .from(products)
      .innerJoin(productGroups, eq(productGroups.id, products.groupId))
      .where(generated);
    expect(new Set(rows.map((row) => row.province)).size).toBe(34);
    expect(new Set(rows.map((row) => row.group)).size).toBe(6);
    for (const row of rows) expect(Number.isInteger(row.price) && row.price! >= 1_000).toBe(true);

    const listed = await db.$count(products, and(generated, ...listedConditions(today())));
    expect(listed / GENERATED).toBeGreaterThan(0.7);
    const lapsed = await db.$count(
      certifications,
      and(
        inArray(certifications.status, ['expired', 'revoked', 'superseded']),
        isNotNull(certifications.statusChangedAt),
      ),
    );
    expect(lapsed).toBeGreaterThan(0);
    const stars = await db
      .selectDistinct({ stars: products.ocopStars })
      .from(products)
      .where(and(generated, gte(products.ocopStars, 3)));
    expect(stars.map((row) => row.stars).sort()).toEqual([3, 4, 5]);
  });
});
