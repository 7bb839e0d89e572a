// Copies the browser files of npm packages the pages load from our own origin (no CDN) into
// web/public/vendor. wrangler runs it before `wrangler dev` and `wrangler deploy` ([build] in
// wrangler.toml); the copies are not committed, so the version is the one package-lock.json pins.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'web', 'public', 'vendor', 'leaflet');
mkdirSync(target, { recursive: true });
const dist = join(root, 'node_modules', 'leaflet', 'dist');
for (const file of ['leaflet.js', 'leaflet.css', 'LICENSE']) {
  cpSync(join(file === 'LICENSE' ? join(dist, '..') : dist, file), join(target, file));
}
cpSync(join(dist, 'images'), join(target, 'images'), { recursive: true });
