import { beforeEach, describe, expect, it } from 'vitest';
import { clearOfWindowEdges } from '../support/rate-window';
import { rateLimits } from '../../worker/domain/rate-limit';
import { generateSerial } from '../../worker/crypto/stamp-codes';
import { activeStamp, Phone, stampPath } from '../support/stamps';

describe('per-address limits at stamp URLs', () => {
  // Counting up to a limit must not straddle the end of a rate-limit window.
  beforeEach(() => clearOfWindowEdges(), 30_000);
  it(`refuses every look-up from an address after ${rateLimits.unknownStampsPerIp.limit} unknown serials, real ones too`, async () => {
    const stamp = await activeStamp();
    const walker = new Phone();
    for (let i = 0; i < rateLimits.unknownStampsPerIp.limit; i++) {
      expect((await walker.open(stampPath(stamp.lot, generateSerial()))).status).toBe(404);
    }
    expect((await walker.open(stampPath(stamp.lot, generateSerial()))).status).toBe(429);
    // Were a real serial still answered, the 429s would tell the walker which serials exist.
    expect((await walker.open(stamp.path)).status).toBe(429);
    const json = await walker.request(stamp.path, { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(429);
    expect(json.headers.get('content-type')).toBe('application/problem+json');

    expect((await new Phone().open(stamp.path)).status).toBe(200);
  });

  it('does not count look-ups of real stamps against the limit', async () => {
    const stamp = await activeStamp();
    const phone = new Phone();
    for (let i = 0; i <= rateLimits.unknownStampsPerIp.limit; i++) {
      expect((await phone.open(stamp.path)).status).toBe(200);
    }
  });

  it(`takes ${rateLimits.stampPinsPerIp.limit} PIN entries from one address, across stamps, then refuses them`, async () => {
    const phone = new Phone();
    const tries = rateLimits.stampPinsPerIp.limit;
    // Four wrong tries a stamp stays below each stamp's own lock.
    const stampsNeeded = Math.ceil(tries / 4) + 1;
    const stamps = [];
    for (let i = 0; i < stampsNeeded; i++) stamps.push(await activeStamp({ withPin: true }));
    for (let i = 0; i < tries; i++) {
      const response = await phone.postForm(stamps[Math.floor(i / 4)]!.path, { form: 'pin', pin: 'ZZZZZZZZ' });
      expect(response.status, `entry ${i + 1}`).toBe(200);
    }
    const last = stamps[stampsNeeded - 1]!;
    const refused = await phone.postForm(last.path, { form: 'pin', pin: last.pin! });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Có quá nhiều lần nhập mã PIN từ mạng của bạn.');
    const elsewhere = await new Phone().postForm(last.path, { form: 'pin', pin: last.pin! });
    expect(await elsewhere.text()).toContain('Xác thực thành công');
  });
});
