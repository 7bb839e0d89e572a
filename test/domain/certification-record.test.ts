import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { starBand } from '../../worker/domain/certification';
import {
  criteriaVersionOn,
  levelMayAward,
  periodOn,
  recognisingLevel,
} from '../../worker/domain/certification-periods';
import {
  checkRecord,
  parseRecordDate,
  parseRecordNumber,
  RECORD_FIELDS,
  type RawRecord,
  type RecordReference,
} from '../../worker/domain/certification-record';

const reference: RecordReference = {
  provinceCodes: new Set(['75', '79']),
  communeProvinces: new Map([
    ['26173', '75'],
    ['27004', '79'],
  ]),
  groups: new Map([
    ['148.food', { code: 'food', criteriaVersion: '148' }],
    ['1048.food', { code: 'food', criteriaVersion: '1048' }],
    ['1048.textile', { code: 'handicraft', criteriaVersion: '1048' }],
    ['1048.decor', { code: 'handicraft', criteriaVersion: '1048' }],
  ]),
  subgroupGroups: new Map([['148.food.tea', '148.food']]),
};
const TODAY = '2026-11-25';

const valid: RawRecord = {
  decision_number: '12/QĐ-UBND',
  decision_date: '2025-08-15',
  issuing_body: 'UBND tỉnh Đồng Nai',
  level: 'provincial',
  producer_name: 'HTX Phú Lý',
  producer_kind: 'cooperative',
  province_code: '75',
  product_name: 'Quýt Phú Lý',
  group: '148.food',
  score: 78.5,
  stars: 4,
};

describe('the period table', () => {
  it('puts each decision date in its period, boundaries included', () => {
    expect(periodOn('2023-02-23').criteriaVersion).toBe('1048');
    expect(periodOn('2023-02-24').basis).toContain('148');
    expect(periodOn('2025-07-05').awards.district).toEqual([3]);
    expect(periodOn('2025-07-06').awards.district).toBeUndefined();
    expect(criteriaVersionOn('2019-06-01')).toBe('1048');
  });

  it('says which level may award which stars', () => {
    expect(levelMayAward('district', 3, '2024-01-01', 3)).toBe(true);
    expect(levelMayAward('district', 3, '2022-01-01', 3)).toBe(false);
    expect(levelMayAward('district', 2, '2022-01-01', 3)).toBe(true);
    expect(levelMayAward('district', 2, '2025-08-01', 3)).toBe(false);
    expect(levelMayAward('provincial', 3, '2025-08-01', 3)).toBe(true);
    expect(levelMayAward('central', 4, '2025-08-01', 3)).toBe(false);
    expect(recognisingLevel('2024-01-01', 2)).toBe('district');
    expect(recognisingLevel('2025-08-01', 5)).toBe('central');
  });
});

describe('record values as councils write them', () => {
  it('reads ISO and Vietnamese dates and refuses impossible ones', () => {
    expect(parseRecordDate('2025-08-15')).toBe('2025-08-15');
    expect(parseRecordDate('5/8/2025')).toBe('2025-08-05');
    expect(parseRecordDate('29/02/2024')).toBe('2024-02-29');
    expect(parseRecordDate('29/02/2025')).toBeNull();
    expect(parseRecordDate('2025-13-01')).toBeNull();
    expect(parseRecordDate('15 tháng 8')).toBeNull();
  });

  it('reads decimal points and commas', () => {
    expect(parseRecordNumber('78,5')).toBe(78.5);
    expect(parseRecordNumber(' 78.5 ')).toBe(78.5);
    expect(parseRecordNumber('1.234,5')).toBeNull();
    expect(parseRecordNumber(Number.NaN)).toBeNull();
  });

  it('accepts Vietnamese spellings of levels, kinds and statuses', () => {
    const check = checkRecord(
      { ...valid, level: 'Cấp tỉnh', producer_kind: 'Hợp tác xã', status: 'Hiệu lực' },
      reference,
      TODAY,
    );
    expect(check.ok && [check.record.level, check.record.producer.kind, check.record.status]).toEqual([
      'provincial',
      'cooperative',
      'active',
    ]);
  });

  it('resolves a catalogue group code only when it names one group of the criteria set', () => {
    const food = checkRecord({ ...valid, decision_date: '2021-05-01', group: 'food' }, reference, TODAY);
    expect(food.ok && food.record.product.groupId).toBe('1048.food');
    const ambiguous = checkRecord({ ...valid, decision_date: '2021-05-01', group: 'handicraft' }, reference, TODAY);
    expect(!ambiguous.ok && ambiguous.issues).toEqual([{ field: 'group', rule: 'unknown_group' }]);
  });

  it('keeps a commune inside its province and a subgroup inside its group', () => {
    const check = checkRecord({ ...valid, commune_code: '27004', subgroup: 'nope' }, reference, TODAY);
    expect(!check.ok && check.issues).toEqual([
      { field: 'commune_code', rule: 'commune_outside_province', params: { province: '79' } },
      { field: 'subgroup', rule: 'unknown_subgroup' },
    ]);
  });
});

const cellValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 120 }),
  fc.double({ min: -10, max: 110, noNaN: true }),
  fc.constantFrom('2025-08-15', '15/08/2025', '2022-01-01', '2024-03-10', '31/02/2025', ''),
  fc.constantFrom('district', 'provincial', 'central', 'huyện', 'tỉnh', 'cooperative', 'HTX', 'revoked', 'active'),
  fc.constantFrom('75', '79', '26173', '27004', '148.food', 'food', 'handicraft', '3600123456', '12/QĐ-UBND'),
  fc.constant(null),
  fc.boolean(),
  fc.object({ maxDepth: 1 }),
);
const anyRecord = fc.dictionary(fc.oneof(fc.constantFrom(...RECORD_FIELDS), fc.string({ maxLength: 8 })), cellValue, {
  maxKeys: 26,
});
const nearlyValidRecord = fc
  .record(Object.fromEntries(RECORD_FIELDS.map((field) => [field, cellValue])), { requiredKeys: [] })
  .map((overrides) => ({ ...valid, ...overrides }));

describe('checkRecord on arbitrary input (property)', () => {
  it('never throws and either accepts or names at least one field', () => {
    fc.assert(
      fc.property(fc.oneof(anyRecord, nearlyValidRecord), (raw) => {
        const check = checkRecord(raw as RawRecord, reference, TODAY);
        if (!check.ok) expect(check.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only records that follow the programme rules', () => {
    fc.assert(
      fc.property(nearlyValidRecord, (raw) => {
        const check = checkRecord(raw as RawRecord, reference, TODAY);
        if (!check.ok) return;
        const { record } = check;
        expect(record.stars).toBeLessThanOrEqual(starBand(record.score));
        expect(Number.isInteger(record.stars) && record.stars >= 1 && record.stars <= 5).toBe(true);
        expect(record.score >= 0 && record.score <= 100).toBe(true);
        expect(levelMayAward(record.level, record.stars, record.decisionDate, 3)).toBe(true);
        expect(record.validUntil > record.decisionDate).toBe(true);
        expect(record.decisionDate <= TODAY).toBe(true);
        expect(reference.groups.get(record.product.groupId)?.criteriaVersion).toBe(record.criteriaVersion);
        expect(record.product.code !== null || record.product.name !== null).toBe(true);
        if (record.status === 'revoked') expect(record.revocation).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
