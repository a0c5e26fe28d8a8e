import { readFileSync } from 'node:fs';
import { corpusPath, describeWithCorpus } from '@orderhub/testing';
import { SandboxedPdfTextExtractor } from '../infrastructure/sandboxed-pdf-text.extractor';
import { InMemoryProductCatalog } from '../testing/in-memory-email.ports';
import { ExtractPurchaseOrderUseCase, type PdfExtractionResult } from './extract-purchase-order.use-case';

/**
 * Public sample PDFs (../shared/corpus/pdf-po). What is asserted was read off each document by a person. None of
 * them may be accepted without review: their item codes are not in our catalog, several are not even purchase
 * orders (a quotation, an invoice, a blank form).
 */
// The blank forms in the corpus have no text layer, so they are OCR'd: seconds a page on this hardware.
jest.setTimeout(120_000);

describeWithCorpus('email PDF extraction against the public corpus', () => {
  const sandbox = new SandboxedPdfTextExtractor({ poolSize: 2 });
  const extractor = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), null);
  afterAll(() => sandbox.close());

  const extract = (name: string): Promise<PdfExtractionResult> =>
    extractor.execute(readFileSync(corpusPath('pdf-po', name)), {
      rawDocumentId: name,
      sender: 'buyer@example.com',
      receivedAt: '2024-01-01T00:00:00.000Z',
    });
  const codes = (r: PdfExtractionResult): string[] => r.reasons.map((x) => x.code);

  it('SPpavani sample: PO-88213 with 20 lines over two pages; no printed total, so flagged', async () => {
    const r = await extract('SPpavani-sentinel-rag_sample_po.pdf');
    expect(r.purchaseOrder?.poNumber).toBe('PO-88213');
    expect(r.purchaseOrder?.lines).toHaveLength(20);
    expect(r.purchaseOrder?.lines[0]).toMatchObject({
      quantity: '12',
      unitPrice: '142.5',
      productIds: [{ qualifier: 'BP', value: 'HC-4471' }],
    });
    expect(r.autoAccept).toBe(false);
    expect(codes(r)).toContain('EXTRACTION.UNKNOWN_ITEM');
  });

  it.each([
    ['oca-edi_sale_order_import_invoice2data_so1.pdf', 'SO004', 4, '2240'],
    ['oca-edi_sale_order_import_invoice2data_so2.pdf', 'SO008', 3, '1857'],
    ['oca-edi_sale_order_import_invoice2data_so3.pdf', 'SO022', 4, '91845'],
  ])('Odoo order %s: number %s, %i lines, total %s; flagged', async (name, po, lines, total) => {
    const r = await extract(name);
    expect(r.purchaseOrder?.poNumber).toBe(po);
    expect(r.purchaseOrder?.lines).toHaveLength(lines);
    expect(r.purchaseOrder?.stated?.total).toBe(total);
    expect(r.autoAccept).toBe(false);
  });

  it('Hyperpure PO: number, date and its 13 lines read off an ERP table with wrapped names; unknown items, so flagged', async () => {
    const r = await extract('tanaysarkar0408-PO_ExtractionAgent_sample_po.pdf');
    expect(r.purchaseOrder?.poNumber).toBe('CPCPB26-PO-1951777');
    expect(r.purchaseOrder?.poDate).toBe('2025-07-23');
    expect(r.purchaseOrder?.currency).toBe('INR');
    expect(r.purchaseOrder?.lines).toHaveLength(13);
    // Qty. Ord. 105 at 29.2 per unit, 3066 in total: the unit price is the amount over the quantity.
    expect(r.purchaseOrder?.lines[0]).toMatchObject({ quantity: '105', unitPrice: '29.2', productIds: [{ value: '140825' }] });
    expect(r.purchaseOrder?.lines[12]).toMatchObject({ quantity: '144', productIds: [{ value: '163213' }] });
    expect(r.purchaseOrder?.stated?.total).toBe('142633.17');
    expect(r.autoAccept).toBe(false);
    expect(codes(r)).toContain('EXTRACTION.UNKNOWN_ITEM');
  });

  it('Decathlon invoice (FACTURA, not a PO): its four lines are read, but the totals do not add up, so it is never raised', async () => {
    const r = await extract('oca-edi_purchase_order_declathon.pdf');
    expect(r.autoAccept).toBe(false);
    expect(r.kind === 'extracted' && r.draft.lines).toHaveLength(4);
    expect(codes(r)).toEqual(expect.arrayContaining(['EXTRACTION.UNKNOWN_ITEM', 'EXTRACTION.TOTAL_MISMATCH']));
  });

  it.each([
    ['IntegraLedger-IntegraDocumentAPI_PurchaseOrder.pdf', 'a blank PO form'],
    ['oca-edi_sale_order_import_test.pdf', 'a page saying "test"'],
    ['oca-edi_quote-PO00004.pdf', 'a quotation'],
    ['uellowcom-uellow-doc-mockups_purchase_order.pdf', 'a bilingual mock-up'],
  ])('%s (%s) is flagged with reasons, never raised', async (name) => {
    const r = await extract(name);
    expect(r.autoAccept).toBe(false);
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(codes(r).some((c) => c === 'EXTRACTION.NO_PO_NUMBER' || c === 'EXTRACTION.NO_LINES')).toBe(true);
  });
});
