import { describe, expect, it } from 'vitest';
import { BEACON_TOKEN_TTL_MS, readBeaconToken, signBeaconToken } from '../../worker/crypto/beacon-token';

const SECRET = 'khoa-bi-mat-thu-nghiem-beacon';
const NOW = new Date('2026-03-05T03:00:00.000Z');
const bound = { serial: '0123456789AB', deviceId: 'AAAAAAAAAAAAAAAAAAAAAA' };
const claim = { stampId: 42, verdict: 'genuine_first' as const, ...bound };

const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('beacon tokens', () => {
  it("give back the page's verdict for the same serial and device within the hour", async () => {
    const token = await signBeaconToken(SECRET, claim, NOW);
    expect(await readBeaconToken(SECRET, token, bound, later(5_000))).toEqual({
      stampId: 42,
      verdict: 'genuine_first',
      nonce: token.split('.')[3],
    });
    expect(await readBeaconToken(SECRET, token, bound, later(BEACON_TOKEN_TTL_MS - 1_000))).not.toBeNull();
  });

  it('are worth nothing for another serial, another device, another secret, or once the hour is over', async () => {
    const token = await signBeaconToken(SECRET, claim, NOW);
    expect(await readBeaconToken(SECRET, token, { ...bound, serial: '0123456789AC' }, NOW)).toBeNull();
    expect(await readBeaconToken(SECRET, token, { ...bound, deviceId: 'BBBBBBBBBBBBBBBBBBBBBB' }, NOW)).toBeNull();
    expect(await readBeaconToken(`${SECRET}-2`, token, bound, NOW)).toBeNull();
    expect(await readBeaconToken(SECRET, token, bound, later(BEACON_TOKEN_TTL_MS + 1_000))).toBeNull();
    expect(await readBeaconToken(SECRET, token, bound, later(-5 * 60_000))).toBeNull();
  });

  it('carries a nonce of its own each time, so every page view has its own ticket', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 50; i++) nonces.add((await signBeaconToken(SECRET, claim, NOW)).split('.')[3]!);
    expect(nonces.size).toBe(50);
  });

  it('cannot be changed to claim another verdict, stamp, time or nonce', async () => {
    const token = await signBeaconToken(SECRET, claim, NOW);
    const [stampId, verdict, issued, nonce, mac] = token.split('.') as [string, string, string, string, string];
    for (const forged of [
      [stampId, 'suspicious', issued, nonce, mac],
      [stampId, 'genuine_repeat', issued, nonce, mac],
      ['43', verdict, issued, nonce, mac],
      [stampId, verdict, (parseInt(issued, 36) + 60).toString(36), nonce, mac],
      [stampId, verdict, issued, 'AAAAAAAAAAAAAAAA', mac],
      [stampId, verdict, issued, nonce, `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`],
    ]) {
      expect(await readBeaconToken(SECRET, forged.join('.'), bound, NOW), forged.join('.')).toBeNull();
    }
  });

  it('refuses what is not a token', async () => {
    for (const garbage of [
      '',
      'abc',
      '42.genuine_first',
      '42.not_a_state.abc.AAAAAAAAAAAAAAAAAAAAAA',
      `${'9'.repeat(20)}.void.a.b`,
    ]) {
      expect(await readBeaconToken(SECRET, garbage, bound, NOW)).toBeNull();
    }
  });
});
