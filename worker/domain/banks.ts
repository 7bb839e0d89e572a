/**
 * Vietnamese banks that receive VietQR transfers, keyed by the 6-digit BIN that a VietQR payload
 * names the beneficiary's bank with (db/reference/banks.json says where the list comes from).
 */
import bankFile from '../../db/reference/banks.json';

export interface Bank {
  bin: string;
  /** The code banks and bank-notification services abbreviate it to, e.g. "VCB", "MBB". */
  code: string;
  shortName: string;
  /** Full legal name, in Vietnamese. */
  name: string;
  /** Names the same BIN went by before a renaming or takeover, which producers may still type. */
  formerNames?: string[];
}

export const BANKS: readonly Bank[] = bankFile.banks;

const BANKS_BY_BIN = new Map(BANKS.map((bank) => [bank.bin, bank]));

export const BANK_BIN_PATTERN = /^\d{6}$/;

/**
 * A beneficiary account in a VietQR payload: NAPAS allows up to 19 characters, and e-wallets
 * routed through a bank (MoMo's "PSP…" accounts) use letters as well as digits.
 */
export const ACCOUNT_NUMBER_PATTERN = /^[0-9A-Z]{1,19}$/;

export const bankByBin = (bin: string): Bank | null => BANKS_BY_BIN.get(bin) ?? null;

/** An account number as a producer typed it, without the spaces, dots and dashes used to group digits. */
export const normaliseAccountNumber = (input: string): string => input.replace(/[\s.-]/g, '').toUpperCase();

export type BankAccountIssue = 'invalid_bin' | 'unknown_bank' | 'invalid_account_number';

/** Why a producer's bank details cannot be put in a VietQR code, or null when they can. */
export function bankAccountIssue(bin: string, accountNumber: string): BankAccountIssue | null {
  if (!BANK_BIN_PATTERN.test(bin)) return 'invalid_bin';
  if (!BANKS_BY_BIN.has(bin)) return 'unknown_bank';
  if (!ACCOUNT_NUMBER_PATTERN.test(accountNumber)) return 'invalid_account_number';
  return null;
}
