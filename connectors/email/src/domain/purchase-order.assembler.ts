import {
  add,
  compare,
  div,
  money,
  mul,
  priorityFromText,
  sub,
  PURCHASE_ORDER_SCHEMA_VERSION,
  type Charge,
  type DecimalString,
  type PurchaseOrderInput,
} from '@orderhub/contracts';
import type { DraftLine, ExtractionDraft, FieldValue, SourceRegion } from './extraction-draft';
import { escapeRegex, findPoDate, findPoNumber, findShipTo, poNumberInSubject } from './header-fields.extractor';
import type { LayoutTemplate } from './layout-template.schema';
import { extractLineTable, extractTotals } from './line-table.extractor';
import type { PdfTextPage } from './pdf-text';
import { buildLines, regionOf, type TextLine } from './text-layout';
import { inferDateOrder, parseAmount, type NumberStyle } from './value-parsers';

/** Reason codes an extraction can raise; each lands in the exceptions queue with its message. */
export const EXTRACTION_REASON_CODES = [
  'EXTRACTION.LOW_CONFIDENCE',
  'EXTRACTION.NO_PO_NUMBER',
  'EXTRACTION.NO_LINES',
  'EXTRACTION.LINE_AMOUNT_MISMATCH',
  'EXTRACTION.TOTAL_MISMATCH',
  'EXTRACTION.UNKNOWN_ITEM',
  'EXTRACTION.NO_ITEM_CODE',
  'EXTRACTION.SUBJECT_PO_MISMATCH',
] as const;

export interface ReviewReason {
  code: string;
  message: string;
}

export interface CatalogMatch {
  /** The code as printed. */
  code: string;
  /** Our SKU it resolves to. */
  sku: string;
  /** 'sku': the code is our own SKU (qualifier VN); 'customer-part': the customer's part number (BP). */
  matchedBy: 'sku' | 'customer-part';
  /** The unit the product is sold in (its base unit), used when the document prints none. */
  uom?: string;
}

export interface ExtractionContext {
  rawDocumentId: string;
  sender: string;
  receivedAt: string;
  /** Message-ID of the email, kept as the channel reference for threading replies. */
  reference?: string;
  customerId?: string;
  buyerName?: string;
  /** Email subject and body text: priority words ("RUSH") are looked for there too. */
  remarks?: string[];
  /** The email's subject: a PO number printed there is a candidate, cross-checked with the document. */
  subject?: string;
  channelData?: Record<string, unknown>;
}

export interface ExtractionPolicy {
  /** Below this overall confidence an order is flagged for review. */
  autoAcceptThreshold: number;
}

export const DEFAULT_EXTRACTION_POLICY: ExtractionPolicy = { autoAcceptThreshold: 0.9 };

export interface ExtractionOutcome {
  /** Null when the document does not even yield a PO number and one line. */
  purchaseOrder: PurchaseOrderInput | null;
  confidence: number;
  fields: Record<string, number>;
  reasons: ReviewReason[];
  notes: string[];
  /** True only when nothing failed and every field is at or above the threshold. */
  autoAccept: boolean;
  /** When `purchaseOrder` is null: what was read all the same (no PO number, or no lines), to pre-fill the exception. */
  partialOrder?: Record<string, unknown>;
  draft: ExtractionDraft;
}

const REMARK = /^(?:notes?|comments?|remarks?|instructions?|special\s+instructions?)\s*:?\s*(.*)$/i;

/** Reads the draft off the page text: header fields, line table, totals. Template first where one is given. */
export function readDraft(pages: PdfTextPage[], template?: LayoutTemplate): ExtractionDraft {
  const lines = buildLines(pages);
  const allText = lines.map((l) => l.text);
  const style: NumberStyle = template?.numberStyle && template.numberStyle !== 'auto' ? template.numberStyle : guessNumberStyle(lines);
  const evidence = documentEvidence(lines);
  const order = template?.dateOrder ?? inferDateOrder(allText) ?? evidence.dateOrder;
  let table = extractLineTable(lines, style, template?.table);
  if (template?.table && table.lines.length === 0) {
    // The template's columns did not find the table (the layout changed): the generic reader tries, its own notes say so.
    table = extractLineTable(lines, style);
    table.notes.unshift(`template ${template.id}: its table columns were not found; generic table reader used`);
  }
  const totals = extractTotals(lines, table.lines.length > 0 ? table.endIndex : 0, style, template?.totals);
  if (template?.fields.total) {
    // The template's total anchor overrides the generic reading: the last amount on the line its label starts.
    const anchor = template.fields.total;
    const re = anchor.regex ? new RegExp(anchor.regex, 'i') : anchor.label ? new RegExp(`^${escapeRegex(anchor.label)}\\s*:?$`, 'i') : null;
    const hit = re ? [...lines].reverse().find((l) => re.test(l.segments[0].text) && l.segments.length > 1) : undefined;
    const value = hit ? parseAmount(hit.segments[hit.segments.length - 1].text.replace(/^[^\d(-]+/, ''), style) : null;
    if (hit && value !== null) {
      totals.total = {
        value,
        confidence: 0.97,
        source: `template total "${hit.segments[0].text}" page ${hit.page}`,
        region: regionOf(hit.segments[hit.segments.length - 1]),
      };
    }
  }
  // Header fields are read above the line table: its column headers ("Part No.", "Item Number") are not labels.
  const head = table.lines.length > 0 && table.startIndex > 0 ? lines.slice(0, table.startIndex) : lines;
  const remarks = lines.flatMap((l) => {
    const m = REMARK.exec(l.segments[0].text);
    return m ? [[m[1], ...l.segments.slice(1).map((s) => s.text)].join(' ').trim()].filter(Boolean) : [];
  });
  return {
    poNumber: findPoNumber(head, template?.fields.poNumber),
    poDate: withEvidence(
      findPoDate(head, order, template?.fields.poDate),
      !template?.dateOrder && !inferDateOrder(allText) ? evidence : undefined,
    ),
    shipTo: findShipTo(lines, template?.fields.shipTo),
    currency: findCurrency(lines, template?.currency, evidence, style),
    lines: table.lines,
    tableConfidence: table.confidence,
    subtotal: totals.subtotal,
    tax: totals.tax,
    charges: totals.charges,
    total: totals.total,
    remarks,
    notes: table.notes,
    ...(template ? { templateId: template.id } : {}),
  };
}

/** European numbers ("1.234,56") show up as a comma followed by exactly two digits at the end of amounts. */
function guessNumberStyle(lines: TextLine[]): NumberStyle {
  let eu = 0;
  let us = 0;
  for (const l of lines) {
    for (const s of l.segments) {
      if (/^\D{0,4}\d{1,3}(?:\.\d{3})*,\d{2}$/.test(s.text)) eu++;
      else if (/^\D{0,4}\d{1,3}(?:,\d{3})*\.\d{2}$/.test(s.text)) us++;
    }
  }
  return eu > us ? 'eu' : eu === 0 && us === 0 ? 'auto' : 'us';
}

interface DocumentEvidence {
  /** How this document's numeric dates read, settled by where it comes from; undefined when it says both or nothing. */
  dateOrder?: 'MDY' | 'DMY';
  /** The currency of the countries it names, when they agree. */
  currency?: string;
  because: string[];
}

const US_SIGNS: Array<[RegExp, string]> = [
  [
    /,?\s(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?(?!\d)/,
    'a US state and ZIP code',
  ],
  [/\b(?:USA|United States)\b/, 'USA'],
  [/\$\s?\d|\bUSD\b/, 'dollar amounts'],
];
const EUROPE_SIGNS: Array<[RegExp, string, string?]> = [
  [/€|\bEUR\b/, 'euro amounts', 'EUR'],
  [/£|\bGBP\b/, 'pound amounts', 'GBP'],
  [/\bCHF\b/, 'Swiss franc amounts', 'CHF'],
  [
    /\b(?:Deutschland|Germany|France|Espa[ñn]a|Spain|Nederland|Netherlands|Belgi(?:um|que|ë)|[ÖO]sterreich|Austria|Italia|Italy)\b/,
    'a euro-area country',
    'EUR',
  ],
  [/\b(?:United Kingdom|England|Scotland|Wales)\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/, 'a UK address', 'GBP'],
  [/\b(?:Schweiz|Suisse|Switzerland)\b/, 'a Swiss address', 'CHF'],
  [/\b(?:MwSt|USt|TVA|IVA|BTW|VAT\s+Reg)/, 'European VAT'],
];

/**
 * What the document says about where it comes from: a US address and dollar amounts make 12/01/2026 the 1st of
 * December; euro amounts and a European address make it the 12th of January. Mixed signs settle nothing.
 */
function documentEvidence(lines: TextLine[]): DocumentEvidence {
  const text = lines.map((l) => l.text).join('\n');
  const us = US_SIGNS.filter(([re]) => re.test(text)).map(([, why]) => why);
  const eu = EUROPE_SIGNS.filter(([re]) => re.test(text));
  const currencies = [...new Set(eu.map(([, , c]) => c).filter((c): c is string => c !== undefined))];
  const out: DocumentEvidence = { because: [] };
  if (us.length > 0 && eu.length === 0) {
    out.dateOrder = 'MDY';
    out.because = us;
  } else if (eu.length > 0 && us.length === 0) {
    out.dateOrder = 'DMY';
    out.because = eu.map(([, why]) => why);
    if (currencies.length === 1) out.currency = currencies[0];
  }
  return out;
}

/** A numeric date read by the document's evidence is as good as one that was never ambiguous; say why. */
function withEvidence(date: FieldValue<string> | undefined, evidence: DocumentEvidence | undefined): FieldValue<string> | undefined {
  if (!date || !evidence?.dateOrder || !/\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/.test(date.source + date.value)) return date;
  return date.source.includes('ambiguous')
    ? date
    : { ...date, source: `${date.source}; ${evidence.dateOrder} by ${evidence.because.join(', ')}` };
}

function findCurrency(
  lines: TextLine[],
  templateCurrency: string | undefined,
  evidence: DocumentEvidence,
  style: NumberStyle,
): FieldValue<string> {
  if (templateCurrency) return { value: templateCurrency, confidence: 0.99, source: 'template' };
  for (const l of lines) {
    const m = /\b(?:Currency|W[äa]hrung|Devise|Moneda|Valuta)\s*:?\s*\t?([A-Z]{3})\b/.exec(l.text);
    if (m) return { value: m[1], confidence: 0.97, source: `"${m[0].trim()}"` };
  }
  const text = lines.map((l) => l.text).join('\n');
  const codes: Array<[RegExp, string]> = [
    [/€|\bEUR\b/, 'EUR'],
    [/£|\bGBP\b/, 'GBP'],
    [/\bCHF\b/, 'CHF'],
    [/\bKWD\b|\bKD\b/, 'KWD'],
    [/₹|\bINR\b|\bRs\.?\s?\d/, 'INR'],
    [/\bCAD\b|C\$/, 'CAD'],
    [/\bUSD\b|US\$/, 'USD'],
  ];
  const found = codes.filter(([re]) => re.test(text)).map(([, c]) => c);
  if (found.length === 1) return { value: found[0], confidence: 0.93, source: 'currency sign or code in the text' };
  if (found.length > 1) return { value: found[0], confidence: 0.5, source: `several currencies mentioned: ${found.join(', ')}` };
  // Nothing printed: the country the document names, if its numbers are written that country's way.
  if (evidence.currency === 'EUR' && style === 'eu')
    return { value: 'EUR', confidence: 0.9, source: `no currency printed; EUR from ${evidence.because.join(', ')}` };
  if (evidence.dateOrder === 'MDY' || /\$\s?\d/.test(text))
    return { value: 'USD', confidence: 0.9, source: 'no currency code printed; USD from a US document' };
  return { value: 'USD', confidence: 0.5, source: 'no currency printed and nothing says where the document is from; USD assumed' };
}

/** Item codes the catalog should be asked about: the item cell, else a code-like first word of the description. */
export function candidateCodes(draft: ExtractionDraft): string[] {
  return [...new Set(draft.lines.map(lineCode).filter((c): c is string => c !== undefined))];
}

function lineCode(line: DraftLine): string | undefined {
  if (line.item) return line.item;
  const first = line.description?.split(/\s+/)[0];
  return first && /\d/.test(first) && /^[A-Z0-9][A-Z0-9\-_./]{2,39}$/i.test(first) ? first : undefined;
}

const within = (a: DecimalString, b: DecimalString, tolerance: DecimalString): boolean => {
  const d = sub(a, b);
  return compare(d.startsWith('-') ? d.slice(1) : d, tolerance) <= 0;
};

/**
 * Cross-checks the draft and turns it into a canonical purchase order with per-field confidences. The policy:
 * an order raised without review must never be wrong, so every failed check and every field below the threshold
 * becomes a review reason.
 */
export function assessDraft(
  draft: ExtractionDraft,
  catalog: Map<string, CatalogMatch> | null,
  context: ExtractionContext,
  policy: ExtractionPolicy = DEFAULT_EXTRACTION_POLICY,
): ExtractionOutcome {
  const reasons: ReviewReason[] = [];
  const notes = [...draft.notes];
  const fields: Record<string, number> = {};

  // The PO number in the subject: it confirms the document's, contradicts it (ask a person), or stands in for it.
  const subjectPo = context.subject ? poNumberInSubject(context.subject) : undefined;
  if (subjectPo && draft.poNumber) {
    if (subjectPo.toUpperCase() === draft.poNumber.value.toUpperCase()) {
      draft.poNumber = {
        ...draft.poNumber,
        confidence: Math.max(draft.poNumber.confidence, 0.97),
        source: `${draft.poNumber.source}; the email subject says the same`,
      };
    } else if (!draft.poNumber.value.toUpperCase().includes(subjectPo.toUpperCase())) {
      reasons.push({
        code: 'EXTRACTION.SUBJECT_PO_MISMATCH',
        message: `the PDF says PO ${draft.poNumber.value}, the email subject says ${subjectPo}`,
      });
    }
  } else if (subjectPo && !draft.poNumber) {
    draft.poNumber = { value: subjectPo, confidence: 0.85, source: 'the email subject only (not found in the PDF)' };
  }
  if (draft.poNumber) fields.poNumber = draft.poNumber.confidence;
  else reasons.push({ code: 'EXTRACTION.NO_PO_NUMBER', message: 'no purchase order number found' });
  if (draft.poDate) fields.poDate = draft.poDate.confidence;
  else notes.push('no order date found');
  if (draft.shipTo) fields.shipTo = draft.shipTo.confidence;
  else notes.push("no ship-to block found: the customer's default ship-to applies");
  if (draft.currency) fields.currency = draft.currency.confidence;

  // Lines: arithmetic first, then the catalog.
  const lineConf: number[] = [];
  const amounts: DecimalString[] = [];
  const mismatches: string[] = [];
  const unknown: string[] = [];
  const noCode: string[] = [];
  const productIdsFor: Array<Array<{ qualifier: string; value: string }>> = [];
  const unitPrices: Array<DecimalString | undefined> = [];
  /** The unit each line is in: as printed, else the unit the matched product is sold in. */
  const uoms: Array<string | undefined> = [];
  for (const line of draft.lines) {
    let conf = Math.min(line.confidence, draft.tableConfidence);
    let unitPrice = line.unitPrice;
    if (line.unitPrice !== undefined && line.amount !== undefined) {
      const expected = money(mul(line.quantity, line.unitPrice));
      if (within(expected, line.amount, '0.01'))
        conf = Math.min(0.98 * Math.min(1, line.confidence / 0.9), draft.tableConfidence >= 0.9 ? 1 : draft.tableConfidence);
      else {
        conf = 0.2;
        mismatches.push(`line ${line.lineNumber}: ${line.quantity} × ${line.unitPrice} = ${expected}, printed ${line.amount}`);
      }
      amounts.push(line.amount);
    } else if (line.amount !== undefined) {
      unitPrice = div(line.amount, line.quantity);
      notes.push(`line ${line.lineNumber}: unit price derived from amount / quantity`);
      conf = Math.min(conf, 0.85);
      amounts.push(line.amount);
    } else if (line.unitPrice !== undefined) {
      conf = Math.min(conf, 0.85);
      amounts.push(money(mul(line.quantity, line.unitPrice)));
    }
    unitPrices.push(unitPrice);
    const code = lineCode(line);
    if (!code) {
      conf = Math.min(conf, 0.4);
      noCode.push(line.lineNumber);
      productIdsFor.push([{ qualifier: 'BP', value: (line.description ?? 'unknown').slice(0, 80) }]);
    } else if (catalog) {
      const match = catalog.get(code);
      if (match && !line.uom && match.uom) uoms[draft.lines.indexOf(line)] = match.uom;
      if (match) conf = Math.min(0.99, conf + 0.01);
      else {
        conf = Math.min(conf, 0.6);
        unknown.push(code);
      }
      productIdsFor.push([{ qualifier: match?.matchedBy === 'sku' ? 'VN' : 'BP', value: code }]);
    } else {
      productIdsFor.push([{ qualifier: 'BP', value: code }]);
    }
    uoms[draft.lines.indexOf(line)] ??= line.uom;
    lineConf.push(conf);
  }
  if (draft.lines.length === 0) reasons.push({ code: 'EXTRACTION.NO_LINES', message: 'no order lines found' });
  if (mismatches.length)
    reasons.push({
      code: 'EXTRACTION.LINE_AMOUNT_MISMATCH',
      message: `quantity × unit price differs from the line amount: ${mismatches.join('; ')}`,
    });
  if (unknown.length) reasons.push({ code: 'EXTRACTION.UNKNOWN_ITEM', message: `item code(s) not in the catalog: ${unknown.join(', ')}` });
  if (noCode.length) reasons.push({ code: 'EXTRACTION.NO_ITEM_CODE', message: `no item code on line(s) ${noCode.join(', ')}` });
  if (!catalog) notes.push('no catalog lookup: item codes not verified');

  // Totals: the sum of lines (+ charges and tax) must give the stated total.
  const lineSum = amounts.length ? add(...amounts) : '0';
  const chargeSum = draft.charges.length ? add(...draft.charges.map((c) => (c.kind === 'charge' ? c.amount : `-${c.amount}`))) : '0';
  let totalConf: number;
  if (draft.total || draft.subtotal) {
    const problems: string[] = [];
    if (draft.subtotal && !within(draft.subtotal.value, lineSum, '0.01'))
      problems.push(`lines sum to ${money(lineSum)}, subtotal printed ${draft.subtotal.value}`);
    if (draft.total) {
      const expected = add(draft.subtotal?.value ?? lineSum, draft.tax?.value ?? '0', chargeSum);
      // Tax-inclusive documents state a total equal to the lines' sum.
      if (!within(expected, draft.total.value, '0.01') && !within(lineSum, draft.total.value, '0.01')) {
        problems.push(
          `expected total ${money(expected)} (lines ${money(lineSum)}${draft.tax ? ` + tax ${draft.tax.value}` : ''}${draft.charges.length ? ` + charges ${money(chargeSum)}` : ''}), printed ${draft.total.value}`,
        );
      }
    }
    if (problems.length) {
      totalConf = 0.2;
      reasons.push({ code: 'EXTRACTION.TOTAL_MISMATCH', message: problems.join('; ') });
    } else {
      totalConf = draft.total ? 0.99 : 0.92;
      // Totals that add up vouch for the line amounts as a set, including lines with no amount column.
      lineConf.forEach((c, i) => {
        if (c >= 0.8 && c < 0.95 && draft.lines[i].unitPrice !== undefined) lineConf[i] = 0.95;
      });
    }
  } else {
    totalConf = 0.7;
    notes.push('no stated total: the lines could not be cross-checked against it');
  }
  fields.total = totalConf;
  fields.lines = lineConf.length ? Math.min(...lineConf) : 0;
  draft.lines.forEach((l, i) => (fields[`lines[${i}]`] = lineConf[i]));

  if (draft.ocr) {
    // OCR misreads digits: a scanned PO goes through only when every check that could catch a misread holds.
    const missing: string[] = [];
    if (draft.lines.some((l) => l.unitPrice === undefined || l.amount === undefined) || mismatches.length)
      missing.push('quantity × price = amount on every line');
    if (!draft.total || reasons.some((r) => r.code === 'EXTRACTION.TOTAL_MISMATCH')) missing.push('lines adding up to the printed total');
    if (!catalog || unknown.length || noCode.length) missing.push('every item code known');
    if (!draft.poNumber?.source.includes('the email subject says the same')) missing.push('the PO number confirmed by the email subject');
    if (missing.length) {
      for (const key of Object.keys(fields)) fields[key] = Math.min(fields[key], 0.85);
      notes.push(`read by OCR from a scanned page; not every cross-check could run or hold (${missing.join('; ')})`);
    } else notes.push('read by OCR from a scanned page; every cross-check holds');
  }

  const scored = ['poNumber', 'poDate', 'shipTo', 'currency', 'lines', 'total'].filter((f) => f in fields);
  const confidence = reasons.some((r) => r.code === 'EXTRACTION.NO_PO_NUMBER' || r.code === 'EXTRACTION.NO_LINES')
    ? 0
    : Math.min(...scored.map((f) => fields[f]));
  const weak = scored.filter((f) => fields[f] < policy.autoAcceptThreshold);
  if (reasons.length === 0 && weak.length > 0) {
    reasons.push({
      code: 'EXTRACTION.LOW_CONFIDENCE',
      message: `confidence ${confidence.toFixed(2)} below ${policy.autoAcceptThreshold}: ${weak.map((f) => `${f} ${fields[f].toFixed(2)}`).join(', ')}`,
    });
  }
  for (const f of [draft.poNumber, draft.poDate, draft.shipTo, draft.currency]) if (f && f.source.includes(';')) notes.push(f.source);

  const purchaseOrder =
    draft.poNumber && draft.lines.length > 0 ? build(draft, context, unitPrices, productIdsFor, uoms, { confidence, fields, notes }) : null;
  // Not an order yet, but never a bare stub: the operator starts from what was read.
  const partialOrder = purchaseOrder
    ? undefined
    : (build(
        { ...draft, poNumber: draft.poNumber ?? { value: '', confidence: 0, source: 'not found' } },
        context,
        unitPrices,
        productIdsFor,
        uoms,
        {
          confidence,
          fields,
          notes,
        },
      ) as unknown as Record<string, unknown>);
  return {
    purchaseOrder,
    ...(partialOrder ? { partialOrder } : {}),
    confidence,
    fields,
    reasons,
    notes,
    autoAccept: purchaseOrder !== null && reasons.length === 0,
    draft,
  };
}

function build(
  draft: ExtractionDraft,
  context: ExtractionContext,
  unitPrices: Array<DecimalString | undefined>,
  productIds: Array<Array<{ qualifier: string; value: string }>>,
  uoms: Array<string | undefined>,
  extraction: { confidence: number; fields: Record<string, number>; notes: string[] },
): PurchaseOrderInput {
  const charges: Charge[] = draft.charges.map((c) => ({
    kind: c.kind,
    code: c.code === 'shipping' ? 'D240' : c.code === 'discount' ? 'C310' : undefined,
    description: c.description.slice(0, 200),
    amount: money(c.amount),
  }));
  return {
    schemaVersion: PURCHASE_ORDER_SCHEMA_VERSION,
    source: {
      channel: 'email',
      rawDocumentId: context.rawDocumentId,
      sender: context.sender,
      reference: context.reference?.slice(0, 300),
      receivedAt: context.receivedAt,
    },
    buyer: { customerId: context.customerId, name: context.buyerName, email: context.sender.slice(0, 200), identifiers: [] },
    poNumber: draft.poNumber!.value,
    ...(draft.poDate ? { poDate: draft.poDate.value } : {}),
    currency: draft.currency?.value ?? 'USD',
    ...(draft.shipTo ? { shipTo: draft.shipTo.value } : {}),
    notes: draft.remarks.map((r) => r.slice(0, 2000)),
    priority: priorityFromText(...draft.remarks, ...(context.remarks ?? [])),
    lines: draft.lines.map((l, i) => ({
      lineNumber: l.lineNumber,
      quantity: l.quantity,
      uom: uoms[i] ?? 'EA',
      ...(unitPrices[i] !== undefined ? { unitPrice: unitPrices[i] } : {}),
      productIds: productIds[i],
      ...(l.description ? { description: l.description.slice(0, 500) } : {}),
      charges: [],
      taxes: [],
    })),
    charges,
    taxes: draft.tax ? [{ title: 'Tax', amount: draft.tax.value }] : [],
    stated: { lineCount: draft.lines.length, ...(draft.total ? { total: draft.total.value } : {}) },
    extraction: { ...extraction, regions: regionsOf(draft) },
    channelData: { ...(context.channelData ?? {}), ...(draft.templateId ? { templateId: draft.templateId } : {}) },
  };
}

/** Every field's source region, by the path the console uses (poNumber, orderDate, shipTo, total, lines[i].sku...). */
export function regionsOf(draft: ExtractionDraft): Array<SourceRegion & { field: string }> {
  const out: Array<SourceRegion & { field: string }> = [];
  const header: Array<[string, FieldValue<unknown> | undefined]> = [
    ['poNumber', draft.poNumber],
    ['orderDate', draft.poDate],
    ['shipTo', draft.shipTo],
    ['total', draft.total],
  ];
  for (const [field, value] of header) if (value?.region) out.push({ field, ...value.region });
  draft.lines.forEach((line, i) => {
    for (const [key, region] of Object.entries(line.regions ?? {})) if (region) out.push({ field: `lines[${i}].${key}`, ...region });
  });
  return out;
}
