/**
 * Vietnamese phone numbers, stored in E.164 ("+84912345678") and shown the domestic way
 * ("0912 345 678"). Mobiles are 10 digits from 03, 05, 07, 08 or 09; landlines are 11 digits from
 * 02 (a 3-digit area code after the 0, then 8 digits in Hà Nội and Hồ Chí Minh City, 7 elsewhere
 * after a 4-digit code). Checkout needs a buyer's mobile; a sales point may give any of the two.
 */
import { z } from 'zod';

export type PhoneKind = 'mobile' | 'landline';
export type PhoneAccepts = 'mobile' | 'any';

export type PhoneRejection =
  | 'empty'
  | 'invalid_characters'
  /** A country code other than +84. */
  | 'not_vietnamese'
  | 'wrong_length'
  /** Neither a mobile nor a landline prefix: service numbers (1800, 1900) and unassigned ranges. */
  | 'unknown_prefix'
  /** A landline where only a mobile will do. */
  | 'not_mobile';

export type PhoneResult = { ok: true; e164: string; kind: PhoneKind } | { ok: false; reason: PhoneRejection };

/** What people put between digits: spaces (no-break ones too), dots, hyphens, dashes, parentheses. */
const SEPARATORS = /[\s.()\-\u2010-\u2015\u2212]/g;

/** The national significant number (without the trunk 0) of what was typed, or why there is none. */
function nationalNumber(compact: string): { digits: string } | { reason: PhoneRejection } {
  if (compact.startsWith('+')) {
    return compact.startsWith('+84') ? withoutTrunkZero(compact.slice(3)) : { reason: 'not_vietnamese' };
  }
  if (compact.startsWith('0084')) return withoutTrunkZero(compact.slice(4));
  if (compact.startsWith('00')) return { reason: 'not_vietnamese' };
  if (compact.startsWith('0')) return { digits: compact.slice(1) };
  if (compact.startsWith('84')) return withoutTrunkZero(compact.slice(2));
  return { reason: 'unknown_prefix' };
}

/** "+84 (0)28 …" keeps the domestic 0 after the country code, a habit of printed business cards. */
const withoutTrunkZero = (digits: string) => ({ digits: digits.startsWith('0') ? digits.slice(1) : digits });

export function parsePhone(input: string, accepts: PhoneAccepts): PhoneResult {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'invalid_characters' };
  const found = nationalNumber(compact);
  if ('reason' in found) return { ok: false, reason: found.reason };
  const national = found.digits;
  if (national === '') return { ok: false, reason: 'wrong_length' };

  let kind: PhoneKind;
  if (/^[35789]/.test(national)) {
    if (national.length !== 9) return { ok: false, reason: 'wrong_length' };
    kind = 'mobile';
  } else if (national.startsWith('2')) {
    if (national.length !== 10) return { ok: false, reason: 'wrong_length' };
    kind = 'landline';
  } else {
    return { ok: false, reason: 'unknown_prefix' };
  }
  if (accepts === 'mobile' && kind !== 'mobile') return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: `+84${national}`, kind };
}

/** A form or API field: the E.164 number, or an issue whose message is the rejection code. */
export const phoneSchema = (accepts: PhoneAccepts) =>
  z.string().transform((input, ctx) => {
    const result = parsePhone(input, accepts);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  });

/** Big cities' landlines: a 3-digit area code and 8 digits. */
const BIG_CITY_AREA = /^2[48]/;

/**
 * A number as Vietnamese readers write it: "0912 345 678", "024 3825 1234", "0251 382 2123".
 * Anything that is not a Vietnamese number comes back as it was, so older rows still show.
 */
export function formatPhone(stored: string): string {
  const result = parsePhone(stored, 'any');
  if (!result.ok) return stored;
  const domestic = `0${result.e164.slice(3)}`;
  if (result.kind === 'mobile') return `${domestic.slice(0, 4)} ${domestic.slice(4, 7)} ${domestic.slice(7)}`;
  if (BIG_CITY_AREA.test(domestic.slice(1))) {
    return `${domestic.slice(0, 3)} ${domestic.slice(3, 7)} ${domestic.slice(7)}`;
  }
  return `${domestic.slice(0, 4)} ${domestic.slice(4, 7)} ${domestic.slice(7)}`;
}
