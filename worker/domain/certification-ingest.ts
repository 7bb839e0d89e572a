/**
 * What ingesting a checked council record does: which producer and product it
 * is about (matched, or created as an unclaimed listing) and whether its
 * certification is new, corrected or already known. Pure: the data layer
 * loads what is already stored into a MatchContext and applies the plans.
 */
import type { CertificationRecord } from './certification-record';
import type { CertificationLevel, CertificationStatus, CriteriaVersion } from './certification';
import { slugify } from './text';

export type IngestOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

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

/** What is already stored, keyed the way records are matched; plans add what they create. */
export interface MatchContext {
  producersByTaxCode: Map<string, EntityRef>;
  /** `${provinceCode}|${nameNormalized}` */
  producersByName: Map<string, EntityRef>;
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
  | { outcome: 'unchanged'; product: EntityRef; certification: CertificationRef }
  | {
      outcome: 'created';
      newProducer: NewProducerPlan | null;
      newProduct: NewProductPlan | null;
      producer: EntityRef;
      product: EntityRef;
      values: CertificationValues;
    }
  | {
      outcome: 'updated';
      product: EntityRef;
      certification: CertificationRef;
      before: Partial<CertificationValues>;
      after: Partial<CertificationValues>;
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

/**
 * The fields a record corrects on a stored certification of the same
 * decision. An active record does not undo "expired" or "superseded": those
 * follow from dates and newer decisions, not from the council's row.
 */
export function certificationChanges(stored: StoredCertification, wanted: CertificationValues) {
  const before: Partial<CertificationValues> = {};
  const after: Partial<CertificationValues> = {};
  const derivedStatus = stored.status === 'expired' || stored.status === 'superseded';
  for (const field of Object.keys(wanted) as (keyof CertificationValues)[]) {
    if (field === 'status' && wanted.status === 'active' && derivedStatus) continue;
    if (stored[field] !== wanted[field]) {
      Object.assign(before, { [field]: stored[field] });
      Object.assign(after, { [field]: wanted[field] });
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

/** A unique-enough URL slug for a listing created by the ingest: the name, then a random tail. */
export type SlugMaker = (name: string) => string;

export const randomSlug: SlugMaker = (name) => {
  const tail = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).padStart(6, '0').slice(-6);
  return `${slugify(name).slice(0, 60).replace(/-+$/, '')}-${tail}`;
};

/**
 * The plan for one checked record, matched against `context`, which it
 * updates with whatever it creates so a later record of the same ingest finds
 * the same producer, product and decision. Matching: producer by tax code,
 * else by folded name within the province; product by the producer's product
 * code, else by folded name.
 */
export function planRecord(record: CertificationRecord, context: MatchContext, makeSlug: SlugMaker): IngestPlan {
  const { producer: p, product: q } = record;
  let producer =
    (p.taxCode ? context.producersByTaxCode.get(p.taxCode) : undefined) ??
    context.producersByName.get(producerNameKey(p.provinceCode, p.nameNormalized));
  let newProducer: NewProducerPlan | null = null;
  if (!producer) {
    newProducer = { slug: makeSlug(p.name), ...p };
    producer = { id: null, slug: newProducer.slug };
    if (p.taxCode) context.producersByTaxCode.set(p.taxCode, producer);
    context.producersByName.set(producerNameKey(p.provinceCode, p.nameNormalized), producer);
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
    const { before, after, changed } = certificationChanges(stored, values);
    if (!changed) return { outcome: 'unchanged', product, certification };
    context.certifications.set(key, { ...stored, ...after });
    return { outcome: 'updated', product, certification, before, after };
  }
  // Known from now on: the same decision again later in this ingest is unchanged, not a duplicate.
  context.certifications.set(key, { id: null, ...values });
  return { outcome: 'created', newProducer, newProduct, producer, product, values };
}
