import { describe, expect, it } from 'vitest';
import { checkPrintLink, signPrintLink } from '../../worker/crypto/print-link';
import {
  linkExpiry,
  PRINT_FILE_NAME,
  PRINT_LINK_TTL_SECONDS,
  type PrintLinkClaims,
} from '../../worker/domain/print-link';
import { toHex } from '../../worker/crypto/encoding';
import { pinHmac } from '../../worker/crypto/pin';

const SECRET = 'khoa-bi-mat-cua-ma-pin-thu-nghiem';
const NOW = new Date('2026-03-05T07:30:00.000Z');

const claims = (overrides: Partial<PrintLinkClaims> = {}): PrintLinkClaims => ({
  userId: 4,
  batchId: 12,
  file: 'part-1.pdf',
  expires: linkExpiry(NOW),
  keyVersion: 1,
  ...overrides,
});

describe('print links', () => {
  it('accepts its own link until it expires, 15 minutes on', async () => {
    const key = SECRET;
    const link = claims();
    const sig = await signPrintLink(link, key);
    expect(link.expires * 1000 - NOW.getTime()).toBe(PRINT_LINK_TTL_SECONDS * 1000);
    expect(await checkPrintLink(link, sig, key, NOW)).toBe('valid');
    expect(await checkPrintLink(link, sig, key, new Date(link.expires * 1000))).toBe('valid');
    expect(await checkPrintLink(link, sig, key, new Date(link.expires * 1000 + 1000))).toBe('expired');
  });

  it('refuses a link whose user, batch, file, expiry or key version was changed, or signed with another secret', async () => {
    const key = SECRET;
    const sig = await signPrintLink(claims(), key);
    for (const changed of [
      claims({ userId: 5 }),
      claims({ batchId: 13 }),
      claims({ file: 'stamps.csv' }),
      claims({ expires: claims().expires + 3600 }),
      claims({ keyVersion: 2 }),
    ]) {
      expect(await checkPrintLink(changed, sig, key, NOW)).toBe('forged');
    }
    expect(await checkPrintLink(claims(), sig, `${SECRET}-khac`, NOW)).toBe('forged');
    expect(await checkPrintLink(claims(), 'not-hex', key, NOW)).toBe('forged');
  });

  it('calls an expired link with a bad signature forged, so expiry says nothing about the signature', async () => {
    const key = SECRET;
    const stale = claims({ expires: 1 });
    expect(await checkPrintLink(stale, '0'.repeat(64), key, NOW)).toBe('forged');
    expect(await checkPrintLink(stale, await signPrintLink(stale, key), key, NOW)).toBe('expired');
  });

  it('signs with a key of its own, never the PIN HMAC of the same secret', async () => {
    const link = claims();
    const sig = await signPrintLink(link, SECRET);
    const pin = await pinHmac('ABCD1234', SECRET, 1);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(sig).not.toBe(pin);
    // A MAC under the raw secret does not verify as a print link either.
    const raw = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(SECRET),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    const message = new TextEncoder().encode(
      [link.userId, link.batchId, link.file, link.expires, link.keyVersion].join('\n'),
    );
    const rawSignature = toHex(await crypto.subtle.sign('HMAC', raw, message));
    expect(await checkPrintLink(link, rawSignature, SECRET, NOW)).toBe('forged');
    expect(await checkPrintLink(link, sig, SECRET, NOW)).toBe('valid');
  });

  it('names only print files', () => {
    for (const name of ['part-1.pdf', 'part-52.pdf', 'stamps.csv', 'ABCDEFGHJKMN.svg', '0123456789AB.png']) {
      expect(PRINT_FILE_NAME.test(name), name).toBe(true);
    }
    for (const name of [
      'part-0.pdf',
      'part-1.PDF',
      '../stamps.csv',
      'ABCDEFGHIJKL.svg',
      'abcdefghjkmn.png',
      'stamps.csv.exe',
    ]) {
      expect(PRINT_FILE_NAME.test(name), name).toBe(false);
    }
  });
});
