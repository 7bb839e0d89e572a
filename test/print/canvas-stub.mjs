// pdf.js's legacy build requires @napi-rs/canvas whenever it sees Node, for what it needs to draw.
// The Workers runtime the tests run in loads no native binding, and reading a PDF's text never
// draws: vitest.config.ts points the package here, so pdf.js finds these instead of warning.
function notForDrawing() {
  throw new Error('pdf.js cannot draw in the tests: there is no canvas in the Workers runtime');
}

export { notForDrawing as DOMMatrix, notForDrawing as ImageData, notForDrawing as Path2D };
