import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { add, fromScaled, money, mul } from '@orderhub/contracts';
import { seededRandom } from '@orderhub/testing';

/**
 * Purchase-order PDFs with known ground truth, in several layouts a real mailbox sees: ruled and unruled tables,
 * labels beside or above their values, US and European number formats, multi-page tables whose totals sit on the
 * last page. Deterministic per seed, so specs and the bench see the same documents every run.
 */
export const PO_LAYOUTS = ['ruled', 'plain', 'eu', 'multipage', 'stacked'] as const;
export type PoLayout = (typeof PO_LAYOUTS)[number];

export interface GroundTruthLine {
  item: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface GroundTruthPo {
  layout: PoLayout;
  poNumber: string;
  /** ISO date. */
  poDate: string;
  currency: string;
  buyerName: string;
  shipTo: { name: string; address1: string; city: string; region: string; postalCode: string };
  lines: GroundTruthLine[];
  subtotal: string;
  tax: string;
  shipping: string;
  total: string;
  notes?: string;
  /** A deliberate inconsistency printed in the document; a correct extractor must flag it. */
  defect?: 'line-amount' | 'total';
}

/** Our SKUs and one customer's part numbers, as the catalog lookup in specs and the bench knows them. */
export const TEST_SKUS = [
  'WID-1001',
  'WID-1002',
  'GAD-2040',
  'BOLT-M8-50',
  'NUT-M8',
  'PIPE-15-CU',
  'VALVE-22',
  'TAPE-PTFE',
  'GLUE-500',
  'SAW-HS-12',
];
export const TEST_CUSTOMER_PARTS = ['AC-77001', 'AC-77002', 'AC-88150', 'AC-90311', 'AC-90312'];
const DESCRIPTIONS = [
  'Widget, large, blue',
  'Widget, small, red',
  'Gadget assembly with mounting kit',
  'Hex bolt M8 x 50 zinc plated',
  'Hex nut M8',
  'Copper pipe 15 mm x 3 m',
  'Ball valve 22 mm brass',
  'PTFE thread seal tape 12 mm',
  'Construction adhesive 500 ml',
  'Hacksaw blade 12 inch bi-metal, pack of ten for heavy duty metal cutting work',
];
const NAMES = ['Acme Hardware Ltd', 'Northwind Supplies', 'Contoso Building Co', 'Fabrikam Trade'];
const STREETS = ['120 Harbor Road', '4 Industrial Way', '77 Elm Street Suite 200', '1500 Commerce Blvd'];
const CITIES: Array<[string, string, string]> = [
  ['Springfield', 'IL', '62704'],
  ['Portland', 'OR', '97201'],
  ['Austin', 'TX', '73301'],
  ['Columbus', 'OH', '43004'],
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const int = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** A ground-truth purchase order; overrides win, totals are recomputed unless given. */
export function aGroundTruthPo(seed: number, overrides: Partial<GroundTruthPo> = {}): GroundTruthPo {
  const rnd = seededRandom(seed);
  const layout = overrides.layout ?? PO_LAYOUTS[seed % PO_LAYOUTS.length];
  const lineCount = layout === 'multipage' ? int(rnd, 32, 60) : int(rnd, 1, 9);
  const lines: GroundTruthLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const ours = rnd() < 0.7;
    const idx = int(rnd, 0, TEST_SKUS.length - 1);
    const item = ours ? TEST_SKUS[idx] : pick(rnd, TEST_CUSTOMER_PARTS);
    const quantity = String(int(rnd, 1, 480));
    const unitPrice = fromScaled(BigInt(int(rnd, 25, 99_999)) * 10_000n, 2);
    lines.push({ item, description: DESCRIPTIONS[idx], quantity, unitPrice, amount: money(mul(quantity, unitPrice)) });
  }
  const [city, region, postalCode] = pick(rnd, CITIES);
  const year = int(rnd, 2023, 2025);
  const month = int(rnd, 1, 12);
  const day = int(rnd, 1, 28);
  const base: GroundTruthPo = {
    layout,
    poNumber: `${pick(rnd, ['PO-', '4500', 'P', ''])}${int(rnd, 10_000, 999_999)}`,
    poDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    currency: layout === 'eu' ? 'EUR' : 'USD',
    buyerName: pick(rnd, NAMES),
    shipTo: { name: pick(rnd, NAMES), address1: pick(rnd, STREETS), city, region, postalCode },
    lines,
    subtotal: '0',
    tax: rnd() < 0.5 ? '0.00' : '',
    shipping: rnd() < 0.5 ? money(fromScaled(BigInt(int(rnd, 500, 9_999)) * 10_000n, 2)) : '0.00',
    total: '0',
  };
  const po = { ...base, ...overrides };
  const subtotal = money(add(...po.lines.map((l) => l.amount)));
  const tax = overrides.tax ?? (po.tax === '' ? money(mul(subtotal, '0.0825')) : '0.00');
  const total = overrides.total ?? money(add(subtotal, tax, po.shipping));
  return { ...po, subtotal: overrides.subtotal ?? subtotal, tax, total };
}

/** Applies a printed inconsistency: the truth keeps the correct numbers, the PDF shows the wrong one. */
function printed(po: GroundTruthPo): GroundTruthPo {
  if (po.defect === 'total') return { ...po, total: money(add(po.total, '10.00')) };
  if (po.defect === 'line-amount' && po.lines.length > 0) {
    const lines = po.lines.map((l, i) => (i === 0 ? { ...l, amount: money(add(l.amount, '1.00')) } : l));
    return { ...po, lines };
  }
  return po;
}

function formatNumber(value: string, eu: boolean): string {
  const [int, frac] = money(value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, eu ? '.' : ',');
  return `${grouped}${eu ? ',' : '.'}${frac}`;
}

function formatDate(iso: string, style: 'iso' | 'long' | 'dmy-dot' | 'mdy' | 'd-mon-y'): string {
  const [y, m, d] = iso.split('-');
  const month = MONTHS[Number(m) - 1];
  switch (style) {
    case 'iso':
      return iso;
    case 'long':
      return `${month} ${Number(d)}, ${y}`;
    case 'dmy-dot':
      return `${d}.${m}.${y}`;
    case 'mdy':
      return `${m}/${d}/${y}`;
    case 'd-mon-y':
      return `${d}-${month.slice(0, 3)}-${y}`;
  }
}

interface Column {
  header: string;
  width: number;
  align: 'left' | 'right';
  value: (l: GroundTruthLine) => string;
}

async function render(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 40,
    autoFirstPage: true,
    ...options,
    info: { Producer: 'orderhub-test', CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

function shipToLines(po: GroundTruthPo): string[] {
  const s = po.shipTo;
  return [s.name, s.address1, `${s.city}, ${s.region} ${s.postalCode}`];
}

/** Draws a line table from y; returns the y after it. Breaks pages when `pageBottom` is reached. */
function drawTable(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  lines: GroundTruthLine[],
  y: number,
  opts: { ruled: boolean; x0?: number; pageBottom?: number; onNewPage?: () => number },
): number {
  const x0 = opts.x0 ?? 40;
  const totalWidth = columns.reduce((s, c) => s + c.width, 0);
  const header = (top: number): number => {
    doc.font('Helvetica-Bold').fontSize(9);
    let x = x0;
    for (const c of columns) {
      doc.text(c.header, x + 3, top + 4, { width: c.width - 6, align: c.align, lineBreak: false });
      x += c.width;
    }
    if (opts.ruled) doc.rect(x0, top, totalWidth, 16).stroke();
    doc.font('Helvetica').fontSize(9);
    return top + 18;
  };
  y = header(y);
  for (const line of lines) {
    const descCol = columns.find((c) => c.header.toLowerCase().includes('desc'));
    const rowHeight = Math.max(14, (descCol ? doc.heightOfString(descCol.value(line), { width: descCol.width - 6 }) : 10) + 5);
    if (opts.pageBottom && y + rowHeight > opts.pageBottom && opts.onNewPage) {
      doc.addPage();
      y = header(opts.onNewPage());
    }
    let x = x0;
    for (const c of columns) {
      const isDesc = c === descCol;
      doc.text(c.value(line), x + 3, y + 3, { width: c.width - 6, align: c.align, lineBreak: isDesc });
      if (opts.ruled) doc.rect(x, y, c.width, rowHeight).stroke();
      x += c.width;
    }
    y += rowHeight;
  }
  return y + 6;
}

function drawTotals(
  doc: PDFKit.PDFDocument,
  po: GroundTruthPo,
  y: number,
  labels: [string, string, string, string],
  eu: boolean,
  x = 360,
): number {
  const rows: Array<[string, string]> = [[labels[0], po.subtotal]];
  if (po.tax !== '0.00') rows.push([labels[1], po.tax]);
  if (po.shipping !== '0.00') rows.push([labels[2], po.shipping]);
  rows.push([labels[3], po.total]);
  for (const [label, value] of rows) {
    doc.font(label === labels[3] ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    doc.text(label, x, y, { width: 110, lineBreak: false });
    doc.text(formatNumber(value, eu), x + 110, y, { width: 62, align: 'right', lineBreak: false });
    y += 14;
  }
  return y;
}

/** Renders the ground truth in its layout. */
export function generatePurchaseOrderPdf(truth: GroundTruthPo): Promise<Buffer> {
  const po = printed(truth);
  switch (po.layout) {
    case 'ruled':
      return render((doc) => {
        doc.font('Helvetica-Bold').fontSize(20).text('PURCHASE ORDER', 40, 40);
        doc.font('Helvetica').fontSize(10).text(po.buyerName, 40, 68).text('500 Buyer Avenue, Springfield', 40, 82);
        doc.text(`PO Number: ${po.poNumber}`, 360, 44).text(`Date: ${formatDate(po.poDate, 'iso')}`, 360, 58);
        doc.font('Helvetica-Bold').text('Ship To:', 40, 120);
        doc.font('Helvetica');
        shipToLines(po).forEach((l, i) => doc.text(l, 40, 134 + i * 13));
        doc.text('Vendor: OrderHub Supply Inc.', 320, 120);
        const columns: Column[] = [
          { header: 'Item', width: 90, align: 'left', value: (l) => l.item },
          { header: 'Description', width: 200, align: 'left', value: (l) => l.description },
          { header: 'Qty', width: 50, align: 'right', value: (l) => l.quantity },
          { header: 'Unit Price', width: 80, align: 'right', value: (l) => formatNumber(l.unitPrice, false) },
          { header: 'Amount', width: 92, align: 'right', value: (l) => formatNumber(l.amount, false) },
        ];
        const y = drawTable(doc, columns, po.lines, 200, { ruled: true });
        drawTotals(doc, po, y + 4, ['Subtotal', 'Sales Tax', 'Shipping', 'Total'], false);
      });
    case 'plain':
      return render((doc) => {
        doc.font('Helvetica-Bold').fontSize(16).text(po.buyerName, 40, 40);
        doc.font('Helvetica').fontSize(10).text(`Purchase Order # ${po.poNumber}`, 40, 64);
        doc.text(`Order Date: ${formatDate(po.poDate, 'long')}`, 40, 78);
        if (po.notes) doc.text(`Notes: ${po.notes}`, 40, 92);
        doc.text('Bill To:', 330, 110).text(po.buyerName, 330, 124).text('PO Box 99', 330, 137);
        doc.text('Ship To:', 40, 110);
        shipToLines(po).forEach((l, i) => doc.text(l, 40, 124 + i * 13));
        const columns: Column[] = [
          { header: 'Part No.', width: 85, align: 'left', value: (l) => l.item },
          { header: 'Description', width: 215, align: 'left', value: (l) => l.description },
          { header: 'Quantity', width: 60, align: 'right', value: (l) => l.quantity },
          { header: 'Price', width: 70, align: 'right', value: (l) => formatNumber(l.unitPrice, false) },
          { header: 'Ext. Price', width: 82, align: 'right', value: (l) => formatNumber(l.amount, false) },
        ];
        const y = drawTable(doc, columns, po.lines, 190, { ruled: false });
        drawTotals(doc, po, y + 4, ['Sub-total', 'Tax', 'Freight', 'Grand Total'], false);
      });
    case 'eu':
      return render((doc) => {
        doc.font('Helvetica-Bold').fontSize(18).text('Purchase Order', 40, 40);
        doc.font('Helvetica').fontSize(10).text(po.buyerName, 40, 64);
        doc
          .text(`P.O. No.: ${po.poNumber}`, 340, 44)
          .text(`Date: ${formatDate(po.poDate, 'dmy-dot')}`, 340, 58)
          .text(`Currency: ${po.currency}`, 340, 72);
        doc.text('Deliver To:', 40, 110);
        shipToLines(po).forEach((l, i) => doc.text(l, 40, 124 + i * 13));
        const columns: Column[] = [
          { header: 'Code', width: 90, align: 'left', value: (l) => l.item },
          { header: 'Item Description', width: 200, align: 'left', value: (l) => l.description },
          { header: 'Qty', width: 50, align: 'right', value: (l) => l.quantity },
          { header: 'Unit Cost', width: 80, align: 'right', value: (l) => formatNumber(l.unitPrice, true) },
          { header: 'Line Total', width: 92, align: 'right', value: (l) => formatNumber(l.amount, true) },
        ];
        const y = drawTable(doc, columns, po.lines, 190, { ruled: true });
        drawTotals(doc, po, y + 4, ['Net Amount', 'VAT', 'Shipping', 'Total Due'], true);
      });
    case 'multipage':
      return render((doc) => {
        let page = 1;
        const footer = (): void => {
          doc.font('Helvetica').fontSize(8).text(`Page ${page}`, 40, 750, { lineBreak: false });
        };
        doc.font('Helvetica-Bold').fontSize(18).text('PURCHASE ORDER', 40, 40);
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(`Order No.: ${po.poNumber}`, 360, 44)
          .text(`Order Date: ${formatDate(po.poDate, 'mdy')}`, 360, 58);
        doc.text('Requested Delivery: 12/31/2025', 360, 72);
        doc.text('Ship-To Address', 40, 100);
        shipToLines(po).forEach((l, i) => doc.text(l, 40, 114 + i * 13));
        const columns: Column[] = [
          { header: 'Item No', width: 90, align: 'left', value: (l) => l.item },
          { header: 'Description', width: 200, align: 'left', value: (l) => l.description },
          { header: 'Qty', width: 50, align: 'right', value: (l) => l.quantity },
          { header: 'Unit Price', width: 80, align: 'right', value: (l) => formatNumber(l.unitPrice, false) },
          { header: 'Amount', width: 92, align: 'right', value: (l) => formatNumber(l.amount, false) },
        ];
        footer();
        const y = drawTable(doc, columns, po.lines, 180, {
          ruled: po.poNumber.length % 2 === 0,
          pageBottom: 720,
          onNewPage: () => {
            page += 1;
            footer();
            doc.font('Helvetica').fontSize(9).text(`PO ${po.poNumber} (continued)`, 40, 40, { lineBreak: false });
            return 60;
          },
        });
        let ty = y + 4;
        if (ty > 680) {
          doc.addPage();
          page += 1;
          footer();
          ty = 60;
        }
        drawTotals(doc, po, ty, ['Subtotal', 'Tax', 'Shipping & Handling', 'PO Total'], false);
      });
    case 'stacked':
      return render((doc) => {
        doc.font('Helvetica-Bold').fontSize(18).text(po.buyerName, 40, 40);
        doc.fontSize(8).text('PO NUMBER', 330, 44).text('ORDER DATE', 450, 44);
        doc.rect(325, 40, 230, 34).stroke();
        doc.font('Helvetica').fontSize(11).text(po.poNumber, 330, 57).text(formatDate(po.poDate, 'd-mon-y'), 450, 57);
        doc.font('Helvetica-Bold').fontSize(8).text('SHIP TO', 40, 100);
        doc.font('Helvetica').fontSize(10);
        shipToLines(po).forEach((l, i) => doc.text(l, 40, 113 + i * 13));
        doc.font('Helvetica-Bold').fontSize(8).text('VENDOR', 330, 100);
        doc.font('Helvetica').fontSize(10).text('OrderHub Supply Inc.', 330, 113);
        const columns: Column[] = [
          { header: 'Description', width: 300, align: 'left', value: (l) => `[${l.item}] ${l.description}` },
          { header: 'Qty', width: 60, align: 'right', value: (l) => l.quantity },
          { header: 'Unit Price', width: 80, align: 'right', value: (l) => formatNumber(l.unitPrice, false) },
          { header: 'Total', width: 92, align: 'right', value: (l) => formatNumber(l.amount, false) },
        ];
        const y = drawTable(doc, columns, po.lines, 190, { ruled: false });
        drawTotals(doc, po, y + 4, ['Subtotal', 'Tax', 'Freight', 'Total'], false);
      });
  }
}

export interface GroundTruthDocument {
  truth: GroundTruthPo;
  pdf: Buffer;
}

/** `count` documents across all layouts; every `defectEvery`-th one carries a printed inconsistency. */
export async function generateGroundTruthSet(count: number, seed = 1, defectEvery = 12): Promise<GroundTruthDocument[]> {
  const out: GroundTruthDocument[] = [];
  for (let i = 0; i < count; i++) {
    const defect =
      defectEvery > 0 && i % defectEvery === defectEvery - 1
        ? Math.floor(i / defectEvery) % 2 === 0
          ? 'total'
          : 'line-amount'
        : undefined;
    const truth = aGroundTruthPo(seed * 1000 + i, { layout: PO_LAYOUTS[i % PO_LAYOUTS.length], ...(defect ? { defect } : {}) });
    out.push({ truth, pdf: await generatePurchaseOrderPdf(truth) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile PDFs

export function encryptedPdf(): Promise<Buffer> {
  return render((doc) => doc.text('PO Number: SECRET-1'), { userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
}

/** A page with a drawing and no text layer, like a scan. */
export function emptyPdf(): Promise<Buffer> {
  return render((doc) => {
    doc.rect(100, 100, 200, 100).fill('#888888');
  });
}

export async function truncatedPdf(): Promise<Buffer> {
  const whole = await generatePurchaseOrderPdf(aGroundTruthPo(7));
  return whole.subarray(0, Math.floor(whole.length * 0.3));
}

export function garbagePdf(): Buffer {
  const rnd = seededRandom(99);
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), bytes]);
}

/** A purchase order that also carries an /OpenAction JavaScript action; extraction must ignore the script. */
export function javascriptPdf(truth: GroundTruthPo = aGroundTruthPo(3, { layout: 'ruled' })): Promise<Buffer> {
  const po = printed(truth);
  return render((doc) => {
    const js = doc.ref({ S: 'JavaScript', JS: new String("app.alert('pwned'); this.exportDataObject({cName:'x'});") });
    (js as unknown as { end(): void }).end();
    // pdfkit has no public API for document actions; its catalog dictionary is reachable and that is all we need.
    (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.OpenAction = js;
    doc.font('Helvetica').fontSize(10).text(`PO Number: ${po.poNumber}`, 40, 40);
  });
}

/** Assembles a PDF from raw object bodies (1-based ids), computing the xref table. */
function rawPdf(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(size);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}

function singlePagePdf(content: Buffer, filter: string): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length}${filter} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/**
 * Decompression bomb: a small Flate stream that inflates to `inflatedMb` of text-showing operators. Parsing it
 * exhausts time or memory; the sandbox must turn that into PDF.TIMEOUT or PDF.WORKER_CRASHED.
 */
export function decompressionBombPdf(inflatedMb = 256): Buffer {
  const unit = Buffer.from('(A) Tj ');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i + unit.length <= chunk.length; i += unit.length) unit.copy(chunk, i);
  const body = Buffer.concat([
    Buffer.from('BT /F1 1 Tf 10 10 Td\n'),
    ...Array.from({ length: inflatedMb }, () => chunk),
    Buffer.from('\nET'),
  ]);
  return singlePagePdf(deflateSync(body, { level: 9 }), ' /Filter /FlateDecode');
}

/** A valid PDF bigger than `bytes`, padded with an uncompressed stream that no page uses. */
export function hugePdf(bytes: number): Buffer {
  const text = Buffer.from('BT /F1 12 Tf 72 720 Td (PO Number: HUGE-1) Tj ET');
  const base = singlePagePdf(text, '');
  return Buffer.concat([base.subarray(0, base.length), Buffer.from(`%${'x'.repeat(Math.max(0, bytes - base.length))}\n`)]);
}
