import fc from 'fast-check';
import { QRPay } from 'vietnam-qr-pay';
import { describe, expect, it } from 'vitest';
import {
  crc16CcittFalse,
  decodeVietQr,
  encodeVietQr,
  isValidPurpose,
  PURPOSE_MAX_LENGTH,
  purposeFromText,
  type VietQrPayload,
} from '../../worker/domain/vietqr';

/** DOMAIN.md's known-good payload: ACB (970416), account 257678859, 1,000 đ, "Chuyen tien". */
const KNOWN_GOOD =
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB8';
const KNOWN_GOOD_PAYLOAD: VietQrPayload = {
  bankBin: '970416',
  accountNumber: '257678859',
  amount: 1000,
  purpose: 'Chuyen tien',
};

/** A body completed with its CRC field, for payloads crafted to break one rule at a time. */
const withCrc = (body: string) => {
  const head = `${body}6304`;
  return head + crc16CcittFalse(head).toString(16).toUpperCase().padStart(4, '0');
};
const tlv = (tag: string, value: string) => `${tag}${value.length.toString().padStart(2, '0')}${value}`;
const merchantAccount = ({ guid = 'A000000727', bin = '970416', account = '257678859', service = 'QRIBFTTA' } = {}) =>
  tlv('38', tlv('00', guid) + tlv('01', tlv('00', bin) + tlv('01', account)) + tlv('02', service));
const MERCHANT_ACCOUNT = merchantAccount();

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const payloads: fc.Arbitrary<VietQrPayload> = fc.record({
  bankBin: digits(6),
  accountNumber: fc.stringMatching(/^[0-9A-Z]{1,19}$/),
  amount: fc.option(fc.integer({ min: 1, max: 9_999_999_999_999 })),
  purpose: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,8}(?: [A-Za-z0-9]{1,8}){0,2}$/).filter(isValidPurpose)),
});
const PRINTABLE = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

describe('crc16CcittFalse', () => {
  it('gives the catalogued check value of CRC-16/CCITT-FALSE', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse('')).toBe(0xffff);
  });
});

describe('encodeVietQr', () => {
  it('reproduces the known-good payload exactly', () => {
    expect(encodeVietQr(KNOWN_GOOD_PAYLOAD)).toBe(KNOWN_GOOD);
  });

  it('writes a static code, without amount, for a null amount', () => {
    // The static example of vietnam-qr-pay's documentation.
    expect(encodeVietQr({ bankBin: '970416', accountNumber: '257678859', amount: null, purpose: null })).toBe(
      '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F',
    );
  });

  it('writes the same payload as vietnam-qr-pay for any account, amount and purpose', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const theirs = QRPay.initVietQR({
          bankBin: payload.bankBin,
          bankNumber: payload.accountNumber,
          ...(payload.amount === null ? {} : { amount: String(payload.amount) }),
          ...(payload.purpose === null ? {} : { purpose: payload.purpose }),
        }).build();
        expect(encodeVietQr(payload)).toBe(theirs);
      }),
    );
  });

  it.each([
    ['a 5-digit BIN', { bankBin: '97041' }],
    ['an account number with a space', { accountNumber: '2576 78859' }],
    ['an account number of 20 characters', { accountNumber: '1'.repeat(20) }],
    ['a zero amount', { amount: 0 }],
    ['a negative amount', { amount: -1000 }],
    ['a fractional amount', { amount: 1000.5 }],
    ['an amount of 14 digits', { amount: 10_000_000_000_000 }],
    ['a purpose with tone marks', { purpose: 'Chuyển tiền' }],
    ['a purpose with punctuation', { purpose: 'Don hang #12' }],
    ['a purpose with a double space', { purpose: 'Chuyen  tien' }],
    ['a purpose with a trailing space', { purpose: 'Chuyen tien ' }],
    ['an empty purpose', { purpose: '' }],
    ['a purpose of 26 characters', { purpose: 'A'.repeat(PURPOSE_MAX_LENGTH + 1) }],
  ])('refuses %s', (_, change) => {
    expect(() => encodeVietQr({ ...KNOWN_GOOD_PAYLOAD, ...change })).toThrow(RangeError);
  });
});

describe('decodeVietQr', () => {
  it('reads the known-good payload', () => {
    expect(decodeVietQr(KNOWN_GOOD)).toEqual({
      ok: true,
      payload: { ...KNOWN_GOOD_PAYLOAD, service: 'QRIBFTTA', initiation: 'dynamic' },
    });
  });

  it('gives back what encodeVietQr wrote', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        expect(decodeVietQr(encodeVietQr(payload))).toEqual({
          ok: true,
          payload: { ...payload, service: 'QRIBFTTA', initiation: payload.amount === null ? 'static' : 'dynamic' },
        });
      }),
    );
  });

  it('writes payloads that vietnam-qr-pay reads the same way', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const theirs = new QRPay(encodeVietQr(payload));
        expect(theirs.isValid).toBe(true);
        expect(theirs.consumer).toEqual({ bankBin: payload.bankBin, bankNumber: payload.accountNumber });
        expect(theirs.amount).toBe(payload.amount === null ? undefined : String(payload.amount));
        expect(theirs.additionalData.purpose).toBe(payload.purpose ?? undefined);
      }),
    );
  });

  it('fails the checksum when any single character is changed', () => {
    fc.assert(
      fc.property(
        payloads
          .map(encodeVietQr)
          .chain((encoded) => fc.tuple(fc.constant(encoded), fc.nat({ max: encoded.length - 1 }), PRINTABLE)),
        ([encoded, position, replacement]) => {
          fc.pre(encoded[position] !== replacement);
          const corrupted = encoded.slice(0, position) + replacement + encoded.slice(position + 1);
          expect(decodeVietQr(corrupted)).toEqual({ ok: false, error: 'crc_mismatch' });
        },
      ),
    );
  });

  it('reads fields it does not use, such as a merchant name or a bill number', () => {
    const payload = withCrc(
      `000201010212${MERCHANT_ACCOUNT}520459995303704540410005802VN5907OCOP VN6006HA NOI${tlv('62', tlv('01', 'HD000001234') + tlv('08', 'Test'))}`,
    );
    expect(decodeVietQr(payload)).toEqual({
      ok: true,
      payload: { ...KNOWN_GOOD_PAYLOAD, purpose: 'Test', service: 'QRIBFTTA', initiation: 'dynamic' },
    });
  });

  it('reads a static code that carries an amount, and a transfer to a card', () => {
    const card = withCrc(
      `000201010211${merchantAccount({ bin: '970418', account: '9704181234567890', service: 'QRIBFTTC' })}530370454061500005802VN`,
    );
    expect(decodeVietQr(card)).toMatchObject({
      ok: true,
      payload: { service: 'QRIBFTTC', initiation: 'static', amount: 150000 },
    });
  });

  it.each([
    ['a character outside printable ASCII', KNOWN_GOOD.replace('Chuyen tien', 'Chuyển tiền'), 'invalid_character'],
    ['a payload shorter than its CRC field', '6304', 'malformed'],
    ['a lower-case CRC', KNOWN_GOOD.replace('BBB8', 'bbb8'), 'crc_mismatch'],
    ['a CRC field with another length', withCrc('000201010212').replace(/6304(.{4})$/, '6305$10'), 'crc_mismatch'],
    ['a length longer than what follows', withCrc('0002010199'), 'malformed'],
    ['a length that is not a number', withCrc('00020101A212'), 'malformed'],
    ['an empty field', withCrc(`00020101021252005303704`), 'malformed'],
    ['a repeated tag', withCrc(`000201010212${MERCHANT_ACCOUNT}53037045303704540410005802VN`), 'duplicate_field'],
    ['a CRC field before the end', withCrc(`0002010102126304ABCD${MERCHANT_ACCOUNT}`), 'duplicate_field'],
    [
      'another payload format version',
      withCrc(`000202010212${MERCHANT_ACCOUNT}5303704540410005802VN`),
      'unsupported_format',
    ],
    [
      'the payload format after another field',
      withCrc(`010212000201${MERCHANT_ACCOUNT}5303704540410005802VN`),
      'unsupported_format',
    ],
    [
      'an unknown initiation method',
      withCrc(`000201010213${MERCHANT_ACCOUNT}5303704540410005802VN`),
      'invalid_initiation',
    ],
    [
      'no tag 38 (a VNPay code)',
      withCrc(`000201010212${tlv('26', tlv('00', 'A000000775') + tlv('01', '0105314226'))}53037045802VN`),
      'not_vietqr',
    ],
    [
      'another GUID in tag 38',
      withCrc(`000201010212${merchantAccount({ guid: 'A000000775' })}5303704540410005802VN`),
      'not_vietqr',
    ],
    [
      'a 5-digit bank BIN',
      withCrc(`000201010212${merchantAccount({ bin: '97041' })}5303704540410005802VN`),
      'invalid_bank_bin',
    ],
    [
      'no beneficiary account',
      withCrc(`000201010212${tlv('38', tlv('00', 'A000000727') + tlv('02', 'QRIBFTTA'))}5303704540410005802VN`),
      'not_vietqr',
    ],
    [
      'an account number with a dash',
      withCrc(`000201010212${merchantAccount({ account: '2576-78859' })}5303704540410005802VN`),
      'invalid_account_number',
    ],
    [
      'an unknown service code',
      withCrc(`000201010212${merchantAccount({ service: 'QRPUSHXX' })}5303704540410005802VN`),
      'unsupported_service',
    ],
    ['a currency other than VND', withCrc(`000201010212${MERCHANT_ACCOUNT}5303840540410005802VN`), 'invalid_currency'],
    ['an amount with decimals', withCrc(`000201010212${MERCHANT_ACCOUNT}530370454071000.505802VN`), 'invalid_amount'],
    [
      'an amount with a leading zero',
      withCrc(`000201010212${MERCHANT_ACCOUNT}53037045405010005802VN`),
      'invalid_amount',
    ],
    ['a dynamic code without amount', withCrc(`000201010212${MERCHANT_ACCOUNT}53037045802VN`), 'missing_amount'],
    [
      'a country other than Vietnam',
      withCrc(`000201010212${MERCHANT_ACCOUNT}5303704540410005802TH`),
      'invalid_country',
    ],
    [
      'a purpose longer than 25 characters',
      withCrc(`000201010212${MERCHANT_ACCOUNT}5303704540410005802VN62300826${'A'.repeat(26)}`),
      'invalid_purpose',
    ],
    ['broken additional data', withCrc(`000201010212${MERCHANT_ACCOUNT}5303704540410005802VN62050899`), 'malformed'],
  ])('refuses %s', (_, payload, error) => {
    expect(decodeVietQr(payload)).toEqual({ ok: false, error });
  });
});

describe('purposeFromText', () => {
  it.each([
    ['Chuyển tiền', 'Chuyen tien'],
    ['Đơn hàng OCOP-7K2M, cảm ơn!', 'Don hang OCOP 7K2M cam on'],
    ['  thanh   toán  ', 'thanh toan'],
    ['Thanh toán đơn hàng mật ong bạc hà', 'Thanh toan don hang mat o'],
    ['Thanh toán đơn hàng mậtt ong', 'Thanh toan don hang matt'],
  ])('makes %j into %j', (text, purpose) => {
    expect(purposeFromText(text)).toBe(purpose);
  });

  it('gives null when nothing usable is left', () => {
    expect(purposeFromText('— !!! —')).toBeNull();
  });

  it('always gives a purpose that encodeVietQr accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const purpose = purposeFromText(text);
        if (purpose !== null) expect(isValidPurpose(purpose)).toBe(true);
      }),
    );
  });
});
