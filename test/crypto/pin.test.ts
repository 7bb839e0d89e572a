import { describe, expect, it } from 'vitest';
import { generatePin } from '../../worker/crypto/stamp-codes';
import { pinHmac, verifyPin } from '../../worker/crypto/pin';

const KEY = 'test-pin-secret';

describe('pinHmac', () => {
  it('is HMAC-SHA-256 of "{version}:{PIN}" in lower-case hex', async () => {
    // Computed apart from Web Crypto (node:crypto createHmac), so stored values stay verifiable.
    expect(await pinHmac('0123ABCD', KEY, 1)).toBe('617cc1b2cd7f6a2f999ebe35ec7c6eaff667d9d811ac328d8976e3c0376f2954');
  });

  it('hashes the normalised PIN', async () => {
    expect(await pinHmac('o123-abcd', KEY, 1)).toBe(await pinHmac('0123ABCD', KEY, 1));
  });

  it('gives a different HMAC under another key version or another key', async () => {
    const pin = generatePin();
    const first = await pinHmac(pin, KEY, 1);
    expect(await pinHmac(pin, KEY, 2)).not.toBe(first);
    expect(await pinHmac(pin, 'another-secret', 1)).not.toBe(first);
  });

  it('refuses something that is not a PIN, and a key version that is not a positive integer', async () => {
    await expect(pinHmac('ABC', KEY, 1)).rejects.toThrow(RangeError);
    await expect(pinHmac('0123ABCD', KEY, 0)).rejects.toThrow(RangeError);
    await expect(pinHmac('0123ABCD', KEY, 1.5)).rejects.toThrow(RangeError);
  });
});

describe('verifyPin', () => {
  it('accepts the right PIN, however it is typed', async () => {
    const stored = await pinHmac('0123ABCD', KEY, 3);
    expect(await verifyPin('0123ABCD', stored, KEY, 3)).toBe(true);
    expect(await verifyPin(' o123-abcd ', stored, KEY, 3)).toBe(true);
    expect(await verifyPin('0123ABCD', stored.toUpperCase(), KEY, 3)).toBe(true);
  });

  it('refuses a wrong PIN, key or key version', async () => {
    const stored = await pinHmac('0123ABCD', KEY, 3);
    expect(await verifyPin('0123ABCE', stored, KEY, 3)).toBe(false);
    expect(await verifyPin('0123ABCD', stored, 'another-secret', 3)).toBe(false);
    expect(await verifyPin('0123ABCD', stored, KEY, 2)).toBe(false);
  });

  it('answers false, without throwing, for input that is not a PIN or a stored value that is not an HMAC', async () => {
    const stored = await pinHmac('0123ABCD', KEY, 1);
    expect(await verifyPin('', stored, KEY, 1)).toBe(false);
    expect(await verifyPin('0123ABCU', stored, KEY, 1)).toBe(false);
    expect(await verifyPin('0123ABCD', '', KEY, 1)).toBe(false);
    expect(await verifyPin('0123ABCD', stored.slice(0, -2), KEY, 1)).toBe(false);
    expect(await verifyPin('0123ABCD', `${stored.slice(0, -1)}g`, KEY, 1)).toBe(false);
  });
});
