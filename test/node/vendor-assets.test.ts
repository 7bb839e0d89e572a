/**
 * Leaflet is served from our own assets: wrangler's build step (scripts/copy-vendor.mjs, [build]
 * in wrangler.toml) copies the npm package's browser files into web/public/vendor/leaflet, the
 * paths the sales point pages load. Run here as wrangler runs it, then compared byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packaged = resolve(root, 'node_modules/leaflet/dist');
const served = resolve(root, 'web/public/vendor/leaflet');

describe('scripts/copy-vendor.mjs', () => {
  it('is the build step wrangler runs before serving the assets', () => {
    expect(readFileSync(resolve(root, 'wrangler.toml'), 'utf8')).toMatch(
      /\[build\]\s*\ncommand = "node scripts\/copy-vendor\.mjs"/,
    );
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies.leaflet).toBeDefined();
  });

  it('copies Leaflet’s script, stylesheet, marker images and licence from the npm package', () => {
    execFileSync(process.execPath, [resolve(root, 'scripts/copy-vendor.mjs')], { cwd: root });
    for (const file of ['leaflet.js', 'leaflet.css']) {
      expect(readFileSync(resolve(served, file)).equals(readFileSync(resolve(packaged, file))), file).toBe(true);
    }
    expect(existsSync(resolve(served, 'LICENSE'))).toBe(true);
    const images = readdirSync(resolve(packaged, 'images'));
    expect(images).toEqual(expect.arrayContaining(['marker-icon.png', 'marker-shadow.png']));
    for (const image of images) expect(existsSync(resolve(served, 'images', image)), image).toBe(true);
  });
});
