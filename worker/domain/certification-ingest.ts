/**
 * What ingesting a checked council record does: which producer and product it
 * is about (matched, or created as an unclaimed listing) and whether its
 * certification is new, corrected or already known. Pure: the data layer
 * loads what is already stored into a MatchContext and applies the plans.
 */
import type { CertificationRecord, RecordField, RecordIssue } from './certification-record';
import type { CertificationLevel, CertificationStatus, CriteriaVersion } from './certification';
import { slugify } from './text';

export type IngestOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/**
 * What a council should know about a record that was applied (or left as it
 * was) all the same: it names a producer other than the one of the same name,
 * or it asked for something the platform does not do (reinstate a revocation).
 */
export const INGEST_NOTICES = ['producer_name_taken', 'revocation_stands'] as const;
export type IngestNoticeCode = (typeof INGEST_NOTICES)[number];

export interface IngestNotice {
  field: RecordField;
  notice: IngestNoticeCode;
  params?: Record<string, string | number>;
}

/** A producer or product: stored (with its id) or created by an earlier plan of the same ingest (id null). */
export interface EntityRef {
  id: number | null;
  slug: string;
}

const refKey = (ref: EntityRef) => (ref.id !== null ? `#${ref.id}` : `@${ref.slug}`);

/** The certification columns a record sets, as stored. */
export interface CertificationValues {
  stars: number;
  score: number;
  partScoreA: number | null;
  partScoreB: number | null;
  partScoreC: number | null;
  criteriaVersion: CriteriaVersion;
  level: CertificationLevel;
  decisionNumber: string;
  decisionDate: string;
  issuingBody: string;
  validUntil: string;
  status: CertificationStatus;
  statusReason: string | null;
  revocationDecision: string | null;
}

/** A stored certification, or (id null) one an earlier plan of the same ingest creates. */
export interface StoredCertification extends CertificationValues {
  id: number | null;
}

/** A certification by id, or by its product and decision when the same ingest creates it. */
export type CertificationRef = { id: number } | { product: EntityRef; decisionNumber: string };

/** A producer as name matching sees it: who it is and the tax code it holds, if any. */
export interface NamedProducer {
  ref: EntityRef;
  taxCode: string | null;
}

/** What is already stored, keyed the way records are matched; plans add what they create. */
export interface MatchContext {
  producersByTaxCode: Map<string, EntityRef>;
  /** `${provinceCode}|${nameNormalized}`: every producer of that name in the province. */
  producersByName: Map<string, NamedProducer[]>;
  /** `${producerRefKey}|${productCode}` */
  productsByCode: Map<string, EntityRef>;
  /** `${producerRefKey}|${nameNormalized}` */
  productsByName: Map<string, EntityRef>;
  /** `${productRefKey}|${decisionNumber}` */
  certifications: Map<string, StoredCertification>;
}

export const emptyMatchContext = (): MatchContext => ({
  producersByTaxCode: new Map(),
  producersByName: new Map(),
  productsByCode: new Map(),
  productsByName: new Map(),
  certifications: new Map(),
});

export const producerNameKey = (provinceCode: string, nameNormalized: string) => `${provinceCode}|${nameNormalized}`;
export const productCodeKey = (producer: EntityRef, code: string) => `${refKey(producer)}|${code}`;
export const productNameKey = (producer: EntityRef, nameNormalized: string) => `${refKey(producer)}|${nameNormalized}`;
export const certificationKey = (product: EntityRef, decisionNumber: string) => `${refKey(product)}|${decisionNumber}`;

export interface NewProducerPlan {
  slug: string;
  name: string;
  nameNormalized: string;
  kind: CertificationRecord['producer']['kind'];
  taxCode: string | null;
  provinceCode: string;
  communeCode: string | null;
}

export interface NewProductPlan {
  slug: string;
  producerCode: string | null;
  nameVi: string;
  groupId: string;
  subgroupId: string | null;
  provinceCode: string;
}

export type IngestPlan =
  | { outcome: 'rejected'; issues: RecordIssue[] }
  | { outcome: 'unchanged'; product: EntityRef; certification: CertificationRef; notices: IngestNotice[] }
  | {
      outcome: 'created';
      newProducer: NewProducerPlan | null;
      newProduct: NewProductPlan | null;
      producer: EntityRef;
      product: EntityRef;
      values: CertificationValues;
      notices: IngestNotice[];
    }
  | {
      outcome: 'updated';
      product: EntityRef;
      certification: CertificationRef;
      before: Partial<CertificationValues>;
      after: Partial<CertificationValues>;
      notices: IngestNotice[];
    };

/** The columns a record asks for. Lifecycle states the platform derives (expired, superseded) are not asked for. */
export function certificationValues(record: CertificationRecord): CertificationValues {
  const [partScoreA, partScoreB, partScoreC] = record.partScores ?? [null, null, null];
  return {
    stars: record.stars,
    score: record.score,
    partScoreA,
    partScoreB,
    partScoreC,
    criteriaVersion: record.criteriaVersion,
    level: record.level,
    decisionNumber: record.decisionNumber,
    decisionDate: record.decisionDate,
    issuingBody: record.issuingBody,
    validUntil: record.validUntil,
    status: record.status,
    statusReason: record.revocation?.reason ?? null,
    revocationDecision: record.revocation?.decisionNumber ?? null,
  };
}

const REVOCATION_FIELDS: readonly (keyof CertificationValues)[] = ['status', 'statusReason', 'revocationDecision'];

/**
 * The fields a record corrects on a stored certification of the same
 * decision. An active record does not undo "expired" or "superseded": those
 * follow from dates and newer decisions, not from the council's row. Nor does
 * it undo "revoked": a council re-sending last month's file must not reinstate
 * a revoked certificate; only a newer decision certifies the product again.
 */
export function certificationChanges(stored: StoredCertification, wanted: CertificationValues) {
  const before: Partial<CertificationValues> = {};
  const after: Partial<CertificationValues> = {};
  const derivedStatus = stored.status === 'expired' || stored.status === 'superseded';
  const revocationStands = stored.status === 'revoked' && wanted.status === 'active';
  for (const field of Object.keys(wanted) as (keyof CertificationValues)[]) {
    if (field === 'status' && wanted.status === 'active' && derivedStatus) continue;
    if (revocationStands && REVOCATION_FIELDS.includes(field)) continue;
    if (stored[field] !== wanted[field]) {
      Object.assign(before, { [field]: stored[field] });
      Object.assign(after, { [field]: wanted[field] });
    }
  }
  return { before, after, changed: Object.keys(after).length > 0, revocationStands };
}

/** The stored or planned producer (null: a new one), or the tax codes of the producers a bare name could mean. */
type ProducerMatch = { found: EntityRef | null; notices: IngestNotice[] } | { ambiguous: string[] };

/**
 * The producer a record is about. A tax code identifies a producer (a branch,
 * "-NNN", is a producer of its own): a stored tax code decides, whatever the
 * name. A record with a tax code nobody holds is a new producer, even when a
 * producer of the same name exists in the province; it is never merged into
 * that one, and the report says so. A record without a tax code is matched by
 * folded name within its province, and refused when that name is shared.
 */
function matchProducer(p: CertificationRecord['producer'], context: MatchContext): ProducerMatch {
  const named = context.producersByName.get(producerNameKey(p.provinceCode, p.nameNormalized)) ?? [];
  if (p.taxCode) {
    const found = context.producersByTaxCode.get(p.taxCode);
    if (found) return { found, notices: [] };
    if (named.length === 0) return { found: null, notices: [] };
    const taxCodes = named.map((producer) => producer.taxCode ?? '—').join(', ');
    return { found: null, notices: [{ field: 'tax_code', notice: 'producer_name_taken', params: { taxCodes } }] };
  }
  if (named.length > 1) return { ambiguous: named.map((producer) => producer.taxCode ?? '—') };
  return { found: named[0]?.ref ?? null, notices: [] };
}

/** A unique-enough URL slug for a listing created by the ingest: the name, then a random tail. */
export type SlugMaker = (name: string) => string;

/** The slug maker of a random source: `randomWord` gives a fresh random 32-bit number each call. */
export const slugMaker =
  (randomWord: () => number): SlugMaker =>
  (name) => {
    const tail = randomWord().toString(36).padStart(6, '0').slice(-6);
    return `${slugify(name).slice(0, 60).replace(/-+$/, '')}-${tail}`;
  };

/**
 * The plan for one checked record, matched against `context`, which it
 * updates with whatever it creates so a later record of the same ingest finds
 * the same producer, product and decision. Matching: producer by tax code
 * (see matchProducer); product by the producer's product code, else by folded
 * name.
 */
export function planRecord(record: CertificationRecord, context: MatchContext, makeSlug: SlugMaker): IngestPlan {
  const { producer: p, product: q } = record;
  const match = matchProducer(p, context);
  if ('ambiguous' in match) {
    const taxCodes = match.ambiguous.join(', ');
    return { outcome: 'rejected', issues: [{ field: 'tax_code', rule: 'producer_ambiguous', params: { taxCodes } }] };
  }
  const notices = [...match.notices];
  let producer = match.found;
  let newProducer: NewProducerPlan | null = null;
  if (!producer) {
    newProducer = { slug: makeSlug(p.name), ...p };
    producer = { id: null, slug: newProducer.slug };
    if (p.taxCode) context.producersByTaxCode.set(p.taxCode, producer);
    const nameKey = producerNameKey(p.provinceCode, p.nameNormalized);
    context.producersByName.set(nameKey, [
      ...(context.producersByName.get(nameKey) ?? []),
      { ref: producer, taxCode: p.taxCode },
    ]);
  }

  let product =
    (q.code ? context.productsByCode.get(productCodeKey(producer, q.code)) : undefined) ??
    (q.nameNormalized ? context.productsByName.get(productNameKey(producer, q.nameNormalized)) : undefined);
  let newProduct: NewProductPlan | null = null;
  if (!product) {
    const nameVi = q.name ?? q.code!;
    newProduct = {
      slug: makeSlug(nameVi),
      producerCode: q.code,
      nameVi,
      groupId: q.groupId,
      subgroupId: q.subgroupId,
      provinceCode: p.provinceCode,
    };
    product = { id: null, slug: newProduct.slug };
    if (q.code) context.productsByCode.set(productCodeKey(producer, q.code), product);
    if (q.nameNormalized) context.productsByName.set(productNameKey(producer, q.nameNormalized), product);
  }

  const values = certificationValues(record);
  const key = certificationKey(product, record.decisionNumber);
  const stored = context.certifications.get(key);
  if (stored) {
    const certification: CertificationRef =
      stored.id !== null ? { id: stored.id } : { product, decisionNumber: record.decisionNumber };
    const { before, after, changed, revocationStands } = certificationChanges(stored, values);
    if (revocationStands) {
      const decision = stored.revocationDecision ?? '';
      notices.push({ field: 'status', notice: 'revocation_stands', params: { decision } });
    }
    if (!changed) return { outcome: 'unchanged', product, certification, notices };
    context.certifications.set(key, { ...stored, ...after });
    return { outcome: 'updated', product, certification, before, after, notices };
  }
  // Known from now on: the same decision again later in this ingest is unchanged, not a duplicate.
  context.certifications.set(key, { id: null, ...values });
  return { outcome: 'created', newProducer, newProduct, producer, product, values, notices };
}
