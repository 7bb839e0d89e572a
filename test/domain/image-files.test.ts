import { describe, expect, it } from 'vitest';
import {
  containsMarkup,
  crc32,
  imageSize,
  isWellFormedJpeg,
  isWellFormedPng,
  isWellFormedWebp,
} from '../../worker/domain/image-files';
import { photoTypeOf } from '../../worker/domain/media';
import {
  concat,
  extendedWebp,
  PNG_SIGNATURE,
  pngChunk,
  pngChunks,
  riffChunk,
  riffWebp,
  text,
  tinyJpeg,
  tinyPng,
  tinyWebp,
  vp8KeyFrameHeader,
  vp8lBitstream,
} from '../support/images';

const HTML = text('<!doctype html><html><body><script>fetch("/portal")</script></body></html>');

const valid: [string, Uint8Array, string][] = [
  ['a JPEG of one block', tinyJpeg(), 'image/jpeg'],
  ['a JPEG of 6 blocks with a comment', tinyJpeg({ width: 16, height: 24, comment: 'Mật ong bạc hà' }), 'image/jpeg'],
  ['a 2 × 2 PNG', tinyPng(), 'image/png'],
  ['a 5 × 3 PNG', tinyPng(5, 3), 'image/png'],
  ['a lossless WebP', tinyWebp(), 'image/webp'],
  ['a 3 × 2 lossless WebP', tinyWebp(3, 2), 'image/webp'],
  ['an extended WebP with EXIF', extendedWebp(1, 1, riffChunk('EXIF', text('Exif\0\0MM'))), 'image/webp'],
  ['a lossy WebP key frame', riffWebp(riffChunk('VP8 ', vp8KeyFrameHeader())), 'image/webp'],
];

describe('photoTypeOf: whole, well-formed images', () => {
  it.each(valid)('takes %s', (_, bytes, type) => {
    expect(photoTypeOf(bytes)).toBe(type);
  });

  it('takes a JPEG followed by whole secondary images (Multi-Picture, as phone cameras write)', () => {
    expect(photoTypeOf(concat(tinyJpeg(), tinyJpeg({ width: 16, height: 8 })))).toBe('image/jpeg');
  });

  it('takes XMP metadata, which is XML but nothing a browser runs', () => {
    const xmp = '<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF></rdf:RDF></x:xmpmeta>';
    expect(photoTypeOf(tinyJpeg({ comment: xmp }))).toBe('image/jpeg');
  });
});

describe('photoTypeOf: what only looks like an image', () => {
  it.each([
    ['the 3 bytes FF D8 FF', new Uint8Array([0xff, 0xd8, 0xff])],
    ['a PNG signature alone', new Uint8Array(PNG_SIGNATURE)],
    ['RIFF…WEBP alone', text('RIFF\x04\0\0\0WEBP')],
    ['text named .jpg', text('this is not a photo at all')],
    ['a GIF', text('GIF89a\x01\0\x01\0\0\0\0;')],
    ['an SVG', text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['an HTML page', HTML],
    ['an empty file', new Uint8Array()],
  ])('refuses %s', (_, bytes) => {
    expect(photoTypeOf(bytes)).toBeNull();
  });

  it.each(valid)('refuses %s cut short at every length', (_, bytes) => {
    for (let length = 0; length < bytes.length; length++) {
      expect(photoTypeOf(bytes.subarray(0, length)), `${length} of ${bytes.length} bytes`).toBeNull();
    }
  });

  it.each(valid)('refuses %s padded with zeros, spaces or a newline', (_, bytes) => {
    for (const padding of [[0], [0, 0, 0, 0], [0x20], [0x0a], new Array<number>(1024).fill(0)]) {
      expect(photoTypeOf(concat(bytes, padding)), `${padding.length} bytes`).toBeNull();
    }
  });

  it.each(valid)('refuses %s with an HTML page appended', (_, bytes) => {
    expect(photoTypeOf(concat(bytes, HTML))).toBeNull();
    expect(photoTypeOf(concat(bytes, text('<script>alert(1)</script>')))).toBeNull();
  });

  it('refuses polyglots: a page hidden in a JPEG comment, a PNG text chunk or a WebP chunk', () => {
    const comment = '<html><script>alert(document.domain)</script>';
    expect(isWellFormedJpeg(tinyJpeg({ comment }))).toBe(true);
    expect(photoTypeOf(tinyJpeg({ comment }))).toBeNull();
    const { ihdr, idat, iend } = pngChunks();
    const withText = concat(PNG_SIGNATURE, ihdr, pngChunk('tEXt', text(`Comment\0${comment}`)), idat, iend);
    expect(isWellFormedPng(withText)).toBe(true);
    expect(photoTypeOf(withText)).toBeNull();
    const withChunk = extendedWebp(1, 1, riffChunk('XMP ', text(`<svg onload="alert(1)"/>`)));
    expect(isWellFormedWebp(withChunk)).toBe(true);
    expect(photoTypeOf(withChunk)).toBeNull();
  });

  it('refuses one format glued to another', () => {
    expect(photoTypeOf(concat(tinyJpeg(), tinyPng()))).toBeNull();
    expect(photoTypeOf(concat(tinyPng(), tinyJpeg()))).toBeNull();
    expect(photoTypeOf(concat(tinyPng(), tinyPng()))).toBeNull();
    expect(photoTypeOf(concat(tinyWebp(), tinyWebp()))).toBeNull();
  });
});

describe('isWellFormedJpeg', () => {
  const jpeg = tinyJpeg();
  const withByte = (at: number, value: number) => {
    const copy = jpeg.slice();
    copy[at] = value;
    return copy;
  };
  const sosAt = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xda);

  it('refuses a segment whose length runs past the end or is below 2', () => {
    expect(isWellFormedJpeg(withByte(4, 0xff))).toBe(false);
    expect(isWellFormedJpeg(concat(jpeg.subarray(0, 2), [0xff, 0xfe, 0x00, 0x01], jpeg.subarray(2)))).toBe(false);
  });

  it('refuses a scan before any frame header, and a file with no scan', () => {
    const sof = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xc0);
    const withoutFrame = concat(jpeg.subarray(0, sof), jpeg.subarray(sof + 13));
    expect(isWellFormedJpeg(withoutFrame)).toBe(false);
    expect(isWellFormedJpeg(concat(jpeg.subarray(0, sosAt), [0xff, 0xd9]))).toBe(false);
  });

  it('refuses a frame of zero width and a reserved marker', () => {
    const sof = jpeg.findIndex((byte, i) => byte === 0xff && jpeg[i + 1] === 0xc0);
    const zeroWidth = jpeg.slice();
    zeroWidth[sof + 7] = 0;
    zeroWidth[sof + 8] = 0;
    expect(isWellFormedJpeg(zeroWidth)).toBe(false);
    expect(isWellFormedJpeg(concat(jpeg.subarray(0, 2), [0xff, 0x02, 0x00, 0x02], jpeg.subarray(2)))).toBe(false);
  });

  it('refuses entropy-coded data without an end of image', () => {
    expect(isWellFormedJpeg(jpeg.subarray(0, jpeg.length - 2))).toBe(false);
    expect(isWellFormedJpeg(concat(jpeg.subarray(0, jpeg.length - 2), [0xff, 0xd0]))).toBe(false);
  });

  it('reads stuffed bytes and restart markers inside a scan as data', () => {
    const scanData = sosAt + 10;
    const stuffed = concat(jpeg.subarray(0, scanData), [0xff, 0x00, 0xff, 0xd0], jpeg.subarray(scanData));
    expect(isWellFormedJpeg(stuffed)).toBe(true);
  });
});

describe('isWellFormedPng', () => {
  const { ihdr, idat, iend } = pngChunks();

  it('refuses a wrong CRC', () => {
    const broken = tinyPng();
    broken[8 + 8 + 13] = broken[8 + 8 + 13]! ^ 1;
    expect(isWellFormedPng(broken)).toBe(false);
  });

  it('refuses IHDR anywhere but first, twice, or with an impossible header', () => {
    expect(isWellFormedPng(concat(PNG_SIGNATURE, pngChunk('tEXt', text('a\0b')), ihdr, idat, iend))).toBe(false);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, ihdr, idat, iend))).toBe(false);
    const zeroWidth = pngChunk('IHDR', [0, 0, 0, 0, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, zeroWidth, idat, iend))).toBe(false);
    const badDepth = pngChunk('IHDR', [0, 0, 0, 2, 0, 0, 0, 2, 3, 2, 0, 0, 0]);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, badDepth, idat, iend))).toBe(false);
  });

  it('refuses IEND anywhere but last, IEND with data, and no image data', () => {
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, iend, idat))).toBe(false);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, idat, pngChunk('IEND', [0])))).toBe(false);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, iend))).toBe(false);
  });

  it('refuses image data split by another chunk, an unknown critical chunk and a palette image without a palette', () => {
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, idat, pngChunk('tEXt', text('a\0b')), idat, iend))).toBe(false);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, pngChunk('HTML', HTML), idat, iend))).toBe(false);
    const paletted = pngChunk('IHDR', [0, 0, 0, 2, 0, 0, 0, 2, 8, 3, 0, 0, 0]);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, paletted, idat, iend))).toBe(false);
    expect(isWellFormedPng(concat(PNG_SIGNATURE, paletted, pngChunk('PLTE', [0, 0, 0]), idat, iend))).toBe(true);
  });

  it('takes an unknown ancillary chunk', () => {
    expect(isWellFormedPng(concat(PNG_SIGNATURE, ihdr, pngChunk('zzZz', [1, 2, 3]), idat, iend))).toBe(true);
  });

  it('refuses a chunk length past the end of the file', () => {
    const huge = concat(PNG_SIGNATURE, ihdr, [0x7f, 0xff, 0xff, 0xff], text('IDAT'), [0, 0, 0, 0]);
    expect(isWellFormedPng(huge)).toBe(false);
  });
});

describe('isWellFormedWebp', () => {
  const lossless = riffChunk('VP8L', vp8lBitstream());

  it('refuses a RIFF size other than the file size', () => {
    for (const delta of [-2, -1, 1, 2, 1000]) {
      const file = tinyWebp();
      new DataView(file.buffer).setUint32(4, file.length - 8 + delta, true);
      expect(isWellFormedWebp(file), `${delta}`).toBe(false);
    }
  });

  it('refuses a chunk that runs past the end, and trailing bytes inside the RIFF size', () => {
    const file = tinyWebp();
    new DataView(file.buffer).setUint32(16, 1000, true);
    expect(isWellFormedWebp(file)).toBe(false);
    expect(isWellFormedWebp(riffWebp(lossless, new Uint8Array([1, 2, 3])))).toBe(false);
  });

  it('refuses a first chunk other than VP8, VP8L or VP8X, and a simple file with a second chunk', () => {
    expect(isWellFormedWebp(riffWebp(riffChunk('EXIF', [1, 2]), lossless))).toBe(false);
    expect(isWellFormedWebp(riffWebp(lossless, riffChunk('EXIF', [1, 2])))).toBe(false);
  });

  it('refuses a bitstream with a wrong signature, start code or partition size', () => {
    expect(isWellFormedWebp(riffWebp(riffChunk('VP8L', [0x2e, 0, 0, 0, 0])))).toBe(false);
    const lossy = vp8KeyFrameHeader();
    lossy[3] = 0;
    expect(isWellFormedWebp(riffWebp(riffChunk('VP8 ', lossy)))).toBe(false);
    expect(isWellFormedWebp(riffWebp(riffChunk('VP8 ', vp8KeyFrameHeader(1, 1, 20).subarray(0, 25))))).toBe(false);
  });

  it('refuses an extended file with no image, two images, or an animation', () => {
    const header = (flags: number) => riffChunk('VP8X', [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(isWellFormedWebp(riffWebp(header(0)))).toBe(false);
    expect(isWellFormedWebp(riffWebp(header(0), lossless, lossless))).toBe(false);
    expect(isWellFormedWebp(riffWebp(header(0x02), lossless))).toBe(false);
    expect(isWellFormedWebp(riffWebp(header(0), lossless))).toBe(true);
  });
});

describe('crc32', () => {
  it('gives the check value of the standard', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
  });
});

describe('containsMarkup', () => {
  it('finds tags in any case, anywhere', () => {
    expect(containsMarkup(concat(tinyPng(), text('<SCRIPT>')))).toBe(true);
    expect(containsMarkup(text('x<Html'))).toBe(true);
    expect(containsMarkup(text('<!DocType html>'))).toBe(true);
    expect(containsMarkup(text('a < b, <rdf:RDF>, <x:xmpmeta>, <?xpacket?>'))).toBe(false);
  });
});

describe('imageSize', () => {
  it.each([
    ['a PNG', tinyPng(5, 3), { width: 5, height: 3 }],
    ['a JPEG', tinyJpeg({ width: 1200, height: 640 }), { width: 1200, height: 640 }],
    [
      'a JPEG with a comment before its frame',
      tinyJpeg({ width: 16, height: 24, comment: 'Mật ong' }),
      { width: 16, height: 24 },
    ],
    ['a lossless WebP', tinyWebp(700, 400), { width: 700, height: 400 }],
    ['an extended WebP', extendedWebp(640, 330), { width: 640, height: 330 }],
    ['a lossy WebP', riffWebp(riffChunk('VP8 ', vp8KeyFrameHeader(900, 500))), { width: 900, height: 500 }],
  ])('reads the size of %s from its headers', (_, bytes, size) => {
    expect(photoTypeOf(bytes)).not.toBeNull();
    expect(imageSize(bytes)).toEqual(size);
  });

  it('gives a JPEG turned a quarter by its EXIF orientation as a viewer shows it, in either byte order', () => {
    // A phone held upright writes a landscape frame and orientation 6.
    for (const byteOrder of ['II', 'MM'] as const) {
      const upright = tinyJpeg({ width: 800, height: 480, orientation: 6, byteOrder });
      expect(photoTypeOf(upright)).toBe('image/jpeg');
      expect(imageSize(upright)).toEqual({ width: 480, height: 800 });
    }
    expect(imageSize(tinyJpeg({ width: 800, height: 480, orientation: 3 }))).toEqual({ width: 800, height: 480 });
    expect(imageSize(tinyJpeg({ width: 800, height: 480, orientation: 1, byteOrder: 'II' }))).toEqual({
      width: 800,
      height: 480,
    });
  });

  it('says nothing for bytes that are not an image', () => {
    expect(imageSize(text('not a photo'))).toBeNull();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });
});
