import { exports } from 'cloudflare:workers';

/** A request through the worker's real fetch handler, as a browser or client would send it. */
export const fetchApp = (path: string, init?: RequestInit) =>
  exports.default.fetch(new Request(`http://localhost${path}`, init));

export async function getJson<T>(path: string): Promise<{ status: number; body: T; response: Response }> {
  const response = await fetchApp(path, { headers: { Accept: 'application/json' } });
  return { status: response.status, body: await response.json<T>(), response };
}

/** A word no other test's data contains, made of letters so the search index keeps it whole. */
export const uniqueWord = () =>
  `zx${crypto
    .randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 10)}`;
