import { describe, expect, it } from 'vitest';
import kindsFile from '../../db/reference/sales-point-kinds.json';
import { salesPointKinds, salesPointKindsFileSchema } from '../../worker/domain/sales-point-kinds';

describe('db/reference/sales-point-kinds.json', () => {
  it('lists the kinds of Decision 950/QĐ-BCT in display order, "other" last', () => {
    expect(salesPointKinds(kindsFile).map((kind) => kind.id)).toEqual([
      'ocop_centre',
      'supermarket',
      'market_stall',
      'tourist_site',
      'rest_stop',
      'transport_hub',
      'hotel_restaurant',
      'post_office',
      'fair_centre',
      'other',
    ]);
    expect(kindsFile._source).toContain('950/QĐ-BCT of 18 April 2023');
  });

  it('names every kind in Vietnamese and English', () => {
    for (const kind of salesPointKinds(kindsFile)) {
      expect(kind.nameVi.trim(), kind.id).not.toBe('');
      expect(kind.nameEn.trim(), kind.id).not.toBe('');
    }
    expect(salesPointKinds(kindsFile)[5]).toEqual({
      id: 'transport_hub',
      nameVi: 'Bến xe, nhà ga, cảng hàng không',
      nameEn: 'Bus or railway station, airport',
      sortOrder: 60,
    });
  });
});

describe('salesPointKindsFileSchema', () => {
  const kind = (id: string, sortOrder: number) => ({ id, nameVi: 'x', nameEn: 'x', sortOrder });
  const issues = (kinds: unknown[]) =>
    salesPointKindsFileSchema
      .safeParse({ _source: 'test', kinds })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('refuses an id or a sort order used twice, naming the second', () => {
    expect(issues([kind('market_stall', 1), kind('market_stall', 2)])).toEqual([['kinds.1.id', 'duplicate']]);
    expect(issues([kind('market_stall', 1), kind('post_office', 1)])).toEqual([['kinds.1.sortOrder', 'duplicate']]);
  });

  it('refuses ids that are not snake_case, since they are stored', () => {
    expect(issues([kind('Market stall', 1)])).toEqual([['kinds.0.id', 'snake_case']]);
    expect(issues([kind('market-stall', 1)])).toEqual([['kinds.0.id', 'snake_case']]);
  });
});
