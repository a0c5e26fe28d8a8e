import {
  aGroundTruthPo,
  decompressionBombPdf,
  emptyPdf,
  encryptedPdf,
  garbagePdf,
  generatePurchaseOrderPdf,
  hugePdf,
  javascriptPdf,
  truncatedPdf,
} from '../testing/po-pdf.generator';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxEnvironment, SandboxedPdfTextExtractor } from './sandboxed-pdf-text.extractor';

describe('SandboxedPdfTextExtractor', () => {
  // OCR of pages without text has its own integration spec (scanned-pdf-ocr); here a blank page is just "no text".
  const sandbox = new SandboxedPdfTextExtractor({ poolSize: 2, timeoutMs: 3000, maxMemoryMb: 128, maxBytes: 2 * 1024 * 1024, ocr: null });
  afterAll(() => sandbox.close());

  it('returns text per page with positioned runs', async () => {
    const truth = aGroundTruthPo(11, { layout: 'multipage' });
    const result = await sandbox.extract(await generatePurchaseOrderPdf(truth));
    if (!result.ok) throw new Error(result.message);
    expect(result.pages.length).toBeGreaterThan(1);
    expect(result.pages[0].text).toContain(truth.poNumber);
    const run = result.pages[0].items.find((i) => i.str.includes(truth.poNumber))!;
    expect(run.x).toBeGreaterThan(300);
    expect(run.y).toBeLessThan(100);
  });

  it.each([
    ['encrypted', encryptedPdf, 'PDF.ENCRYPTED'],
    ['empty (no text layer)', emptyPdf, 'PDF.NO_TEXT'],
    ['truncated', truncatedPdf, 'PDF.CORRUPT'],
    ['garbage', async () => garbagePdf(), 'PDF.CORRUPT'],
    ['oversized', async () => hugePdf(3 * 1024 * 1024), 'PDF.TOO_LARGE'],
  ] as const)('codes a %s PDF as %s', async (_name, make, code) => {
    const result = await sandbox.extract(await make());
    expect(result).toMatchObject({ ok: false, code });
  });

  it('ignores document JavaScript and still reads the text', async () => {
    const truth = aGroundTruthPo(3, { layout: 'ruled' });
    const result = await sandbox.extract(await javascriptPdf(truth));
    expect(result.ok && result.pages[0].text).toContain(truth.poNumber);
  });

  it('kills a decompression bomb on time or memory, and keeps serving afterwards', async () => {
    const bomb = await sandbox.extract(decompressionBombPdf(192));
    expect(bomb.ok).toBe(false);
    expect(['PDF.TIMEOUT', 'PDF.WORKER_CRASHED']).toContain(!bomb.ok && bomb.code);
    const after = await sandbox.extract(await generatePurchaseOrderPdf(aGroundTruthPo(4)));
    expect(after.ok).toBe(true);
  }, 20_000);

  it('runs PDFs in parallel across the pool', async () => {
    const pdfs = await Promise.all([1, 2, 3, 4, 5, 6].map((s) => generatePurchaseOrderPdf(aGroundTruthPo(s))));
    const results = await Promise.all(pdfs.map((p) => sandbox.extract(p)));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});

describe('PDF sandbox environment', () => {
  it("passes the child none of the hub's secrets", async () => {
    // A stand-in worker that answers with the environment it was given, as a compromised parser could read it.
    const dir = mkdtempSync(join(tmpdir(), 'pdf-env-'));
    const workerPath = join(dir, 'env-echo.worker.js');
    writeFileSync(
      workerPath,
      "process.on('message', (m) => process.send({ type: 'result', id: m.id, ok: false, code: 'PDF.CORRUPT', message: JSON.stringify(process.env) }));\n" +
        "process.on('disconnect', () => process.exit(0));\n",
    );
    const secrets = {
      DATABASE_URL: 'postgres://u:db-secret-pw@h/db',
      SMTP_PASSWORD: 'smtp-secret-pw',
      IMAP_PASSWORD: 'imap-secret-pw',
      SHOPIFY_WEBHOOK_SECRETS: 'a.myshopify.com=shp-secret',
      HUB_ADMIN_PASSWORD: 'admin-secret-pw',
    };
    const saved = { ...process.env };
    Object.assign(process.env, secrets);
    const sandbox = new SandboxedPdfTextExtractor({ poolSize: 1, timeoutMs: 5000, workerPath });
    try {
      const result = await sandbox.extract(Buffer.from('%PDF-1.4'));
      if (result.ok) throw new Error('the echo worker never succeeds');
      const seen = JSON.parse(result.message) as Record<string, string>;
      for (const [key, value] of Object.entries(secrets)) {
        expect(seen[key]).toBeUndefined();
        expect(result.message).not.toContain(value);
      }
      expect(Object.keys(seen).every((k) => ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_ENV'].includes(k))).toBe(true);
    } finally {
      await sandbox.close();
      for (const key of Object.keys(secrets)) if (saved[key] === undefined) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('keeps only locale, time zone, temp dir, PATH and NODE_ENV', () => {
    expect(sandboxEnvironment({ PATH: '/bin', TZ: 'UTC', KAFKA_BROKERS: 'k:9092', IMAP_PASSWORD: 'x' })).toEqual({
      PATH: '/bin',
      TZ: 'UTC',
    });
  });
});
