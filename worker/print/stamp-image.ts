/** One stamp as an image: SVG for packaging artwork, PNG for tools that take only bitmaps. */
import { deflate } from './deflate';
import { QUIET_ZONE_MODULES, darkRuns, encodeQr } from './qr';
import type { PrintStamp } from './stamp-sheet';

/** Text sizes in QR modules, so the serial scales with the code. */
const SERIAL_SIZE = 3.2;
const SERIAL_LINE = 4.5;
const PIN_BOX_HEIGHT = 5;

/**
 * The code with its serial underneath (and the PIN in a dashed scratch box when present).
 * `widthMm` sets the printed size; the drawing itself is in module units, so it stays sharp at any size.
 */
export function renderStampSvg(stamp: PrintStamp, options: { widthMm?: number } = {}): string {
  const matrix = encodeQr(stamp.url);
  const side = matrix.size + 2 * QUIET_ZONE_MODULES;
  const height = side + SERIAL_LINE + (stamp.pin ? PIN_BOX_HEIGHT + 1 : 0);
  const widthMm = options.widthMm ?? 25;
  const path = darkRuns(matrix)
    .map((run) => `M${run.col + QUIET_ZONE_MODULES} ${run.row + QUIET_ZONE_MODULES}h${run.length}v1h-${run.length}z`)
    .join('');
  const font = `font-family="'Be Vietnam Pro', Arial, sans-serif" font-size="${SERIAL_SIZE}" text-anchor="middle"`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthMm}mm" height="${round((widthMm * height) / side)}mm" viewBox="0 0 ${side} ${height}">`,
    `<rect width="${side}" height="${height}" fill="#fff"/>`,
    `<path fill="#000" shape-rendering="crispEdges" d="${path}"/>`,
    `<text x="${side / 2}" y="${side + SERIAL_SIZE}" ${font}>${escapeXml(stamp.serial)}</text>`,
  ];
  if (stamp.pin) {
    const boxWidth = Math.min(side - 2, stamp.pin.length * SERIAL_SIZE * 0.65 + 2);
    const boxTop = side + SERIAL_LINE + 0.5;
    parts.push(
      `<rect x="${round((side - boxWidth) / 2)}" y="${boxTop}" width="${round(boxWidth)}" height="${PIN_BOX_HEIGHT}" fill="none" stroke="#000" stroke-width="0.2" stroke-dasharray="1 0.6"/>`,
      `<text x="${side / 2}" y="${round(boxTop + PIN_BOX_HEIGHT / 2 + SERIAL_SIZE * 0.36)}" ${font}>${escapeXml(stamp.pin)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * The code alone (with its quiet zone) as a 1-bit greyscale PNG, `pixelsPerModule` pixels to a module.
 * Compressed with CompressionStream, which Workers and Node share: no canvas, no native module.
 */
export async function renderStampPng(
  stamp: Pick<PrintStamp, 'url'>,
  options: { pixelsPerModule?: number } = {},
): Promise<Uint8Array> {
  const scale = options.pixelsPerModule ?? 10;
  if (!Number.isInteger(scale) || scale < 1 || scale > 50) {
    throw new RangeError('pixelsPerModule must be a whole number from 1 to 50');
  }
  const matrix = encodeQr(stamp.url);
  const sideModules = matrix.size + 2 * QUIET_ZONE_MODULES;
  const side = sideModules * scale;
  const rowBytes = Math.ceil(side / 8);
  // Each scanline: filter type 0, then the pixels, 1 bit each, 1 = white.
  const raw = new Uint8Array((rowBytes + 1) * side);
  for (let y = 0; y < side; y++) {
    const row = Math.floor(y / scale) - QUIET_ZONE_MODULES;
    const line = y * (rowBytes + 1) + 1;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / scale) - QUIET_ZONE_MODULES;
      const inside = row >= 0 && row < matrix.size && col >= 0 && col < matrix.size;
      const dark = inside && matrix.dark[row * matrix.size + col] === 1;
      if (!dark) raw[line + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, side);
  view.setUint32(4, side);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
const round = (value: number) => Math.round(value * 100) / 100;
