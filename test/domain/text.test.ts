import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, ftsMatchExpression, searchMatch, searchTerms, slugify } from '../../worker/domain/text';

describe('foldVietnamese', () => {
  it.each([
    ['Rượu Nhung Hươu', 'ruou nhung huou'],
    ['đường', 'duong'],
    ['ĐỒNG NAI', 'dong nai'],
    ['Bưởi da xanh – Tân Triều!', 'buoi da xanh tan trieu'],
    ['  Trà   Thái Nguyên  ', 'tra thai nguyen'],
    ['Khánh Hoà', 'khanh hoa'],
    ['Khánh Hòa', 'khanh hoa'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('is idempotent and leaves only a-z, 0-9 and single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const folded = foldVietnamese(input);
        expect(folded).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
        expect(foldVietnamese(folded)).toBe(folded);
      }),
    );
  });
});

describe('slugify', () => {
  it('makes URL slugs from Vietnamese names', () => {
    expect(slugify('Mật ong bạc hà Đồng Văn')).toBe('mat-ong-bac-ha-dong-van');
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('item');
  });
});

describe('ftsMatchExpression', () => {
  it('quotes every term and lets the last one match as a prefix', () => {
    expect(ftsMatchExpression('Rượu nhung hươ')).toBe('"ruou" "nhung" "huo"*');
  });

  it('turns FTS5 operators typed by a user into plain words', () => {
    expect(ftsMatchExpression('mật ong OR NEAR(')).toBe('"mat" "ong" "or" "near"*');
  });

  it('returns null when nothing is searchable', () => {
    expect(ftsMatchExpression(' -- ** ')).toBeNull();
  });

  it('keeps at most 8 distinct terms', () => {
    expect(searchTerms('a b c d e f g h i j a b')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });
});

describe('searchMatch', () => {
  it('splits a search into name matches and matches found only elsewhere', () => {
    expect(searchMatch('Mật ong')).toEqual({
      anywhere: '"mat" "ong"*',
      byName: '{name_normalized}: ("mat" "ong"*)',
      elsewhereOnly: '("mat" "ong"*) NOT {name_normalized}: ("mat" "ong"*)',
    });
  });

  it('is null without a searchable term', () => {
    expect(searchMatch(undefined)).toBeNull();
    expect(searchMatch(' ** ')).toBeNull();
  });
});
