/**
 * The picture a shared link previews with (Open Graph): 1200 × 630 PNG, the size Facebook and Zalo
 * show large (at least 600 × 315). The product's generated art as a bitmap: its group colour, the
 * same pattern of soft circles from the slug, and its OCOP stars. Drawn pixel by pixel with 4 × 4
 * supersampling and compressed with CompressionStream: no canvas, no native module, the same
 * bytes for the same input.
 */
import { deflate } from './deflate';

export const SHARE_CARD = { width: 1200, height: 630 } as const;

export interface ShareCard {
  /** "#rrggbb" */
  background: string;
  /** Seeds the circles: each page gets its own pattern. */
  seed: string;
  stars: number | null;
}

const rgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];

/** FNV-1a, as web/product-art.ts seeds its SVG. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Inside = (x: number, y: number) => boolean;

/** A five-pointed star's even-odd test, centred at (cx, cy) with outer radius r. */
function star(cx: number, cy: number, r: number): Inside {
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? r : r * 0.4;
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** Blends `colour` at `alpha` into every pixel of the box that `inside` covers, by 4 × 4 samples. */
function fill(
  pixels: Uint8Array,
  box: { x0: number; y0: number; x1: number; y1: number },
  inside: Inside,
  colour: [number, number, number],
  alpha: number,
) {
  const { width, height } = SHARE_CARD;
  const rowBytes = width * 3 + 1;
  for (let py = Math.max(0, Math.floor(box.y0)); py < Math.min(height, Math.ceil(box.y1)); py++) {
    for (let px = Math.max(0, Math.floor(box.x0)); px < Math.min(width, Math.ceil(box.x1)); px++) {
      let covered = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) if (inside(px + (sx + 0.5) / 4, py + (sy + 0.5) / 4)) covered++;
      if (covered === 0) continue;
      const a = (alpha * covered) / 16;
      const at = py * rowBytes + 1 + px * 3;
      for (let k = 0; k < 3; k++) pixels[at + k] = Math.round(pixels[at + k]! * (1 - a) + colour[k]! * a);
    }
  }
}

/** The card as PNG bytes. */
export async function renderShareCard(card: ShareCard): Promise<Uint8Array> {
  const { width, height } = SHARE_CARD;
  const rowBytes = width * 3 + 1;
  const pixels = new Uint8Array(rowBytes * height);
  const background = rgb(card.background);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(background, y * rowBytes + 1 + x * 3);
  }
  const seed = hash(card.seed);
  const white: [number, number, number] = [255, 255, 255];
  for (let i = 0; i < 3; i++) {
    const cx = ((seed >>> (i * 8)) % 400) * 3;
    const cy = ((seed >>> (i * 5 + 3)) % 300) * 2.1;
    const r = (40 + ((seed >>> (i * 3)) % 80)) * 3;
    fill(
      pixels,
      { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r },
      (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
      white,
      0.08,
    );
  }
  if (card.stars) {
    const r = 60;
    const gap = 20;
    const total = card.stars * 2 * r + (card.stars - 1) * gap;
    for (let i = 0; i < card.stars; i++) {
      const cx = (width - total) / 2 + r + i * (2 * r + gap);
      const cy = height / 2;
      fill(pixels, { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r }, star(cx, cy, r), rgb('#fde68a'), 1);
    }
  }
  return png(width, height, await deflate(pixels));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function png(width: number, height: number, compressed: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', compressed),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
