/**
 * zlib-wrapped deflate (RFC 1950), the encoding of PDF FlateDecode streams and PNG image data.
 * CompressionStream runs natively in Workers and Node, several times faster than a JS deflate.
 */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
