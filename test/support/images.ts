/**
 * Real, tiny image files built byte by byte, for the photo checks (test/domain, test/pages) and the
 * browser test that has Chromium decode them. Each follows its format's specification, written
 * here independently of worker/domain/image-files.ts, so the check is tested against the format
 * rather than against itself.
 */

export const concat = (...parts: (Uint8Array | readonly number[])[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const text = (value: string) => new TextEncoder().encode(value);

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];

// ---------------------------------------------------------------- PNG

function crc(bytes: Uint8Array): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

export function pngChunk(type: string, data: Uint8Array | readonly number[] = []): Uint8Array {
  const body = concat(text(type), data);
  return concat(be32(data.length), body, be32(crc(body)));
}

/** zlib data in stored (uncompressed) deflate blocks: a valid stream without a compressor. */
function zlibStored(data: Uint8Array): Uint8Array {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const block = [1, ...[data.length & 0xff, data.length >>> 8], ...[~data.length & 0xff, (~data.length >>> 8) & 0xff]];
  return concat([0x78, 0x01], block, data, be32(((b << 16) | a) >>> 0));
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The chunks of a width × height truecolour PNG, a gradient, for tests that rearrange them. */
export function pngChunks(width = 2, height = 2): { ihdr: Uint8Array; idat: Uint8Array; iend: Uint8Array } {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push((x * 97) & 0xff, (y * 61) & 0xff, 160);
  }
  return {
    ihdr: pngChunk('IHDR', [...be32(width), ...be32(height), 8, 2, 0, 0, 0]),
    idat: pngChunk('IDAT', zlibStored(Uint8Array.from(rows))),
    iend: pngChunk('IEND'),
  };
}

export function tinyPng(width = 2, height = 2): Uint8Array {
  const { ihdr, idat, iend } = pngChunks(width, height);
  return concat(PNG_SIGNATURE, ihdr, idat, iend);
}

// ---------------------------------------------------------------- JPEG

const segment = (marker: number, payload: readonly number[] | Uint8Array) =>
  concat([0xff, marker], be16(payload.length + 2), payload);

/** A comment segment (COM), where a polyglot hides its page. */
export const jpegComment = (value: string) => segment(0xfe, text(value));

/**
 * A baseline greyscale JPEG of 8 × 8 pixels per block, every block mid grey. Its Huffman tables
 * hold one code each ("0": DC difference 0, AC end of block), so each block is two bits.
 */
/** An EXIF APP1 segment whose first IFD holds one entry: the orientation (1 to 8), in either byte order. */
export function exifOrientationSegment(orientation: number, byteOrder: 'II' | 'MM' = 'MM') {
  const u16 = (n: number) => (byteOrder === 'MM' ? be16(n) : [n & 0xff, n >>> 8]);
  const u32 = (n: number) => (byteOrder === 'MM' ? be32(n) : le32(n));
  const tiff = [
    ...text(byteOrder),
    ...u16(42),
    ...u32(8),
    ...u16(1),
    // Orientation (0x0112), SHORT, one value, left-justified in the 4-byte value field.
    ...u16(0x0112),
    ...u16(3),
    ...u32(1),
    ...u16(orientation),
    0,
    0,
    ...u32(0),
  ];
  return segment(0xe1, [...text('Exif\0\0'), ...tiff]);
}

export function tinyJpeg({
  width = 8,
  height = 8,
  comment,
  orientation,
  byteOrder,
}: { width?: number; height?: number; comment?: string; orientation?: number; byteOrder?: 'II' | 'MM' } = {}) {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks).padEnd(Math.ceil((blocks * 2) / 8) * 8, '1');
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00);
  }
  const oneCodeTable = (tableClass: number) => [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00];
  return concat(
    [0xff, 0xd8],
    segment(0xe0, [...text('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    orientation === undefined ? [] : exifOrientationSegment(orientation, byteOrder),
    comment === undefined ? [] : jpegComment(comment),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]),
    segment(0xc4, oneCodeTable(0)),
    segment(0xc4, oneCodeTable(1)),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    scan,
    [0xff, 0xd9],
  );
}

// ---------------------------------------------------------------- WebP

/** Bits written least significant first, as VP8L reads them. */
class BitWriter {
  private bytes: number[] = [];
  private used = 0;
  write(value: number, count: number) {
    for (let i = 0; i < count; i++) {
      if (this.used % 8 === 0) this.bytes.push(0);
      this.bytes[this.bytes.length - 1]! |= ((value >>> i) & 1) << (this.used % 8);
      this.used++;
    }
    return this;
  }
  done = () => Uint8Array.from(this.bytes);
}

/**
 * A lossless (VP8L) bitstream of one colour: no transform, no colour cache, and five prefix codes
 * of one symbol each (green, red, blue, alpha, distance), so every pixel costs no bits.
 */
export function vp8lBitstream(width = 1, height = 1, [red, green, blue, alpha] = [200, 120, 40, 255]): Uint8Array {
  const bits = new BitWriter()
    .write(0x2f, 8)
    .write(width - 1, 14)
    .write(height - 1, 14)
    .write(0, 1)
    .write(0, 3);
  bits.write(0, 1).write(0, 1).write(0, 1); // no transform, no colour cache, no meta prefix codes
  for (const symbol of [green, red, blue, alpha]) bits.write(1, 1).write(0, 1).write(1, 1).write(symbol!, 8);
  bits.write(1, 1).write(0, 1).write(0, 1).write(0, 1); // distance: one 1-bit symbol, never read
  return bits.done();
}

export function riffChunk(fourCc: string, data: Uint8Array | readonly number[]): Uint8Array {
  return concat(text(fourCc), le32(data.length), data, data.length % 2 ? [0] : []);
}

export const riffWebp = (...chunks: Uint8Array[]) => {
  const body = concat(text('WEBP'), ...chunks);
  return concat(text('RIFF'), le32(body.length), body);
};

/** A simple-format lossless WebP: RIFF, WEBP and one VP8L chunk. */
export const tinyWebp = (width = 1, height = 1) => riffWebp(riffChunk('VP8L', vp8lBitstream(width, height)));

/** An extended-format WebP: a VP8X header (alpha flag set), the VP8L image and extra chunks (metadata). */
export function extendedWebp(width = 1, height = 1, ...extra: Uint8Array[]): Uint8Array {
  const header = [0x10, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];
  return riffWebp(riffChunk('VP8X', header), riffChunk('VP8L', vp8lBitstream(width, height)), ...extra);
}

/**
 * The header of a lossy (VP8) key frame with a first partition that fits its chunk: the structure
 * the check reads, though its partitions are zeros rather than an encoded picture (the browser test
 * checks Chromium's own lossy WebP).
 */
export function vp8KeyFrameHeader(width = 1, height = 1, payload = 20): Uint8Array {
  const tag = (payload << 5) | (0 << 1) | (1 << 4); // key frame, version 0, shown, partition size
  return concat(
    le24(tag),
    [0x9d, 0x01, 0x2a],
    [width & 0xff, width >> 8, height & 0xff, height >> 8],
    new Uint8Array(payload),
  );
}
