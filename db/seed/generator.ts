/**
 * The scale generator: a realistic catalogue of any size for benchmarks and
 * load tests, on top of the demo data.
 *
 * Deterministic: product i and producer j come from PRNGs seeded with their
 * own number, so they do not depend on N or on what is already stored;
 * producer j owns products 5j-4 .. 5j. Idempotent: products are recognised by
 * their producer code "SP" + 7 digits (slug suffix "-sp0000123"), producers
 * by the slug suffix "-cs000123"; a run only writes the missing numbers, so
 * N=300 then N=1000 adds the other 700.
 *
 * Certification dates are fixed in the calendar (not relative to today), so
 * the same rows come out on any day: active decisions fall between 2024-01
 * and 2026-10 and stay listed at least until 2027; expired ones ended before 2026.
 */
import { between as idBetween, max, sql } from 'drizzle-orm';
import {
  certifications,
  producers,
  productImages,
  productVariants,
  products,
  type certificationStatuses,
  type producerKinds,
} from '../schema';
import type { Database } from '../../worker/data/db';
import { refreshCatalogueFieldsWhere } from '../../worker/data/products';
import { toGtin14 } from '../../worker/domain/gtin';
import { foldVietnamese, productSearchText, slugify } from '../../worker/domain/text';
import { addMonths } from '../../worker/domain/time';
import communeRows from '../reference/communes.json';
import groupFile from '../reference/product-groups.json';
import provinceRows from '../reference/provinces.json';
import { literalInserts } from './bulk';
import { criteriaVersionOn, latestValidUntil, recognisingLevel } from '../../worker/domain/certification-periods';
import { centralIssuingBody, partScores } from './certification-rules';
import { packGtin, withCheckDigit } from './gtin';
import {
  BRAND_WORDS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  GROUP_WEIGHTS,
  MIDDLE_NAMES,
  MOBILE_PREFIXES,
  PRODUCT_LINES,
  STREET_WORDS,
  type GroupCode,
  type ProductLine,
} from './vocabulary';

export const PRODUCTS_PER_PRODUCER = 5;
/** Producer codes and slugs carry 7 digits. */
export const MAX_GENERATED_PRODUCTS = 9_999_999;
/** Products written per D1 batch; each batch is one transaction, so a product never lands without its rows. */
const PRODUCTS_PER_BATCH = 2_000;

type ProducerKind = (typeof producerKinds)[number];
type CertificationStatus = (typeof certificationStatuses)[number];
type NewCertification = typeof certifications.$inferInsert;

// ---------------------------------------------------------------- deterministic randomness

/** mulberry32 seeded by FNV-1a of the stream name and number: a cheap PRNG, good enough for test data. */
export function prng(stream: string, index: number): () => number {
  let hash = 2166136261;
  for (const char of `${stream}:${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  let state = hash >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof prng>;

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function weighted<T extends string>(random: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

const DAY_MS = 86_400_000;
function dateBetween(random: Random, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY_MS);
  return new Date(start + between(random, 0, days) * DAY_MS).toISOString().slice(0, 10);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---------------------------------------------------------------- reference data

type CommuneRow = [code: string, province: string, nameVi: string, nameEn: string, fullVi: string, fullEn: string];
interface Place {
  code: string;
  nameVi: string;
  nameEn: string;
}
interface Province extends Place {
  fullNameVi: string;
  communes: Place[];
}

const PROVINCES: Province[] = provinceRows.map((p) => ({
  code: p.code,
  nameVi: p.nameVi,
  nameEn: p.nameEn,
  fullNameVi: p.fullNameVi,
  communes: (communeRows as CommuneRow[])
    .filter((c) => c[1] === p.code)
    .map(([code, , nameVi, nameEn]) => ({ code, nameVi, nameEn })),
}));

const GROUP_NAMES = new Map(groupFile.groups.map((g) => [g.id, g.nameVi]));

const LINES_BY_GROUP = new Map<GroupCode, ProductLine[]>(
  (Object.keys(GROUP_WEIGHTS) as GroupCode[]).map((group) => [group, PRODUCT_LINES.filter((l) => l.group === group)]),
);
const pickLine = (random: Random) => pick(random, LINES_BY_GROUP.get(weighted(random, GROUP_WEIGHTS))!);

// ---------------------------------------------------------------- producers

export interface GeneratedProducer {
  number: number;
  row: Omit<typeof producers.$inferInsert, 'id'>;
  province: Province;
  commune: Place;
  specialty: ProductLine;
}

const KIND_WEIGHTS: Record<ProducerKind, number> = {
  enterprise: 22,
  cooperative: 40,
  cooperative_group: 10,
  household: 28,
};

const personName = (random: Random) =>
  `${pick(random, FAMILY_NAMES)} ${pick(random, MIDDLE_NAMES)} ${pick(random, GIVEN_NAMES)}`;

function producerName(random: Random, kind: ProducerKind, specialty: ProductLine, commune: Place): string {
  switch (kind) {
    case 'enterprise':
      return random() < 0.5
        ? `Công ty TNHH ${pick(random, BRAND_WORDS)} ${commune.nameVi}`
        : `Công ty Cổ phần ${specialty.tradeVi} ${pick(random, BRAND_WORDS)}`;
    case 'cooperative':
      return `HTX ${specialty.tradeVi} ${commune.nameVi}`;
    case 'cooperative_group':
      return `Tổ hợp tác ${specialty.tradeVi} ${commune.nameVi}`;
    case 'household':
      return random() < 0.5
        ? `Hộ kinh doanh ${personName(random)}`
        : `Cơ sở ${specialty.tradeVi} ${personName(random)}`;
  }
}

const phoneNumber = (random: Random) => `${pick(random, MOBILE_PREFIXES)}${pad(between(random, 0, 9_999_999), 7)}`;

/** Producer `number` (from 1): province by rotation so that any 34 consecutive producers cover every province. */
export function generatedProducer(number: number): GeneratedProducer {
  const random = prng('producer', number);
  const province = PROVINCES[(number - 1) % PROVINCES.length]!;
  const commune = pick(random, province.communes);
  const kind = weighted(random, KIND_WEIGHTS);
  const specialty = pickLine(random);
  const name = producerName(random, kind, specialty, commune);
  const phone = phoneNumber(random);
  const code = pad(number, 6);
  // Generated tax codes start with 9 so they never meet the demo's real-looking ones.
  const taxBase = `9${pad(number, 9)}`;
  return {
    number,
    province,
    commune,
    specialty,
    row: {
      slug: `${slugify(name)}-cs${code}`,
      name,
      nameNormalized: foldVietnamese(name),
      kind,
      taxCode: kind === 'enterprise' && random() < 0.08 ? `${taxBase}-001` : taxBase,
      provinceCode: province.code,
      communeCode: commune.code,
      street: `${pick(random, STREET_WORDS)} ${between(random, 1, 12)}`,
      phone,
      zalo: random() < 0.8 ? phone : null,
      email: `lienhe.cs${code}@example.vn`,
      storyVi: `${name} sản xuất ${specialty.tradeVi.toLowerCase()} tại ${commune.nameVi}, ${province.nameVi}, với nguyên liệu của bà con trong vùng.`,
      storyEn: `A ${kind.replace('_', ' ')} in ${commune.nameEn}, ${province.nameEn}, working with local growers and artisans.`,
    },
  };
}

// ---------------------------------------------------------------- products

export interface GeneratedCertification extends Omit<NewCertification, 'productId' | 'supersededById'> {
  /** Index in the product's list of the certification that superseded this one. */
  supersededBy?: number;
}

export interface GeneratedProduct {
  number: number;
  producerNumber: number;
  row: Omit<typeof products.$inferInsert, 'producerId' | 'id'>;
  certifications: GeneratedCertification[];
  images: Omit<typeof productImages.$inferInsert, 'productId'>[];
  variants: Omit<typeof productVariants.$inferInsert, 'productId'>[];
}

const STAR_BANDS: Record<number, [number, number]> = { 2: [30, 49.9], 3: [50, 69.9], 4: [70, 89.9], 5: [90, 98.5] };

/** A score in the band of `stars`, or now and then in the band above: councils may award fewer stars. */
function scoreFor(random: Random, stars: number): number {
  const [min, max] = STAR_BANDS[stars < 5 && random() < 0.1 ? stars + 1 : stars]!;
  return Math.round((min + random() * (max - min)) * 10) / 10;
}

function decision(
  random: Random,
  stars: number,
  decisionDate: string,
  province: Province,
  commune: Place,
  status: CertificationStatus = 'active',
): GeneratedCertification {
  const score = scoreFor(random, stars);
  const criteriaVersion = criteriaVersionOn(decisionDate);
  const level = recognisingLevel(decisionDate, stars);
  const [partScoreA, partScoreB, partScoreC] = partScores(score, criteriaVersion);
  const issuingBody =
    level === 'central'
      ? centralIssuingBody(decisionDate)
      : level === 'district'
        ? `UBND huyện ${commune.nameVi}`
        : `UBND ${province.fullNameVi.charAt(0).toLowerCase()}${province.fullNameVi.slice(1)}`;
  const suffix = level !== 'central' ? 'QĐ-UBND' : decisionDate < '2025-03-01' ? 'QĐ-BNN-KTHT' : 'QĐ-BNNMT';
  return {
    stars,
    score,
    partScoreA,
    partScoreB,
    partScoreC,
    criteriaVersion,
    level,
    decisionNumber: `${between(random, 101, 4_999)}/${suffix}`,
    decisionDate,
    issuingBody,
    validUntil: latestValidUntil(decisionDate),
    status,
  };
}

const activeStars = (random: Random) => {
  const roll = random();
  return roll < 0.55 ? 3 : roll < 0.93 ? 4 : 5;
};

/** The certification history of one product: mostly one active decision, some lapsed, upgraded or never certified. */
function certificationHistory(random: Random, province: Province, commune: Place): GeneratedCertification[] {
  const roll = random();
  if (roll < 0.04) return [];
  if (roll < 0.07) {
    // A 2-star result is recorded but is no certification.
    return [decision(random, 2, dateBetween(random, '2024-01-01', '2026-10-31'), province, commune)];
  }
  if (roll < 0.15) {
    const decided = dateBetween(random, '2019-06-01', '2022-12-31');
    const lapsed = decision(random, random() < 0.85 ? 3 : 4, decided, province, commune, 'expired');
    return [{ ...lapsed, statusChangedAt: `${lapsed.validUntil}T17:05:00.000Z` }];
  }
  if (roll < 0.18) {
    const decided = dateBetween(random, '2023-03-01', '2025-06-30');
    const revokedOn = addMonths(decided, between(random, 6, 16));
    return [
      {
        ...decision(random, activeStars(random), decided, province, commune, 'revoked'),
        statusReason: 'Sản phẩm không duy trì chất lượng theo tiêu chuẩn đã công bố',
        statusChangedAt: `${revokedOn}T02:00:00.000Z`,
        revocationDecision: `${between(random, 101, 4_999)}/QĐ-UBND`,
      },
    ];
  }
  if (roll < 0.23) {
    const first = dateBetween(random, '2023-03-01', '2024-10-31');
    const upgrade = dateBetween(random, addMonths(first, 12), '2026-10-31');
    const older = decision(random, 3, first, province, commune, 'superseded');
    const newer = decision(random, 4, upgrade, province, commune);
    // (product, decision number) is unique; two random numbers may meet.
    if (newer.decisionNumber === older.decisionNumber) newer.decisionNumber = `1${newer.decisionNumber}`;
    return [
      { ...older, statusReason: 'Nâng hạng 4 sao', statusChangedAt: `${upgrade}T02:00:00.000Z`, supersededBy: 1 },
      newer,
    ];
  }
  return [decision(random, activeStars(random), dateBetween(random, '2024-01-01', '2026-10-31'), province, commune)];
}

function roundPrice(price: number): number {
  const step = price >= 1_000_000 ? 10_000 : 1_000;
  return Math.max(step, Math.round(price / step) * step);
}

/** Product `number` (from 1), made by producer ceil(number / 5). */
export function generatedProduct(number: number): GeneratedProduct {
  const random = prng('product', number);
  const producerNumber = Math.ceil(number / PRODUCTS_PER_PRODUCER);
  const producer = generatedProducer(producerNumber);
  const { province, commune } = producer;
  const line = random() < 0.75 ? producer.specialty : pickLine(random);
  const [baseVi, baseEn] = pick(random, line.names);
  const branded = line.group !== 'tourism' && random() < 0.35;
  const brand = pick(random, BRAND_WORDS);
  const nameVi = branded ? `${baseVi} ${brand}` : `${baseVi} ${commune.nameVi}`;
  const nameEn = branded ? `${brand} ${baseEn.toLowerCase()}` : `${baseEn} ${commune.nameEn}`;
  const code = pad(number, 7);
  const slug = `${slugify(nameVi)}-sp${code}`;
  const price = roundPrice(line.price[0] + random() * (line.price[1] - line.price[0]));
  const history = certificationHistory(random, province, commune);
  const uses1048 = history[0]?.criteriaVersion === '1048';
  const groupId = uses1048 ? line.groupId1048 : line.groupId148;
  const gtin = line.group !== 'tourism' && random() < 0.25 ? withCheckDigit(`8939${pad(number, 8)}`) : null;

  const variants =
    line.packs && random() < 0.25
      ? line.packs.map(([labelVi, labelEn, factor], index) => ({
          labelVi,
          labelEn,
          price: roundPrice(price * factor),
          stock: between(random, 0, 300),
          gtin: gtin ? packGtin(gtin, index + 1) : null,
          sortOrder: index,
        }))
      : [];

  const images = [{ url: `/images/products/${slug}.svg`, altVi: nameVi, altEn: nameEn, sortOrder: 0 }];
  if (random() < 0.3) {
    images.push({
      url: `/images/products/${slug}-2.svg`,
      altVi: `${nameVi} - đóng gói`,
      altEn: `${nameEn}, packaging`,
      sortOrder: 1,
    });
  }

  return {
    number,
    producerNumber,
    certifications: history,
    images,
    variants,
    row: {
      slug,
      producerCode: `SP${code}`,
      nameVi,
      nameEn,
      nameNormalized: foldVietnamese(nameVi),
      groupId,
      subgroupId: uses1048 ? line.subgroup1048 : line.subgroup148,
      descriptionVi: `${nameVi} do ${producer.row.name} sản xuất tại ${commune.nameVi}, ${province.nameVi}. Sản phẩm tham gia Chương trình OCOP, nguyên liệu địa phương, quy trình sản xuất được kiểm soát.`,
      descriptionEn: `${nameEn}, made by ${producer.row.name} in ${commune.nameEn}, ${province.nameEn}, from local ingredients under a controlled process.`,
      gtin: gtin ? toGtin14(gtin) : null,
      unit: line.unit,
      price,
      stock: random() < 0.08 ? 0 : between(random, 1, 500),
      isPublished: random() < 0.97,
      isFeatured: random() < 0.01,
      provinceCode: province.code,
      // The same text insertProduct computes from its SearchContext.
      searchText: productSearchText([nameEn, producer.row.name, province.nameVi, GROUP_NAMES.get(groupId)]),
    },
  };
}

// ---------------------------------------------------------------- writing

const GENERATED_PRODUCT_CODE = sql`${products.producerCode} GLOB 'SP[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`;
const GENERATED_PRODUCER_SLUG = sql`${producers.slug} GLOB '*-cs[0-9][0-9][0-9][0-9][0-9][0-9]'`;

async function nextId(db: Database, column: typeof products.id | typeof producers.id | typeof certifications.id) {
  const [row] = await db.select({ value: max(column) }).from(column.table);
  return (row?.value ?? 0) + 1;
}

export interface SeedResult {
  productsAdded: number;
  productsKept: number;
}

/** Makes generated products 1..`count` exist, writing only the missing ones. */
export async function seedGeneratedCatalogue(db: Database, count: number): Promise<SeedResult> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_PRODUCTS) {
    throw new Error(`the generator makes 0 to ${MAX_GENERATED_PRODUCTS} products, not ${count}`);
  }
  const [storedProducts, storedProducers] = await db.batch([
    db.select({ code: products.producerCode }).from(products).where(GENERATED_PRODUCT_CODE),
    db.select({ id: producers.id, slug: producers.slug }).from(producers).where(GENERATED_PRODUCER_SLUG),
  ]);
  const present = new Set(storedProducts.map((p) => Number(p.code!.slice(2))));
  const producerIds = new Map(storedProducers.map((p) => [Number(p.slug.slice(-6)), p.id]));

  const missing: number[] = [];
  for (let number = 1; number <= count; number++) if (!present.has(number)) missing.push(number);

  // Ids are assigned here so certifications and images can point at rows of the same batch;
  // the seeder is the only writer while it runs.
  let producerId = await nextId(db, producers.id);
  let productId = await nextId(db, products.id);
  let certificationId = await nextId(db, certifications.id);

  for (let start = 0; start < missing.length; start += PRODUCTS_PER_BATCH) {
    const newProducers: (typeof producers.$inferInsert)[] = [];
    const productRows: (typeof products.$inferInsert)[] = [];
    const certificationRows: NewCertification[] = [];
    const imageRows: (typeof productImages.$inferInsert)[] = [];
    const variantRows: (typeof productVariants.$inferInsert)[] = [];
    const firstProductId = productId;

    for (const number of missing.slice(start, start + PRODUCTS_PER_BATCH)) {
      const product = generatedProduct(number);
      let ownerId = producerIds.get(product.producerNumber);
      if (ownerId === undefined) {
        ownerId = producerId++;
        producerIds.set(product.producerNumber, ownerId);
        newProducers.push({ id: ownerId, ...generatedProducer(product.producerNumber).row });
      }
      const id = productId++;
      productRows.push({ id, producerId: ownerId, ...product.row });
      const ids = product.certifications.map(() => certificationId++);
      product.certifications.forEach(({ supersededBy, ...certification }, index) => {
        certificationRows.push({
          ...certification,
          id: ids[index]!,
          productId: id,
          supersededById: supersededBy === undefined ? null : ids[supersededBy]!,
        });
      });
      for (const image of product.images) imageRows.push({ productId: id, ...image });
      for (const variant of product.variants) variantRows.push({ productId: id, ...variant });
    }

    // A superseded row points at a later one, so certifications go in newest first.
    certificationRows.sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
    const [first, ...rest] = [
      ...literalInserts(producers, newProducers),
      ...literalInserts(products, productRows),
      ...literalInserts(certifications, certificationRows),
      ...literalInserts(productImages, imageRows),
      ...literalInserts(productVariants, variantRows),
    ].map((statement) => db.run(statement));
    await db.batch([
      first!,
      ...rest,
      refreshCatalogueFieldsWhere(db, idBetween(products.id, firstProductId, productId - 1)),
    ]);
  }
  return { productsAdded: missing.length, productsKept: count - missing.length };
}

/** How many generated products are stored. */
export const generatedProductCount = (db: Database) => db.$count(products, GENERATED_PRODUCT_CODE);
