import type { PurchaseOrderInput } from '@orderhub/contracts';
import { poNumberInSubject } from './header-fields.extractor';
import { learnLayoutTemplate } from './layout-template.learner';
import type { PdfTextPage } from './pdf-text';
import { assessDraft, readDraft, regionsOf, type CatalogMatch } from './purchase-order.assembler';
import { parseQuantity } from './value-parsers';

/**
 * A page as pdf.js gives it: text runs with positions (baseline y, top-left origin). Each row is [y, [x, text]...];
 * widths follow the text at about 5 points a character, as a 9.5 pt sans serif prints.
 */
function page(...rows: Array<[number, ...Array<[number, string]>]>): PdfTextPage {
  const items = rows.flatMap(([y, ...cells]) => cells.map(([x, str]) => ({ str, x, y, width: str.length * 5, height: 9.5 })));
  return { num: 1, width: 595, height: 842, text: '', items };
}

/** A German ERP print-out: "Nummer / Datum" box, "Betrag" over "EUR", position numbers, thousands in quantities. */
const germanErp = page(
  [64, [49, 'Werkzeughandel Nord GmbH · Postfach 1120 · 20095 Hamburg']],
  [75, [320, 'Nummer'], [397, 'Datum']],
  [94, [49, 'BESTELLUNG']],
  [99, [320, '4500049604'], [397, '05.03.2026']],
  [129, [49, 'Lieferanschrift:']],
  [142, [49, 'Werkzeug Kraus KG']],
  [154, [49, 'Industriestraße 12']],
  [167, [49, '80331 München']],
  [180, [49, 'Deutschland']],
  [226, [506, 'Betrag']],
  [232, [54, 'Pos.'], [94, 'Material'], [163, 'Bezeichnung'], [352, 'Menge'], [398, 'ME'], [427, 'Preis/ME']],
  [237, [521, 'EUR']],
  [255, [54, '00010'], [94, '7312-004'], [163, 'Safety goggles'], [370, '202'], [398, 'ST'], [441, '264,91'], [494, '53.511,82']],
  [
    272,
    [54, '00020'],
    [94, 'SCR-4X40'],
    [163, 'Wood screws, box of 200'],
    [355, '1.200'],
    [398, 'KAR'],
    [447, '46,79'],
    [488, '56.148,00'],
  ],
  [342, [359, 'Warenwert'], [487, '109.659,82']],
  [358, [359, 'Rabatt 3 %'], [496, '-3.289,79']],
  [373, [359, 'Frachtkosten'], [514, '16,20']],
  [388, [359, 'MwSt. 19 %'], [493, '20.213,41']],
  [404, [359, 'Gesamtbetrag EUR'], [487, '126.599,64']],
);

const catalog = new Map<string, CatalogMatch>([
  ['7312-004', { code: '7312-004', sku: '7312-004', matchedBy: 'sku', uom: 'EA' }],
  ['SCR-4X40', { code: 'SCR-4X40', sku: 'SCR-4X40', matchedBy: 'sku', uom: 'BX' }],
]);
const context = {
  rawDocumentId: 'raw-1',
  sender: 'einkauf@kraus.example',
  receivedAt: '2026-03-05T08:00:00.000Z',
  customerId: 'cust-kraus',
};

describe('geometry-aware extraction', () => {
  it('reads a German ERP purchase order untouched: number and date from the header box, positions not taken as codes, 1.200 kept, boxed goods in boxes, discount, freight and tax adding up', () => {
    const outcome = assessDraft(readDraft([germanErp]), catalog, context);
    expect(outcome.reasons).toEqual([]);
    expect(outcome.autoAccept).toBe(true);
    const po = outcome.purchaseOrder!;
    expect(po).toMatchObject({
      poNumber: '4500049604',
      poDate: '2026-03-05',
      currency: 'EUR',
      shipTo: { name: 'Werkzeug Kraus KG', postalCode: '80331', city: 'München' },
    });
    expect(po.lines.map((l) => [l.productIds[0].value, l.quantity, l.uom, l.unitPrice])).toEqual([
      ['7312-004', '202', 'EA', '264.91'],
      ['SCR-4X40', '1200', 'BX', '46.79'],
    ]);
    expect(po.stated?.total).toBe('126599.64');
    expect((po.charges ?? []).map((c) => [c.kind, c.amount])).toEqual([
      ['allowance', '3289.79'],
      ['charge', '16.20'],
    ]);
  });

  it('says where each field is printed, in PDF points from the top-left, for the console to highlight', () => {
    const draft = readDraft([germanErp]);
    const regions = regionsOf(draft);
    const at = (field: string) => regions.find((r) => r.field === field);
    expect(at('poNumber')).toMatchObject({ page: 1, x: 320 });
    expect(at('poNumber')!.y).toBeLessThan(99);
    expect(at('poNumber')!.y + at('poNumber')!.height).toBeGreaterThan(99);
    expect(at('orderDate')).toMatchObject({ page: 1, x: 397 });
    expect(at('lines[1].quantity')).toMatchObject({ page: 1, x: 355 });
    expect(at('lines[1].sku')).toMatchObject({ x: 94 });
    expect(at('total')).toMatchObject({ x: 487 });
    expect(assessDraft(draft, catalog, context).purchaseOrder?.extraction?.regions).toEqual(regions);
  });

  it('a numeric date that reads both ways is settled by a plainly US document, and held as ambiguous when nothing says where it is from', () => {
    const us = (cityLine: string, amount: string) =>
      page(
        [60, [49, 'PURCHASE ORDER']],
        [80, [400, 'P.O. No.: 30087']],
        [92, [400, 'Date: 12/01/2026']],
        [120, [49, 'Ship To']],
        [132, [49, 'Midwest Builders Supply Inc']],
        [144, [49, '120 Harbor Road']],
        [156, [49, cityLine]],
        [200, [54, 'Item #'], [140, 'Description'], [360, 'Qty'], [420, 'Unit Price'], [500, 'Total']],
        [220, [54, '7312-004'], [140, 'Safety goggles'], [365, '10'], [425, amount], [500, amount === '$5.00' ? '$50.00' : '50.00']],
        [250, [360, 'Total Due'], [500, amount === '$5.00' ? '$50.00' : '50.00']],
      );
    const plainlyUs = readDraft([us('Springfield, IL 62704', '$5.00')]);
    expect(plainlyUs.poDate).toMatchObject({ value: '2026-12-01' });
    expect(plainlyUs.poDate!.confidence).toBeGreaterThanOrEqual(0.9);
    const unsure = readDraft([us('Springfield 62704', '5.00')]);
    expect(unsure.poDate!.confidence).toBeLessThan(0.9);
  });

  it('quantities grouped by a comma, a dot, a space or an apostrophe all read as twelve hundred', () => {
    expect(parseQuantity('1,200', 'us')?.quantity).toBe('1200');
    expect(parseQuantity('1.200', 'eu')?.quantity).toBe('1200');
    expect(parseQuantity('1 200', 'eu')?.quantity).toBe('1200');
    expect(parseQuantity("1'200", 'us')?.quantity).toBe('1200');
  });

  it('the PO number in the email subject confirms the document, contradicts it, or stands in for it', () => {
    expect(poNumberInSubject('PO PO-E2E-7001')).toBe('PO-E2E-7001');
    expect(poNumberInSubject('Re: Bestellung Nr. 4500049604')).toBe('4500049604');
    expect(poNumberInSubject('Purchase order')).toBeUndefined();
    const confirmed = assessDraft(readDraft([germanErp]), catalog, { ...context, subject: 'Bestellung 4500049604' });
    expect(confirmed.autoAccept).toBe(true);
    expect(confirmed.fields.poNumber).toBeGreaterThanOrEqual(0.97);
    const contradicted = assessDraft(readDraft([germanErp]), catalog, { ...context, subject: 'Bestellung 4500049999' });
    expect(contradicted.autoAccept).toBe(false);
    expect(contradicted.reasons.map((r) => r.code)).toContain('EXTRACTION.SUBJECT_PO_MISMATCH');
  });

  it('a document with lines but no PO number gives a pre-filled draft, never a bare stub', () => {
    const noNumber = page(
      [60, [49, 'Order form']],
      [232, [54, 'Pos.'], [94, 'Material'], [163, 'Bezeichnung'], [352, 'Menge'], [427, 'Preis/ME'], [494, 'Betrag']],
      [255, [54, '00010'], [94, '7312-004'], [163, 'Safety goggles'], [370, '202'], [441, '264,91'], [494, '53.511,82']],
    );
    const outcome = assessDraft(readDraft([noNumber]), catalog, context);
    expect(outcome.purchaseOrder).toBeNull();
    expect(outcome.reasons.map((r) => r.code)).toContain('EXTRACTION.NO_PO_NUMBER');
    expect(outcome.partialOrder).toMatchObject({ lines: [{ quantity: '202', unitPrice: '264.91', productIds: [{ value: '7312-004' }] }] });
  });
});

describe('learning a layout from one corrected order', () => {
  /** An Italian layout the generic reader has no words for. */
  const italian = (po: string, qty: string, amount: string, total: string) =>
    page(
      [72, [49, "ORDINE D'ACQUISTO"]],
      [90, [431, `N. ordine: ${po}`]],
      [100, [431, 'Data ordine: 20/10/2026']],
      [127, [49, 'Luogo di consegna']],
      [140, [49, 'Edilizia Bianchi S.p.A.']],
      [152, [49, 'Corso Vittorio Emanuele 12']],
      [165, [49, '00184 Roma']],
      [178, [49, 'Italia']],
      [203, [54, 'Codice'], [142, 'Descrizione'], [351, 'Q.tà'], [404, 'Prezzo unit.'], [500, 'Importo']],
      [221, [54, 'GLV-L'], [142, 'Work gloves nitrile'], [355, qty], [441, '54,93'], [494, amount]],
      [262, [362, 'Imponibile'], [493, amount]],
      [278, [362, 'Spese di trasporto'], [514, '86,22']],
      [293, [362, 'IVA 22%'], [499, '0,00']],
      [308, [362, 'Totale ordine €'], [493, total]],
    );
  const corrected: PurchaseOrderInput = {
    schemaVersion: 1,
    source: { channel: 'email', rawDocumentId: 'raw-it-1', sender: 'acquisti@bianchi.example', receivedAt: '2026-10-20T08:00:00.000Z' },
    buyer: { customerId: 'cust-bianchi', identifiers: [] },
    poNumber: 'OA-3029/26',
    poDate: '2026-10-20',
    currency: 'EUR',
    shipTo: { role: 'ST', name: 'Edilizia Bianchi S.p.A.', address1: 'Corso Vittorio Emanuele 12', city: 'Roma', postalCode: '00184' },
    lines: [{ lineNumber: '1', quantity: '195', uom: 'PR', unitPrice: '54.93', productIds: [{ qualifier: 'VN', value: 'GLV-L' }] }],
    stated: { total: '10797.57' },
  };
  const gloves = new Map<string, CatalogMatch>([['GLV-L', { code: 'GLV-L', sku: 'GLV-L', matchedBy: 'sku', uom: 'PR' }]]);
  const ctx = {
    rawDocumentId: 'raw-it-2',
    sender: 'acquisti@bianchi.example',
    receivedAt: '2026-10-21T08:00:00.000Z',
    customerId: 'cust-bianchi',
  };

  it('derives labels, columns and totals from the corrected PO, and the next PO of that layout goes through', () => {
    const first = italian('OA-3029/26', '195', '10.711,35', '10.797,57');
    const next = italian('OA-3100/26', '200', '10.986,00', '11.072,22');
    expect(assessDraft(readDraft([next]), gloves, ctx).autoAccept).toBe(false);
    const learned = learnLayoutTemplate([first], corrected, { customerId: 'cust-bianchi', sender: 'acquisti@bianchi.example' });
    expect(learned.summary).toMatch(/PO number at "N\. ordine"/);
    expect(learned.template?.table?.columns.map((c) => c.field)).toEqual(['item', 'description', 'quantity', 'unitPrice', 'amount']);
    expect(learned.template?.totals).toEqual([
      { label: 'Imponibile', kind: 'subtotal' },
      { label: 'Spese di trasporto', kind: 'charge' },
      { label: 'IVA 22%', kind: 'tax' },
      { label: 'Totale ordine €', kind: 'total' },
    ]);
    const outcome = assessDraft(readDraft([next], learned.template!), gloves, ctx);
    expect(outcome.reasons).toEqual([]);
    expect(outcome.purchaseOrder).toMatchObject({
      poNumber: 'OA-3100/26',
      poDate: '2026-10-20',
      stated: { total: '11072.22' },
      lines: [{ quantity: '200', uom: 'PR' }],
    });
  });
});
