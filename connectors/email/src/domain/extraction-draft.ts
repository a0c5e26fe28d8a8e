import type { DecimalString, Party } from '@orderhub/contracts';

/** One extracted value, how sure we are of it, and where it came from (for the operator and the notes). */
export interface FieldValue<T> {
  value: T;
  confidence: number;
  source: string;
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
}
