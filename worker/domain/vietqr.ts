/**
 * VietQR (NAPAS 247) payloads: the EMVCo merchant-presented QR that every Vietnamese banking app
 * scans to prefill a transfer (DOMAIN.md, money and payments). A payload is a run of fields, each
 * a 2-digit tag, a 2-digit length and the value; templates (38, 62) nest fields the same way:
 *
 *   00 "01"            payload format
 *   01 "11" | "12"     static (reusable) or dynamic (one transfer, with amount)
 *   38 template        00 GUID "A000000727", 01 beneficiary {00 bank BIN, 01 account}, 02 service
 *   53 "704"           currency, VND
 *   54 amount          integer đồng
 *   58 "VN"            country
 *   62 template        08 purpose: the transfer content, where the order reference goes
 *   63 CRC             CRC-16/CCITT-FALSE over everything up to and including "6304"
 *
 * Written here rather than taken from the `vietnam-qr-pay` package: its decoder checks lengths only
 * at the top level, ignores trailing fragments and duplicate tags, and answers only valid or not,
 * where checkout needs a reason. The package is a dev dependency that the tests compare against.
 */
import { ACCOUNT_NUMBER_PATTERN, BANK_BIN_PATTERN } from './banks';

export const VIETQR_GUID = 'A000000727';

/** NAPAS service codes: a transfer to an account number, or to a card number. */
export const VIETQR_SERVICES = ['QRIBFTTA', 'QRIBFTTC'] as const;
export type VietQrService = (typeof VIETQR_SERVICES)[number];

/**
 * The purpose field (62/08) holds at most 25 characters in EMVCo's data dictionary. Banks pass it
 * on as the transfer content, and several drop or reject accents and punctuation, so what the
 * platform encodes is ASCII letters, digits and single inner spaces: it arrives as typed.
 */
export const PURPOSE_MAX_LENGTH = 25;
export const PURPOSE_PATTERN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** EMVCo caps the amount field at 13 characters; an integer of đồng never needs a decimal point. */
const AMOUNT_MAX_DIGITS = 13;
const AMOUNT_PATTERN = /^[1-9]\d{0,12}$/;

export interface VietQrPayload {
  bankBin: string;
  accountNumber: string;
  /** Integer đồng for a dynamic code; null for a static one, where the payer types the amount. */
  amount: number | null;
  purpose: string | null;
}

export interface DecodedVietQr extends VietQrPayload {
  service: VietQrService;
  /** As the payload says it; a static code may still carry an amount. */
  initiation: 'static' | 'dynamic';
}

export type VietQrDecodeError =
  | 'invalid_character'
  | 'malformed'
  | 'crc_mismatch'
  | 'duplicate_field'
  | 'unsupported_format'
  | 'invalid_initiation'
  | 'not_vietqr'
  | 'invalid_bank_bin'
  | 'invalid_account_number'
  | 'unsupported_service'
  | 'invalid_currency'
  | 'invalid_amount'
  | 'missing_amount'
  | 'invalid_country'
  | 'invalid_purpose';

export type VietQrDecodeResult = { ok: true; payload: DecodedVietQr } | { ok: false; error: VietQrDecodeError };

const TAG_FORMAT = '00';
const TAG_INITIATION = '01';
const TAG_VIETQR = '38';
const TAG_CURRENCY = '53';
const TAG_AMOUNT = '54';
const TAG_COUNTRY = '58';
const TAG_ADDITIONAL_DATA = '62';
const TAG_CRC = '63';
const SUBTAG_GUID = '00';
const SUBTAG_BENEFICIARY = '01';
const SUBTAG_SERVICE = '02';
const SUBTAG_BANK_BIN = '00';
const SUBTAG_ACCOUNT = '01';
const SUBTAG_PURPOSE = '08';

const FORMAT_VERSION = '01';
const INITIATION_STATIC = '11';
const INITIATION_DYNAMIC = '12';
const CURRENCY_VND = '704';
const COUNTRY_VN = 'VN';
/** The CRC field's tag and length, which the checksum covers, then 4 hex digits. */
const CRC_FIELD_HEAD = `${TAG_CRC}04`;
const CRC_FIELD_LENGTH = CRC_FIELD_HEAD.length + 4;

/**
 * Lengths count characters while the CRC counts bytes: both agree only on single-byte
 * characters, so a payload is printable ASCII throughout.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR, over the
 * character codes, which are the bytes of a printable ASCII payload.
 */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

const crcHex = (text: string) => crc16CcittFalse(text).toString(16).toUpperCase().padStart(4, '0');

/** One field; the encoder's limits on its inputs keep every value within the two-digit length. */
function field(tag: string, value: string): string {
  return `${tag}${value.length.toString().padStart(2, '0')}${value}`;
}

/**
 * Text made fit for the purpose field: accents folded ("Chuyển tiền" → "Chuyen tien"), anything
 * but letters and digits turned into single spaces, cut to 25 characters. Null when nothing is left.
 */
export function purposeFromText(text: string): string | null {
  const purpose = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .slice(0, PURPOSE_MAX_LENGTH)
    .trimEnd();
  return purpose === '' ? null : purpose;
}

export const isValidPurpose = (purpose: string): boolean =>
  purpose.length <= PURPOSE_MAX_LENGTH && PURPOSE_PATTERN.test(purpose);

/**
 * The payload string of a VietQR code to an account: dynamic with an amount, static without.
 * Throws RangeError on input no bank would accept; the caller checks bank details beforehand
 * (bankAccountIssue) and builds the purpose with purposeFromText or from an order reference.
 */
export function encodeVietQr(payload: VietQrPayload): string {
  const { bankBin, accountNumber, amount, purpose } = payload;
  if (!BANK_BIN_PATTERN.test(bankBin)) throw new RangeError(`not a bank BIN: ${bankBin}`);
  if (!ACCOUNT_NUMBER_PATTERN.test(accountNumber)) throw new RangeError(`not an account number: ${accountNumber}`);
  if (amount !== null && !AMOUNT_PATTERN.test(String(amount))) {
    throw new RangeError(`not a positive integer amount of at most ${AMOUNT_MAX_DIGITS} digits: ${amount}`);
  }
  if (purpose !== null && !isValidPurpose(purpose)) throw new RangeError(`not a transfer purpose: ${purpose}`);

  const beneficiary = field(SUBTAG_BANK_BIN, bankBin) + field(SUBTAG_ACCOUNT, accountNumber);
  const merchantAccount =
    field(SUBTAG_GUID, VIETQR_GUID) + field(SUBTAG_BENEFICIARY, beneficiary) + field(SUBTAG_SERVICE, 'QRIBFTTA');
  const body =
    field(TAG_FORMAT, FORMAT_VERSION) +
    field(TAG_INITIATION, amount === null ? INITIATION_STATIC : INITIATION_DYNAMIC) +
    field(TAG_VIETQR, merchantAccount) +
    field(TAG_CURRENCY, CURRENCY_VND) +
    (amount === null ? '' : field(TAG_AMOUNT, String(amount))) +
    field(TAG_COUNTRY, COUNTRY_VN) +
    (purpose === null ? '' : field(TAG_ADDITIONAL_DATA, field(SUBTAG_PURPOSE, purpose))) +
    CRC_FIELD_HEAD;
  return body + crcHex(body);
}

/** The fields of one level by tag, or why its lengths do not add up or a tag repeats. */
function parseFields(text: string): { fields: Map<string, string> } | { error: 'malformed' | 'duplicate_field' } {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const head = text.slice(at, at + 4);
    if (!/^\d{4}$/.test(head)) return { error: 'malformed' };
    const tag = head.slice(0, 2);
    const length = Number(head.slice(2));
    const value = text.slice(at + 4, at + 4 + length);
    if (length === 0 || value.length !== length) return { error: 'malformed' };
    if (fields.has(tag)) return { error: 'duplicate_field' };
    fields.set(tag, value);
    at += 4 + length;
  }
  return { fields };
}

function fail(error: VietQrDecodeError): VietQrDecodeResult {
  return { ok: false, error };
}

const isService = (value: string | undefined): value is VietQrService =>
  VIETQR_SERVICES.some((service) => service === value);

/**
 * A scanned or stored payload read back, with the first reason it is not a usable VietQR code.
 * The checksum comes first: whatever single character was changed, it answers crc_mismatch
 * rather than a guess at which field broke.
 */
export function decodeVietQr(text: string): VietQrDecodeResult {
  if (!PRINTABLE_ASCII.test(text)) return fail('invalid_character');
  if (text.length < CRC_FIELD_LENGTH) return fail('malformed');
  if (text.slice(-4) !== crcHex(text.slice(0, -4))) return fail('crc_mismatch');
  const crcAt = text.length - CRC_FIELD_LENGTH;
  if (text.slice(crcAt, crcAt + CRC_FIELD_HEAD.length) !== CRC_FIELD_HEAD) return fail('malformed');

  const root = parseFields(text.slice(0, crcAt));
  if ('error' in root) return fail(root.error);
  const fields = root.fields;
  // The CRC field must be the last one, which parseFields would otherwise accept anywhere.
  if (fields.has(TAG_CRC)) return fail('duplicate_field');
  if (!text.startsWith(field(TAG_FORMAT, FORMAT_VERSION))) return fail('unsupported_format');

  const initiation = fields.get(TAG_INITIATION);
  if (initiation !== INITIATION_STATIC && initiation !== INITIATION_DYNAMIC) return fail('invalid_initiation');

  const merchantAccount = fields.get(TAG_VIETQR);
  if (merchantAccount === undefined) return fail('not_vietqr');
  const merchant = parseFields(merchantAccount);
  if ('error' in merchant) return fail(merchant.error);
  if (merchant.fields.get(SUBTAG_GUID) !== VIETQR_GUID) return fail('not_vietqr');
  const beneficiaryField = merchant.fields.get(SUBTAG_BENEFICIARY);
  if (beneficiaryField === undefined) return fail('not_vietqr');
  const beneficiary = parseFields(beneficiaryField);
  if ('error' in beneficiary) return fail(beneficiary.error);
  const bankBin = beneficiary.fields.get(SUBTAG_BANK_BIN);
  if (bankBin === undefined || !BANK_BIN_PATTERN.test(bankBin)) return fail('invalid_bank_bin');
  const accountNumber = beneficiary.fields.get(SUBTAG_ACCOUNT);
  if (accountNumber === undefined || !ACCOUNT_NUMBER_PATTERN.test(accountNumber)) {
    return fail('invalid_account_number');
  }
  const service = merchant.fields.get(SUBTAG_SERVICE);
  if (!isService(service)) return fail('unsupported_service');

  if (fields.get(TAG_CURRENCY) !== CURRENCY_VND) return fail('invalid_currency');
  const amountField = fields.get(TAG_AMOUNT);
  if (amountField !== undefined && !AMOUNT_PATTERN.test(amountField)) return fail('invalid_amount');
  if (initiation === INITIATION_DYNAMIC && amountField === undefined) return fail('missing_amount');
  if (fields.get(TAG_COUNTRY) !== COUNTRY_VN) return fail('invalid_country');

  let purpose: string | null = null;
  const additionalData = fields.get(TAG_ADDITIONAL_DATA);
  if (additionalData !== undefined) {
    const additional = parseFields(additionalData);
    if ('error' in additional) return fail(additional.error);
    purpose = additional.fields.get(SUBTAG_PURPOSE) ?? null;
    if (purpose !== null && purpose.length > PURPOSE_MAX_LENGTH) return fail('invalid_purpose');
  }

  return {
    ok: true,
    payload: {
      bankBin,
      accountNumber,
      amount: amountField === undefined ? null : Number(amountField),
      purpose,
      service,
      initiation: initiation === INITIATION_DYNAMIC ? 'dynamic' : 'static',
    },
  };
}
