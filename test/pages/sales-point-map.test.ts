/**
 * The sales point map: Leaflet from our own assets (never a CDN), tiles and attribution from
 * configuration (MAP_TILE_URL, MAP_ATTRIBUTION), the tile host alone added to the pictures the
 * Content Security Policy allows; without a tile URL no map at all, and the list and links still work.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { createSalesPoint } from '../support/sales-points';

/** A page through the worker under another map configuration than wrangler.toml's. */
async function pageWith(path: string, config: { MAP_TILE_URL: string; MAP_ATTRIBUTION: string }) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://localhost${path}`), { ...env, ...config }, ctx);
  await waitOnExecutionContext(ctx);
  return { html: await response.text(), csp: response.headers.get('content-security-policy') ?? '' };
}

const imgSrc = (csp: string) => /img-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
const scriptSources = (html: string) => [...html.matchAll(/<script[^>]* src="([^"]+)"/g)].map((match) => match[1]!);
const stylesheets = (html: string) =>
  [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);

describe('the sales point map', () => {
  it('loads Leaflet from our own assets and draws tiles from the configured URL, with its attribution', async () => {
    const point = await createSalesPoint({ provinceCode: '37', latitude: 20.25, longitude: 105.97 });
    const config = {
      MAP_TILE_URL: 'https://tiles.ban-do.example.vn/ocop/{z}/{x}/{y}.png',
      MAP_ATTRIBUTION: '© Bản đồ thử nghiệm',
    };
    const list = await pageWith('/sales-points?province=37', config);
    expect(list.html).toContain(`href="/sales-points/${point.slug}"`);
    for (const path of ['/sales-points?province=37', `/sales-points/${point.slug}`]) {
      const { html, csp } = await pageWith(path, config);
      expect(html, path).toContain(`"href":"/sales-points/${point.slug}","lat":20.25,"lng":105.97`);
      expect(html, path).toContain(`data-tile-url="${config.MAP_TILE_URL}"`);
      expect(html, path).toContain(`data-attribution="${config.MAP_ATTRIBUTION}"`);
      expect(scriptSources(html), path).toEqual(
        expect.arrayContaining(['/vendor/leaflet/leaflet.js', '/points-map.js']),
      );
      expect(stylesheets(html), path).toContain('/vendor/leaflet/leaflet.css');
      // Every script and stylesheet from our own origin: no CDN.
      for (const source of [...scriptSources(html), ...stylesheets(html)]) expect(source, path).toMatch(/^\/[a-z]/);
      expect(imgSrc(csp), path).toEqual(["'self'", 'data:', 'https://tiles.ban-do.example.vn']);
    }
  });

  it('uses wrangler.toml’s tile URL by default', async () => {
    const point = await createSalesPoint({ provinceCode: '37', latitude: 20.26, longitude: 105.98 });
    const { html, csp } = await pageWith(`/sales-points/${point.slug}`, {
      MAP_TILE_URL: env.MAP_TILE_URL,
      MAP_ATTRIBUTION: env.MAP_ATTRIBUTION,
    });
    expect(env.MAP_TILE_URL).toMatch(/^https:\/\/.+\{z\}.+\{x\}.+\{y\}/);
    expect(html).toContain(`data-tile-url="${env.MAP_TILE_URL}"`);
    expect(imgSrc(csp)).toContain(new URL(env.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0')).origin);
  });

  it('is left out without a tile URL, while the list, the page and their links still work', async () => {
    const point = await createSalesPoint({ provinceCode: '37', latitude: 20.27, longitude: 105.99 });
    const config = { MAP_TILE_URL: '', MAP_ATTRIBUTION: '' };
    const list = await pageWith('/sales-points?province=37', config);
    expect(list.html).toContain(`href="/sales-points/${point.slug}"`);
    const page = await pageWith(`/sales-points/${point.slug}`, config);
    expect(page.html).toContain(`href="geo:20.27,105.99`);
    expect(page.html).toContain('https://www.openstreetmap.org/?mlat=20.27&amp;mlon=105.99');
    for (const { html, csp } of [list, page]) {
      expect(html).not.toContain('points-map');
      expect(html).not.toContain('leaflet');
      expect(imgSrc(csp).filter((source) => source.startsWith('https:'))).toEqual([]);
    }
  });
});
