/**
 * Reads generated PDFs back with pdf.js inside the Workers runtime the tests run in. pdf.js needs a
 * DOMMatrix to load (it is used for rendering, which text extraction never reaches), and parses in
 * the same thread when its worker module is handed over on globalThis.
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;

/** Stands in for the browser's DOMMatrix, which pdf.js needs only to render. */
class DOMMatrixStub {
  constructor(readonly init?: unknown) {}
}

let loading: Promise<PdfJs> | undefined;

/** Loading pdf.js into the runtime takes seconds: call it from beforeAll with a long timeout. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    if (!('DOMMatrix' in globalThis)) Reflect.set(globalThis, 'DOMMatrix', DOMMatrixStub);
    Reflect.set(globalThis, 'pdfjsWorker', await import('pdfjs-dist/legacy/build/pdf.worker.mjs'));
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** A run of text as pdf.js sees it, with its baseline start in points from the page's bottom-left corner. */
export interface PdfText {
  text: string;
  x: number;
  y: number;
  width: number;
}

export async function readPdfPages(bytes: Uint8Array): Promise<PdfText[][]> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given.
  const pdf = await getDocument({ data: bytes.slice(), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false })
    .promise;
  const pages: PdfText[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== ''
          ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }]
          : [],
      ),
    );
  }
  await pdf.destroy();
  return pages;
}
