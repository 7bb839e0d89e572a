import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { starBand } from '../../worker/domain/certification';
import {
  CERTIFICATION_PERIODS,
  criteriaVersionOn,
  latestValidUntil,
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

  it('keeps validity as data of each period: 36 months from the decision date, end of month clamped', () => {
    expect(CERTIFICATION_PERIODS.map((period) => period.validityMonths)).toEqual([36, 36, 36]);
    expect(latestValidUntil('2022-12-01')).toBe('2025-12-01');
    expect(latestValidUntil('2023-02-24')).toBe('2026-02-24');
    expect(latestValidUntil('2024-02-29')).toBe('2027-02-28');
  });
});

describe('validity and criteria a decision date allows', () => {
  const issuesOf = (overrides: RawRecord) => {
    const check = checkRecord({ ...valid, ...overrides }, reference, TODAY);
    return check.ok ? [] : check.issues;
  };

  it('refuses a valid-until date more than 36 months after the decision, naming the field and the limit', () => {
    expect(issuesOf({ decision_date: '2022-12-01', group: 'food', valid_until: '2035-01-01' })).toEqual([
      {
        field: 'valid_until',
        rule: 'valid_until_too_late',
        params: { max: '2025-12-01', months: 36, basis: 'Quyết định 1048/QĐ-TTg (2019)' },
      },
    ]);
    expect(issuesOf({ decision_date: '2022-12-01', group: 'food', valid_until: '02/12/2025' })).toHaveLength(1);
    const lastDay = checkRecord(
      { ...valid, decision_date: '2022-12-01', group: 'food', valid_until: '01/12/2025' },
      reference,
      TODAY,
    );
    expect(lastDay.ok && lastDay.record.validUntil).toBe('2025-12-01');
    const shorter = checkRecord({ ...valid, valid_until: '2026-08-14' }, reference, TODAY);
    expect(shorter.ok && shorter.record.validUntil).toBe('2026-08-14');
  });

  it('accepts only the criteria set in force on the decision date', () => {
    expect(issuesOf({ decision_date: '2021-05-10', criteria_version: '148' })).toEqual([
      {
        field: 'criteria_version',
        rule: 'criteria_not_in_force',
        params: { version: '148', inForce: '1048', basis: 'Quyết định 1048/QĐ-TTg (2019)' },
      },
    ]);
    expect(issuesOf({ decision_date: '2023-02-23', criteria_version: '148' }).map((i) => i.rule)).toEqual([
      'criteria_not_in_force',
    ]);
    expect(issuesOf({ decision_date: '2023-02-24', criteria_version: '148' })).toEqual([]);
    expect(
      issuesOf({ decision_date: '2024-03-10', criteria_version: '1048', group: '1048.food' }).map((i) => i.rule),
    ).toEqual(['criteria_not_in_force']);
  });

  it('reports an impossible date alone, not an unknown group beside it', () => {
    expect(issuesOf({ decision_date: '31/02/2025', group: 'food' })).toEqual([
      { field: 'decision_date', rule: 'invalid_date' },
    ]);
    expect(issuesOf({ decision_date: '31/02/2025', group: 'no-such-group' })).toEqual([
      { field: 'decision_date', rule: 'invalid_date' },
      { field: 'group', rule: 'unknown_group' },
    ]);
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
        expect(record.validUntil <= latestValidUntil(record.decisionDate)).toBe(true);
        expect(record.criteriaVersion).toBe(criteriaVersionOn(record.decisionDate));
        expect(record.decisionDate <= TODAY).toBe(true);
        expect(reference.groups.get(record.product.groupId)?.criteriaVersion).toBe(record.criteriaVersion);
        expect(record.product.code !== null || record.product.name !== null).toBe(true);
        if (record.status === 'revoked') expect(record.revocation).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
