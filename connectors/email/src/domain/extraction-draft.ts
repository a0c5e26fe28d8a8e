import type { DecimalString, Party } from '@orderhub/contracts';

/**
 * Where a value is printed: PDF points, origin at the page's top-left, y downwards; page 1-based. The console
 * highlights it on the rendered page (contract with the console: `regions` on the exception).
 */
export interface SourceRegion {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One extracted value, how sure we are of it, and where it came from (for the operator and the notes). */
export interface FieldValue<T> {
  value: T;
  confidence: number;
  source: string;
  region?: SourceRegion;
}

export interface DraftLine {
  lineNumber: string;
  item?: string;
  description?: string;
  quantity: DecimalString;
  uom?: string;
  unitPrice?: DecimalString;
  amount?: DecimalString;
  page: number;
  /** Where each cell is printed: item (or the description holding the code), quantity, unitPrice, amount. */
  regions?: Partial<Record<'sku' | 'description' | 'quantity' | 'unitPrice' | 'amount', SourceRegion>>;
  /** How cleanly the row parsed (before cross-checks). */
  confidence: number;
}

export interface DraftCharge {
  kind: 'charge' | 'allowance';
  code: 'shipping' | 'discount' | 'other';
  description: string;
  amount: DecimalString;
}

/** Everything read off the document, before cross-checks and the catalog have had their say. */
export interface ExtractionDraft {
  poNumber?: FieldValue<string>;
  poDate?: FieldValue<string>;
  shipTo?: FieldValue<Party>;
  currency?: FieldValue<string>;
  lines: DraftLine[];
  /** Confidence that the table found is the line table (header quality, rows parsed cleanly). */
  tableConfidence: number;
  subtotal?: FieldValue<DecimalString>;
  tax?: FieldValue<DecimalString>;
  charges: DraftCharge[];
  total?: FieldValue<DecimalString>;
  /** Free text that may carry instructions (notes, comments) — priority words are looked for there. */
  remarks: string[];
  notes: string[];
  templateId?: string;
  /** The text came from OCR of scanned pages: values are less sure (see assessDraft). */
  ocr?: boolean;
}
