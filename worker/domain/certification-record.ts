/**
 * One council result as the ingest receives it (a JSON object or a CSV row,
 * same field names), checked against the programme's rules. Pure: reference
 * data and "today" are passed in. Every problem of a record is reported, each
 * with the field it concerns, so a council fixes a row in one go.
 */
import { MIN_CERTIFIED_STARS, starBand } from './certification';
import type { CertificationLevel, CriteriaVersion } from './certification';
import { criteriaVersionOn, latestValidUntil, levelMayAward, PART_MAXIMA, periodOn } from './certification-periods';
import { isValidTaxCode, producerKinds, type ProducerKind } from './organisation';
import { foldVietnamese } from './text';

/** The fields of a record, in the order of the CSV template; JSON objects use the same names. */
export const RECORD_FIELDS = [
  'decision_number',
  'decision_date',
  'issuing_body',
  'level',
  'criteria_version',
  'producer_name',
  'producer_kind',
  'tax_code',
  'province_code',
  'commune_code',
  'product_code',
  'product_name',
  'group',
  'subgroup',
  'score',
  'stars',
  'part_a',
  'part_b',
  'part_c',
  'valid_until',
  'status',
  'revocation_reason',
  'revocation_decision',
] as const;

export type RecordField = (typeof RECORD_FIELDS)[number];

/** A record before any check: whatever the client sent for each field. */
export type RawRecord = Partial<Record<RecordField, unknown>>;

export const RECORD_RULES = [
  'required',
  'too_long',
  'not_text',
  'invalid_date',
  'future_date',
  'invalid_number',
  'invalid_choice',
  'criteria_not_in_force',
  'score_range',
  'score_precision',
  'stars_range',
  'stars_above_band',
  'level_not_in_period',
  'level_cannot_award',
  'tax_code_format',
  'producer_ambiguous',
  'unknown_province',
  'unknown_commune',
  'commune_outside_province',
  'unknown_group',
  'group_of_other_criteria',
  'unknown_subgroup',
  'subgroup_outside_group',
  'part_score_range',
  'part_scores_incomplete',
  'part_scores_sum',
  'valid_until_before_decision',
  'valid_until_too_late',
  'product_identity',
  'unknown_field',
  'missing_cells',
  'extra_cells',
  'conflict',
] as const;

export type RecordRule = (typeof RECORD_RULES)[number];

export interface RecordIssue {
  field: RecordField | string;
  rule: RecordRule;
  params?: Record<string, string | number>;
}

export const ingestStatuses = ['active', 'revoked'] as const;
export type IngestStatus = (typeof ingestStatuses)[number];

export interface CertificationRecord {
  decisionNumber: string;
  decisionDate: string;
  issuingBody: string;
  level: CertificationLevel;
  criteriaVersion: CriteriaVersion;
  producer: {
    name: string;
    nameNormalized: string;
    kind: ProducerKind;
    taxCode: string | null;
    provinceCode: string;
    communeCode: string | null;
  };
  product: {
    code: string | null;
    name: string | null;
    nameNormalized: string | null;
    groupId: string;
    subgroupId: string | null;
  };
  score: number;
  stars: number;
  partScores: [number, number, number] | null;
  validUntil: string;
  status: IngestStatus;
  revocation: { reason: string; decisionNumber: string } | null;
}

/** The reference data a record is checked against. */
export interface RecordReference {
  provinceCodes: ReadonlySet<string>;
  /** Commune code → its province code. */
  communeProvinces: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, { code: string; criteriaVersion: CriteriaVersion }>;
  /** Subgroup id → its group id. */
  subgroupGroups: ReadonlyMap<string, string>;
}

export type RecordCheck = { ok: true; record: CertificationRecord } | { ok: false; issues: RecordIssue[] };

const MAX_TEXT = { short: 100, name: 300, long: 1000 } as const;

/** Vietnamese spellings a council's spreadsheet uses, folded (see `choiceKey`), beside the API's own values. */
const LEVEL_ALIASES: Record<string, CertificationLevel> = {
  district: 'district',
  huyen: 'district',
  cap_huyen: 'district',
  provincial: 'provincial',
  province: 'provincial',
  tinh: 'provincial',
  cap_tinh: 'provincial',
  central: 'central',
  trung_uong: 'central',
  cap_trung_uong: 'central',
};
const KIND_ALIASES: Record<string, ProducerKind> = {
  ...Object.fromEntries(producerKinds.map((kind) => [kind, kind])),
  doanh_nghiep: 'enterprise',
  cong_ty: 'enterprise',
  hop_tac_xa: 'cooperative',
  htx: 'cooperative',
  to_hop_tac: 'cooperative_group',
  tht: 'cooperative_group',
  ho_kinh_doanh: 'household',
  ho_san_xuat: 'household',
  ho_san_xuat_kinh_doanh: 'household',
};
const STATUS_ALIASES: Record<string, IngestStatus> = {
  active: 'active',
  hieu_luc: 'active',
  con_hieu_luc: 'active',
  revoked: 'revoked',
  thu_hoi: 'revoked',
  da_thu_hoi: 'revoked',
};

/** "Cấp tỉnh" → "cap_tinh": how a free-text choice is compared. */
const choiceKey = (value: string) => foldVietnamese(value).replace(/ /g, '_');

/** "2025-08-15", "15/08/2025" or "15/8/2025" → "2025-08-15"; null when not a real calendar date. */
export function parseRecordDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const vietnamese = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vietnamese
      ? [Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(year) || year < 1900) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A number as JSON sends it or as a spreadsheet writes it ("78.5" or "78,5"); null otherwise. */
export function parseRecordNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !/^-?\d+(?:[.,]\d+)?$/.test(value.trim())) return null;
  return Number(value.trim().replace(',', '.'));
}

const hasOneDecimalAtMost = (value: number) => Math.abs(Math.round(value * 10) - value * 10) < 1e-9;

/**
 * Checks a raw record and, when it holds, returns it normalised: dates in ISO
 * form, the criteria version and valid-until filled in by their defaults,
 * names folded for matching.
 */
export function checkRecord(raw: RawRecord, reference: RecordReference, today: string): RecordCheck {
  const issues: RecordIssue[] = [];
  const report = (field: RecordField | string, rule: RecordRule, params?: RecordIssue['params']) =>
    issues.push(params ? { field, rule, params } : { field, rule });

  for (const key of Object.keys(raw)) {
    if (!(RECORD_FIELDS as readonly string[]).includes(key)) report(key, 'unknown_field');
  }

  const text = (field: RecordField, max: number): string | null => {
    const value = raw[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number') {
      report(field, 'not_text');
      return null;
    }
    const trimmed = String(value).trim();
    if (trimmed.length > max) {
      report(field, 'too_long', { max });
      return null;
    }
    return trimmed === '' ? null : trimmed;
  };
  const required = (field: RecordField, max: number): string | null => {
    const value = text(field, max);
    if (value === null && !issues.some((issue) => issue.field === field)) report(field, 'required');
    return value;
  };
  const choice = <T extends string>(field: RecordField, aliases: Record<string, T>, value: string | null) => {
    if (value === null) return null;
    const chosen = aliases[choiceKey(value)];
    if (!chosen) report(field, 'invalid_choice', { allowed: [...new Set(Object.values(aliases))].join(', ') });
    return chosen ?? null;
  };
  const date = (field: RecordField, value: string | null) => {
    if (value === null) return null;
    const parsed = parseRecordDate(value);
    if (!parsed) report(field, 'invalid_date');
    return parsed;
  };
  const number = (field: RecordField) => {
    const value = raw[field];
    if (value === undefined || value === null || value === '') return null;
    const parsed = parseRecordNumber(value);
    if (parsed === null) report(field, 'invalid_number');
    return parsed;
  };

  const decisionNumber = required('decision_number', MAX_TEXT.short);
  const decisionDate = date('decision_date', required('decision_date', MAX_TEXT.short));
  if (decisionDate && decisionDate > today) report('decision_date', 'future_date');
  const issuingBody = required('issuing_body', MAX_TEXT.name);
  const level = choice('level', LEVEL_ALIASES, required('level', MAX_TEXT.short));

  const versionText = text('criteria_version', MAX_TEXT.short);
  let criteriaVersion: CriteriaVersion | null = null;
  if (versionText !== null) {
    if (versionText === '1048' || versionText === '148') criteriaVersion = versionText;
    else report('criteria_version', 'invalid_choice', { allowed: '1048, 148' });
  } else if (decisionDate) {
    criteriaVersion = criteriaVersionOn(decisionDate);
  }
  // A council decides under the criteria in force on the decision date (148 from 24 Feb 2023, 1048 before).
  if (criteriaVersion && decisionDate && criteriaVersion !== criteriaVersionOn(decisionDate)) {
    const period = periodOn(decisionDate);
    report('criteria_version', 'criteria_not_in_force', {
      version: criteriaVersion,
      inForce: period.criteriaVersion,
      basis: period.basis,
    });
  }

  const producerName = required('producer_name', MAX_TEXT.name);
  const producerKind = choice('producer_kind', KIND_ALIASES, required('producer_kind', MAX_TEXT.short));
  const taxCode = text('tax_code', MAX_TEXT.short);
  if (taxCode !== null && !isValidTaxCode(taxCode)) report('tax_code', 'tax_code_format');
  const provinceCode = required('province_code', MAX_TEXT.short);
  if (provinceCode !== null && !reference.provinceCodes.has(provinceCode)) report('province_code', 'unknown_province');
  const communeCode = text('commune_code', MAX_TEXT.short);
  if (communeCode !== null) {
    const communeProvince = reference.communeProvinces.get(communeCode);
    if (communeProvince === undefined) report('commune_code', 'unknown_commune');
    else if (provinceCode !== null && communeProvince !== provinceCode)
      report('commune_code', 'commune_outside_province', { province: communeProvince });
  }

  const productCode = text('product_code', MAX_TEXT.short);
  const productName = text('product_name', MAX_TEXT.name);
  if (productCode === null && productName === null && !issues.some((i) => i.field.startsWith('product_')))
    report('product_name', 'product_identity');

  const groupText = required('group', MAX_TEXT.short);
  let groupId: string | null = null;
  if (groupText !== null) {
    const resolved = resolveGroup(groupText, criteriaVersion, reference);
    groupId = resolved ?? null;
    const group = groupId ? reference.groups.get(groupId) : undefined;
    // Undecided (a code of several criteria sets, no version known) only follows a date or version already reported.
    if (!group) {
      if (resolved !== undefined) report('group', 'unknown_group');
    } else if (criteriaVersion && group.criteriaVersion !== criteriaVersion)
      report('group', 'group_of_other_criteria', { version: group.criteriaVersion });
  }
  const subgroupId = text('subgroup', MAX_TEXT.short);
  if (subgroupId !== null) {
    const parent = reference.subgroupGroups.get(subgroupId);
    if (parent === undefined) report('subgroup', 'unknown_subgroup');
    else if (groupId !== null && parent !== groupId) report('subgroup', 'subgroup_outside_group', { group: parent });
  }

  const score = number('score');
  if (score === null && !issues.some((issue) => issue.field === 'score')) report('score', 'required');
  if (score !== null) {
    if (score < 0 || score > 100) report('score', 'score_range');
    else if (!hasOneDecimalAtMost(score)) report('score', 'score_precision');
  }
  const stars = number('stars');
  if (stars === null && !issues.some((issue) => issue.field === 'stars')) report('stars', 'required');
  if (stars !== null) {
    if (!Number.isInteger(stars) || stars < 1 || stars > 5) report('stars', 'stars_range');
    else if (score !== null && score >= 0 && score <= 100 && stars > starBand(score))
      report('stars', 'stars_above_band', { band: starBand(score) });
    else if (level && decisionDate) {
      const period = periodOn(decisionDate);
      if (!period.evaluates.includes(level)) report('level', 'level_not_in_period', { basis: period.basis });
      else if (!levelMayAward(level, stars, decisionDate, MIN_CERTIFIED_STARS))
        report('level', 'level_cannot_award', { basis: period.basis, stars });
    }
  }

  const parts = (['part_a', 'part_b', 'part_c'] as const).map((field) => number(field));
  let partScores: [number, number, number] | null = null;
  const givenParts = parts.filter((part) => part !== null).length;
  if (givenParts > 0 && givenParts < 3 && !issues.some((i) => i.field.startsWith('part_')))
    report('part_a', 'part_scores_incomplete');
  if (givenParts === 3 && criteriaVersion) {
    const maxima = PART_MAXIMA[criteriaVersion];
    parts.forEach((part, index) => {
      if (part !== null && (part < 0 || part > maxima[index]!))
        report(`part_${'abc'[index]}`, 'part_score_range', { max: maxima[index]! });
    });
    const sum = parts.reduce<number>((total, part) => total + part!, 0);
    if (score !== null && Math.abs(sum - score) > 0.15) report('part_a', 'part_scores_sum', { sum, score });
    partScores = parts as [number, number, number];
  }

  const validUntilText = date('valid_until', text('valid_until', MAX_TEXT.short));
  const longest = decisionDate ? latestValidUntil(decisionDate) : null;
  const validUntil = validUntilText ?? longest;
  if (validUntilText && decisionDate && validUntilText <= decisionDate)
    report('valid_until', 'valid_until_before_decision');
  else if (validUntilText && decisionDate && longest && validUntilText > longest) {
    const period = periodOn(decisionDate);
    report('valid_until', 'valid_until_too_late', { max: longest, months: period.validityMonths, basis: period.basis });
  }

  const status = choice('status', STATUS_ALIASES, text('status', MAX_TEXT.short)) ?? 'active';
  const revocationReason = text('revocation_reason', MAX_TEXT.long);
  const revocationDecision = text('revocation_decision', MAX_TEXT.short);
  if (status === 'revoked') {
    if (revocationReason === null) report('revocation_reason', 'required');
    if (revocationDecision === null) report('revocation_decision', 'required');
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    record: {
      decisionNumber: decisionNumber!,
      decisionDate: decisionDate!,
      issuingBody: issuingBody!,
      level: level!,
      criteriaVersion: criteriaVersion!,
      producer: {
        name: producerName!,
        nameNormalized: foldVietnamese(producerName!),
        kind: producerKind!,
        taxCode,
        provinceCode: provinceCode!,
        communeCode,
      },
      product: {
        code: productCode,
        name: productName,
        nameNormalized: productName === null ? null : foldVietnamese(productName),
        groupId: groupId!,
        subgroupId,
      },
      score: score!,
      stars: stars!,
      partScores,
      validUntil: validUntil!,
      status,
      revocation: status === 'revoked' ? { reason: revocationReason!, decisionNumber: revocationDecision! } : null,
    },
  };
}

/**
 * A group given as its id ("148.food") or as the catalogue code ("food") of
 * the record's criteria set, when that code names one group only. Null when
 * no group fits; undefined when the criteria set is unknown (a date or
 * version already reported) and the code names groups of several sets.
 */
function resolveGroup(
  value: string,
  version: CriteriaVersion | null,
  reference: RecordReference,
): string | null | undefined {
  if (reference.groups.has(value)) return value;
  const code = choiceKey(value);
  const candidates = [...reference.groups].filter(
    ([, group]) => group.code === code && (version === null || group.criteriaVersion === version),
  );
  if (candidates.length === 1) return candidates[0]![0];
  return version === null && candidates.length > 1 ? undefined : null;
}
