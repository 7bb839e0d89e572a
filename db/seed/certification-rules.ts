/**
 * Who signs a seeded decision and how its score splits over the parts. The
 * period table itself (criteria version and level by date) is the domain's
 * (worker/domain/certification-periods.ts), so the seeded history never
 * contradicts what the ingest accepts.
 */
import type { CriteriaVersion } from '../../worker/domain/certification';
import { PART_MAXIMA } from '../../worker/domain/certification-periods';

/** The agriculture and environment ministries merged on 1 March 2025. */
const MINISTRY_MERGER_FROM = '2025-03-01';

export function centralIssuingBody(decisionDate: string): string {
  return decisionDate < MINISTRY_MERGER_FROM
    ? 'Bộ Nông nghiệp và Phát triển nông thôn'
    : 'Bộ Nông nghiệp và Môi trường';
}

/** Splits a total score over parts A/B/C in proportion to their maxima, to one decimal. */
export function partScores(score: number, version: CriteriaVersion): [number, number, number] {
  const [a, b] = PART_MAXIMA[version];
  const partA = Math.round(score * a) / 100;
  const partB = Math.round(score * b) / 100;
  const roundA = Math.round(partA * 10) / 10;
  const roundB = Math.round(partB * 10) / 10;
  return [roundA, roundB, Math.round((score - roundA - roundB) * 10) / 10];
}
