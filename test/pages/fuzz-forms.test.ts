/**
 * The three forms anyone can send without an account — the scan beacon, the scratch-PIN form and
 * the sign-in form — fed arbitrary and adversarial bodies (fast-check). Whatever arrives, the answer
 * is never a 5xx, and the database holds either the whole of a legitimate write or nothing of it.
 */
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeReports, scanEvents, sessions, stamps } from '../../db/schema';
import { BrowserSession } from '../support/browser-session';
import { createUser, testDb, TEST_PASSWORD } from '../support/factories';
import { activeStamp, Phone } from '../support/stamps';

const RUNS = 100;

/** Spellings that broke or nearly broke web forms somewhere: control characters, markup, encodings, length. */
const adversarial = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\r\n',
  '%00',
  '%0d%0aSet-Cookie:x=1',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '\u202e\u0301',
  '🧧🍊',
  'Đặc sản Bưởi Tân Triều',
  'A'.repeat(5000),
  '9'.repeat(40),
  '-1',
  'NaN',
  '1e309',
  '[object Object]',
  '{"path":"/"}',
  '//evil.example',
  '/%09/evil.example',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
);
const text = fc.oneof(adversarial, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));

type Encoding = 'urlencoded' | 'multipart' | 'json' | 'raw';

/** Fields as a browser, a script or an attacker might send them: the named ones drawn from their arbitraries, and more. */
function fieldsOf(fields: Record<string, fc.Arbitrary<string>>) {
  const named = fc.record(fields, { requiredKeys: [] });
  const extra = fc.array(fc.tuple(fc.oneof(text, fc.constantFrom(...Object.keys(fields))), text), { maxLength: 3 });
  const encoding = fc.oneof(
    { arbitrary: fc.constant<Encoding>('urlencoded'), weight: 4 },
    { arbitrary: fc.constant<Encoding>('multipart'), weight: 3 },
    { arbitrary: fc.constantFrom<Encoding>('json', 'raw'), weight: 1 },
  );
  return fc.tuple(named, extra, encoding).map(([values, more, encoding]) => ({
    pairs: [...Object.entries(values), ...more] as [string, string][],
    encoding,
  }));
}

/** The request body for those fields in that encoding. */
function bodyOf({ pairs, encoding }: { pairs: [string, string][]; encoding: Encoding }): RequestInit {
  if (encoding === 'urlencoded') return { body: new URLSearchParams(pairs) };
  if (encoding === 'json') {
    return { body: JSON.stringify(Object.fromEntries(pairs)), headers: { 'Content-Type': 'application/json' } };
  }
  if (encoding === 'raw') return { body: pairs.flat().join('&'), headers: { 'Content-Type': 'text/plain' } };
  return multipartOf(pairs);
}

/**
 * Multipart built by hand, names escaped as browsers escape them (quote, CR, LF) and nothing else:
 * workerd's FormData refuses to send some names (one ending in a backslash), which a client
 * writing its own body still can. A file where a field is expected is one more way to surprise a parser.
 */
function multipartOf(pairs: [string, string][]): RequestInit {
  const boundary = `----fuzz${crypto.randomUUID()}`;
  const escape = (name: string) => name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const parts = pairs.map(([name, value]) => {
    const file = value.length % 3 === 0;
    const disposition = `form-data; name="${escape(name)}"${file ? '; filename="x.jpg"' : ''}`;
    return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${file ? 'Content-Type: image/jpeg\r\n' : ''}\r\n${value}\r\n`;
  });
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  };
}

const withHeader = (init: RequestInit, name: string, value: string): RequestInit => {
  const headers = new Headers(init.headers);
  headers.set(name, value);
  return { ...init, headers };
};

describe('arbitrary input', () => {
  it('never makes the beacon answer 5xx, nor count a scan it was not given a ticket for', async () => {
    const stamp = await activeStamp();
    const path = fc.oneof(fc.constant(stamp.path), fc.constant(stamp.path.toLowerCase() + '/'), text);
    const token = fc.oneof(
      text,
      fc.stringMatching(/^\d{1,5}\.genuine_first\.[0-9a-z]{6}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$/),
    );
    await fc.assert(
      fc.asyncProperty(fieldsOf({ path, token }), fc.constantFrom('same-origin', 'none', ''), async (fields, site) => {
        const init = bodyOf(fields);
        const request = site ? withHeader(init, 'Sec-Fetch-Site', site) : init;
        const response = await new Phone().request('/scans', { ...request, method: 'POST' });
        expect([204, 400, 403, 413, 415, 429]).toContain(response.status);
      }),
      // CI's counterexample: a multipart field named by a lone backslash.
      { numRuns: RUNS, examples: [[{ pairs: [['\\', '']], encoding: 'multipart' }, 'same-origin']] },
    );
    const [row] = await testDb().select().from(stamps).where(eq(stamps.id, stamp.stampId));
    expect(row).toMatchObject({ scanCount: 0, deviceCount: 0, networkCount: 0, firstScannedAt: null });
    expect(await testDb().select().from(scanEvents).where(eq(scanEvents.serial, stamp.serial))).toEqual([]);
  });

  it('never makes the PIN and report forms answer 5xx, nor leave half a claim or half a report', async () => {
    const stamp = await activeStamp({ withPin: true });
    const pin = fc.oneof(text, fc.constant(stamp.pin!), fc.constant(` ${stamp.pin!.toLowerCase()} `));
    const form = fc.oneof({ arbitrary: fc.constantFrom('pin', 'report'), weight: 4 }, { arbitrary: text, weight: 1 });
    let claims = 0;
    await fc.assert(
      fc.asyncProperty(fieldsOf({ form, pin, message: text, contact: text, photo: text }), async (fields) => {
        const response = await new Phone().request(stamp.path, {
          ...withHeader(bodyOf(fields), 'Accept', 'text/html'),
          method: 'POST',
        });
        expect([200, 303, 400, 409, 413, 415, 423, 429]).toContain(response.status);
        if ((await response.text()).includes('Xác thực thành công')) claims++;
      }),
      { numRuns: RUNS },
    );
    const [row] = await testDb().select().from(stamps).where(eq(stamps.id, stamp.stampId));
    // A claim is whole (when, where) or absent; at most one visitor ever hears they were first.
    expect(claims).toBeLessThanOrEqual(1);
    expect(row!.pinClaimedAt === null).toBe(claims === 0);
    expect(row!.scanCount).toBe(0);
    const reports = await testDb().select().from(fakeReports).where(eq(fakeReports.stampId, stamp.stampId));
    for (const report of reports) {
      expect(report.message?.trim()).toBeTruthy();
      expect(report.scannedPath).toBe(stamp.path);
      if (report.photoKey) expect(await env.MEDIA.head(report.photoKey)).not.toBeNull();
    }
  });

  it('never makes the sign-in form answer 5xx, send the browser off the site, or keep a session it refused', async () => {
    const user = await createUser('producer_member');
    const login = fc.oneof(text, fc.constant(user.email!), fc.constant(` ${user.email!.toUpperCase()} `));
    const password = fc.oneof(text, { arbitrary: fc.constant(TEST_PASSWORD), weight: 2 });
    const next = fc.oneof(text, fc.constantFrom('/portal', '/portal/lots?x=1#y', '/%2F%2Fevil.example'));
    let signedIn = 0;
    await fc.assert(
      fc.asyncProperty(fieldsOf({ login, password, next }), fc.boolean(), async (fields, withToken) => {
        const browser = new BrowserSession();
        const csrf = await browser.csrfFrom('/login');
        const request = bodyOf(withToken ? { ...fields, pairs: [...fields.pairs, ['_csrf', csrf]] } : fields);
        const response = await browser.request('/login', {
          ...withHeader(request, 'Accept', 'text/html'),
          method: 'POST',
        });
        expect([303, 400, 401, 403, 413, 415, 429]).toContain(response.status);
        if (response.status === 303) {
          signedIn++;
          const location = new URL(response.headers.get('location')!, 'http://localhost');
          expect(location.origin).toBe('http://localhost');
        }
      }),
      { numRuns: RUNS },
    );
    const kept = await testDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(kept).toHaveLength(signedIn);
  });
});
