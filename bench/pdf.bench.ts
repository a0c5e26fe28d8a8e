/**
 * Emailed-PDF extraction bench, on two sets reported apart:
 * - known: the pdfkit fixtures the extractor was built against (connectors/email/src/testing/po-pdf.generator.ts);
 * - unseen: HTML purchase orders in 12 other layouts printed by Chromium (bench/unseen-layouts), with defects.
 * For each: touchless rate of clean POs, wrong auto-accepts (must be 0), defects flagged, field-level accuracy,
 * and the touchless rate after one operator correction per layout (a template learned from it). Then a
 * calibration table (confidence bucket → observed share of fully correct reads) and throughput of sandboxed
 * extraction beside bare pdf-parse on the same files in the same run (compare ratios, not absolute numbers).
 *
 *   npm run bench:pdf [-- <known count> <poolSize> <unseen per layout>]
 */
import { PDFParse } from 'pdf-parse';
import { ExtractPurchaseOrderUseCase, learnLayoutTemplate, type PdfExtractionResult } from '@orderhub/email';
import { SandboxedPdfTextExtractor } from '../connectors/email/src/infrastructure/sandboxed-pdf-text.extractor';
import { InMemoryLayoutTemplateRepository, InMemoryProductCatalog } from '../connectors/email/src/testing/in-memory-email.ports';
import {
  generateGroundTruthSet,
  TEST_CUSTOMER_PARTS,
  TEST_SKUS,
  type GroundTruthPo,
} from '../connectors/email/src/testing/po-pdf.generator';
import { compare, type PurchaseOrderInput } from '@orderhub/contracts';
import { chromiumMissing, renderUnseenSet } from './unseen-layouts/chromium-pdf.renderer';
import { holdoutSet, UNSEEN_PRODUCTS, unseenSet, type UnseenTruth } from './unseen-layouts/unseen-po.layouts';

const same = (a: string | undefined, b: string): boolean => a !== undefined && compare(a, b) === 0;

/** What one document should read as, whichever generator made it. */
interface Expected {
  layout: string;
  defect?: string;
  poNumber: string;
  poDate: string;
  currency: string;
  shipTo: { name: string; address1: string; city: string; postalCode: string };
  lines: Array<{ item: string; quantity: string; unitPrice: string; uom?: string }>;
  total: string;
}

interface BenchDoc {
  pdf: Buffer;
  expected: Expected;
  sender: string;
  customerId: string;
}

function fieldChecks(po: PurchaseOrderInput | null, t: Expected): Record<string, boolean> {
  const lines = po?.lines ?? [];
  return {
    poNumber: po?.poNumber === t.poNumber,
    poDate: po?.poDate === t.poDate,
    shipTo:
      po?.shipTo?.name === t.shipTo.name &&
      po?.shipTo?.address1 === t.shipTo.address1 &&
      po?.shipTo?.city === t.shipTo.city &&
      po?.shipTo?.postalCode === t.shipTo.postalCode,
    currency: po?.currency === t.currency,
    lines:
      lines.length === t.lines.length &&
      t.lines.every(
        (l, i) =>
          lines[i].productIds[0]?.value === l.item &&
          same(lines[i].quantity, l.quantity) &&
          same(lines[i].unitPrice, l.unitPrice) &&
          (l.uom === undefined || lines[i].uom === l.uom),
      ),
    total: same(po?.stated?.total, t.total),
  };
}

const fromKnown = (t: GroundTruthPo): Expected => ({
  layout: t.layout,
  defect: t.defect,
  poNumber: t.poNumber,
  poDate: t.poDate,
  currency: t.currency,
  shipTo: t.shipTo,
  lines: t.lines,
  total: t.total,
});

const fromUnseen = (t: UnseenTruth): Expected => ({
  layout: t.layout,
  defect: t.defect,
  poNumber: t.poNumber,
  poDate: t.poDate,
  currency: t.currency,
  shipTo: t.shipTo,
  lines: t.lines.map((l) => ({ item: l.item, quantity: l.quantity, unitPrice: l.unitPrice, uom: l.uom })),
  total: t.total,
});

/** The corrected order an operator would approve: the ground truth as a canonical PO. */
function corrected(doc: BenchDoc, read: PurchaseOrderInput | null, rawDocumentId: string): PurchaseOrderInput {
  const t = doc.expected;
  return {
    ...(read ?? {
      schemaVersion: 1,
      source: { channel: 'email', rawDocumentId, sender: doc.sender, receivedAt: new Date().toISOString() },
      buyer: { customerId: doc.customerId, identifiers: [] },
      notes: [],
      priority: 'normal',
      charges: [],
      taxes: [],
    }),
    poNumber: t.poNumber,
    poDate: t.poDate,
    currency: t.currency,
    shipTo: { role: 'ST', ...t.shipTo },
    lines: t.lines.map((l, i) => ({
      lineNumber: String(i + 1),
      quantity: l.quantity,
      uom: l.uom ?? 'EA',
      unitPrice: l.unitPrice,
      productIds: [{ qualifier: 'VN', value: l.item }],
      charges: [],
      taxes: [],
    })),
    stated: { lineCount: t.lines.length, total: t.total },
  } as PurchaseOrderInput;
}

interface SetReport {
  name: string;
  docs: number;
  clean: number;
  touchless: number;
  wrongAuto: number;
  defects: number;
  defectsFlagged: number;
  fieldHits: Record<string, number>;
  fieldCount: number;
  perLayout: Record<string, { n: number; auto: number; afterCorrection: number; afterN: number; learned: string }>;
  afterCorrection: number;
  afterCorrectionOf: number;
  wrongAfterCorrection: number;
  calibration: Array<{ confidence: number; correct: boolean }>;
  bareMs: number;
  sandMs: number;
  e2eMs: number;
}

async function runSet(name: string, docs: BenchDoc[], poolSize: number, catalog: InMemoryProductCatalog): Promise<SetReport> {
  const report: SetReport = {
    name,
    docs: docs.length,
    clean: 0,
    touchless: 0,
    wrongAuto: 0,
    defects: 0,
    defectsFlagged: 0,
    fieldHits: {},
    fieldCount: 0,
    perLayout: {},
    afterCorrection: 0,
    afterCorrectionOf: 0,
    wrongAfterCorrection: 0,
    calibration: [],
    bareMs: 0,
    sandMs: 0,
    e2eMs: 0,
  };
  // Bare pdf-parse, in-process, 'poolSize'-concurrent (same concurrency as the sandbox).
  const bare = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: poolSize }, async () => {
        while (next < docs.length) {
          const doc = docs[next++];
          const parser = new PDFParse({ data: new Uint8Array(doc.pdf) });
          await parser.getText().catch(() => undefined);
          await parser.destroy();
        }
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  await bare(); // warm-up (JIT, font tables)
  report.bareMs = await bare();

  const sandbox = new SandboxedPdfTextExtractor({ poolSize });
  sandbox.warmUp();
  await Promise.all(docs.slice(0, poolSize).map((d) => sandbox.extract(d.pdf)));
  const sandStarted = process.hrtime.bigint();
  await Promise.all(docs.map((d) => sandbox.extract(d.pdf)));
  report.sandMs = Number(process.hrtime.bigint() - sandStarted) / 1e6;

  const templates = new InMemoryLayoutTemplateRepository();
  const extractor = new ExtractPurchaseOrderUseCase(sandbox, catalog, templates);
  const context = (d: BenchDoc, i: number): Parameters<ExtractPurchaseOrderUseCase['execute']>[1] => ({
    rawDocumentId: `${name}-${i}`,
    sender: d.sender,
    customerId: d.customerId,
    receivedAt: new Date().toISOString(),
  });
  const e2eStarted = process.hrtime.bigint();
  const results: PdfExtractionResult[] = await Promise.all(docs.map((d, i) => extractor.execute(d.pdf, context(d, i))));
  report.e2eMs = Number(process.hrtime.bigint() - e2eStarted) / 1e6;

  const corrections = new Map<string, number>();
  results.forEach((r, i) => {
    const t = docs[i].expected;
    const layout = (report.perLayout[t.layout] ??= { n: 0, auto: 0, afterCorrection: 0, afterN: 0, learned: '' });
    const checks = fieldChecks(r.purchaseOrder, t);
    const allRight = Object.values(checks).every(Boolean);
    if (t.defect) {
      report.defects += 1;
      if (!r.autoAccept) report.defectsFlagged += 1;
      if (r.autoAccept) report.wrongAuto += 1;
      return;
    }
    report.clean += 1;
    layout.n += 1;
    report.fieldCount += 1;
    for (const [k, ok] of Object.entries(checks)) report.fieldHits[k] = (report.fieldHits[k] ?? 0) + (ok ? 1 : 0);
    if (r.kind === 'extracted') report.calibration.push({ confidence: r.confidence, correct: allRight });
    if (r.autoAccept) {
      report.touchless += 1;
      layout.auto += 1;
      if (!allRight) report.wrongAuto += 1;
    } else if (!corrections.has(t.layout)) corrections.set(t.layout, i);
  });

  // One correction per layout that needed one: learn a template from it, then read the layout's other POs again.
  for (const [layoutName, i] of corrections) {
    const doc = docs[i];
    const r = results[i];
    const text = await sandbox.extract(doc.pdf);
    if (!text.ok) continue;
    const learned = learnLayoutTemplate(text.pages, corrected(doc, r.purchaseOrder, `${name}-${i}`), {
      customerId: doc.customerId,
      sender: doc.sender,
      id: `learned-${layoutName}`,
    });
    report.perLayout[layoutName].learned = learned.template ? `template (${learned.summary})` : `nothing learned: ${learned.summary}`;
    if (learned.template) templates.templates.push(learned.template);
  }
  for (let i = 0; i < docs.length; i++) {
    const t = docs[i].expected;
    if (t.defect) continue;
    const layout = report.perLayout[t.layout];
    const correctedOne = corrections.get(t.layout) === i;
    report.afterCorrectionOf += 1;
    layout.afterN += 1;
    if (correctedOne) {
      // The corrected PO itself went through the operator: it counts as handled, not as touchless.
      continue;
    }
    const r = corrections.has(t.layout) ? await extractor.execute(docs[i].pdf, context(docs[i], i)) : results[i];
    if (r.autoAccept) {
      report.afterCorrection += 1;
      layout.afterCorrection += 1;
      if (!Object.values(fieldChecks(r.purchaseOrder, t)).every(Boolean)) report.wrongAfterCorrection += 1;
    }
  }
  // Defective documents of a layout whose template was learned must still be flagged.
  for (let i = 0; i < docs.length; i++) {
    if (!docs[i].expected.defect || !corrections.has(docs[i].expected.layout)) continue;
    const r = await extractor.execute(docs[i].pdf, context(docs[i], i));
    if (r.autoAccept) report.wrongAfterCorrection += 1;
  }
  await sandbox.close();
  return report;
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

function print(r: SetReport): void {
  console.log(`\n=== ${r.name}: ${r.docs} PDFs (${r.clean} clean, ${r.defects} defective) ===`);
  console.log(`touchless (clean POs auto-accepted):   ${r.touchless}/${r.clean} ${pct(r.touchless, r.clean)}`);
  console.log(`WRONG AUTO-ACCEPTS:                    ${r.wrongAuto}${r.wrongAuto === 0 ? ' (ok)' : ' (MUST BE 0)'}`);
  console.log(`defective documents flagged:           ${r.defectsFlagged}/${r.defects}`);
  console.log(
    `after one correction per layout:       ${r.afterCorrection}/${r.afterCorrectionOf - Object.values(r.perLayout).filter((l) => l.learned).length} ${pct(r.afterCorrection, r.afterCorrectionOf - Object.values(r.perLayout).filter((l) => l.learned).length)} touchless of the other clean POs; wrong: ${r.wrongAfterCorrection}${r.wrongAfterCorrection === 0 ? ' (ok)' : ' (MUST BE 0)'}`,
  );
  console.log('field-level accuracy on clean POs (exact match against ground truth):');
  for (const [k, v] of Object.entries(r.fieldHits))
    console.log(`  ${k.padEnd(10)} ${String(v).padStart(4)}/${r.fieldCount}  ${pct(v, r.fieldCount)}`);
  console.log('per layout: touchless / clean; after one correction; what was learned');
  for (const [layout, v] of Object.entries(r.perLayout)) {
    const after = v.learned ? `${v.afterCorrection}/${v.afterN - 1}` : `${v.afterCorrection}/${v.afterN}`;
    console.log(`  ${layout.padEnd(15)} ${v.auto}/${v.n}   after: ${after.padEnd(6)} ${v.learned}`);
  }
  const n = r.docs;
  console.log(`throughput (same files, same run, pool ${poolSizeArg}):`);
  console.log(`  bare pdf-parse getText, in-process:   ${(n / (r.bareMs / 1000)).toFixed(1)} PDFs/s (${r.bareMs.toFixed(0)} ms)`);
  console.log(
    `  sandboxed text+positions:             ${(n / (r.sandMs / 1000)).toFixed(1)} PDFs/s  ratio ${(r.bareMs / r.sandMs).toFixed(2)} of bare`,
  );
  console.log(
    `  sandboxed + extraction + checks:      ${(n / (r.e2eMs / 1000)).toFixed(1)} PDFs/s  ratio ${(r.bareMs / r.e2eMs).toFixed(2)} of bare`,
  );
}

function printCalibration(samples: Array<{ confidence: number; correct: boolean }>): void {
  const buckets: Array<[number, number]> = [
    [0, 0.5],
    [0.5, 0.7],
    [0.7, 0.8],
    [0.8, 0.9],
    [0.9, 0.95],
    [0.95, 1.01],
  ];
  console.log('\ncalibration, clean POs of all sets (overall confidence → share read fully right):');
  console.log('  bucket        n   fully right');
  for (const [lo, hi] of buckets) {
    const inside = samples.filter((s) => s.confidence >= lo && s.confidence < hi);
    const right = inside.filter((s) => s.correct).length;
    console.log(
      `  [${lo.toFixed(2)}, ${Math.min(hi, 1).toFixed(2)}${hi > 1 ? ']' : ')'}  ${String(inside.length).padStart(4)}   ${inside.length ? `${right}/${inside.length} ${pct(right, inside.length)}` : '-'}`,
    );
  }
}

const poolSizeArg = Number(process.argv[3] ?? 2);

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  const perLayout = Number(process.argv[4] ?? 3);
  const known = (await generateGroundTruthSet(count, 7)).map<BenchDoc>((d) => ({
    pdf: d.pdf,
    expected: fromKnown(d.truth),
    sender: 'buyer@acme.example',
    customerId: 'cust-acme',
  }));
  const catalog = new InMemoryProductCatalog(
    [...TEST_SKUS, ...UNSEEN_PRODUCTS.map((p) => p.sku)],
    Object.fromEntries(TEST_CUSTOMER_PARTS.map((p, i) => [p, TEST_SKUS[i]])),
    Object.fromEntries(UNSEEN_PRODUCTS.map((p) => [p.sku, p.uom])),
  );
  const reports: SetReport[] = [];
  console.log(`pdf bench: ${known.length} known-layout POs (pdfkit), pool ${poolSizeArg}`);
  reports.push(await runSet('known layouts (pdfkit fixtures)', known, poolSizeArg, catalog));
  const missing = chromiumMissing();
  if (missing) console.log(`\nunseen layouts skipped: ${missing}`);
  else {
    const toDocs = (rendered: Awaited<ReturnType<typeof renderUnseenSet>>): BenchDoc[] =>
      rendered.map<BenchDoc>((d) => ({
        pdf: d.pdf,
        expected: fromUnseen(d.truth),
        sender: `buyer@${d.truth.layout}.example`,
        customerId: `cust-${d.truth.layout}`,
      }));
    const unseen = toDocs(await renderUnseenSet(unseenSet(perLayout)));
    const holdout = toDocs(await renderUnseenSet(holdoutSet(perLayout)));
    const kib = (docs: BenchDoc[]): string => (docs.reduce((s, d) => s + d.pdf.length, 0) / 1024).toFixed(0);
    console.log(
      `unseen-layout POs: ${unseen.length} printed by Chromium from HTML (${kib(unseen)} KiB); held-out: ${holdout.length} (${kib(holdout)} KiB)`,
    );
    reports.push(
      await runSet('unseen layouts (Chromium-printed HTML, 12 layouts the extractor was then tuned on)', unseen, poolSizeArg, catalog),
    );
    reports.push(
      await runSet(
        'held-out layouts (Chromium-printed HTML, 5 layouts written after tuning, never tuned on)',
        holdout,
        poolSizeArg,
        catalog,
      ),
    );
  }
  reports.forEach(print);
  printCalibration(reports.flatMap((r) => r.calibration));
  if (reports.some((r) => r.wrongAuto > 0 || r.wrongAfterCorrection > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
