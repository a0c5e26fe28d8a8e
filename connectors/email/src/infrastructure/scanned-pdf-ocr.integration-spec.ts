import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { ExtractPurchaseOrderUseCase } from '../application/extract-purchase-order.use-case';
import { InMemoryProductCatalog } from '../testing/in-memory-email.ports';
import { aGroundTruthPo, generatePurchaseOrderPdf } from '../testing/po-pdf.generator';
import { SandboxedPdfTextExtractor } from './sandboxed-pdf-text.extractor';

/** Real Tesseract and poppler from Debian (tesseract-ocr, poppler-utils), as the hub runs them in its PDF sandbox. */
function ocrMissing(): string | null {
  for (const tool of ['tesseract', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install -y tesseract-ocr tesseract-ocr-eng poppler-utils)`;
    }
  }
  return null;
}
const missing = ocrMissing();
if (missing) console.log(`scanned-PDF OCR specs skipped: ${missing}`);
const describeWithOcr = missing ? describe.skip : describe;

/** A scan of a printed PO: its page rasterized, then the picture alone put back into a PDF (no text layer). */
async function scanned(pdf: Buffer): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page.png'));
    const doc = new PDFDocument({ size: 'LETTER', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.image(png, 0, 0, { width: 612 });
    doc.end();
    return await done;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeWithOcr('scanned purchase orders (OCR with Tesseract in the PDF sandbox)', () => {
  const sandbox = new SandboxedPdfTextExtractor({ poolSize: 1 });
  afterAll(() => sandbox.close());
  const truth = aGroundTruthPo(41, { layout: 'ruled' });
  const extractor = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), null);
  const context = { rawDocumentId: 'scan-1', sender: 'buyer@acme.example', receivedAt: '2026-12-02T00:00:00.000Z' };

  it('a scanned PO is read, never touchless on OCR alone, and the exception is pre-filled with what was read', async () => {
    const pdf = await scanned(await generatePurchaseOrderPdf(truth));
    const r = await extractor.execute(pdf, context);
    expect(r.kind).toBe('extracted');
    expect(r.autoAccept).toBe(false);
    const read = r.purchaseOrder ?? (r.kind === 'extracted' ? r.partialOrder : null);
    expect(read).toMatchObject({ poNumber: truth.poNumber });
    expect(r.kind === 'extracted' && r.notes.some((n) => n.startsWith('read by OCR'))).toBe(true);
  }, 120_000);

  it('with every cross-check holding, the PO number confirmed by the email subject included, it goes through', async () => {
    const pdf = await scanned(await generatePurchaseOrderPdf(truth));
    const r = await extractor.execute(pdf, { ...context, subject: `PO ${truth.poNumber}` });
    expect(r.reasons).toEqual([]);
    expect(r.autoAccept).toBe(true);
    expect(r.purchaseOrder?.lines.map((l) => [l.productIds[0].value, l.quantity])).toEqual(truth.lines.map((l) => [l.item, l.quantity]));
    expect(r.purchaseOrder?.stated?.total).toBe(truth.total);
  }, 120_000);
});
