/**
 * OCOP certification rules that every read shares (DOMAIN.md: evaluation and
 * stars). Pure functions: the caller passes "today" in Vietnam time.
 */
import type { certificationLevels, certificationStatuses, criteriaVersions } from '../../db/schema';
import { vietnamDate } from './time';

export const MIN_CERTIFIED_STARS = 3;

export type CertificationStatus = (typeof certificationStatuses)[number];
export type CertificationLevel = (typeof certificationLevels)[number];
export type CriteriaVersion = (typeof criteriaVersions)[number];

export interface CertificationFacts {
  id: number;
  stars: number;
  score: number;
  criteriaVersion: CriteriaVersion;
  level: CertificationLevel;
  decisionNumber: string;
  decisionDate: string;
  issuingBody: string;
  validUntil: string;
  status: CertificationStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  revocationDecision: string | null;
}

/** The star band a score falls in: < 30 → 1, 30-49 → 2, 50-69 → 3, 70-89 → 4, ≥ 90 → 5. */
export function starBand(score: number): number {
  if (score >= 90) return 5;
  if (score >= 70) return 4;
  if (score >= 50) return 3;
  if (score >= 30) return 2;
  return 1;
}

/** The status a reader must see: an active certificate past its valid-until date has expired, job or no job. */
export function effectiveStatus(
  certification: Pick<CertificationFacts, 'status' | 'validUntil'>,
  today: string,
): CertificationStatus {
  if (certification.status === 'active' && certification.validUntil < today) return 'expired';
  return certification.status;
}

/** What a person is told about one recorded result: a status, or that a 1 or 2 star result certifies nothing. */
export type ShownStatus = CertificationStatus | 'not_certified';

/** The administration's stars filter: one certified band, or the 1–2 star results that certify nothing. */
export const STAR_FILTERS = ['5', '4', '3', '1-2'] as const;
export type StarFilter = (typeof STAR_FILTERS)[number];

export interface CertificationFilter {
  province?: string | undefined;
  stars?: StarFilter | undefined;
  level?: CertificationLevel | undefined;
  status?: CertificationStatus | undefined;
  /** Active and valid until no later than today + this many days. */
  expiringWithinDays?: number | undefined;
}

/**
 * The status to show for one result. 1 and 2 star results are not
 * certificates: never "valid" or "expired", only "not certified" (or revoked,
 * when a decision said so).
 */
export function shownStatus(
  certification: Pick<CertificationFacts, 'stars' | 'status' | 'validUntil'>,
  today: string,
): ShownStatus {
  if (certification.stars < MIN_CERTIFIED_STARS && certification.status !== 'revoked') return 'not_certified';
  return effectiveStatus(certification, today);
}

/** The valid-until date to show for one result: none for a 1 or 2 star result, which certifies nothing. */
export const shownValidUntil = (certification: Pick<CertificationFacts, 'stars' | 'validUntil'>): string | null =>
  certification.stars >= MIN_CERTIFIED_STARS ? certification.validUntil : null;

export type CertificationStanding =
  | { state: 'certified'; certification: CertificationFacts }
  | {
      state: 'lapsed';
      certification: CertificationFacts;
      reason: 'expired' | 'revoked';
      /** The first day the product was no longer certified ("YYYY-MM-DD"). */
      since: string;
    }
  | { state: 'uncertified' };

/** The day after `isoDate`. */
function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * What a product's page and badge show, from its whole certification history:
 * the latest decision that was not superseded decides. 1 and 2 star results
 * are recorded but are not OCOP certifications.
 */
export function certificationStanding(history: CertificationFacts[], today: string): CertificationStanding {
  const current = history
    .filter((c) => c.status !== 'superseded' && c.stars >= MIN_CERTIFIED_STARS)
    .sort((a, b) => b.decisionDate.localeCompare(a.decisionDate) || b.id - a.id)[0];
  if (!current) return { state: 'uncertified' };
  const status = effectiveStatus(current, today);
  if (status === 'active') return { state: 'certified', certification: current };
  if (status === 'revoked') {
    return {
      state: 'lapsed',
      certification: current,
      reason: 'revoked',
      // The change is a UTC instant; a person reads the day it was in Vietnam (20:00 UTC is the next morning there).
      since: current.statusChangedAt ? vietnamDate(new Date(current.statusChangedAt)) : current.decisionDate,
    };
  }
  return { state: 'lapsed', certification: current, reason: 'expired', since: nextDay(current.validUntil) };
}

/** Whether a product with these denormalised catalogue fields is listed today. */
export function isListed(
  product: { isPublished: boolean; ocopStars: number | null; certifiedUntil: string | null },
  today: string,
): boolean {
  return (
    product.isPublished &&
    product.ocopStars !== null &&
    product.ocopStars >= MIN_CERTIFIED_STARS &&
    product.certifiedUntil !== null &&
    product.certifiedUntil >= today
  );
}
