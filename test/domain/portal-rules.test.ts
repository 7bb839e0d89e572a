import { describe, expect, it } from 'vitest';
import { addDays, dailySeries, daysUntil, expiresSoon } from '../../worker/domain/dashboard';
import { compactGtin, gtinCheckDigit, isValidGtin } from '../../worker/domain/gtin';
import { adjustedStock, catalogueFigures, isLowStock, LOW_STOCK_THRESHOLD } from '../../worker/domain/inventory';
import { MAX_PHOTO_BYTES } from '../../worker/domain/media';
import {
  isValidBankAccountNumber,
  isValidBankBin,
  isValidTaxCode,
  normalisePhone,
} from '../../worker/domain/organisation';

describe('isValidGtin', () => {
  it.each([
    ['96385074', 'GTIN-8'],
    ['036000291452', 'GTIN-12 (UPC-A)'],
    ['8934588012228', 'GTIN-13, a Vietnamese 893 prefix'],
    ['4006381333931', 'GTIN-13'],
    ['18934588012225', 'GTIN-14'],
  ])('accepts %s (%s)', (gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each([
    ['8934588012229', 'wrong check digit'],
    ['96385075', 'wrong check digit on GTIN-8'],
    ['893458801222', 'GTIN-13 missing a digit reads as a GTIN-12 with a wrong check digit'],
    ['12345678901', '11 digits'],
    ['893458801222a', 'a letter'],
    ['', 'empty'],
  ])('refuses %s (%s)', (gtin) => {
    expect(isValidGtin(gtin)).toBe(false);
  });

  it('computes the check digit with weights 3,1,3… from the right', () => {
    expect(gtinCheckDigit('893458801222')).toBe(8);
    expect(gtinCheckDigit('9638507')).toBe(4);
  });

  it('ignores the spaces and dashes printed under barcodes', () => {
    expect(compactGtin('893 4588 01222-8')).toBe('8934588012228');
  });
});

describe('isValidTaxCode', () => {
  it.each(['0312345678', '0312345678-001'])('accepts %s', (code) => expect(isValidTaxCode(code)).toBe(true));
  it.each(['031234567', '03123456789', '0312345678-01', '0312345678001', '031234567A'])('refuses %s', (code) =>
    expect(isValidTaxCode(code)).toBe(false),
  );
});

describe('normalisePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 32 123 4567', '0321234567'],
    ['0561234567', '0561234567'],
    ['0781234567', '0781234567'],
    ['0861234567', '0861234567'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(['0212345678', '091234567', '09123456789', '+8491234567', '0412345678', 'zalo me'])('refuses %s', (input) =>
    expect(normalisePhone(input)).toBeNull(),
  );
});

describe('bank account', () => {
  it('takes a 6-digit BIN only', () => {
    expect(isValidBankBin('970416')).toBe(true);
    expect(isValidBankBin('97041')).toBe(false);
    expect(isValidBankBin('97041a')).toBe(false);
  });
  it('takes 6 to 19 digits as an account number', () => {
    expect(isValidBankAccountNumber('257678859')).toBe(true);
    expect(isValidBankAccountNumber('12345')).toBe(false);
    expect(isValidBankAccountNumber('2576-78859')).toBe(false);
  });
});

describe('photos', () => {
  it('takes photos up to 5 MB', () => {
    expect(MAX_PHOTO_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe('stock', () => {
  it('never goes below zero', () => {
    expect(adjustedStock(3, -3)).toBe(0);
    expect(adjustedStock(3, -4)).toBeNull();
    expect(adjustedStock(0, 12)).toBe(12);
  });

  it('calls stock low at the threshold and below', () => {
    expect(isLowStock(LOW_STOCK_THRESHOLD)).toBe(true);
    expect(isLowStock(LOW_STOCK_THRESHOLD + 1)).toBe(false);
  });

  it('gives the catalogue the lowest variant price and the summed stock', () => {
    expect(
      catalogueFigures([
        { price: 120_000, stock: 4 },
        { price: 65_000, stock: 10 },
      ]),
    ).toEqual({ price: 65_000, stock: 14 });
    expect(catalogueFigures([])).toEqual({ price: null, stock: 0 });
  });
});

describe('dashboard rules', () => {
  it('warns about certificates lapsing within 90 days, counting the last valid day', () => {
    const today = '2026-03-01';
    expect(expiresSoon({ status: 'active', validUntil: '2026-03-01' }, today)).toBe(true);
    expect(expiresSoon({ status: 'active', validUntil: addDays(today, 90) }, today)).toBe(true);
    expect(expiresSoon({ status: 'active', validUntil: addDays(today, 91) }, today)).toBe(false);
    expect(expiresSoon({ status: 'active', validUntil: '2026-02-28' }, today)).toBe(false);
    expect(expiresSoon({ status: 'revoked', validUntil: '2026-04-01' }, today)).toBe(false);
  });

  it('counts days until a date across a month end', () => {
    expect(daysUntil('2026-03-02', '2026-02-27')).toBe(3);
  });

  it('fills 30 days, oldest first, ending today, with zeros for quiet days', () => {
    const series = dailySeries([{ day: '2026-03-01', count: 4 }], '2026-03-01');
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual({ day: '2026-01-31', count: 0 });
    expect(series[29]).toEqual({ day: '2026-03-01', count: 4 });
  });
});
