import type { PdfTextResult } from '../domain/pdf-text';

/** Port: turns PDF bytes into positioned text. The sandboxed child-process pool implements it. */
export abstract class PdfTextExtractor {
  abstract extract(pdf: Buffer): Promise<PdfTextResult>;
}
