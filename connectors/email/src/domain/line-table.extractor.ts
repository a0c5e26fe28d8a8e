import type { DraftCharge, DraftLine, FieldValue, SourceRegion } from './extraction-draft';
import type { ColumnField, LayoutTemplate, TotalsKind } from './layout-template.schema';
import { escapeRegex } from './header-fields.extractor';
import { regionOf, type Segment, type TextLine } from './text-layout';
import { parseAmount, parseQuantity, parseUom, type NumberStyle } from './value-parsers';
import { add, type DecimalString } from '@orderhub/contracts';

/** 'buyerPart': the buyer's own part number, printed beside ours; used only when no other code column exists. */
type ColumnKind = ColumnField | 'other' | 'buyerPart';

/**
 * Generic header vocabulary in English, German, French, Spanish and Dutch. Order matters: "Unit Price" must be
 * tried before "Price" and "Total", "Buyer Part" before "Part". Headers are compared after currency words and
 * signs are taken off ("Betrag EUR", "Unit Price £", "Amount (USD)").
 */
const GENERIC_HEADERS: Array<[ColumnKind, RegExp]> = [
  ['lineNumber', /^(?:line|ln|#|no\.?|nr\.?|pos\.?|position|s\.?\s?no\.?|sr\.?\s?no\.?|lfd\.?\s*nr\.?|ligne|l[ií]nea|regel)$/i],
  [
    'buyerPart',
    /^(?:buyer'?s?|customer|your|client|kunden|ihre?)[\s-]*(?:part|item|article|artikel|material)?[\s-]*(?:no\.?|#|number|nr\.?|nummer|code)?$/i,
  ],
  [
    'unitPrice',
    /^(?:unit\s*price|price|unit\s*cost|cost|rate|price\s*\/\s*unit|each|net\s+price|u\.?\s?price|preis(?:\s*\/\s*(?:me|einheit|stk\.?))?|einzelpreis|e-?preis|st[üu]ckpreis|prix(?:\s+unitaire)?(?:\s+ht)?|p\.?\s?u\.?(?:\s+ht)?|pu\s+ht|precio(?:\s+unitario|\s+unidad)?|prijs|stukprijs|eenheidsprijs|prijs\s+per\s+eenheid)$/i,
  ],
  [
    'amount',
    /^(?:amount|total|line\s*total|ext\.?\s*(?:price|cost|amount)|extended(?:\s+(?:price|amount|cost))?|net\s+amount|total\s+price|value|line\s+value|subtotal|betrag|gesamt(?:preis|betrag)?|wert|summe|montant(?:\s+ht)?|total\s+ht|importe|total\s+l[ií]nea|bedrag|totaal|regeltotaal)$/i,
  ],
  [
    'quantity',
    /^(?:qty\.?|quantity|qty\s*ordered|ordered|order\s+qty|units|menge|anzahl|bestellmenge|qt[ée]\.?|quantit[ée]|cantidad|cant\.?|uds\.?|aantal)$/i,
  ],
  ['uom', /^(?:uom|u\/m|unit|um|unit\s+of\s+measure|me|einheit|eh|mengeneinheit|unit[ée]|u\.|unidad|ud\.?|eenheid)$/i],
  [
    'item',
    /^(?:item|item\s*(?:no\.?|#|number|code|id)|sku|(?:supplier|vendor|our|mfr\.?|manufacturer)?\s*part\s*(?:no\.?|#|number)?|product\s*(?:code|no\.?|#|id)|code|article(?:\s*no\.?)?|catalog\s*#?|material(?:\s*(?:no\.?|nr\.?|nummer))?|artikel(?:-?\s*nr\.?|nummer)?|art\.?\s*-?\s*nr\.?|r[ée]f\.?|r[ée]f[ée]rence|c[óo]digo|ref\.?|referencia|artikelnr\.?|artikelnummer|supplier\s+part\s+no\.?)$/i,
  ],
  [
    'description',
    /^(?:description|desc\.?|item\s+description|product(?:\s+name)?|details|designation|item\s+name|product\s+description|name|bezeichnung|artikelbezeichnung|beschreibung|kurztext|d[ée]signation|libell[ée]|descripci[óo]n|concepto|omschrijving)$/i,
  ],
];

const TOTALS_LINE =
  /^(?:sub-?\s*total|total|grand\s+total|tax|sales\s+tax|vat|gst|taxes|freight|shipping|handling|discount|net\s+amount|net\s+total|goods\s+total|untaxed|amount\s+due|amount\s+payable|balance|po\s+total|order\s+total|warenwert|zwischensumme|nettobetrag|summe|gesamt|rabatt|fracht|versand|mwst|ust|endbetrag|sous-?\s*total|remise|frais|tva|base\s+imponible|descuento|portes|iva|subtotaal|korting|verzendkosten|btw|totaal)/i;

/** Header text without currency words and signs, so that "Betrag EUR" reads as "Betrag". */
function headerText(text: string): string {
  return text
    .replace(/\((?:[A-Z]{3}|[$€£])\)/g, ' ')
    .replace(/(?:^|\s)(?:[$€£]|USD|EUR|GBP|CHF|CAD|in\s+(?:EUR|USD|CHF))(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Column {
  kind: ColumnKind;
  x0: number;
  x1: number;
  header: string;
}

export interface TableResult {
  lines: DraftLine[];
  /** Index in `lines` of the table's (first) header line; header fields are looked for above it. */
  startIndex: number;
  confidence: number;
  /** Index in `lines` of the first line after the table (where totals are searched). */
  endIndex: number;
  notes: string[];
}

function headerKind(text: string, template?: LayoutTemplate['table']): ColumnKind {
  const t = text.replace(/\s+/g, ' ').trim();
  const bare = headerText(t);
  if (template) {
    for (const col of template.columns) {
      const headers = Array.isArray(col.header) ? col.header : [col.header];
      if (headers.some((h) => new RegExp(`^${escapeRegex(h)}$`, 'i').test(t))) return col.field;
    }
    return 'other';
  }
  for (const [kind, re] of GENERIC_HEADERS) if (re.test(t) || (bare !== '' && re.test(bare))) return kind;
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
  // The buyer's part number is the code only when no column carries ours.
  const buyer = columns.find((c) => c.kind === 'buyerPart');
  if (buyer) buyer.kind = kinds.has('item') ? 'other' : 'item';
  return columns;
}

const isWords = (l: TextLine): boolean =>
  l.segments.every((s) => (/\p{L}/u.test(s.text) || /^[#№]$/.test(s.text)) && !/\d[.,]\d/.test(s.text));

/**
 * A header whose cells wrap ("Betrag" over "EUR", "Lieferanten-" over "Nr.") is printed on two or three
 * baselines. The band is the line plus word-only lines within a line height above and below it, with cells that
 * overlap horizontally stacked into one.
 */
function headerBand(lines: TextLine[], i: number, template?: LayoutTemplate['table']): { columns: Column[]; last: number } | null {
  const band = headerCells(lines, i);
  if (!band) return null;
  const line = lines[i];
  const merged = band.segments;
  const columns = asHeader({ page: line.page, y: line.y, segments: merged, text: merged.map((m) => m.text).join('\t') }, template);
  return columns ? { columns, last: band.last } : null;
}

/** The header cells of the band around word-only line `i`, stacked where they overlap; null when `i` is not words. */
export function headerCells(lines: TextLine[], i: number): { segments: Segment[]; start: number; last: number } | null {
  const line = lines[i];
  if (!isWords(line)) return null;
  const near = (a: number, b: number): boolean =>
    b >= 0 && b < lines.length && lines[b].page === lines[a].page && Math.abs(lines[b].y - lines[a].y) <= 9 && isWords(lines[b]);
  let start = i;
  while (start > i - 2 && near(start, start - 1)) start--;
  let end = i;
  while (end < start + 2 && near(end, end + 1)) end++;
  const band = Array.from({ length: end - start + 1 }, (_x, k) => start + k);
  const merged: Segment[] = [];
  for (const seg of band.flatMap((j) => lines[j].segments).sort((a, b) => a.y - b.y)) {
    const over = merged.find((m) => seg.x0 < m.x1 - 1 && seg.x1 > m.x0 + 1);
    if (over) {
      over.text = `${over.text}${over.text.endsWith('-') ? '' : ' '}${seg.text}`;
      over.x0 = Math.min(over.x0, seg.x0);
      over.x1 = Math.max(over.x1, seg.x1);
    } else merged.push({ ...seg });
  }
  merged.sort((a, b) => a.x0 - b.x0);
  return { segments: merged, start, last: end };
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
    // Numbers are right-aligned and may start left of their header ("1,200" under "Qty"): never by their start.
    const textCell = /\p{L}/u.test(seg.text);
    const kind =
      columns[
        textCell && startCol >= 0 && (columns[startCol].kind === 'description' || columns[startCol].kind === 'item') ? startCol : best
      ].kind;
    out.set(kind, [...(out.get(kind) ?? []), seg]);
  }
  return out;
}

function rowRegions(c: Map<ColumnKind, Segment[]>): NonNullable<DraftLine['regions']> {
  const at = (kind: ColumnKind): SourceRegion | undefined => {
    const segs = c.get(kind);
    return segs && segs.length > 0 ? regionOf(...segs) : undefined;
  };
  const out: NonNullable<DraftLine['regions']> = {};
  const sku = at('item') ?? at('description');
  if (sku) out.sku = sku;
  const description = at('description');
  if (description) out.description = description;
  for (const kind of ['quantity', 'unitPrice', 'amount'] as const) {
    const r = at(kind);
    if (r) out[kind] = r;
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
  const headerAt = lines.findIndex((_l, i) => headerBand(lines, i, template) !== null);
  if (headerAt < 0)
    return { lines: [], startIndex: lines.length, confidence: 0, endIndex: lines.length, notes: ['no line-table header found'] };
  const firstBand = headerBand(lines, headerAt, template)!;
  let columns = firstBand.columns;
  const endRe = template?.endRegex ? new RegExp(template.endRegex, 'i') : TOTALS_LINE;
  // "[SKU] text", or "CODE - text" (a code with a digit in it, then a spaced dash), as ERP print-outs put it.
  const itemRe = template?.itemInDescriptionRegex
    ? new RegExp(template.itemInDescriptionRegex, 'i')
    : /^(?:\[([^\]\s]{2,40})\]\s*|([A-Z0-9][A-Z0-9\-_./]{1,39})\s+[-–]\s+)/;
  const rows: DraftLine[] = [];
  let skipped = 0;
  let unparsed = 0;
  let endIndex = lines.length;
  let lastRowY = -Infinity;
  let lastPage = lines[headerAt].page;
  let explicitNumbers = columns.some((c) => c.kind === 'lineNumber');

  for (let i = firstBand.last + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.page !== lastPage) {
      lastPage = line.page;
      lastRowY = -Infinity;
      skipped = 0;
    }
    const again = headerBand(lines, i, template);
    if (again) {
      if (!sameHeader(again.columns, columns)) notes.push(`table header changed on page ${line.page}`);
      columns = again.columns;
      explicitNumbers = columns.some((c) => c.kind === 'lineNumber');
      i = again.last;
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
        // A generic "CODE - text" code is in capitals and has a digit or a separator in it, unlike a word.
        if (m && (m[1] ?? m[2]) && (m[1] !== undefined || template?.itemInDescriptionRegex || /[\d\-_./]/.test(m[2]))) {
          item = m[1] ?? m[2];
          description = description.slice(m[0].length).trim();
        }
      }
      const uomText = cellText(c, 'uom');
      const uom = parsedQty.uom ?? (uomText ? (parseUom(uomText) ?? undefined) : undefined);
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
        regions: rowRegions(c),
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
  return { lines: rows, startIndex: headerAt, confidence, endIndex, notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Totals

/** Totals labels in English, German, French, Spanish and Dutch; each must end at a word boundary. */
const TOTAL_LABELS: Array<[RegExp, TotalsKind]> = [
  [
    /^(?:sub-?\s*total|net\s+amount|net\s+total|goods\s+total|untaxed\s+amount|merchandise\s+total|total\s+before\s+(?:tax|discount)|total\s+excl\.?\s*(?:tax|vat)|warenwert|zwischensumme|nettobetrag|netto(?:summe|betrag)|summe\s+netto|gesamt\s+netto|sous-?\s*total|total\s+ht|montant\s+ht|base\s+imponible|subtotaal|totaal\s+excl\.?\s*btw)(?![\p{L}])/iu,
    'subtotal',
  ],
  [/^(?:sales\s+tax|tax(?:es)?|vat|gst|igst|cgst|sgst|mwst\.?|ust\.?|mehrwertsteuer|umsatzsteuer|tva|iva|btw)(?![\p{L}])/iu, 'tax'],
  [
    /^(?:shipping(?:\s*&\s*handling)?|freight|delivery(?:\s+charges?)?|handling|carriage|fracht(?:kosten)?|versand(?:kosten)?|transportkosten|frais\s+de\s+(?:port|transport|livraison)|port|portes|transporte|gastos\s+de\s+env[ií]o|env[ií]o|verzendkosten|vrachtkosten|transportkosten)(?![\p{L}])/iu,
    'shipping',
  ],
  [/^(?:discount|rabatt|nachlass|remise|descuento|korting)(?![\p{L}])/iu, 'discount'],
  [
    /^(?:grand\s+total|total\s+due|amount\s+due|amount\s+payable|po\s+total|order\s+total|total\s+amount|total\s+incl\.?.*|gesamtbetrag|gesamtsumme|endbetrag|rechnungsbetrag|total\s+ttc|net\s+[àa]\s+payer|total\s+pedido|importe\s+total|totaal(?:\s+te\s+betalen|\s+incl\.?.*)?|te\s+betalen|total)(?![\p{L}])/iu,
    'total',
  ],
];

export interface TotalsResult {
  subtotal?: FieldValue<DecimalString>;
  tax?: FieldValue<DecimalString>;
  total?: FieldValue<DecimalString>;
  charges: DraftCharge[];
}

/** Reads labelled totals after the table; each label's value is the last number on its line. */
export function extractTotals(lines: TextLine[], from: number, style: NumberStyle, learned: LayoutTemplate['totals'] = []): TotalsResult {
  const out: TotalsResult = { charges: [] };
  const vocabulary: Array<[RegExp, TotalsKind]> = [
    ...learned.map((t): [RegExp, TotalsKind] => [new RegExp(`^${escapeRegex(t.label)}(?![\\p{L}])`, 'iu'), t.kind]),
    ...TOTAL_LABELS,
  ];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    const labelSeg = line.segments[0];
    for (const [re, kind] of vocabulary) {
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
      const field: FieldValue<DecimalString> = {
        value,
        confidence: 0.95,
        source: `"${labelSeg.text}" page ${line.page}`,
        region: regionOf(line.segments[line.segments.length - 1]),
      };
      const description = labelSeg.text.replace(/[:\s]+$/, '');
      switch (kind) {
        case 'subtotal':
          out.subtotal ??= field;
          break;
        case 'tax':
          out.tax = out.tax ? { ...out.tax, value: add(out.tax.value, value) } : field;
          break;
        case 'total':
          out.total ??= field;
          break;
        case 'shipping':
        case 'charge':
          out.charges.push({
            kind: 'charge',
            code: kind === 'shipping' ? 'shipping' : 'other',
            description,
            amount: value.replace(/^-/, ''),
          });
          break;
        case 'discount':
          out.charges.push({ kind: 'allowance', code: 'discount', description, amount: value.replace(/^-/, '') });
          break;
      }
      break;
    }
  }
  return out;
}
