import { Banks as packageBanks } from 'vietnam-qr-pay';
import { describe, expect, it } from 'vitest';
import { bankAccountIssue, bankByBin, BANKS, normaliseAccountNumber } from '../../worker/domain/banks';

describe('BANKS', () => {
  it('names each bank once, by a 6-digit BIN', () => {
    expect(BANKS.filter((bank) => !/^\d{6}$/.test(bank.bin))).toEqual([]);
    expect(new Set(BANKS.map((bank) => bank.bin)).size).toBe(BANKS.length);
  });

  it('holds every BIN of vietnam-qr-pay, with its current bank', () => {
    const current = packageBanks.filter((bank) => /^\d{6}$/.test(bank.bin) && !bank.deprecated);
    for (const bank of current) {
      const ours = bankByBin(bank.bin);
      const sameName = ours?.name === bank.name && ours.shortName === bank.shortName && ours.code === bank.code;
      const renamed = ours?.formerNames?.includes(bank.shortName) ?? false;
      expect(sameName || renamed, `${bank.bin} ${bank.shortName}`).toBe(true);
    }
    expect(BANKS.length).toBe(new Set(current.map((bank) => bank.bin)).size);
  });

  it('keeps the names a renamed bank went by', () => {
    expect(bankByBin('970449')).toMatchObject({ shortName: 'LPBank', formerNames: ['LienVietPostBank'] });
    expect(bankByBin('970406')).toMatchObject({ shortName: 'Vikki Bank', formerNames: ['DongA Bank'] });
  });
});

describe('bankByBin', () => {
  it('finds the bank of the known-good VietQR example and the large state banks', () => {
    expect(bankByBin('970416')).toMatchObject({ code: 'ACB', name: 'Ngân hàng TMCP Á Châu' });
    expect(bankByBin('970436')?.shortName).toBe('Vietcombank');
    expect(bankByBin('970405')?.shortName).toBe('Agribank');
  });

  it('gives null for an unknown BIN', () => {
    expect(bankByBin('123456')).toBeNull();
    expect(bankByBin('')).toBeNull();
  });
});

describe('bankAccountIssue', () => {
  it.each([
    ['970416', '257678859', null],
    ['971025', 'PSP123456789000000', null],
    ['97041', '257678859', 'invalid_bin'],
    ['97041A', '257678859', 'invalid_bin'],
    ['999999', '257678859', 'unknown_bank'],
    ['970416', '', 'invalid_account_number'],
    ['970416', '2576 78859', 'invalid_account_number'],
    ['970416', '1'.repeat(20), 'invalid_account_number'],
  ])('bank %s, account %j: %s', (bin, account, issue) => {
    expect(bankAccountIssue(bin, account)).toBe(issue);
  });
});

describe('normaliseAccountNumber', () => {
  it('drops the separators people group digits with', () => {
    expect(normaliseAccountNumber(' 0123 456.789-0 ')).toBe('01234567890');
    expect(normaliseAccountNumber('psp12')).toBe('PSP12');
  });
});
