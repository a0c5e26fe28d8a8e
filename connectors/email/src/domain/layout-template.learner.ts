import { add, compare, money, mul, sub, type PurchaseOrderInput } from '@orderhub/contracts';
import type { ColumnField, LayoutTemplate } from './layout-template.schema';
import { escapeRegex } from './header-fields.extractor';
import type { PdfTextPage } from './pdf-text';
import { headerCells } from './line-table.extractor';
import { buildLines, type Segment, type TextLine } from './text-layout';
import { parseAmount, parseDate, parseQuantity, parseUom, type NumberStyle } from './value-parsers';

export interface LearnedTemplate {
  /** Null when the corrected order could not be found on the page (nothing worth a template). */
  template: LayoutTemplate | null;
  /** What was learned, in words, for the log and the operator. */
  summary: string;
}

const same = (a: string | null | undefined, b: string | undefined): boolean => a != null && b !== undefined && compare(a, b) === 0;
const hasLetters = (s: string): boolean => /\p{L}/u.test(s);
/** Words, not a value: a label never carries more than a digit or two ("MwSt 19 %" does, a PO number does not). */
const isLabel = (s: string): boolean => hasLetters(s) && (s.match(/\d/g) ?? []).length <= 2 && s.length <= 60;
const cleanLabel = (s: string): string => s.replace(/[\s:#.]+$/, '').trim();

/** The segment just above `seg` on an earlier line that overlaps it horizontally (a header over its value). */
function segmentAbove(lines: TextLine[], li: number, seg: Segment, maxGap = 30): Segment | null {
  for (let i = li - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.page !== seg.page || seg.y - line.y > maxGap) return null;
    const hit = line.segments.find((s) => s.x0 < seg.x1 + 2 && s.x1 > seg.x0 - 2);
    if (hit) return hit;
  }
  return null;
}

/**
 * The label that points at a value printed in `seg` of `lines[li]`: the text before the value in the same cell,
 * else the cell to its left on the same line, else the cell above. Null when none carries letters.
 */
function labelFor(lines: TextLine[], li: number, si: number, valueAt: number): string | null {
  const seg = lines[li].segments[si];
  const before = cleanLabel(seg.text.slice(0, valueAt));
  if (before && isLabel(before)) return before;
  const left = lines[li].segments[si - 1];
  if (left && isLabel(left.text) && seg.x0 - left.x1 < 220) return cleanLabel(left.text);
  const above = segmentAbove(lines, li, seg);
  if (above && isLabel(above.text)) return cleanLabel(above.text);
  return null;
}

function findValue(lines: TextLine[], test: (text: string) => number): { li: number; si: number; at: number } | null {
  for (let li = 0; li < lines.length; li++) {
    for (let si = 0; si < lines[li].segments.length; si++) {
      const at = test(lines[li].segments[si].text);
      if (at >= 0) return { li, si, at };
    }
  }
  return null;
}

/**
 * Derives a layout template from a PDF and the order an operator approved for it: where the PO number, date,
 * ship-to and total are printed (the labels next to or above them), how dates and numbers are written, and which
 * printed column holds which line field. Only what is found on the page goes into the template; the rest stays
 * with the generic reader.
 */
export function learnLayoutTemplate(
  pages: PdfTextPage[],
  po: PurchaseOrderInput,
  options: { customerId: string; sender: string; id?: string; version?: number },
): LearnedTemplate {
  const lines = buildLines(pages);
  const said: string[] = [];
  const fields: LayoutTemplate['fields'] = {};
  const match: string[] = [];

  // PO number.
  const poAt = findValue(lines, (t) => t.toUpperCase().indexOf(po.poNumber.toUpperCase()));
  if (poAt) {
    const label = labelFor(lines, poAt.li, poAt.si, poAt.at);
    if (label) {
      fields.poNumber = { label };
      match.push(escapeRegex(label));
      said.push(`PO number at "${label}"`);
    }
  }

  // Order date, and from how it is printed, the customer's date order.
  let dateOrder: LayoutTemplate['dateOrder'];
  if (po.poDate) {
    const iso = po.poDate;
    const dateAt = findValue(lines, (t) => (parseDate(t, 'DMY')?.iso === iso || parseDate(t, 'MDY')?.iso === iso ? 0 : -1));
    if (dateAt) {
      const text = lines[dateAt.li].segments[dateAt.si].text;
      const dmy = parseDate(text, 'DMY')?.iso === iso;
      const mdy = parseDate(text, 'MDY')?.iso === iso;
      if (dmy !== mdy) dateOrder = dmy ? 'DMY' : 'MDY';
      const starts = [text.search(/\d/), text.search(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i)].filter(
        (i) => i >= 0,
      );
      const label = labelFor(lines, dateAt.li, dateAt.si, starts.length ? Math.min(...starts) : 0);
      if (label) {
        fields.poDate = { label };
        said.push(`date at "${label}"${dateOrder ? ` (${dateOrder})` : ''}`);
      }
    }
  }

  // Ship-to: the label above the party's name.
  if (po.shipTo?.name) {
    const name = po.shipTo.name;
    const at = findValue(lines, (t) => (t === name ? 0 : -1));
    if (at) {
      const above = segmentAbove(lines, at.li, lines[at.li].segments[at.si]);
      if (above && hasLetters(above.text) && Math.abs(above.x0 - lines[at.li].segments[at.si].x0) < 12) {
        const label = cleanLabel(above.text);
        const lineCount = [po.shipTo.name, po.shipTo.address1, po.shipTo.address2, po.shipTo.city].filter(Boolean).length + 1;
        fields.shipTo = { label, maxLines: Math.min(10, lineCount) };
        said.push(`ship-to under "${label}"`);
      }
    }
  }

  // The line table: the first order line's row, and the header line above it.
  const first = po.lines[0];
  const code = first?.productIds[0]?.value;
  let table: LayoutTemplate['table'];
  let totals: LayoutTemplate['totals'] = [];
  let style: NumberStyle = 'auto';
  if (first && code) {
    const rowAt = lines.findIndex(
      (l) =>
        l.segments.some((s) => s.text.includes(code)) &&
        l.segments.some(
          (s) => same(parseQuantity(s.text, 'us')?.quantity, first.quantity) || same(parseQuantity(s.text, 'eu')?.quantity, first.quantity),
        ),
    );
    if (rowAt > 0) {
      const row = lines[rowAt];
      const priced = first.unitPrice;
      const amount = priced !== undefined ? money(mul(first.quantity, priced)) : undefined;
      for (const s of row.segments) {
        if (priced !== undefined && same(parseAmount(s.text, 'eu'), priced) && !same(parseAmount(s.text, 'us'), priced)) style = 'eu';
        if (priced !== undefined && same(parseAmount(s.text, 'us'), priced) && !same(parseAmount(s.text, 'eu'), priced)) style = 'us';
      }
      const header = findHeaderAbove(lines, rowAt);
      if (header) {
        const columns: Array<{ field: ColumnField; header: string }> = [];
        let itemInDescriptionRegex: string | undefined;
        const taken = new Set<ColumnField>();
        for (const head of header) {
          const cell = row.segments
            .filter((s) => s.x0 < head.x1 + 4 && s.x1 > head.x0 - 4 && overlapShare(s, head) > 0)
            .map((s) => s.text)
            .join(' ');
          if (!cell) continue;
          const kind = classifyCell(cell, {
            code,
            quantity: first.quantity,
            unitPrice: priced,
            amount,
            uom: first.uom,
            description: first.description,
          });
          if (!kind || taken.has(kind.field)) continue;
          taken.add(kind.field);
          columns.push({ field: kind.field, header: head.text });
          if (kind.codeInDescription) itemInDescriptionRegex = '^([A-Z0-9][A-Z0-9\\-_./]*)\\s+[-–]\\s+';
        }
        const ok =
          taken.has('quantity') && (taken.has('unitPrice') || taken.has('amount')) && (taken.has('item') || taken.has('description'));
        if (ok && columns.length >= 2) {
          const end = tableEnd(lines, po, rowAt, style);
          table = {
            columns,
            ...(itemInDescriptionRegex ? { itemInDescriptionRegex } : {}),
            ...(end ? { endRegex: `^${escapeRegex(end.label)}` } : {}),
          };
          // Headers can be printed over several baselines, so only the quantity header's first word is required.
          if (match.length === 0) match.push(escapeRegex(columns.find((c) => c.field === 'quantity')!.header.split(' ')[0]));
          said.push(`columns ${columns.map((c) => `"${c.header}"→${c.field}`).join(', ')}`);
          if (end) {
            totals = learnTotals(lines, end.index, po, style);
            if (totals.length) said.push(`totals ${totals.map((t) => `"${t.label}"→${t.kind}`).join(', ')}`);
            const totalLabel = totals.find((t) => t.kind === 'total')?.label;
            if (totalLabel && po.stated?.total === undefined) fields.total = { label: totalLabel };
          }
        }
      }
    }
  }

  // Total: the label on the line that ends with the stated total.
  const total = po.stated?.total;
  if (total !== undefined) {
    for (let li = lines.length - 1; li >= 0; li--) {
      const segs = lines[li].segments;
      const last = segs[segs.length - 1];
      if (
        segs.length >= 2 &&
        (same(parseAmount(last.text, style === 'auto' ? 'us' : style), total) || same(parseAmount(last.text, 'eu'), total)) &&
        hasLetters(segs[0].text)
      ) {
        fields.total = { label: cleanLabel(segs[0].text) };
        said.push(`total at "${cleanLabel(segs[0].text)}"`);
        break;
      }
    }
  }

  if (!fields.poNumber && !table)
    return { template: null, summary: 'neither the PO number nor the line table of the corrected order was found on the page' };
  const template: LayoutTemplate = {
    id: options.id ?? `learned-${Date.now()}`,
    customerId: options.customerId,
    name: `Learned from ${options.sender}${po.poNumber ? ` (PO ${po.poNumber})` : ''}`.slice(0, 200),
    version: options.version ?? 1,
    match,
    ...(dateOrder ? { dateOrder } : {}),
    numberStyle: style,
    currency: po.currency,
    fields,
    ...(table ? { table } : {}),
    totals,
  };
  return { template, summary: said.join('; ') };
}

function overlapShare(a: Segment, b: Segment): number {
  return Math.max(0, Math.min(a.x1, b.x1 + 4) - Math.max(a.x0, b.x0 - 4));
}

/** The header cells above the row (a header may be printed over two or three baselines), or null. */
function findHeaderAbove(lines: TextLine[], rowAt: number): Segment[] | null {
  for (let i = rowAt - 1; i >= 0 && rowAt - i <= 4; i--) {
    const l = lines[i];
    if (l.page !== lines[rowAt].page) return null;
    const band = headerCells(lines, i);
    if (band && band.segments.length >= 3) return band.segments;
  }
  return null;
}

const amountIn = (text: string, style: NumberStyle): string | null => {
  const t = text.replace(/^[^\d(-]+/, '').replace(/[^\d)]+$/, '');
  return parseAmount(t, style === 'auto' ? 'us' : style) ?? (style === 'auto' ? parseAmount(t, 'eu') : null);
};

/** The first line after the order's last row that has a label and an amount: where the totals begin. */
function tableEnd(lines: TextLine[], po: PurchaseOrderInput, rowAt: number, style: NumberStyle): { index: number; label: string } | null {
  const last = po.lines[po.lines.length - 1];
  const lastCode = last?.productIds[0]?.value;
  let lastRow = rowAt;
  for (let i = rowAt; i < lines.length; i++) if (lastCode && lines[i].segments.some((s) => s.text.includes(lastCode))) lastRow = i;
  for (let i = lastRow + 1; i < lines.length; i++) {
    const segs = lines[i].segments;
    if (segs.length >= 2 && hasLetters(segs[0].text) && amountIn(segs[segs.length - 1].text, style) !== null)
      return { index: i, label: segs[0].text.replace(/[\s:]+$/, '') };
  }
  return null;
}

/**
 * The totals block's labels, told apart by arithmetic: the line equal to the sum of the order's lines is the
 * subtotal, the line equal to the stated total is the total, and the lines between add up to the difference with
 * a sign each (a minus is a discount); a line with a percentage or a tax word that adds is tax.
 */
function learnTotals(lines: TextLine[], from: number, po: PurchaseOrderInput, style: NumberStyle): LayoutTemplate['totals'] {
  const lineSum = po.lines.reduce((s, l) => (l.unitPrice !== undefined ? add(s, money(mul(l.quantity, l.unitPrice))) : s), '0');
  const total = po.stated?.total;
  const rows: Array<{ label: string; value: string }> = [];
  for (let i = from; i < lines.length && rows.length < 8; i++) {
    const segs = lines[i].segments;
    const value = segs.length >= 2 ? amountIn(segs[segs.length - 1].text, style) : null;
    if (value === null || !hasLetters(segs[0].text)) break;
    rows.push({ label: segs[0].text.replace(/[\s:]+$/, ''), value: value.replace(/^-/, '') });
  }
  const out: LayoutTemplate['totals'] = [];
  const subtotal = rows.find((r) => same(r.value, lineSum));
  // Without a stated total on the approved order, the block's last line is the candidate; the arithmetic decides.
  const totalRow = total !== undefined ? rows.find((r) => same(r.value, total)) : rows.length > 1 ? rows[rows.length - 1] : undefined;
  if (subtotal && subtotal !== totalRow) out.push({ label: subtotal.label, kind: 'subtotal' });
  if (!totalRow) return out;
  const middle = rows.slice(subtotal ? rows.indexOf(subtotal) + 1 : 0, rows.indexOf(totalRow));
  let balanced = false;
  if (middle.length <= 6) {
    // Find the signs that make subtotal ± middle = total.
    for (let mask = 0; mask < 1 << middle.length; mask++) {
      const sum = middle.reduce((s, r, k) => (mask & (1 << k) ? sub(s, r.value) : add(s, r.value)), subtotal ? subtotal.value : lineSum);
      if (!same(sum, totalRow.value)) continue;
      balanced = true;
      middle.forEach((r, k) => {
        const kind = mask & (1 << k) ? 'discount' : /%|tax|vat|iva|tva|btw|mwst|ust|gst/i.test(r.label) ? 'tax' : 'charge';
        out.push({ label: r.label, kind });
      });
      break;
    }
  }
  // A total that was guessed (not stated on the approved order) is learned only when the block adds up to it.
  if (total === undefined && !balanced) return out;
  out.push({ label: totalRow.label, kind: 'total' });
  return out;
}

function classifyCell(
  cell: string,
  want: { code: string; quantity: string; unitPrice?: string; amount?: string; uom: string; description?: string },
): { field: ColumnField; codeInDescription?: boolean } | null {
  const t = cell.trim();
  const amountOf = (s: string): string | null =>
    parseAmount(s.replace(/^[^\d(-]+/, ''), 'us') ?? parseAmount(s.replace(/^[^\d(-]+/, ''), 'eu');
  if (t.toUpperCase() === want.code.toUpperCase()) return { field: 'item' };
  if (t.toUpperCase().startsWith(want.code.toUpperCase()) && /^[A-Z0-9\-_./]+\s+[-–]\s+/i.test(t))
    return { field: 'description', codeInDescription: true };
  const q = parseQuantity(t, 'us') ?? parseQuantity(t, 'eu');
  if (q && same(q.quantity, want.quantity) && !t.includes('.') === !want.quantity.includes('.')) return { field: 'quantity' };
  if (want.amount !== undefined && same(amountOf(t), want.amount)) return { field: 'amount' };
  if (want.unitPrice !== undefined && same(amountOf(t), want.unitPrice)) return { field: 'unitPrice' };
  if (parseUom(t) !== null || (t.length <= 5 && /^\p{L}+\.?$/u.test(t))) return { field: 'uom' };
  // Words, not another code (a buyer's part number beside ours is no description).
  if (hasLetters(t) && t.length > 5 && /\s/.test(t)) return { field: 'description' };
  return null;
}
