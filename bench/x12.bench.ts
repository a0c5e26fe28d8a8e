/**
 * X12 read + full dictionary validation (segment order, loops, elements, syntax notes: every set) + map
 * throughput, beside x12-parser's bare tokenizing on the same file in the same run (compare
 * the ratio, not absolute numbers: they drift between runs), then a 1 GB interchange generated on the fly
 * through a Readable (nothing written to disk) to show memory stays bounded.
 *
 *   npm run bench:x12            20,000 ten-line 850s (~16 MB), then 1 GB streamed
 *   npm run bench:x12 -- --quick 2,000 850s, then 50 MB streamed
 *   BENCH_X12_GB=0.25 npm run bench:x12
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { X12parser as X12parserClass } from 'x12-parser/dist/cjs/index.js';
import { formatSegment, isaElements, mapPurchaseOrder850, readX12, DEFAULT_DELIMITERS } from '@orderhub/x12';

// x12-parser declares only "exports" (no "types"/"main"), which this repo's moduleResolution "node" cannot
// follow: types come from its dist path, the runtime from the package's exported entry.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { X12parser } = require('x12-parser') as { X12parser: typeof X12parserClass };

const quick = process.argv.includes('--quick');
const SETS = quick ? 2_000 : 20_000;
const GIGABYTES = Number(process.env.BENCH_X12_GB ?? (quick ? 0.05 : 1));
const d = DEFAULT_DELIMITERS;
const seg = (...elements: string[]): string => formatSegment(elements, d) + d.segment + '\n';
const context = { rawDocumentId: 'bench', sender: 'bench', receivedAt: '2024-01-01T00:00:00Z' };

function header(): string {
  const identity = {
    sender: { qualifier: 'ZZ', id: 'BUYERCO' },
    receiver: { qualifier: 'ZZ', id: 'ORDERHUB' },
    controlNumber: 1,
    version: '00401',
    date: new Date('2024-03-05T14:07:00Z'),
  };
  return (
    ['ISA', ...isaElements(identity, d)].join(d.element) +
    d.segment +
    '\n' +
    seg('GS', 'PO', 'BUYERCO', 'ORDERHUB', '20240305', '1407', '1', 'X', '004010')
  );
}

/** A ten-line 850 (~800 bytes); the template is built once, control numbers are substituted per set. */
const body = (() => {
  const lines: string[] = [];
  for (let i = 1; i <= 10; i++) {
    lines.push(
      seg(
        'PO1',
        String(i),
        String(i * 3),
        'EA',
        `${i}.25`,
        'PE',
        'VN',
        `SKU-${1000 + i}`,
        'UP',
        `0123456789${String(i).padStart(2, '0')}`,
        'BP',
        `B-${i}`,
      ),
    );
    lines.push(seg('PID', 'F', '', '', '', `Widget model ${i}`));
  }
  const segments = [
    seg('BEG', '00', 'SA', 'PO-@@@@', '', '20240301'),
    seg('CUR', 'BY', 'USD'),
    seg('REF', 'DP', '042'),
    seg('DTM', '002', '20240315'),
    seg('N1', 'ST', 'Store 12', '92', '0012'),
    seg('N3', '1 Main Street'),
    seg('N4', 'Springfield', 'IL', '62701', 'US'),
    ...lines,
    seg('CTT', '10', '165'),
  ];
  return { text: segments.join(''), count: segments.length + 2 };
})();

function set(n: number): string {
  const control = String(n).padStart(9, '0');
  return seg('ST', '850', control) + body.text.replace('@@@@', String(n)) + seg('SE', String(body.count), control);
}

const trailer = (sets: number): string => seg('GE', String(sets), '1') + seg('IEA', '1', '000000001');

async function readAndMap(source: NodeJS.ReadableStream): Promise<{ sets: number; mapped: number; rejected: number }> {
  let sets = 0;
  let mapped = 0;
  let rejected = 0;
  for await (const event of readX12(source)) {
    if (event.type !== 'transaction-set') continue;
    sets++;
    const result = mapPurchaseOrder850(event.set, context);
    if (result.ok && event.set.defects.length === 0) mapped++;
    else rejected++;
  }
  return { sets, mapped, rejected };
}

function bareX12parser(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let segments = 0;
    const parser = new X12parser();
    parser.on('data', () => segments++);
    parser.on('end', () => resolve(segments));
    parser.on('error', reject);
    createReadStream(file).on('error', reject).pipe(parser);
  });
}

const mb = (bytes: number): number => bytes / 1024 / 1024;
const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'x12-bench-'));
  const file = join(dir, 'bench-850.x12');
  try {
    const parts = [header()];
    for (let n = 1; n <= SETS; n++) parts.push(set(n));
    parts.push(trailer(SETS));
    writeFileSync(file, parts.join(''));
    const size = statSync(file).size;
    console.log(`file: ${fmt(SETS, 0)} ten-line 850s, ${fmt(mb(size))} MB`);

    // Warm-up pass so neither side pays JIT/first-load costs in the measured pass.
    await bareX12parser(file);
    await readAndMap(createReadStream(file));

    let t = performance.now();
    const segments = await bareX12parser(file);
    const bareSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    let readOnlySets = 0;
    for await (const event of readX12(createReadStream(file))) if (event.type === 'transaction-set') readOnlySets++;
    const readSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const ours = await readAndMap(createReadStream(file));
    const oursSeconds = (performance.now() - t) / 1000;
    // The dictionary is on by default; a set it refused would not count as mapped.
    if (ours.mapped !== SETS) throw new Error(`expected ${SETS} mapped purchase orders, got ${ours.mapped} (${ours.rejected} rejected)`);

    console.log(
      `x12-parser (tokenize only):  ${fmt(mb(size) / bareSeconds)} MB/s, ${fmt(SETS / bareSeconds, 0)} sets/s (${fmt(segments, 0)} segments)`,
    );
    console.log(`@orderhub/x12 (read+validate only): ${fmt(mb(size) / readSeconds)} MB/s, ${fmt(readOnlySets / readSeconds, 0)} sets/s`);
    console.log(`@orderhub/x12 (read+validate+map): ${fmt(mb(size) / oursSeconds)} MB/s, ${fmt(SETS / oursSeconds, 0)} sets/s`);
    console.log(
      `ratio vs x12-parser: read ${fmt(bareSeconds / readSeconds, 2)}x, read+map ${fmt(bareSeconds / oursSeconds, 2)}x (higher is faster)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Streaming run: one interchange of GIGABYTES generated lazily; RSS sampled while it runs.
  const target = GIGABYTES * 1024 ** 3;
  let produced = 0;
  let generatedSets = 0;
  let done = false;
  const stream = Readable.from(
    (function* generate() {
      const head = header();
      produced += head.length;
      yield Buffer.from(head, 'latin1');
      while (produced < target) {
        let chunk = '';
        for (let i = 0; i < 100; i++) chunk += set(++generatedSets);
        produced += chunk.length;
        yield Buffer.from(chunk, 'latin1');
      }
      yield Buffer.from(trailer(generatedSets), 'latin1');
      done = true;
    })(),
  );
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const t = performance.now();
  const result = await readAndMap(stream);
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!done || result.mapped !== generatedSets) throw new Error(`streamed ${result.mapped}/${generatedSets} sets`);
  console.log(
    `streamed ${fmt(mb(produced))} MB (${fmt(generatedSets, 0)} sets) through read+map in ${fmt(seconds)} s: ${fmt(mb(produced) / seconds)} MB/s, peak RSS ${fmt(mb(peakRss))} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
