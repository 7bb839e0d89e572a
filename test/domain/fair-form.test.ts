import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairFloorFromForm, fairFloorToForm, type FairFloor } from '../../worker/domain/fair-form';

const zones = [
  'ocop | Khu sản phẩm OCOP | OCOP products',
  'dac_san | Đặc sản vùng miền',
  'am_thuc | Ẩm thực | Food',
].join('\n');
const boothTypes = [
  'standard | Gian tiêu chuẩn | Standard booth | 3x3 | 1.500.000',
  'double | Gian đôi | | 6 x 3 m | 2.800.000 ₫',
  'small | Gian nhỏ | Small | 2,5×2 | 0',
].join('\n');

describe('fairFloorFromForm', () => {
  it('reads zones, booth types in metres and đồng, and booth runs with ranges', () => {
    const result = fairFloorFromForm({
      zones,
      boothTypes,
      booths: 'ocop | standard | A01..A03, A10\n\ndac_san | double | B1 – B2\nam_thuc | F1 F2;F3',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.floor.zones).toEqual([
      { code: 'ocop', nameVi: 'Khu sản phẩm OCOP', nameEn: 'OCOP products' },
      { code: 'dac_san', nameVi: 'Đặc sản vùng miền', nameEn: null },
      { code: 'am_thuc', nameVi: 'Ẩm thực', nameEn: 'Food' },
    ]);
    expect(result.floor.boothTypes).toEqual([
      {
        code: 'standard',
        nameVi: 'Gian tiêu chuẩn',
        nameEn: 'Standard booth',
        widthCm: 300,
        depthCm: 300,
        feeVnd: 1_500_000,
      },
      { code: 'double', nameVi: 'Gian đôi', nameEn: null, widthCm: 600, depthCm: 300, feeVnd: 2_800_000 },
      { code: 'small', nameVi: 'Gian nhỏ', nameEn: 'Small', widthCm: 250, depthCm: 200, feeVnd: 0 },
    ]);
    expect(result.floor.booths.map((booth) => `${booth.zoneCode}/${booth.typeCode}/${booth.code}`)).toEqual([
      'ocop/standard/A01',
      'ocop/standard/A02',
      'ocop/standard/A03',
      'ocop/standard/A10',
      'dac_san/double/B1',
      'dac_san/double/B2',
      'am_thuc/null/F1',
      'am_thuc/null/F2',
      'am_thuc/null/F3',
    ]);
  });

  it('names the field, line and rule of every line it cannot read', () => {
    const result = fairFloorFromForm({
      zones: 'ocop | OCOP\nOCOP | lặp lại\nkhu ăn uống | Ẩm thực\nchỉ mã',
      boothTypes:
        'standard | Gian | | 3x3 | 1.000.000\nshort | Gian | | 3x3\nbig | Gian lớn | | 100x3 | 1.000.000\nfree | Miễn phí | | 3x3 | một triệu',
      booths: 'ocop | standard | A01..A03\nfood | A1\nocop | vip | A9\nocop | A12..A3\nocop | a03\nocop | AQUITE-LONG1',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ field, line, rule }) => `${field}:${line}:${rule}`)).toEqual([
      'zones:2:duplicate',
      'zones:3:zone_code',
      'zones:4:format',
      'boothTypes:2:format',
      'boothTypes:3:size',
      'boothTypes:4:fee',
      'booths:2:unknown_zone',
      'booths:3:unknown_type',
      'booths:4:range',
      'booths:5:duplicate',
      'booths:6:booth_code',
    ]);
    expect(result.problems[0]!.text).toBe('OCOP | lặp lại');
  });

  it('refuses more than a thousand booths', () => {
    const result = fairFloorFromForm({ zones: 'a | A', booths: 'a | A0001..A0999\na | B1..B2' });
    expect(result.ok ? [] : result.problems.map((p) => p.rule)).toEqual(['too_many']);
  });

  it('reads an empty floor as no zones, types or booths', () => {
    expect(fairFloorFromForm({})).toEqual({ ok: true, floor: { zones: [], boothTypes: [], booths: [] } });
  });
});

describe('fairFloorToForm', () => {
  it('writes runs of booths as ranges and reads back as the same floor', () => {
    const floor: FairFloor = {
      zones: [
        { code: 'ocop', nameVi: 'Khu OCOP', nameEn: 'OCOP' },
        { code: 'food', nameVi: 'Ẩm thực', nameEn: null },
      ],
      boothTypes: [{ code: 'std', nameVi: 'Tiêu chuẩn', nameEn: null, widthCm: 250, depthCm: 300, feeVnd: 1_500_000 }],
      booths: [
        ...['A08', 'A09', 'A10', 'A11', 'A13'].map((code) => ({ code, zoneCode: 'ocop', typeCode: 'std' })),
        ...['F9', 'F10', 'OCOP-1'].map((code) => ({ code, zoneCode: 'food', typeCode: null })),
      ],
    };
    const form = fairFloorToForm(floor);
    expect(form).toEqual({
      zones: 'ocop | Khu OCOP | OCOP\nfood | Ẩm thực',
      boothTypes: 'std | Tiêu chuẩn |  | 2,5x3 | 1.500.000',
      booths: 'ocop | std | A08..A11, A13\nfood | F9, F10, OCOP-1',
    });
    expect(fairFloorFromForm(form)).toEqual({ ok: true, floor });
  });

  it('round-trips any floor of valid booth codes', () => {
    const code = fc.stringMatching(/^[A-Z][A-Z0-9-]{0,2}\d{1,3}$/);
    fc.assert(
      fc.property(fc.uniqueArray(code, { minLength: 1, maxLength: 60 }), (codes) => {
        const floor: FairFloor = {
          zones: [{ code: 'z', nameVi: 'Khu', nameEn: null }],
          boothTypes: [],
          booths: codes.map((c) => ({ code: c, zoneCode: 'z', typeCode: null })),
        };
        expect(fairFloorFromForm(fairFloorToForm(floor))).toEqual({ ok: true, floor });
      }),
    );
  });
});
