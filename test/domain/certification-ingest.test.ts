import { describe, expect, it } from 'vitest';
import {
  certificationValues,
  emptyMatchContext,
  planRecord,
  producerNameKey,
  type MatchContext,
  type SlugMaker,
} from '../../worker/domain/certification-ingest';
import type { CertificationRecord } from '../../worker/domain/certification-record';

let slugs = 0;
const makeSlug: SlugMaker = (name) => `${name.toLowerCase().replace(/\W+/g, '-')}-${++slugs}`;

const record = (
  producer: Partial<CertificationRecord['producer']> = {},
  more: Partial<CertificationRecord> = {},
): CertificationRecord => ({
  decisionNumber: `${++slugs}/QĐ-UBND`,
  decisionDate: '2025-08-15',
  issuingBody: 'UBND tỉnh Đồng Nai',
  level: 'provincial',
  criteriaVersion: '148',
  producer: {
    name: 'HTX Trùng Tên Thử',
    nameNormalized: 'htx trung ten thu',
    kind: 'cooperative',
    taxCode: '3600003331',
    provinceCode: '75',
    communeCode: null,
    ...producer,
  },
  product: { code: null, name: 'Bưởi', nameNormalized: 'buoi', groupId: '148.food', subgroupId: null },
  score: 78.5,
  stars: 4,
  partScores: null,
  validUntil: '2028-08-15',
  status: 'active',
  revocation: null,
  ...more,
});

/** A context holding stored producers of one name in province 75. */
function storedProducers(...taxCodes: (string | null)[]): MatchContext {
  const context = emptyMatchContext();
  const named = taxCodes.map((taxCode, index) => ({ ref: { id: index + 1, slug: `stored-${index + 1}` }, taxCode }));
  context.producersByName.set(producerNameKey('75', 'htx trung ten thu'), named);
  for (const producer of named) if (producer.taxCode) context.producersByTaxCode.set(producer.taxCode, producer.ref);
  return context;
}

describe('planRecord: which producer a record is about', () => {
  it('follows the tax code, whatever the name', () => {
    const plan = planRecord(
      record({ name: 'Tên khác', nameNormalized: 'ten khac' }),
      storedProducers('3600003331'),
      makeSlug,
    );
    expect(plan).toMatchObject({ outcome: 'created', newProducer: null, producer: { id: 1 }, notices: [] });
  });

  it('makes another tax code another producer, never merged into the one of the same name, and says so', () => {
    const context = storedProducers('0123456789-123');
    for (const taxCode of ['3600000909', '3600000919', '0000000000', '0123456789']) {
      const plan = planRecord(record({ taxCode }), context, makeSlug);
      expect(plan.outcome).toBe('created');
      if (plan.outcome !== 'created') return;
      expect(plan.newProducer).toMatchObject({ taxCode });
      expect(plan.notices).toEqual([
        { field: 'tax_code', notice: 'producer_name_taken', params: { taxCodes: expect.stringContaining('-123') } },
      ]);
    }
    // The four new producers are known by their own codes from now on.
    expect(context.producersByName.get(producerNameKey('75', 'htx trung ten thu'))).toHaveLength(5);
  });

  it('gives a branch code its own producer, and the branch code finds it again', () => {
    const context = storedProducers('0123456789');
    const branch = planRecord(record({ taxCode: '0123456789-001' }), context, makeSlug);
    expect(branch).toMatchObject({ outcome: 'created', newProducer: { taxCode: '0123456789-001' } });
    const again = planRecord(record({ taxCode: '0123456789-001' }), context, makeSlug);
    expect(again).toMatchObject({ outcome: 'created', newProducer: null, notices: [] });
  });

  it('does not take over a same-named producer that has no tax code', () => {
    const plan = planRecord(record({ taxCode: '3600003332' }), storedProducers(null), makeSlug);
    expect(plan).toMatchObject({
      outcome: 'created',
      newProducer: { taxCode: '3600003332' },
      notices: [{ notice: 'producer_name_taken', params: { taxCodes: '—' } }],
    });
  });

  it('matches a record without a tax code by name, and refuses it when the name is shared', () => {
    expect(planRecord(record({ taxCode: null }), storedProducers('3600003331'), makeSlug)).toMatchObject({
      outcome: 'created',
      producer: { id: 1 },
    });
    expect(planRecord(record({ taxCode: null }), storedProducers('3600003331', '3600003332'), makeSlug)).toEqual({
      outcome: 'rejected',
      issues: [{ field: 'tax_code', rule: 'producer_ambiguous', params: { taxCodes: '3600003331, 3600003332' } }],
    });
  });
});

describe('planRecord: a revocation stands', () => {
  function revokedDecision(original: CertificationRecord) {
    const context = storedProducers('3600003331');
    const product = { id: 7, slug: 'buoi-7' };
    context.productsByName.set(`#1|buoi`, product);
    context.certifications.set(`#7|${original.decisionNumber}`, {
      id: 70,
      ...certificationValues(original),
      status: 'revoked',
      statusReason: 'Vi phạm chất lượng',
      revocationDecision: '455/QĐ-UBND',
    });
    return context;
  }

  it('answers unchanged to the original record sent again, with the reason', () => {
    const original = record();
    const plan = planRecord(original, revokedDecision(original), makeSlug);
    expect(plan).toEqual({
      outcome: 'unchanged',
      product: { id: 7, slug: 'buoi-7' },
      certification: { id: 70 },
      notices: [{ field: 'status', notice: 'revocation_stands', params: { decision: '455/QĐ-UBND' } }],
    });
  });

  it('still applies a correction of another field, and keeps the revocation', () => {
    const original = record();
    const plan = planRecord({ ...original, score: 80 }, revokedDecision(original), makeSlug);
    expect(plan).toMatchObject({ outcome: 'updated', before: { score: 78.5 }, after: { score: 80 } });
    expect(plan.outcome === 'updated' && Object.keys(plan.after)).toEqual(['score']);
  });
});
