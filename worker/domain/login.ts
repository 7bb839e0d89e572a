/**
 * What a person types in a login field (to sign in, or an administrator inviting someone), in the one
 * spelling accounts are stored and looked up with. However a phone number is typed ("0912 345 678",
 * "0912.345.678", "+84 912 345 678", "84912345678", "0084…", full-width digits) it is one account,
 * and so one sign-in lock; so is an e-mail address in any case.
 */
import { parsePhone } from './phone';

export type Login =
  | { kind: 'email'; value: string }
  /** A Vietnamese number in its domestic form, "0912345678". */
  | { kind: 'phone'; value: string }
  /** Anything else (a foreign number, a typo), trimmed, compacted and lower-cased. */
  | { kind: 'other'; value: string };

export function parseLogin(typed: string): Login {
  // NFKC folds full-width digits and "＠", which Vietnamese keyboards on phones can produce.
  const text = typed.normalize('NFKC').trim();
  if (text.includes('@')) return { kind: 'email', value: text.toLowerCase() };
  const phone = parsePhone(text, 'any');
  if (phone.ok) return { kind: 'phone', value: `0${phone.e164.slice(3)}` };
  return { kind: 'other', value: text.replace(/[\s.()-]/g, '').toLowerCase() };
}

/**
 * The spellings a Vietnamese number may be stored with: the domestic form accounts are stored with
 * now, and the forms invitations kept as typed before ("+84912345678", "84912345678").
 */
export function storedPhoneSpellings(domestic: string): string[] {
  const national = domestic.slice(1);
  return [domestic, `+84${national}`, `84${national}`];
}

/**
 * The key the per-account sign-in lock counts wrong passwords under: the account itself when the
 * login names one, so no spelling of it gets five more tries; otherwise the login's one spelling.
 */
export function signInLockKey(userId: number | null, login: Login): string {
  return userId === null ? `login:name:${login.kind}:${login.value}` : `login:user:${userId}`;
}
