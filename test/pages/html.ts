import { fetchApp } from '../support/http';

/** A page as a browser asks for it: status, content type and the HTML text. */
export async function getPage(path: string) {
  const response = await fetchApp(path, { headers: { Accept: 'text/html' } });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    html: await response.text(),
    response,
  };
}

/** The JSON-LD blocks of a page, parsed. */
export function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
}

/** Product slugs linked from a page, in document order, once each. */
export function linkedProductSlugs(html: string): string[] {
  return [...new Set([...html.matchAll(/href="\/products\/([a-z0-9-]+)/g)].map((m) => m[1]!))];
}
