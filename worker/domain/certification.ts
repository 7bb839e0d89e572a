/**
 * OCOP certification rules that every read shares (DOMAIN.md: evaluation and
 * stars). Pure functions: the caller passes "today" in Vietnam time.
 */
import type { certificationLevels, certificationStatuses, criteriaVersions } from '../../db/schema';

export const MIN_CERTIFIED_STARS = 3;
export const CERTIFICATE_VALIDITY_MONTHS = 36;

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
      since: (current.statusChangedAt ?? current.decisionDate).slice(0, 10),
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
