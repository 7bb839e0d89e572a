/**
 * Which criteria version and which level recognise a star rating on a given
 * date (DOMAIN.md, "Which level recognises which stars"), and who signs.
 * Demo data and the generator both derive their decisions from here so the
 * seeded history never contradicts the programme's period table.
 */
import type { CertificationLevel, CriteriaVersion } from '../../worker/domain/certification';

/** Decision 148/QĐ-TTg took effect on this date. */
export const DECISION_148_FROM = '2023-02-24';
/** Decision 1489/QĐ-TTg: districts stop recognising, provinces award 3 and 4 stars. */
export const DECISION_1489_FROM = '2025-07-06';
/** The agriculture and environment ministries merged on 1 March 2025. */
const MINISTRY_MERGER_FROM = '2025-03-01';

export function criteriaVersionOn(decisionDate: string): CriteriaVersion {
  return decisionDate < DECISION_148_FROM ? '1048' : '148';
}

export function recognisingLevel(decisionDate: string, stars: number): CertificationLevel {
  if (stars >= 5) return 'central';
  if (decisionDate >= DECISION_148_FROM && decisionDate < DECISION_1489_FROM && stars <= 3) return 'district';
  return 'provincial';
}

export function centralIssuingBody(decisionDate: string): string {
  return decisionDate < MINISTRY_MERGER_FROM
    ? 'Bộ Nông nghiệp và Phát triển nông thôn'
    : 'Bộ Nông nghiệp và Môi trường';
}

/** Maximum points of parts A, B and C under each criteria set. */
export const PART_MAXIMA: Record<CriteriaVersion, [number, number, number]> = {
  '1048': [35, 25, 40],
  '148': [40, 25, 35],
};

/** Splits a total score over parts A/B/C in proportion to their maxima, to one decimal. */
export function partScores(score: number, version: CriteriaVersion): [number, number, number] {
  const [a, b] = PART_MAXIMA[version];
  const partA = Math.round(score * a) / 100;
  const partB = Math.round(score * b) / 100;
  const roundA = Math.round(partA * 10) / 10;
  const roundB = Math.round(partB * 10) / 10;
  return [roundA, roundB, Math.round((score - roundA - roundB) * 10) / 10];
}
