/**
 * What the PDF sandbox hands back. Coordinates are PDF points with the origin at the page's top-left
 * (pdf.js viewport space), so "below" means a larger y.
 */
export interface PdfTextItem {
  /** Text of one pdf.js text run (whitespace-only runs are dropped in the worker). */
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  height: number;
}

export interface PdfTextPage {
  num: number;
  width: number;
  height: number;
  /** pdf-parse's own text rendering of the page. */
  text: string;
  /** Positional runs; empty when the worker was asked not to collect them. */
  items: PdfTextItem[];
}

export const PDF_ERROR_CODES = [
  'PDF.ENCRYPTED',
  'PDF.CORRUPT',
  'PDF.NO_TEXT',
  'PDF.TOO_LARGE',
  'PDF.TIMEOUT',
  'PDF.WORKER_CRASHED',
] as const;
export type PdfErrorCode = (typeof PDF_ERROR_CODES)[number];

export type PdfTextResult =
  | { ok: true; pages: PdfTextPage[]; elapsedMs: number; /** The text came from OCR of scanned pages, not a text layer. */ ocr?: boolean }
  | { ok: false; code: PdfErrorCode; message: string; elapsedMs: number };

/** Human wording for replies and exception reasons; exhaustive over the codes. */
export function describePdfError(code: PdfErrorCode): string {
  switch (code) {
    case 'PDF.ENCRYPTED':
      return 'the PDF is password-protected';
    case 'PDF.CORRUPT':
      return 'the PDF is damaged or not a PDF';
    case 'PDF.NO_TEXT':
      return 'the PDF has no text layer (scanned image?)';
    case 'PDF.TOO_LARGE':
      return 'the PDF is larger than we accept';
    case 'PDF.TIMEOUT':
      return 'reading the PDF took too long';
    case 'PDF.WORKER_CRASHED':
      return 'reading the PDF failed (out of memory or crash)';
  }
}
