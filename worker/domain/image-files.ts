/**
 * Whether bytes are one whole, well-formed JPEG, PNG or WebP file: every segment or chunk within the
 * file and where the format puts it, the end marker last, and nothing after it. Leading bytes prove
 * nothing (a 3-byte `FF D8 FF` "JPEG", an image with a web page appended); these walk the structure
 * the way a decoder does, without decoding pixels, so they run in the Workers runtime in
 * milliseconds for a 5 MB photo.
 */

const u16be = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const u32be = (bytes: Uint8Array, at: number) =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
const u24le = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
const u32le = (bytes: Uint8Array, at: number) => (u24le(bytes, at) | (bytes[at + 3]! << 24)) >>> 0;
const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

export const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

// ---------------------------------------------------------------- JPEG (ITU T.81, JFIF)

export const JPEG_SOI = [0xff, 0xd8] as const;

const EOI = 0xd9;
const SOS = 0xda;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;
/** Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

/**
 * The end of the JPEG image that starts at `start` (just past its EOI), or -1 when it is not one:
 * SOI, then marker segments each within the file with a length of at least 2, a frame header
 * before the first scan, entropy-coded data after each scan header, and EOI after at least one scan.
 */
function jpegEnd(bytes: Uint8Array, start: number): number {
  if (!startsWith(bytes, JPEG_SOI, start)) return -1;
  let at = start + 2;
  let frame = false;
  let scans = 0;
  for (;;) {
    if (bytes[at] !== 0xff) return -1;
    while (bytes[at] === 0xff) at++; // fill bytes may precede a marker
    const marker = bytes[at++];
    if (marker === undefined) return -1;
    if (marker === EOI) return scans > 0 ? at : -1;
    // 00 is a stuffed byte and RSTn a restart, both only inside entropy-coded data; C0-FE are the
    // segments, 01 (TEM) stands alone, everything else is reserved.
    if (marker === 0x01) continue;
    if (marker < 0xc0 || marker === 0xd8 || isRestart(marker)) return -1;
    if (at + 2 > bytes.length) return -1;
    const length = u16be(bytes, at);
    if (length < 2 || at + length > bytes.length) return -1;
    if (isStartOfFrame(marker)) {
      const components = bytes[at + 7] ?? 0;
      const height = u16be(bytes, at + 3);
      const width = u16be(bytes, at + 5);
      if (frame || length !== 8 + 3 * components || components < 1 || components > 4 || !width || !height) return -1;
      frame = true;
    }
    if (marker === SOS) {
      const components = bytes[at + 2] ?? 0;
      if (!frame || length !== 6 + 2 * components || components < 1 || components > 4) return -1;
      scans++;
      at = entropyCodedEnd(bytes, at + length);
      if (at === -1) return -1;
    } else {
      at += length;
    }
  }
}

/** Where the entropy-coded data starting at `at` ends: the FF of the next marker that is not RSTn. */
function entropyCodedEnd(bytes: Uint8Array, at: number): number {
  for (let i = at; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next === 0x00 || isRestart(next)) i++;
    else if (next !== 0xff) return i;
  }
  return -1;
}

/**
 * A JPEG file: one image from SOI to EOI with nothing after it, except further whole JPEG images
 * (the secondary images of a Multi-Picture file, as some phone cameras write).
 */
export function isWellFormedJpeg(bytes: Uint8Array): boolean {
  let at = 0;
  do {
    at = jpegEnd(bytes, at);
    if (at === -1) return false;
  } while (at < bytes.length);
  return true;
}

// ---------------------------------------------------------------- PNG (ISO/IEC 15948)

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as PNG and zlib use it). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const MAX_PNG_LENGTH = 0x7fffffff;

/** Bit depths each colour type allows. */
const PNG_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** IHDR: size, a known colour type with an allowed depth, the only compression and filter method. */
function isValidHeader(data: Uint8Array): boolean {
  if (data.length !== 13) return false;
  const [width, height] = [u32be(data, 0), u32be(data, 4)];
  const [depth, colourType, compression, filter, interlace] = data.subarray(8, 13);
  return (
    width > 0 &&
    height > 0 &&
    width <= MAX_PNG_LENGTH &&
    height <= MAX_PNG_LENGTH &&
    (PNG_DEPTHS[colourType!]?.includes(depth!) ?? false) &&
    compression === 0 &&
    filter === 0 &&
    (interlace === 0 || interlace === 1)
  );
}

/**
 * A PNG file: the signature, then chunks each with a length within the file, a type of four
 * letters and a matching CRC-32; IHDR first, a palette where the colour type needs one, IDAT
 * chunks one after another, no unknown critical chunk, IEND last and nothing after it.
 */
export function isWellFormedPng(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, PNG_SIGNATURE)) return false;
  let at = PNG_SIGNATURE.length;
  let colourType = -1;
  let palette = false;
  let idat: 'before' | 'in' | 'after' = 'before';
  while (at + 12 <= bytes.length) {
    const length = u32be(bytes, at);
    if (length > MAX_PNG_LENGTH || at + 12 + length > bytes.length) return false;
    const type = ascii(bytes, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return false;
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32be(bytes, at + 8 + length)) return false;
    const first = at === PNG_SIGNATURE.length;
    at += 12 + length;
    if (first !== (type === 'IHDR')) return false;
    if (idat === 'in' && type !== 'IDAT') idat = 'after';
    switch (type) {
      case 'IHDR':
        if (!isValidHeader(data)) return false;
        colourType = data[9]!;
        break;
      case 'PLTE':
        if (palette || idat !== 'before' || length === 0 || length % 3 !== 0 || length > 256 * 3) return false;
        palette = true;
        break;
      case 'IDAT':
        if (idat === 'after' || (colourType === 3 && !palette)) return false;
        idat = 'in';
        break;
      case 'IEND':
        return length === 0 && idat !== 'before' && at === bytes.length;
      default:
        // An unknown chunk is ancillary when its first letter is lower case; a decoder must stop at any other.
        if (type[0] === type[0]!.toUpperCase()) return false;
    }
  }
  return false;
}

// ---------------------------------------------------------------- WebP (RFC 9649)

export const RIFF = [0x52, 0x49, 0x46, 0x46] as const;
export const WEBP = [0x57, 0x45, 0x42, 0x50] as const;

interface Chunk {
  fourCc: string;
  data: Uint8Array;
}

/** The chunks from `at` to the end, each within bounds and padded to an even size; null when one is not. */
function riffChunks(bytes: Uint8Array, at: number): Chunk[] | null {
  const chunks: Chunk[] = [];
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return null;
    const size = u32le(bytes, at + 4);
    const end = at + 8 + size;
    const padded = end + (size % 2);
    if (padded > bytes.length) return null;
    chunks.push({ fourCc: ascii(bytes, at, 4), data: bytes.subarray(at + 8, end) });
    at = padded;
  }
  return chunks;
}

/** A lossy bitstream: a key frame's tag with a first partition within the chunk, its start code, a size. */
function isVp8(data: Uint8Array): boolean {
  if (data.length < 10) return false;
  const tag = u24le(data, 0);
  const firstPartition = tag >>> 5;
  const width = (data[6]! | (data[7]! << 8)) & 0x3fff;
  const height = (data[8]! | (data[9]! << 8)) & 0x3fff;
  return (
    (tag & 1) === 0 &&
    10 + firstPartition <= data.length &&
    startsWith(data, [0x9d, 0x01, 0x2a], 3) &&
    width > 0 &&
    height > 0
  );
}

/** A lossless bitstream: its signature byte and version 0. */
const isVp8l = (data: Uint8Array) => data.length >= 5 && data[0] === 0x2f && data[4]! >> 5 === 0;

const ANIMATION_FLAG = 0x02;

/**
 * A WebP file: "RIFF", a size that is the file's own, "WEBP", then either one VP8 or VP8L chunk
 * alone, or a VP8X header followed by chunks within bounds holding exactly one still image
 * (VP8 with an optional ALPH before it, or VP8L). Animated WebP is not a photo and is refused.
 */
export function isWellFormedWebp(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, RIFF) || !startsWith(bytes, WEBP, 8) || bytes.length < 20) return false;
  if (u32le(bytes, 4) + 8 !== bytes.length) return false;
  const chunks = riffChunks(bytes, 12);
  if (!chunks || chunks.length === 0) return false;
  const [first, ...rest] = chunks as [Chunk, ...Chunk[]];
  if (first.fourCc === 'VP8 ') return rest.length === 0 && isVp8(first.data);
  if (first.fourCc === 'VP8L') return rest.length === 0 && isVp8l(first.data);
  if (first.fourCc !== 'VP8X' || first.data.length !== 10 || first.data[0]! & ANIMATION_FLAG) return false;
  const images = rest.filter((chunk) => chunk.fourCc === 'VP8 ' || chunk.fourCc === 'VP8L');
  if (images.length !== 1 || rest.some((chunk) => chunk.fourCc === 'ANIM' || chunk.fourCc === 'ANMF')) return false;
  const image = images[0]!;
  const alpha = rest.findIndex((chunk) => chunk.fourCc === 'ALPH');
  if (alpha !== -1 && (image.fourCc !== 'VP8 ' || alpha > rest.indexOf(image))) return false;
  return image.fourCc === 'VP8 ' ? isVp8(image.data) : isVp8l(image.data);
}

// ---------------------------------------------------------------- markup

/** Tags that make a browser (or an old one's content sniffing) read a file as a web page or a script. */
const MARKUP = ['<html', '<head', '<body', '<script', '<iframe', '<svg', '<!doctype', '<object', '<embed'];

/**
 * Whether the bytes hold HTML or SVG markup anywhere (a polyglot: an image whose comment or
 * metadata is also a page). Compressed pixels match one of these byte strings by chance about once
 * in 2^48 positions, so a real photo is never refused for it; XMP metadata (`<?xpacket`, `<x:xmpmeta`,
 * `<rdf:RDF`) is not markup a browser runs and passes.
 */
export function containsMarkup(bytes: Uint8Array): boolean {
  const longest = Math.max(...MARKUP.map((tag) => tag.length));
  for (let i = bytes.indexOf(0x3c); i !== -1; i = bytes.indexOf(0x3c, i + 1)) {
    const text = ascii(bytes, i, longest).toLowerCase();
    if (MARKUP.some((tag) => text.startsWith(tag))) return true;
  }
  return false;
}

// ---------------------------------------------------------------- size

export interface ImageSize {
  width: number;
  height: number;
}

/** EXIF orientations 5 to 8 turn the picture a quarter: a viewer shows it with width and height swapped. */
const TRANSPOSING_ORIENTATIONS = new Set([5, 6, 7, 8]);

/** The EXIF orientation (1 to 8) in an APP1 payload, or null when it holds none. */
function exifOrientation(payload: Uint8Array): number | null {
  if (ascii(payload, 0, 6) !== 'Exif\0\0' || payload.length < 14) return null;
  const tiff = payload.subarray(6);
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff[at]! | (tiff[at + 1]! << 8) : u16be(tiff, at));
  const u32 = (at: number) => (little ? u32le(tiff, at) : u32be(tiff, at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (u16(at) === 0x0112) return u16(at + 8);
  }
  return null;
}

/** The frame size of a JPEG's first image, as shown: turned by its EXIF orientation. */
function jpegSize(bytes: Uint8Array): ImageSize | null {
  let at = 2;
  let transposed = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    while (bytes[at] === 0xff) at++;
    const marker = bytes[at++];
    if (marker === undefined || marker === SOS || marker === EOI) return null;
    if (marker === 0x01) continue;
    const length = u16be(bytes, at);
    if (marker === 0xe1) {
      const orientation = exifOrientation(bytes.subarray(at + 2, at + length));
      if (orientation !== null) transposed = TRANSPOSING_ORIENTATIONS.has(orientation);
    }
    if (isStartOfFrame(marker)) {
      const height = u16be(bytes, at + 3);
      const width = u16be(bytes, at + 5);
      return transposed ? { width: height, height: width } : { width, height };
    }
    at += length;
  }
  return null;
}

/** The canvas of a WebP: VP8X's canvas, else the one bitstream's frame. */
function webpSize(bytes: Uint8Array): ImageSize | null {
  const chunks = riffChunks(bytes, 12);
  const first = chunks?.[0];
  if (!first) return null;
  const { fourCc, data } = first;
  if (fourCc === 'VP8X' && data.length >= 10) return { width: u24le(data, 4) + 1, height: u24le(data, 7) + 1 };
  if (fourCc === 'VP8 ' && data.length >= 10) {
    return { width: (data[6]! | (data[7]! << 8)) & 0x3fff, height: (data[8]! | (data[9]! << 8)) & 0x3fff };
  }
  if (fourCc === 'VP8L' && data.length >= 5) {
    const bits = u32le(data, 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

/**
 * The size in pixels a viewer shows a well-formed JPEG, PNG or WebP at (check it with photoTypeOf
 * first), read from its headers without decoding: what an Open Graph tag may announce.
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  if (startsWith(bytes, PNG_SIGNATURE) && bytes.length >= 24)
    return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
  if (startsWith(bytes, JPEG_SOI)) return jpegSize(bytes);
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return webpSize(bytes);
  return null;
}
