/**
 * Demo photos: a deterministic SVG per product (same input, same bytes), so
 * the seed can point every image at /images/products/<slug>.svg.
 */
import type { CatalogueGroupCode } from '../worker/domain/catalogue';

export interface ProductArt {
  slug: string;
  /** 1 for the main picture; later pictures of the same product get their own pattern and a pack outline. */
  picture: number;
  name: string;
  groupCode: string;
  /** Stars of an active certification, else null (no stars drawn). */
  stars: number | null;
}

/** Dark enough for white text at any size (contrast ≥ 7:1). */
export const groupColours: Record<CatalogueGroupCode, string> = {
  food: '#7c2d12',
  beverage: '#1e3a8a',
  herbal: '#14532d',
  handicraft: '#581c87',
  ornamental: '#134e4a',
  tourism: '#0c4a6e',
};
export const FALLBACK_COLOUR = '#374151';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** FNV-1a: a stable small hash so each slug gets its own pattern. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  return words
    .slice(0, 2)
    .map((word) => [...word][0]!.toLocaleUpperCase('vi'))
    .join('');
}

function shortName(name: string, max = 26): string {
  const chars = [...name];
  return chars.length <= max
    ? name
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

export function productArtSvg({ slug, picture, name, groupCode, stars }: ProductArt): string {
  const colour = groupColours[groupCode as CatalogueGroupCode] ?? FALLBACK_COLOUR;
  const seed = hash(`${slug}/${picture}`);
  const circles = [0, 1, 2]
    .map((i) => {
      const x = (seed >>> (i * 8)) % 400;
      const y = (seed >>> (i * 5 + 3)) % 300;
      const r = 40 + ((seed >>> (i * 3)) % 80);
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="#fff" fill-opacity="0.08"/>`;
    })
    .join('');
  const starLine = stars ? `<text x="200" y="262" font-size="30" fill="#fde68a">${'★'.repeat(stars)}</text>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300" role="img">`,
    `<title>${escapeXml(name)}</title>`,
    `<rect width="400" height="300" fill="${colour}"/>`,
    circles,
    picture > 1
      ? '<rect x="90" y="40" width="220" height="240" rx="24" fill="none" stroke="#fff" stroke-width="4"/>'
      : '',
    `<g font-family="system-ui, sans-serif" text-anchor="middle">`,
    `<text x="200" y="160" font-size="96" font-weight="700" fill="#fff">${escapeXml(initials(name))}</text>`,
    `<text x="200" y="214" font-size="22" fill="#fff">${escapeXml(shortName(name))}</text>`,
    starLine,
    `</g></svg>`,
  ].join('');
}
