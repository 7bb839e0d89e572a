/**
 * Static files are answered by Workers Static Assets before the worker runs: their headers come from
 * web/public/_headers, which only `wrangler dev` (and Cloudflare) read, so they are checked here.
 */
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('static files', () => {
  it.each(['/styles.css', '/scan-beacon.js', '/near-me.js', '/favicon.svg'])(
    '%s comes with nosniff, no framing and a policy that runs nothing',
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    },
  );

  it('does not serve the headers file itself', async () => {
    const response = await fetch(`${baseUrl}/_headers`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('X-Content-Type-Options');
  });
});
