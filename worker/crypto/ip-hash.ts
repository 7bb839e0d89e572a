/**
 * A client's IP address as an HMAC under the stamp secret and the day's date in Vietnam: scans
 * from one address on one day can be grouped, while the address itself is never stored and the
 * same address gives unrelated values on other days.
 */
import { toHex } from './encoding';
import { hmacKey, sign } from './hmac';

export async function dailyIpHash(secret: string, vietnamDay: string, ip: string): Promise<string> {
  const mac = await sign(await hmacKey(secret), `scan-ip:${vietnamDay}:${ip}`);
  return toHex(mac.slice(0, 16));
}
