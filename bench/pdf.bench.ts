/**
 * Emailed-PDF extraction bench: field-level accuracy against generated ground truth, touchless rate, wrong
 * auto-accepts (must be 0), and throughput of sandboxed extraction beside bare pdf-parse on the same files in the
 * same run (compare the ratio, not absolute numbers, across runs).
 *
 *   npm run bench:pdf [-- <count> <poolSize>]
 */
import { PDFParse } from 'pdf-parse';
import { ExtractPurchaseOrderUseCase } from '@orderhub/email';
import { SandboxedPdfTextExtractor } from '../connectors/email/src/infrastructure/sandboxed-pdf-text.extractor';
import { InMemoryProductCatalog } from '../connectors/email/src/testing/in-memory-email.ports';
import { generateGroundTruthSet, type GroundTruthPo } from '../connectors/email/src/testing/po-pdf.generator';
import { compare, type PurchaseOrderInput } from '@orderhub/contracts';

const same = (a: string | undefined, b: string): boolean => a !== undefined && compare(a, b) === 0;

function fieldChecks(po: PurchaseOrderInput | null, t: GroundTruthPo): Record<string, boolean> {
  const lines = po?.lines ?? [];
  const linesOk =
    lines.length === t.lines.length &&
    t.lines.every((l, i) => lines[i].productIds[0]?.value === l.item && same(lines[i].quantity, l.quantity) && same(lines[i].unitPrice, l.unitPrice));
  return {
    poNumber: po?.poNumber === t.poNumber,
    poDate: po?.poDate === t.poDate,
    shipTo: po?.shipTo?.name === t.shipTo.name && po?.shipTo?.address1 === t.shipTo.address1 && po?.shipTo?.city === t.shipTo.city && po?.shipTo?.postalCode === t.shipTo.postalCode,
    currency: po?.currency === t.currency,
    lines: linesOk,
    total: same(po?.stated?.total, t.defect === 'total' ? '-1' : t.total) || (t.defect === 'total' && po?.stated?.total !== undefined),
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  const poolSize = Number(process.argv[3] ?? 2);
  const set = await generateGroundTruthSet(count, 7);
  const bytes = set.reduce((s, d) => s + d.pdf.length, 0);
  console.log(`pdf bench: ${count} generated POs (${(bytes / 1024).toFixed(0)} KiB, ${set.filter((d) => d.truth.defect).length} with a printed defect), pool ${poolSize}`);

  // Bare pdf-parse, in-process, sequential and 'poolSize'-concurrent (same concurrency as the sandbox).
  const bare = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: poolSize }, async () => {
        while (next < set.length) {
          const doc = set[next++];
          const parser = new PDFParse({ data: new Uint8Array(doc.pdf) });
          await parser.getText();
          await parser.destroy();
        }
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  await bare(); // warm-up (JIT, font tables)
  const bareMs = await bare();

  const sandbox = new SandboxedPdfTextExtractor({ poolSize });
  sandbox.warmUp();
  await Promise.all(set.slice(0, poolSize).map((d) => sandbox.extract(d.pdf)));
  const sandStarted = process.hrtime.bigint();
  await Promise.all(set.map((d) => sandbox.extract(d.pdf)));
  const sandMs = Number(process.hrtime.bigint() - sandStarted) / 1e6;

  const extractor = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), null);
  const fieldHits: Record<string, number> = {};
  let auto = 0;
  let wrongAuto = 0;
  let defectsFlagged = 0;
  const e2eStarted = process.hrtime.bigint();
  const results = await Promise.all(
    set.map((d, i) => extractor.execute(d.pdf, { rawDocumentId: `bench-${i}`, sender: 'buyer@acme.example', receivedAt: new Date().toISOString() })),
  );
  const e2eMs = Number(process.hrtime.bigint() - e2eStarted) / 1e6;
  const perLayout: Record<string, { n: number; auto: number }> = {};
  results.forEach((r, i) => {
    const truth = set[i].truth;
    const checks = fieldChecks(r.purchaseOrder, truth);
    for (const [k, ok] of Object.entries(checks)) fieldHits[k] = (fieldHits[k] ?? 0) + (ok ? 1 : 0);
    const layout = (perLayout[truth.layout] ??= { n: 0, auto: 0 });
    layout.n += 1;
    if (truth.defect && !r.autoAccept) defectsFlagged += 1;
    if (r.autoAccept) {
      auto += 1;
      layout.auto += 1;
      if (truth.defect || !Object.values(checks).every(Boolean)) wrongAuto += 1;
    }
  });
  await sandbox.close();

  const pct = (n: number, d = count): string => `${((100 * n) / d).toFixed(1)}%`;
  console.log('\nfield-level accuracy (exact match against ground truth):');
  for (const [k, v] of Object.entries(fieldHits)) console.log(`  ${k.padEnd(10)} ${String(v).padStart(4)}/${count}  ${pct(v)}`);
  console.log(`\ntouchless (auto-accepted): ${auto}/${count} ${pct(auto)}`);
  for (const [layout, v] of Object.entries(perLayout)) console.log(`  ${layout.padEnd(10)} ${v.auto}/${v.n}`);
  console.log(`defective documents flagged: ${defectsFlagged}/${set.filter((d) => d.truth.defect).length}`);
  console.log(`WRONG AUTO-ACCEPTS: ${wrongAuto}${wrongAuto === 0 ? ' (ok)' : ' (MUST BE 0)'}`);
  console.log('\nthroughput (same files, same run):');
  console.log(`  bare pdf-parse getText, in-process x${poolSize}: ${(count / (bareMs / 1000)).toFixed(1)} PDFs/s (${bareMs.toFixed(0)} ms)`);
  console.log(`  sandboxed text+positions, pool ${poolSize}:      ${(count / (sandMs / 1000)).toFixed(1)} PDFs/s (${sandMs.toFixed(0)} ms)  ratio ${(bareMs / sandMs).toFixed(2)} of bare`);
  console.log(`  sandboxed + full extraction + checks:   ${(count / (e2eMs / 1000)).toFixed(1)} PDFs/s (${e2eMs.toFixed(0)} ms)`);
  if (wrongAuto > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
