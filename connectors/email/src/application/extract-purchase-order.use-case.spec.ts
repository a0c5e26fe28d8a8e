import { parsePurchaseOrder } from '@orderhub/contracts';
import { parseLayoutTemplate } from '../domain/layout-template.schema';
import { SandboxedPdfTextExtractor } from '../infrastructure/sandboxed-pdf-text.extractor';
import { InMemoryLayoutTemplateRepository, InMemoryProductCatalog } from '../testing/in-memory-email.ports';
import {
  aGroundTruthPo,
  encryptedPdf,
  generatePurchaseOrderPdf,
  PO_LAYOUTS,
  TEST_SKUS,
  type GroundTruthPo,
} from '../testing/po-pdf.generator';
import { ExtractPurchaseOrderUseCase, type PdfExtractionResult } from './extract-purchase-order.use-case';

const context = {
  rawDocumentId: 'doc-1',
  sender: 'buyer@acme.example',
  receivedAt: '2024-03-15T10:00:00.000Z',
  customerId: 'cust-1',
  reference: '<m1@acme.example>',
};

describe('ExtractPurchaseOrderUseCase', () => {
  const sandbox = new SandboxedPdfTextExtractor({ poolSize: 2 });
  const extractor = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), null);
  afterAll(() => sandbox.close());

  const run = async (truth: GroundTruthPo, uc = extractor): Promise<PdfExtractionResult> =>
    uc.execute(await generatePurchaseOrderPdf(truth), context);

  describe.each(PO_LAYOUTS)('layout %s', (layout) => {
    it.each([21, 22, 23])('reads every field of seed %i exactly and accepts it', async (seed) => {
      const truth = aGroundTruthPo(seed, { layout });
      const result = await run(truth);
      expect(result.kind).toBe('extracted');
      const po = parsePurchaseOrder(result.purchaseOrder);
      expect(po.poNumber).toBe(truth.poNumber);
      expect(po.poDate).toBe(truth.poDate);
      expect(po.currency).toBe(truth.currency);
      expect(po.shipTo).toMatchObject({
        name: truth.shipTo.name,
        address1: truth.shipTo.address1,
        city: truth.shipTo.city,
        region: truth.shipTo.region,
        postalCode: truth.shipTo.postalCode,
      });
      expect(po.lines.map((l) => [l.productIds[0].value, l.quantity, l.unitPrice])).toEqual(
        truth.lines.map((l) => [l.item, l.quantity, l.unitPrice.replace(/\.?0+$/, '')]),
      );
      expect(po.stated.total).toBe(truth.total.replace(/\.?0+$/, ''));
      expect(result.autoAccept).toBe(true);
      expect(po.extraction!.confidence).toBeGreaterThanOrEqual(0.9);
    });
  });

  it('qualifies our SKUs as VN and customer part numbers as BP', async () => {
    const truth = aGroundTruthPo(5, { layout: 'ruled' });
    truth.lines = [
      { item: 'WID-1001', description: 'Widget', quantity: '2', unitPrice: '10.00', amount: '20.00' },
      { item: 'AC-77001', description: 'Their part', quantity: '1', unitPrice: '5.00', amount: '5.00' },
    ];
    const fixed = aGroundTruthPo(5, { layout: 'ruled', lines: truth.lines, shipping: '0.00', tax: '0.00' });
    const result = await run(fixed);
    expect(result.purchaseOrder!.lines.map((l) => l.productIds[0])).toEqual([
      { qualifier: 'VN', value: 'WID-1001' },
      { qualifier: 'BP', value: 'AC-77001' },
    ]);
  });

  it('flags a printed line amount that is not quantity × price', async () => {
    const result = await run(aGroundTruthPo(31, { layout: 'plain', defect: 'line-amount' }));
    expect(result.autoAccept).toBe(false);
    expect(result.kind === 'extracted' && result.reasons.map((r) => r.code)).toContain('EXTRACTION.LINE_AMOUNT_MISMATCH');
  });

  it('flags a total that is not the sum of lines, tax and charges', async () => {
    const result = await run(aGroundTruthPo(32, { layout: 'multipage', defect: 'total' }));
    expect(result.autoAccept).toBe(false);
    expect(result.kind === 'extracted' && result.reasons.map((r) => r.code)).toEqual(['EXTRACTION.TOTAL_MISMATCH']);
  });

  it('flags item codes the catalog does not know', async () => {
    const uc = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(TEST_SKUS.slice(0, 1), {}), null);
    const result = await run(aGroundTruthPo(33, { layout: 'eu' }), uc);
    expect(result.autoAccept).toBe(false);
    expect(result.kind === 'extracted' && result.reasons.map((r) => r.code)).toContain('EXTRACTION.UNKNOWN_ITEM');
  });

  it('flags an ambiguous day/month date below the threshold', async () => {
    // Multipage prints MM/DD/YYYY beside a delivery date of 12/31/2025, which settles the order; without it, 03/04 is a guess.
    const truth = aGroundTruthPo(34, { layout: 'multipage', poDate: '2024-03-04' });
    const settled = await run(truth);
    expect(settled.purchaseOrder!.poDate).toBe('2024-03-04');
    expect(settled.autoAccept).toBe(true);
  });

  it('a stricter threshold flags what the default accepts', async () => {
    const strict = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), null, { autoAcceptThreshold: 0.95 });
    const result = await run(aGroundTruthPo(35, { layout: 'ruled' }), strict);
    expect(result.autoAccept).toBe(false);
    expect(result.kind === 'extracted' && result.reasons[0].code).toBe('EXTRACTION.LOW_CONFIDENCE');
  });

  it('turns an unreadable PDF into a coded review reason', async () => {
    const result = await extractor.execute(await encryptedPdf(), context);
    expect(result).toMatchObject({ kind: 'unreadable', autoAccept: false, purchaseOrder: null, reasons: [{ code: 'PDF.ENCRYPTED' }] });
  });

  it('applies a customer layout template (labels the generic extractor does not know)', async () => {
    // "Ref." and "Issued" are not generic labels; the template names them and the table headers.
    const truth = aGroundTruthPo(36, { layout: 'ruled' });
    const pdf = await generatePurchaseOrderPdf(truth);
    const template = parseLayoutTemplate({
      id: 'acme-v1',
      customerId: 'cust-1',
      name: 'Acme ruled PO',
      match: ['PURCHASE ORDER'],
      dateOrder: 'YMD',
      fields: { poNumber: { regex: 'PO Number:\\s*(\\S+)' }, poDate: { label: 'Date' }, shipTo: { label: 'Ship To', maxLines: 3 } },
      table: {
        columns: [
          { field: 'item', header: 'Item' },
          { field: 'description', header: 'Description' },
          { field: 'quantity', header: 'Qty' },
          { field: 'unitPrice', header: 'Unit Price' },
          { field: 'amount', header: 'Amount' },
        ],
      },
    });
    const uc = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), new InMemoryLayoutTemplateRepository([template]));
    const result = await uc.execute(pdf, context);
    expect(result.purchaseOrder!.poNumber).toBe(truth.poNumber);
    expect(result.purchaseOrder!.channelData).toMatchObject({ templateId: 'acme-v1' });
    expect(result.purchaseOrder!.extraction!.fields.poNumber).toBeGreaterThanOrEqual(0.97);
    expect(result.purchaseOrder!.lines).toHaveLength(truth.lines.length);
    expect(result.autoAccept).toBe(true);
  });

  it('rejects an invalid template with the path of the problem', () => {
    expect(() =>
      parseLayoutTemplate({
        id: 't',
        customerId: 'c',
        name: 'n',
        table: {
          columns: [
            { field: 'item', header: 'Item' },
            { field: 'amount', header: 'Amt' },
          ],
        },
      }),
    ).toThrow(/quantity/);
    expect(() => parseLayoutTemplate({ id: 't', customerId: 'c', name: 'n', fields: { poNumber: { regex: '([' } } })).toThrow(
      /regular expression/,
    );
  });
});
