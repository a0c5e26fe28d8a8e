import type { DraftCharge, DraftLine, FieldValue } from './extraction-draft';
import type { ColumnField, LayoutTemplate } from './layout-template.schema';
import { escapeRegex } from './header-fields.extractor';
import type { Segment, TextLine } from './text-layout';
import { parseAmount, parseQuantity, parseUom, type NumberStyle } from './value-parsers';
import { add, type DecimalString } from '@orderhub/contracts';

type ColumnKind = ColumnField | 'other';

/** Generic header vocabulary. Order matters: "Unit Price" must be tried before "Price" and "Total". */
const GENERIC_HEADERS: Array<[ColumnField, RegExp]> = [
  ['lineNumber', /^(?:line|ln|#|no\.?|pos\.?|s\.?\s?no\.?|sr\.?\s?no\.?)$/i],
  ['unitPrice', /^(?:unit\s*price|price|unit\s*cost|cost|rate|price\s*\/\s*unit|each|unit\s+price\s*\(?\w*\)?|net\s+price|u\.?\s?price)$/i],
  ['amount', /^(?:amount|total|line\s*total|ext\.?\s*price|extended(?:\s+(?:price|amount))?|net\s+amount|total\s+price|value|subtotal|amount\s*\(?\w*\)?)$/i],
  ['quantity', /^(?:qty\.?|quantity|qty\s*ordered|ordered|order\s+qty|units|qty\s*\(?\w*\)?)$/i],
  ['uom', /^(?:uom|u\/m|unit|um|unit\s+of\s+measure)$/i],
  ['item', /^(?:item|item\s*(?:no\.?|#|number|code|id)|sku|part\s*(?:no\.?|#|number)?|product\s*(?:code|no\.?|#|id)|code|article(?:\s*no\.?)?|catalog\s*#?|material|our\s+part|your\s+part|customer\s+part(?:\s*#)?)$/i],
  ['description', /^(?:description|desc\.?|item\s+description|product(?:\s+name)?|details|designation|item\s+name|product\s+description|name)$/i],
];

const TOTALS_LINE = /^(?:sub-?\s*total|total|grand\s+total|tax|sales\s+tax|vat|gst|taxes|freight|shipping|handling|discount|net\s+amount|untaxed|amount\s+due|balance|po\s+total|order\s+total)\b/i;

export interface Column {
  kind: ColumnKind;
  x0: number;
  x1: number;
  header: string;
}

export interface TableResult {
  lines: DraftLine[];
  confidence: number;
  /** Index in `lines` of the first line after the table (where totals are searched). */
  endIndex: number;
  notes: string[];
}

function headerKind(text: string, template?: LayoutTemplate['table']): ColumnKind {
  const t = text.replace(/\s+/g, ' ').trim();
  if (template) {
    for (const col of template.columns) {
      const headers = Array.isArray(col.header) ? col.header : [col.header];
      if (headers.some((h) => new RegExp(`^${escapeRegex(h)}$`, 'i').test(t))) return col.field;
    }
    return 'other';
  }
  for (const [kind, re] of GENERIC_HEADERS) if (re.test(t)) return kind;
  return 'other';
}

/** A header row: quantity plus a price or amount, plus something naming the product. */
function asHeader(line: TextLine, template?: LayoutTemplate['table']): Column[] | null {
  if (line.segments.length < 3) return null;
  const columns = line.segments.map((s) => ({ kind: headerKind(s.text, template), x0: s.x0, x1: s.x1, header: s.text }));
  const kinds = new Set(columns.map((c) => c.kind));
  if (!kinds.has('quantity')) return null;
  if (!kinds.has('unitPrice') && !kinds.has('amount')) return null;
  if (!kinds.has('item') && !kinds.has('description')) return null;
  // The same kind twice ("Total" twice) means we misread a header; keep the first, ignore the rest.
  const seen = new Set<ColumnKind>();
  for (const c of columns) {
    if (c.kind !== 'other' && seen.has(c.kind)) c.kind = 'other';
    seen.add(c.kind);
  }
  return columns;
}

/** Puts each segment of a row into the column whose span (gap midpoints between headers) holds its centre. */
function cells(line: TextLine, columns: Column[]): Map<ColumnKind, Segment[]> {
  const out = new Map<ColumnKind, Segment[]>();
  for (const seg of line.segments) {
    const centre = (seg.x0 + seg.x1) / 2;
    let best = 0;
    for (let i = 0; i < columns.length; i++) {
      const left = i === 0 ? -Infinity : (columns[i - 1].x1 + columns[i].x0) / 2;
      if (centre >= left) best = i;
    }
    // A left-aligned text cell that starts inside a column belongs there even when it is long.
    const startCol = columns.findIndex((c, i) => seg.x0 >= c.x0 - 3 && (i === columns.length - 1 || seg.x0 < columns[i + 1].x0 - 3));
    const kind = columns[startCol >= 0 && (columns[startCol].kind === 'description' || columns[startCol].kind === 'item') ? startCol : best].kind;
    out.set(kind, [...(out.get(kind) ?? []), seg]);
  }
  return out;
}

const cellText = (c: Map<ColumnKind, Segment[]>, kind: ColumnKind): string | undefined => {
  const segs = c.get(kind);
  return segs && segs.length > 0 ? segs.map((s) => s.text).join(' ') : undefined;
};

function sameHeader(a: Column[], b: Column[]): boolean {
  const ka = a.map((c) => c.kind).filter((k) => k !== 'other');
  const kb = b.map((c) => c.kind).filter((k) => k !== 'other');
  return ka.join() === kb.join();
}

/**
 * Finds the line table and reads its rows across pages: header repeated on each page or not, descriptions
 * wrapped over several lines, page footers in between. The table ends at a totals label or a template's end regex.
 */
export function extractLineTable(lines: TextLine[], style: NumberStyle, template?: LayoutTemplate['table']): TableResult {
  const notes: string[] = [];
  const headerAt = lines.findIndex((l) => asHeader(l, template) !== null);
  if (headerAt < 0) return { lines: [], confidence: 0, endIndex: lines.length, notes: ['no line-table header found'] };
  let columns = asHeader(lines[headerAt], template)!;
  const endRe = template?.endRegex ? new RegExp(template.endRegex, 'i') : TOTALS_LINE;
  const itemRe = template?.itemInDescriptionRegex ? new RegExp(template.itemInDescriptionRegex, 'i') : /^\[([^\]\s]{2,40})\]\s*/;
  const rows: DraftLine[] = [];
  let skipped = 0;
  let unparsed = 0;
  let endIndex = lines.length;
  let lastRowY = -Infinity;
  let lastPage = lines[headerAt].page;
  let explicitNumbers = columns.some((c) => c.kind === 'lineNumber');

  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.page !== lastPage) {
      lastPage = line.page;
      lastRowY = -Infinity;
      skipped = 0;
    }
    const again = asHeader(line, template);
    if (again) {
      if (!sameHeader(again, columns)) notes.push(`table header changed on page ${line.page}`);
      columns = again;
      explicitNumbers = columns.some((c) => c.kind === 'lineNumber');
      continue;
    }
    const first = line.segments[0].text;
    if (rows.length > 0 && endRe.test(first)) {
      endIndex = i;
      break;
    }
    const c = cells(line, columns);
    const qty = cellText(c, 'quantity');
    const parsedQty = qty !== undefined ? parseQuantity(qty, style) : null;
    const price = cellText(c, 'unitPrice');
    const amount = cellText(c, 'amount');
    const parsedPrice = price !== undefined ? parseAmount(price, style) : null;
    const parsedAmount = amount !== undefined ? parseAmount(amount, style) : null;
    if (parsedQty && (parsedPrice !== null || parsedAmount !== null)) {
      let description = cellText(c, 'description');
      let item = cellText(c, 'item');
      if (!item && description) {
        const m = itemRe.exec(description);
        if (m) {
          item = m[1];
          description = description.slice(m[0].length).trim();
        }
      }
      const uomText = cellText(c, 'uom');
      const uom = parsedQty.uom ?? (uomText ? parseUom(uomText) ?? undefined : undefined);
      let confidence = 0.9;
      if ((price !== undefined && parsedPrice === null) || (amount !== undefined && parsedAmount === null)) confidence = 0.5;
      if (c.has('other') && columns.every((col) => col.kind !== 'other')) confidence = Math.min(confidence, 0.7);
      const lineNo = explicitNumbers ? cellText(c, 'lineNumber')?.replace(/\.$/, '') : undefined;
      rows.push({
        lineNumber: lineNo && /^\w{1,10}$/.test(lineNo) ? lineNo : String(rows.length + 1),
        ...(item ? { item: item.replace(/\s+/g, '') } : {}),
        ...(description ? { description } : {}),
        quantity: parsedQty.quantity,
        ...(uom ? { uom } : {}),
        ...(parsedPrice !== null ? { unitPrice: parsedPrice } : {}),
        ...(parsedAmount !== null ? { amount: parsedAmount } : {}),
        page: line.page,
        confidence,
      });
      lastRowY = line.y;
      skipped = 0;
      continue;
    }
    // A wrapped description: only text, in the description column, just below the previous row.
    const onlyText = [...c.keys()].every((k) => k === 'description' || k === 'item');
    if (rows.length > 0 && onlyText && c.has('description') && line.y - lastRowY < 16) {
      const prev = rows[rows.length - 1];
      prev.description = `${prev.description ?? ''} ${cellText(c, 'description')}`.trim();
      lastRowY = line.y;
      continue;
    }
    if (rows.length > 0) {
      // Page furniture between rows (footers, "continued" lines) is skipped; a run of unknown lines ends the table.
      skipped += 1;
      if ([...c.keys()].some((k) => k === 'quantity' || k === 'unitPrice' || k === 'amount')) unparsed += 1;
      if (skipped > 4 && line.page === rows[rows.length - 1].page) {
        endIndex = i;
        break;
      }
    }
  }
  let confidence = rows.length === 0 ? 0 : 0.95;
  if (unparsed > 0) {
    confidence = 0.6;
    notes.push(`${unparsed} line(s) inside the table had numbers but did not parse as rows`);
  }
  if (!columns.some((col) => col.kind === 'amount')) notes.push('no line amount column: line totals cannot be cross-checked');
  return { lines: rows, confidence, endIndex, notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Totals

const TOTAL_LABELS: Array<[RegExp, 'subtotal' | 'tax' | 'shipping' | 'discount' | 'total']> = [
  [/^(?:sub-?\s*total|net\s+amount|untaxed\s+amount|merchandise\s+total|total\s+before\s+tax|total\s+excl\.?\s*(?:tax|vat))\b/i, 'subtotal'],
  [/^(?:sales\s+tax|tax(?:es)?|vat|gst|igst|cgst|sgst)\b/i, 'tax'],
  [/^(?:shipping(?:\s*&\s*handling)?|freight|delivery(?:\s+charges?)?|handling)\b/i, 'shipping'],
  [/^discount\b/i, 'discount'],
  [/^(?:grand\s+total|total\s+due|amount\s+due|po\s+total|order\s+total|total\s+amount|total\s+incl\.?.*|total)\b/i, 'total'],
];

export interface TotalsResult {
  subtotal?: FieldValue<DecimalString>;
  tax?: FieldValue<DecimalString>;
  total?: FieldValue<DecimalString>;
  charges: DraftCharge[];
}

/** Reads labelled totals after the table; each label's value is the last number on its line. */
export function extractTotals(lines: TextLine[], from: number, style: NumberStyle): TotalsResult {
  const out: TotalsResult = { charges: [] };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    const labelSeg = line.segments[0];
    for (const [re, kind] of TOTAL_LABELS) {
      const m = re.exec(labelSeg.text);
      if (!m) continue;
      const rest = labelSeg.text.slice(m[0].length).replace(/^[\s:]+/, '');
      const candidates = [...line.segments.slice(1).map((s) => s.text)].reverse();
      if (rest) candidates.push(rest.replace(/^\(?[\d.,]+\s*%\)?\s*/, ''));
      let value: DecimalString | null = null;
      for (const c of candidates) {
        value = parseAmount(c, style);
        if (value !== null) break;
      }
      if (value === null) break;
      const field: FieldValue<DecimalString> = { value, confidence: 0.95, source: `"${labelSeg.text}" page ${line.page}` };
      if (kind === 'subtotal') out.subtotal ??= field;
      else if (kind === 'tax') out.tax = out.tax ? { ...out.tax, value: add(out.tax.value, value) } : field;
      else if (kind === 'total') out.total ??= field;
      else if (kind === 'shipping') out.charges.push({ kind: 'charge', code: 'shipping', description: labelSeg.text.replace(/[:\s]+$/, ''), amount: value });
      else out.charges.push({ kind: 'allowance', code: 'discount', description: labelSeg.text.replace(/[:\s]+$/, ''), amount: value.replace(/^-/, '') });
      break;
    }
  }
  return out;
}
