/** Formats of an OCOP producer's identity and contact details (DOMAIN.md: producers, payments, phones). */

/** A tax code: 10 digits, or 10 digits + "-" + 3 digits for a branch. */
export const isValidTaxCode = (taxCode: string) => /^\d{10}(?:-\d{3})?$/.test(taxCode);

const MOBILE = /^0[35789]\d{8}$/;

/**
 * A Vietnamese mobile number in its domestic form ("0912345678"), from what a
 * person types: spaces, dots and dashes ignored, +84 / 84 turned into 0.
 * Null when it is not a mobile number.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.()-]/g, '');
  const domestic = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
  return MOBILE.test(domestic) ? domestic : null;
}

/** A NAPAS bank identification number, as VietQR payloads carry it. */
export const isValidBankBin = (bin: string) => /^\d{6}$/.test(bin);

/** Vietnamese bank account numbers are digits only, 6 to 19 of them. */
export const isValidBankAccountNumber = (account: string) => /^\d{6,19}$/.test(account);

/** The four kinds of OCOP producer (DOMAIN.md): enterprise, cooperative, cooperative group, household business. */
export const producerKinds = ['enterprise', 'cooperative', 'cooperative_group', 'household'] as const;
export type ProducerKind = (typeof producerKinds)[number];
