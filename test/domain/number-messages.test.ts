/**
 * The message catalogues write every number the Vietnamese way in both languages, through the one
 * formatter (worker/domain/numbers.ts): a thousand is "1.000", a score "80,5", whatever the page language.
 */
import { describe, expect, it } from 'vitest';
import { messages } from '../../web/messages';

const both = Object.entries(messages);

describe.each(both)('the %s catalogue', (_, t) => {
  it('groups thousands with dots in counts, stock and quantities', () => {
    expect(t.catalogue.results(12345)).toMatch(/^12\.345 /);
    expect(t.product.inStock(1500)).toContain('1.500');
    expect(t.portal.dashboard.stockLeft(2000)).toContain('2.000');
    expect(t.portal.stamps.statusCounts(100000, 2500, 0)).toMatch(/100\.000 .* 2\.500 .* 0 /);
    expect(t.portal.stamps.quantityHint(100000)).toContain('100.000');
    expect(t.salesPoints.results(1200)).toContain('1.200');
    expect(t.portal.scans.evidence(1234, 56, 3)).toContain('1.234');
  });

  it('writes decimals with a comma: scores, kilometres, millimetres', () => {
    expect(t.adminCertifications.score(80.5)).toBe('80,5');
    expect(t.adminCertifications.score(90)).toBe('90');
    expect(t.places.km(3.4)).toBe('3,4 km');
    expect(t.portal.stamps.customLayout(3, 6, 60, 40.5)).toContain('60 × 40,5 mm');
    expect(t.portal.stamps.presets['a4-65']).toContain('38,1 × 21,2 mm');
    expect(t.ingest.rules.part_scores_sum({ sum: 80.5, score: 81 })).toMatch(/80,5.*81/);
  });

  it('names limits in problems the same way', () => {
    expect(t.errors.problems.out_of_range({ min: 1, max: 100000 })).toContain('100.000');
    expect(t.errors.problems.sheet_out_of_range({ last: 2500 })).toContain('2.500');
  });

  it('leaves what is not a quantity as it is: identifiers, dates and coordinates', () => {
    expect(t.admin.auditLog.token(12345)).toContain('12345');
    expect(t.ingest.rules.valid_until_too_late({ months: 36, max: '2025-12-01', basis: 'x' })).toContain('2025-12-01');
  });
});
