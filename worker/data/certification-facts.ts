import { certifications } from '../../db/schema';

/** What a page shows of each recorded result (CertificationFacts in worker/domain/certification.ts). */
export const certificationFactColumns = {
  id: certifications.id,
  stars: certifications.stars,
  score: certifications.score,
  criteriaVersion: certifications.criteriaVersion,
  level: certifications.level,
  decisionNumber: certifications.decisionNumber,
  decisionDate: certifications.decisionDate,
  issuingBody: certifications.issuingBody,
  validUntil: certifications.validUntil,
  status: certifications.status,
  statusReason: certifications.statusReason,
  statusChangedAt: certifications.statusChangedAt,
  revocationDecision: certifications.revocationDecision,
};
