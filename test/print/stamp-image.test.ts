import { describe, expect, it } from 'vitest';
import { QUIET_ZONE_MODULES, encodeQr, type QrMatrix } from '../../worker/print/qr';
import { renderStampPng, renderStampSvg } from '../../worker/print/stamp-image';

const stamp = {
  serial: 'MO00000042',
  url: 'https://OCOP.EXAMPLE.VN/01/08938501234567/10/L2611A/21/MO00000042',
};

/** Dark modules as "row,col" keys, in symbol coordinates (without the quiet zone). */
function darkModules(matrix: QrMatrix): Set<string> {
  const keys = new Set<string>();
  matrix.dark.forEach((value, i) => {
    if (value) keys.add(`${Math.floor(i / matrix.size)},${i % matrix.size}`);
  });
  return keys;
}

describe('renderStampSvg', () => {
  it('draws exactly the dark modules of the code as one path, with the serial under it', () => {
    const svg = renderStampSvg(stamp);
    const d = /<path [^>]*d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const drawn = new Set<string>();
    for (const [, col, row, length] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
      for (let i = 0; i < Number(length); i++) {
        drawn.add(`${Number(row) - QUIET_ZONE_MODULES},${Number(col) - QUIET_ZONE_MODULES + i}`);
      }
    }

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(drawn).toEqual(darkModules(encodeQr(stamp.url)));
    expect(svg).toContain('>MO00000042</text>');
  });

  it('sizes the drawing in millimetres, keeping the aspect of the view box', () => {
    const svg = renderStampSvg(stamp, { widthMm: 30 });
    const [, width, height] = /width="([\d.]+)mm" height="([\d.]+)mm"/.exec(svg)!;
    const [, boxWidth, boxHeight] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;

    expect(Number(width)).toBe(30);
    expect(Number(height)).toBeCloseTo((30 * Number(boxHeight)) / Number(boxWidth), 1);
  });

  it('adds the PIN in a dashed scratch box only when the stamp has one', () => {
    expect(renderStampSvg(stamp)).not.toContain('stroke-dasharray');
    const withPin = renderStampSvg({ ...stamp, pin: '48213377' });

    expect(withPin).toContain('stroke-dasharray');
    expect(withPin).toContain('>48213377</text>');
  });

  it('escapes markup in the printed text', () => {
    const svg = renderStampSvg({ ...stamp, serial: 'A<B>&"C"' });

    expect(svg).toContain('>A&lt;B&gt;&amp;&quot;C&quot;</text>');
    expect(svg).not.toContain('A<B>');
  });
});

interface PngChunk {
  type: string;
  data: Uint8Array;
  crc: number;
}

function readChunks(png: Uint8Array): PngChunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    chunks.push({
      type,
      data: png.subarray(offset + 8, offset + 8 + length),
      crc: view.getUint32(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

/** Bit by bit, independent of the table-driven CRC the encoder uses. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('renderStampPng', () => {
  it('writes a valid 1-bit greyscale PNG of the code and its quiet zone', async () => {
    const png = await renderStampPng(stamp, { pixelsPerModule: 4 });
    const matrix = encodeQr(stamp.url);
    const side = (matrix.size + 2 * QUIET_ZONE_MODULES) * 4;

    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) {
      const typed = new Uint8Array([...chunk.type].map((c) => c.charCodeAt(0)).concat([...chunk.data]));
      expect(chunk.crc).toBe(crc32(typed));
    }
    const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([side, side]);
    expect([...chunks[0]!.data.subarray(8)]).toEqual([1, 0, 0, 0, 0]);
  });

  it('decodes to the dark modules of the code, pixel for pixel at module centres', async () => {
    const scale = 3;
    const png = await renderStampPng(stamp, { pixelsPerModule: scale });
    const matrix = encodeQr(stamp.url);
    const side = (matrix.size + 2 * QUIET_ZONE_MODULES) * scale;
    const rowBytes = Math.ceil(side / 8) + 1;
    const pixels = await inflate(readChunks(png).find((c) => c.type === 'IDAT')!.data);

    expect(pixels.length).toBe(rowBytes * side);
    const dark = new Set<string>();
    for (let y = 0; y < side; y++) {
      expect(pixels[y * rowBytes]).toBe(0);
      for (let x = 0; x < side; x++) {
        const white = (pixels[y * rowBytes + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1;
        if (!white && y % scale === 1 && x % scale === 1) {
          dark.add(`${(y - 1) / scale - QUIET_ZONE_MODULES},${(x - 1) / scale - QUIET_ZONE_MODULES}`);
        }
      }
    }
    expect(dark).toEqual(darkModules(matrix));
  });

  it('rejects a scale that is not a whole number of pixels from 1 to 50', async () => {
    await expect(renderStampPng(stamp, { pixelsPerModule: 0 })).rejects.toThrow(RangeError);
    await expect(renderStampPng(stamp, { pixelsPerModule: 2.5 })).rejects.toThrow(RangeError);
    await expect(renderStampPng(stamp, { pixelsPerModule: 51 })).rejects.toThrow(RangeError);
  });
});
