import { describe, expect, it } from 'vitest';
import {
  certificationStanding,
  effectiveStatus,
  isListed,
  shownStatus,
  shownValidUntil,
  starBand,
  type CertificationFacts,
} from '../../worker/domain/certification';

const certification = (overrides: Partial<CertificationFacts>): CertificationFacts => ({
  id: 1,
  stars: 4,
  score: 75,
  criteriaVersion: '148',
  level: 'provincial',
  decisionNumber: '1/QĐ-UBND',
  decisionDate: '2025-01-10',
  issuingBody: 'UBND tỉnh Đồng Nai',
  validUntil: '2028-01-10',
  status: 'active',
  statusReason: null,
  statusChangedAt: null,
  revocationDecision: null,
  ...overrides,
});

describe('starBand', () => {
  it.each([
    [0, 1],
    [29.9, 1],
    [30, 2],
    [49.9, 2],
    [50, 3],
    [69.9, 3],
    [70, 4],
    [71.7, 4],
    [89.9, 4],
    [90, 5],
    [100, 5],
  ])('score %d is in the %d-star band', (score, stars) => {
    expect(starBand(score)).toBe(stars);
  });
});

describe('effectiveStatus', () => {
  it('reads an active certificate past its valid-until date as expired before any job runs', () => {
    expect(effectiveStatus({ status: 'active', validUntil: '2026-11-24' }, '2026-11-25')).toBe('expired');
  });

  it('keeps a certificate valid through its last day', () => {
    expect(effectiveStatus({ status: 'active', validUntil: '2026-11-25' }, '2026-11-25')).toBe('active');
  });

  it('leaves revoked and superseded as they are', () => {
    expect(effectiveStatus({ status: 'revoked', validUntil: '2099-01-01' }, '2026-11-25')).toBe('revoked');
    expect(effectiveStatus({ status: 'superseded', validUntil: '2099-01-01' }, '2026-11-25')).toBe('superseded');
  });
});

describe('certificationStanding', () => {
  const today = '2026-11-25';

  it('is certified by the latest active decision', () => {
    const standing = certificationStanding([certification({ id: 1, stars: 3 })], today);
    expect(standing).toMatchObject({ state: 'certified', certification: { stars: 3 } });
  });

  it('follows an upgrade: the superseded 3-star decision gives way to the 4-star one', () => {
    const standing = certificationStanding(
      [
        certification({ id: 1, stars: 3, status: 'superseded', decisionDate: '2023-05-01' }),
        certification({ id: 2, stars: 4, decisionDate: '2025-06-01' }),
      ],
      today,
    );
    expect(standing).toMatchObject({ state: 'certified', certification: { id: 2, stars: 4 } });
  });

  it('says since when a certificate expired: the day after its valid-until date', () => {
    const standing = certificationStanding([certification({ validUntil: '2026-02-24' })], today);
    expect(standing).toMatchObject({ state: 'lapsed', reason: 'expired', since: '2026-02-25' });
  });

  it('says since when a certificate was revoked', () => {
    const standing = certificationStanding(
      [certification({ status: 'revoked', statusChangedAt: '2026-09-01T03:00:00.000Z', statusReason: 'Vi phạm' })],
      today,
    );
    expect(standing).toMatchObject({ state: 'lapsed', reason: 'revoked', since: '2026-09-01' });
  });

  it('dates a revocation by the day in Vietnam: 20:00 UTC is already the next morning there', () => {
    const at = (statusChangedAt: string) =>
      certificationStanding([certification({ status: 'revoked', statusChangedAt })], today);
    expect(at('2026-09-01T20:00:00.000Z')).toMatchObject({ since: '2026-09-02' });
    expect(at('2026-09-01T16:59:59.999Z')).toMatchObject({ since: '2026-09-01' });
    expect(at('2026-09-01T17:00:00.000Z')).toMatchObject({ since: '2026-09-02' });
  });

  it('does not treat 1 and 2 star results as OCOP certifications', () => {
    expect(certificationStanding([certification({ stars: 2, score: 45 })], today)).toEqual({ state: 'uncertified' });
    expect(certificationStanding([], today)).toEqual({ state: 'uncertified' });
  });
});

describe('shownStatus and shownValidUntil', () => {
  const today = '2026-11-25';
  it('never shows a 1 or 2 star result as valid, expired or with a valid-until date', () => {
    for (const status of ['active', 'expired'] as const) {
      expect(shownStatus(certification({ stars: 2, score: 45, status }), today)).toBe('not_certified');
    }
    expect(shownStatus(certification({ stars: 1, score: 20, validUntil: '2020-01-01' }), today)).toBe('not_certified');
    expect(shownValidUntil(certification({ stars: 2, score: 45 }))).toBeNull();
    expect(shownStatus(certification({ stars: 2, score: 45, status: 'revoked' }), today)).toBe('revoked');
  });

  it('shows a certificate of 3 stars or more as its effective status and date', () => {
    expect(shownStatus(certification({}), today)).toBe('active');
    expect(shownStatus(certification({ validUntil: '2026-11-24' }), today)).toBe('expired');
    expect(shownValidUntil(certification({ stars: 3, score: 60 }))).toBe('2028-01-10');
  });
});

describe('isListed', () => {
  const today = '2026-11-25';
  it('lists published products with 3 or more stars and a current certificate', () => {
    expect(isListed({ isPublished: true, ocopStars: 3, certifiedUntil: '2027-01-01' }, today)).toBe(true);
  });
  it.each([
    [{ isPublished: false, ocopStars: 5, certifiedUntil: '2027-01-01' }],
    [{ isPublished: true, ocopStars: 2, certifiedUntil: '2027-01-01' }],
    [{ isPublished: true, ocopStars: null, certifiedUntil: null }],
    [{ isPublished: true, ocopStars: 4, certifiedUntil: '2026-11-24' }],
  ])('does not list %o', (product) => {
    expect(isListed(product, today)).toBe(false);
  });
});
