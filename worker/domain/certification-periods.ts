/**
 * Which criteria set applies and which level may recognise which stars, by
 * decision date (DOMAIN.md, "Which level recognises which stars"). The rules
 * are data: a new decision of the Prime Minister is a new row here, not new
 * code. Ingest validation, the seed and the demo generator all read this table.
 */
import type { CertificationLevel, CriteriaVersion } from './certification';
import { addMonths } from './time';

export interface CertificationPeriod {
  /** The legal basis, named in rejections so a council knows which rule applies. */
  basis: string;
  /** First day the period applies ("YYYY-MM-DD"); the next period's `from` ends it. */
  from: string;
  /** The criteria set in force: a decision of the period is made under it and no other. */
  criteriaVersion: CriteriaVersion;
  /** How long a certificate decided in the period is valid at most, from its decision date. */
  validityMonths: number;
  /** Star ratings each level may recognise; a level absent here no longer exists or recognises nothing. */
  awards: Partial<Record<CertificationLevel, readonly number[]>>;
  /** Levels whose councils still score products, including those that only forward results. */
  evaluates: readonly CertificationLevel[];
}

export const CERTIFICATION_PERIODS: readonly CertificationPeriod[] = [
  {
    basis: 'Quyết định 1048/QĐ-TTg (2019)',
    from: '0000-01-01',
    criteriaVersion: '1048',
    validityMonths: 36,
    // Districts scored and forwarded products of 50 points or more; provinces recognised them.
    awards: { provincial: [3, 4], central: [5] },
    evaluates: ['district', 'provincial', 'central'],
  },
  {
    basis: 'Quyết định 148/QĐ-TTg (24/02/2023)',
    from: '2023-02-24',
    criteriaVersion: '148',
    validityMonths: 36,
    awards: { district: [3], provincial: [4], central: [5] },
    evaluates: ['district', 'provincial', 'central'],
  },
  {
    basis: 'Quyết định 1489/QĐ-TTg (06/07/2025)',
    from: '2025-07-06',
    criteriaVersion: '148',
    validityMonths: 36,
    // Districts were abolished on 1 July 2025; communes only pre-screen dossiers.
    awards: { provincial: [3, 4], central: [5] },
    evaluates: ['provincial', 'central'],
  },
];

/** Maximum points of parts A, B and C under each criteria set. */
export const PART_MAXIMA: Record<CriteriaVersion, readonly [number, number, number]> = {
  '1048': [35, 25, 40],
  '148': [40, 25, 35],
};

/** The period a decision dated `decisionDate` ("YYYY-MM-DD") falls in. */
export function periodOn(decisionDate: string): CertificationPeriod {
  let found = CERTIFICATION_PERIODS[0]!;
  for (const period of CERTIFICATION_PERIODS) if (period.from <= decisionDate) found = period;
  return found;
}

/** The criteria set a decision was made under when the record does not say. */
export const criteriaVersionOn = (decisionDate: string): CriteriaVersion => periodOn(decisionDate).criteriaVersion;

/**
 * The last day a certificate decided on `decisionDate` may be valid: the
 * decision date plus the period's validity (36 months, clamped to the month's
 * last day). It is also the valid-until date when a record gives none.
 */
export const latestValidUntil = (decisionDate: string): string =>
  addMonths(decisionDate, periodOn(decisionDate).validityMonths);

/** Whether `level` may record a result of `stars` on `decisionDate`; 1 and 2 stars are results, not recognitions. */
export function levelMayAward(level: CertificationLevel, stars: number, decisionDate: string, minCertified: number) {
  const period = periodOn(decisionDate);
  if (!period.evaluates.includes(level)) return false;
  return stars < minCertified || (period.awards[level]?.includes(stars) ?? false);
}

/**
 * The level that recognises `stars` on `decisionDate`: the lowest one allowed
 * to. A 1 or 2 star result comes from the council that would have awarded 3.
 */
export function recognisingLevel(decisionDate: string, stars: number): CertificationLevel {
  const { awards } = periodOn(decisionDate);
  const levels: CertificationLevel[] = ['district', 'provincial', 'central'];
  const awarded = Math.max(stars, 3);
  return levels.find((level) => awards[level]?.includes(awarded)) ?? 'provincial';
}
