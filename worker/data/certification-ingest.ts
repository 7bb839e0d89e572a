/**
 * Ingesting council results: load what the records refer to, plan each one
 * (worker/domain/certification-ingest.ts) and apply the plans, each row as
 * statements of one D1 batch so a row is written whole or not at all.
 */
import { and, eq, getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  auditLog,
  certifications,
  communes,
  producers,
  productGroups,
  productSubgroups,
  products,
} from '../../db/schema';
import { MIN_CERTIFIED_STARS } from '../domain/certification';
import {
  certificationKey,
  emptyMatchContext,
  planRecord,
  producerNameKey,
  productCodeKey,
  productNameKey,
  slugMaker,
  type CertificationRef,
  type EntityRef,
  type IngestNotice,
  type IngestOutcome,
  type IngestPlan,
  type MatchContext,
  type SlugMaker,
} from '../domain/certification-ingest';
import {
  checkRecord,
  type CertificationRecord,
  type RawRecord,
  type RecordIssue,
  type RecordReference,
} from '../domain/certification-record';
import { foldVietnamese, productSearchText } from '../domain/text';
import { auditStatement } from './audit';
import { randomWord } from '../crypto/random';
import type { Database } from './db';
import { refreshCatalogueFieldsWhere } from './products';
import { provincesByCode } from './reference';

/** Rows applied per D1 batch: few round trips, and a failed batch is retried row by row. */
const ROWS_PER_BATCH = 100;
/** Records whose stored matches are looked up per query, keeping each lookup's JSON parameter small. */
const RECORDS_PER_LOOKUP = 1000;

const now = sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export interface IngestRow {
  /** The row number in the CSV file, or the index in the JSON array. */
  position: number;
  raw: RawRecord;
  /** Problems found before the record itself is checked (a CSV row with too few cells). */
  issues?: RecordIssue[];
}

export interface IngestResult {
  position: number;
  outcome: IngestOutcome;
  /** The product's slug when the record was matched or created. */
  product?: string;
  issues?: RecordIssue[];
  /** What the council should know about a record applied or left unchanged (see INGEST_NOTICES). */
  notices?: IngestNotice[];
}

export interface IngestActor {
  userId?: number | null;
  tokenId?: number | null;
}

/** The reference data records are checked against, with the names a new listing's search text needs. */
async function loadReference(db: Database, raws: RawRecord[]) {
  const communeCodes = [...new Set(raws.map((raw) => raw.commune_code).filter((c) => typeof c === 'string'))];
  const [communeRows, groupRows, subgroupRows] = await db.batch([
    db
      .select({ code: communes.code, provinceCode: communes.provinceCode })
      .from(communes)
      .where(sql`${communes.code} IN (SELECT value FROM json_each(${JSON.stringify(communeCodes)}))`),
    db
      .select({
        id: productGroups.id,
        code: productGroups.code,
        criteriaVersion: productGroups.criteriaVersion,
        nameVi: productGroups.nameVi,
      })
      .from(productGroups),
    db.select({ id: productSubgroups.id, groupId: productSubgroups.groupId }).from(productSubgroups),
  ]);
  const reference: RecordReference = {
    provinceCodes: new Set(provincesByCode.keys()),
    communeProvinces: new Map(communeRows.map((row) => [row.code, row.provinceCode])),
    groups: new Map(groupRows.map((row) => [row.id, row])),
    subgroupGroups: new Map(subgroupRows.map((row) => [row.id, row.groupId])),
  };
  const groupNames = new Map(groupRows.map((row) => [row.id, row.nameVi]));
  return { reference, groupNames };
}

/** Loads the producers, products and decisions `records` may match into `context`. */
async function loadMatches(db: Database, records: CertificationRecord[], context: MatchContext) {
  const taxCodes = [...new Set(records.flatMap((r) => (r.producer.taxCode ? [r.producer.taxCode] : [])))];
  const names = records.map((r) => [r.producer.provinceCode, r.producer.nameNormalized]);
  const producerMatch = sql`(${producers.taxCode} IN (SELECT value FROM json_each(${JSON.stringify(taxCodes)}))
    OR (${producers.provinceCode}, ${producers.nameNormalized}) IN
      (SELECT value ->> 0, value ->> 1 FROM json_each(${JSON.stringify(names)})))`;
  const decisionNumbers = [...new Set(records.map((r) => r.decisionNumber))];
  const [producerRows, productRows, certificationRows] = await db.batch([
    db
      .select({
        id: producers.id,
        slug: producers.slug,
        taxCode: producers.taxCode,
        provinceCode: producers.provinceCode,
        nameNormalized: producers.nameNormalized,
      })
      .from(producers)
      .where(producerMatch),
    db
      .select({
        id: products.id,
        slug: products.slug,
        producerId: products.producerId,
        producerCode: products.producerCode,
        nameNormalized: products.nameNormalized,
      })
      .from(products)
      .where(sql`${products.producerId} IN (SELECT ${producers.id} FROM ${producers} WHERE ${producerMatch})`),
    db
      .select({
        id: certifications.id,
        productId: certifications.productId,
        productSlug: products.slug,
        stars: certifications.stars,
        score: certifications.score,
        partScoreA: certifications.partScoreA,
        partScoreB: certifications.partScoreB,
        partScoreC: certifications.partScoreC,
        criteriaVersion: certifications.criteriaVersion,
        level: certifications.level,
        decisionNumber: certifications.decisionNumber,
        decisionDate: certifications.decisionDate,
        issuingBody: certifications.issuingBody,
        validUntil: certifications.validUntil,
        status: certifications.status,
        statusReason: certifications.statusReason,
        revocationDecision: certifications.revocationDecision,
      })
      .from(certifications)
      .innerJoin(products, eq(products.id, certifications.productId))
      .where(
        and(
          sql`${certifications.decisionNumber} IN (SELECT value FROM json_each(${JSON.stringify(decisionNumbers)}))`,
          sql`${products.producerId} IN (SELECT ${producers.id} FROM ${producers} WHERE ${producerMatch})`,
        ),
      ),
  ]);
  for (const row of producerRows) {
    const ref: EntityRef = { id: row.id, slug: row.slug };
    if (row.taxCode) context.producersByTaxCode.set(row.taxCode, ref);
    const nameKey = producerNameKey(row.provinceCode, row.nameNormalized);
    const named = context.producersByName.get(nameKey) ?? [];
    // Lookups of several chunks may load the same producer again.
    if (!named.some((known) => known.ref.id === row.id)) {
      context.producersByName.set(nameKey, [...named, { ref, taxCode: row.taxCode }]);
    }
  }
  const producerRefs = new Map(producerRows.map((row) => [row.id, { id: row.id, slug: row.slug }]));
  for (const row of productRows) {
    const producer = producerRefs.get(row.producerId);
    if (!producer) continue;
    const ref: EntityRef = { id: row.id, slug: row.slug };
    if (row.producerCode) context.productsByCode.set(productCodeKey(producer, row.producerCode), ref);
    context.productsByName.set(productNameKey(producer, row.nameNormalized), ref);
  }
  for (const { productId, productSlug, ...stored } of certificationRows) {
    context.certifications.set(certificationKey({ id: productId, slug: productSlug }, stored.decisionNumber), stored);
  }
}

const productIdOf = (ref: EntityRef): SQL =>
  ref.id !== null ? sql`${ref.id}` : sql`(SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${ref.slug})`;
const certificationIdOf = (ref: CertificationRef): SQL =>
  'id' in ref
    ? sql`${ref.id}`
    : sql`(SELECT ${certifications.id} FROM ${certifications}
        WHERE ${certifications.productId} = ${productIdOf(ref.product)} AND ${certifications.decisionNumber} = ${ref.decisionNumber})`;

/** The stored or just-written products among `refs`, as a condition on products. */
function productsAmong(refs: EntityRef[]): SQL {
  const ids = refs.flatMap((ref) => (ref.id !== null ? [ref.id] : []));
  const slugs = refs.flatMap((ref) => (ref.id === null ? [ref.slug] : []));
  return sql`(${products.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
    OR ${products.slug} IN (SELECT value FROM json_each(${JSON.stringify(slugs)})))`;
}

/**
 * The latest decision of a product supersedes its older active ones; "latest"
 * is the later decision date, whatever that decision's status, so an older
 * decision arriving after a revocation is superseded at once and never stands
 * in for the revoked one. 1 and 2 star results are not certifications and
 * supersede nothing.
 */
function supersedeOlder(db: Database, among: SQL) {
  const newer = alias(certifications, 'newer');
  const latest = sql`(SELECT ${newer.id} FROM ${certifications} AS ${sql.identifier('newer')}
    WHERE ${newer.productId} = ${certifications.productId} AND ${newer.status} != 'superseded'
      AND ${newer.stars} >= ${MIN_CERTIFIED_STARS}
    ORDER BY ${newer.decisionDate} DESC, ${newer.id} DESC LIMIT 1)`;
  return db
    .update(certifications)
    .set({ status: 'superseded', supersededById: latest, statusChangedAt: now, updatedAt: now })
    .where(
      and(
        sql`${certifications.productId} IN (SELECT ${products.id} FROM ${products} WHERE ${among})`,
        eq(certifications.status, 'active'),
        sql`${certifications.stars} >= ${MIN_CERTIFIED_STARS}`,
        sql`${certifications.id} != ${latest}`,
      ),
    );
}

/** One audit row per certification the rows created, with what was recorded. */
function auditCreated(db: Database, created: CreatedCertification[], actor: IngestActor) {
  const pairs = JSON.stringify(created.map((c) => [c.product.id, c.product.slug, c.decisionNumber]));
  const c = certifications;
  return db.insert(auditLog).select(
    db
      .select({
        id: sql<null>`NULL`.as('id'),
        at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`.as('at'),
        actorUserId: sql<number | null>`${actor.userId ?? null}`.as('actor_user_id'),
        actorTokenId: sql<number | null>`${actor.tokenId ?? null}`.as('actor_token_id'),
        action: sql<string>`'certification.ingested'`.as('action'),
        entity: sql<string>`'certification'`.as('entity'),
        entityId: sql<string>`CAST(${c.id} AS TEXT)`.as('entity_id'),
        before: sql<null>`NULL`.as('before'),
        after: sql<string>`json_object('stars', ${c.stars}, 'score', ${c.score},
          'partScoreA', ${c.partScoreA}, 'partScoreB', ${c.partScoreB}, 'partScoreC', ${c.partScoreC},
          'criteriaVersion', ${c.criteriaVersion}, 'level', ${c.level}, 'decisionNumber', ${c.decisionNumber},
          'decisionDate', ${c.decisionDate}, 'issuingBody', ${c.issuingBody}, 'validUntil', ${c.validUntil},
          'status', ${c.status}, 'statusReason', ${c.statusReason}, 'revocationDecision', ${c.revocationDecision})`.as(
          'after',
        ),
      })
      .from(c)
      .where(
        sql`(${c.productId}, ${c.decisionNumber}) IN (
          SELECT coalesce(value ->> 0, (SELECT ${products.id} FROM ${products} WHERE ${products.slug} = value ->> 1)),
            value ->> 2
          FROM json_each(${pairs}))`,
      ),
  );
}

interface CreatedCertification {
  product: EntityRef;
  decisionNumber: string;
}

/** What one plan writes; rows applied together share their inserts and their lifecycle statements. */
interface RowWrites {
  producer: Record<string, unknown> | null;
  product: Record<string, unknown> | null;
  certification: Record<string, unknown> | null;
  /** A correction: its own update and audit statements. */
  corrections: Statement[];
  productRef: EntityRef;
  created: CreatedCertification | null;
}

/**
 * INSERT … SELECT over a JSON array: any number of rows in one statement,
 * clear of D1's 100-parameter limit, because statements are what a D1 batch
 * pays for. `values` gives each column an expression over `value`, the row;
 * other columns take their defaults.
 */
function insertJsonRows(
  db: Database,
  table: SQLiteTable,
  rows: Record<string, unknown>[],
  values: Record<string, SQL>,
) {
  const select = Object.values(getTableColumns(table)).map((column) => {
    if (values[column.name]) return values[column.name]!;
    if (is(column.default, SQL)) return column.default;
    if (typeof column.default === 'boolean') return sql.raw(column.default ? '1' : '0');
    return column.default === undefined ? sql`NULL` : sql`${column.default}`;
  });
  return db.insert(table).select(sql`SELECT ${sql.join(select, sql`, `)} FROM json_each(${JSON.stringify(rows)})`);
}

const field = (name: string) => sql`value ->> ${sql.raw(`'${name}'`)}`;
const refId = (table: typeof producers | typeof products, idField: string, slugField: string) =>
  sql`coalesce(${field(idField)}, (SELECT ${table.id} FROM ${table} WHERE ${table.slug} = ${field(slugField)}))`;

function insertProducers(db: Database, rows: Record<string, unknown>[]) {
  const columns = ['slug', 'name', 'name_normalized', 'kind', 'tax_code', 'province_code', 'commune_code'];
  return insertJsonRows(db, producers, rows, Object.fromEntries(columns.map((c) => [c, field(c)])));
}

function insertProducts(db: Database, rows: Record<string, unknown>[]) {
  const columns = [
    'slug',
    'producer_code',
    'name_vi',
    'name_normalized',
    'group_id',
    'subgroup_id',
    'province_code',
    'search_text',
  ];
  return insertJsonRows(db, products, rows, {
    ...Object.fromEntries(columns.map((c) => [c, field(c)])),
    producer_id: refId(producers, 'producer_id', 'producer_slug'),
    stock: sql`0`,
  });
}

function insertCertifications(db: Database, rows: Record<string, unknown>[]) {
  const columns = [
    'stars',
    'score',
    'part_score_a',
    'part_score_b',
    'part_score_c',
    'criteria_version',
    'level',
    'decision_number',
    'decision_date',
    'issuing_body',
    'valid_until',
    'status',
    'status_reason',
    'revocation_decision',
  ];
  return insertJsonRows(db, certifications, rows, {
    ...Object.fromEntries(columns.map((c) => [c, field(c)])),
    product_id: refId(products, 'product_id', 'product_slug'),
    status_changed_at: sql`CASE WHEN ${field('status')} = 'revoked' THEN ${now} END`,
  });
}

function rowWrites(
  db: Database,
  plan: Extract<IngestPlan, { outcome: 'created' | 'updated' }>,
  actor: IngestActor,
  groupNames: ReadonlyMap<string, string>,
): RowWrites {
  if (plan.outcome === 'updated') {
    const certificationId = certificationIdOf(plan.certification);
    return {
      producer: null,
      product: null,
      certification: null,
      productRef: plan.product,
      created: null,
      corrections: [
        db
          .update(certifications)
          .set({ ...plan.after, ...(plan.after.status ? { statusChangedAt: now } : {}), updatedAt: now })
          .where(sql`${certifications.id} = ${certificationId}`),
        auditStatement(db, {
          actorUserId: actor.userId ?? null,
          actorTokenId: actor.tokenId ?? null,
          action: 'certification.corrected',
          entity: 'certification',
          // A known id goes in as is: D1 binds numbers as REAL, which a text column would keep as "12.0".
          entityId: 'id' in plan.certification ? plan.certification.id : certificationId,
          before: plan.before,
          after: plan.after,
        }),
      ],
    };
  }
  const { newProducer, newProduct, values } = plan;
  return {
    producer: newProducer && {
      slug: newProducer.slug,
      name: newProducer.name,
      name_normalized: newProducer.nameNormalized,
      kind: newProducer.kind,
      tax_code: newProducer.taxCode,
      province_code: newProducer.provinceCode,
      commune_code: newProducer.communeCode,
    },
    product: newProduct && {
      slug: newProduct.slug,
      producer_id: plan.producer.id,
      producer_slug: plan.producer.slug,
      producer_code: newProduct.producerCode,
      name_vi: newProduct.nameVi,
      name_normalized: foldVietnamese(newProduct.nameVi),
      group_id: newProduct.groupId,
      subgroup_id: newProduct.subgroupId,
      province_code: newProduct.provinceCode,
      search_text: productSearchText([
        newProducer?.name,
        provincesByCode.get(newProduct.provinceCode)?.nameVi,
        groupNames.get(newProduct.groupId),
      ]),
    },
    certification: {
      product_id: plan.product.id,
      product_slug: plan.product.slug,
      stars: values.stars,
      score: values.score,
      part_score_a: values.partScoreA,
      part_score_b: values.partScoreB,
      part_score_c: values.partScoreC,
      criteria_version: values.criteriaVersion,
      level: values.level,
      decision_number: values.decisionNumber,
      decision_date: values.decisionDate,
      issuing_body: values.issuingBody,
      valid_until: values.validUntil,
      status: values.status,
      status_reason: values.statusReason,
      revocation_decision: values.revocationDecision,
    },
    corrections: [],
    productRef: plan.product,
    created: { product: plan.product, decisionNumber: values.decisionNumber },
  };
}

type Statement = BatchItem<'sqlite'>;

/**
 * The statements of `rows` as one batch: their producers, products and
 * certifications each in one insert, their corrections, then the
 * supersession, catalogue refresh and audit of all their products at once.
 * Few statements per batch is what makes a 10,000-row file fast.
 */
function batchOf(db: Database, rows: RowWrites[], actor: IngestActor): Statement[] {
  const among = productsAmong(rows.map((row) => row.productRef));
  const present = <T>(values: (T | null)[]) => values.filter((value): value is T => value !== null);
  const newProducers = present(rows.map((row) => row.producer));
  const newProducts = present(rows.map((row) => row.product));
  const newCertifications = present(rows.map((row) => row.certification));
  const created = present(rows.map((row) => row.created));
  return [
    ...(newProducers.length > 0 ? [insertProducers(db, newProducers)] : []),
    ...(newProducts.length > 0 ? [insertProducts(db, newProducts)] : []),
    ...(newCertifications.length > 0 ? [insertCertifications(db, newCertifications)] : []),
    ...rows.flatMap((row) => row.corrections),
    supersedeOlder(db, among),
    refreshCatalogueFieldsWhere(db, among),
    ...(created.length > 0 ? [auditCreated(db, created, actor)] : []),
  ];
}

/** Runs many rows per batch; when a batch fails, its rows run alone so only the bad one fails. */
async function applyRows(db: Database, rows: RowWrites[], actor: IngestActor): Promise<boolean[]> {
  const run = async (chunk: RowWrites[]) => {
    const [first, ...rest] = batchOf(db, chunk, actor);
    await db.batch([first!, ...rest]);
  };
  const applied: boolean[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_BATCH) {
    const chunk = rows.slice(start, start + ROWS_PER_BATCH);
    try {
      await run(chunk);
      applied.push(...chunk.map(() => true));
    } catch {
      for (const row of chunk)
        applied.push(
          await run([row]).then(
            () => true,
            () => false,
          ),
        );
    }
  }
  return applied;
}

/**
 * Checks, matches and applies council records, in order. Valid rows are
 * applied even when others are rejected; each row is written whole or not at
 * all. The answer has one result per row, in the rows' order.
 */
export async function ingestCertifications(
  db: Database,
  rows: IngestRow[],
  actor: IngestActor,
  today: string,
  makeSlug: SlugMaker = slugMaker(randomWord),
): Promise<IngestResult[]> {
  const { reference, groupNames } = await loadReference(
    db,
    rows.map((row) => row.raw),
  );
  const results: IngestResult[] = [];
  const checked: { index: number; record: CertificationRecord }[] = [];
  for (const [index, row] of rows.entries()) {
    const check = checkRecord(row.raw, reference, today);
    const issues = [...(row.issues ?? []), ...(check.ok ? [] : check.issues)];
    if (check.ok && issues.length === 0) checked.push({ index, record: check.record });
    results.push(
      issues.length > 0
        ? { position: row.position, outcome: 'rejected', issues }
        : { position: row.position, outcome: 'unchanged' },
    );
  }

  const context = emptyMatchContext();
  for (let start = 0; start < checked.length; start += RECORDS_PER_LOOKUP) {
    await loadMatches(
      db,
      checked.slice(start, start + RECORDS_PER_LOOKUP).map((c) => c.record),
      context,
    );
  }

  const pending: { index: number; writes: RowWrites }[] = [];
  for (const { index, record } of checked) {
    const plan = planRecord(record, context, makeSlug);
    const result = results[index]!;
    result.outcome = plan.outcome;
    if (plan.outcome === 'rejected') {
      result.issues = plan.issues;
      continue;
    }
    result.product = plan.product.slug;
    if (plan.notices.length > 0) result.notices = plan.notices;
    if (plan.outcome !== 'unchanged') pending.push({ index, writes: rowWrites(db, plan, actor, groupNames) });
  }

  const applied = await applyRows(
    db,
    pending.map((p) => p.writes),
    actor,
  );
  applied.forEach((ok, i) => {
    if (ok) return;
    const result = results[pending[i]!.index]!;
    result.outcome = 'rejected';
    result.issues = [{ field: 'decision_number', rule: 'conflict' }];
    delete result.product;
    delete result.notices;
  });
  return results;
}

/** Whether an ingest wrote anything, so what the catalogue shows may have changed. */
export const ingestChangedCatalogue = (results: IngestResult[]) =>
  results.some((result) => result.outcome === 'created' || result.outcome === 'updated');
