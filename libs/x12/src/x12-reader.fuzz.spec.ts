import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { corpusFiles, corpusPath, describeWithCorpus, seededRandom } from '@orderhub/testing';
import { ackGroupFrom, buildFunctionalAck, buildTa1 } from './functional-ack.builder';
import { mapPurchaseOrder850 } from './po850.mapper';
import { X12_DEFECTS, X12Defect } from './x12-defects';
import { readX12 } from './x12-interchange.reader';

const DELIMS = [0x2a, 0x7e, 0x3e, 0x3a, 0x7c, 0x5e, 0x0a, 0x0d, 0x07, 0x7f, 0x15];

function mutate(input: Buffer, random: () => number): Buffer {
  const at = Math.floor(random() * input.length);
  switch (Math.floor(random() * 5)) {
    case 0: {
      const out = Buffer.from(input);
      out[at] = Math.floor(random() * 256);
      return out;
    }
    case 1:
      return input.subarray(0, at);
    case 2:
      return Buffer.concat([input.subarray(0, at), Buffer.from([DELIMS[Math.floor(random() * DELIMS.length)]]), input.subarray(at)]);
    case 3:
      return Buffer.concat([input.subarray(0, at), input.subarray(Math.min(input.length, at + 1 + Math.floor(random() * 40)))]);
    default:
      return Buffer.concat([input.subarray(0, at), input.subarray(at, at + 200), input.subarray(at)]);
  }
}

async function exercise(bytes: Buffer, random: () => number): Promise<X12Defect[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const size = 1 + Math.floor(random() * 64);
    chunks.push(bytes.subarray(i, i + size));
    i += size;
  }
  const defects: X12Defect[] = [];
  let events = 0;
  for await (const event of readX12(Readable.from(chunks), { supportedTransactionSets: ['850'], maxSegmentLength: 4096 })) {
    events++;
    if (event.type === 'stream-defect') defects.push(event.defect);
    if (event.type === 'transaction-set') {
      defects.push(...event.set.defects);
      if (event.set.id === '850')
        defects.push(...mapPurchaseOrder850(event.set, { rawDocumentId: 'r', sender: 's', receivedAt: '2024-01-01T00:00:00Z' }).defects);
    }
    if (event.type === 'group-end') {
      defects.push(...event.result.defects);
      buildFunctionalAck(ackGroupFrom(event.result, []), { kind: '997', controlNumber: 1 });
    }
    if (event.type === 'interchange-end') {
      defects.push(...event.result.defects);
      buildTa1(event.result.interchange, event.result.defects);
    }
  }
  // Bounded: no more events than segments could possibly produce.
  expect(events).toBeLessThanOrEqual(bytes.length + 10);
  return defects;
}

describeWithCorpus('X12 reader mutation fuzz', () => {
  const files = corpusFiles('x12', (name) => /\.(edi|x12|txt)$/.test(name) && name !== 'DELIMITERS.txt');
  const MUTATIONS_PER_FILE = 12;

  it(`never throws, never hangs, and always answers with catalogued codes (${MUTATIONS_PER_FILE} mutations × each corpus file)`, async () => {
    let runs = 0;
    let withDefects = 0;
    for (const [n, file] of files.entries()) {
      const original = readFileSync(corpusPath(file));
      for (let m = 0; m < MUTATIONS_PER_FILE; m++) {
        const seed = n * 1000 + m;
        const random = seededRandom(seed);
        let bytes = mutate(original, random);
        if (random() < 0.3) bytes = mutate(bytes, random);
        const started = Date.now();
        const defects = await exercise(bytes, random).catch((error: unknown) => {
          throw new Error(`${file} seed ${seed}: ${String(error)}`);
        });
        // A hang guard, not a speed check (bench:x12 measures speed): a quadratic path, like the ReDoS this
        // fuzz once found, takes minutes on one mutated file; a loaded CI machine takes well under a second.
        expect(Date.now() - started).toBeLessThan(30_000);
        for (const d of defects) expect(Object.keys(X12_DEFECTS)).toContain(d.code);
        if (defects.length > 0) withDefects++;
        runs++;
      }
    }
    expect(runs).toBe(files.length * MUTATIONS_PER_FILE);
    // Most mutations break something that the reader then reports (the rest hit padding or free text).
    expect(withDefects).toBeGreaterThan(runs / 2);
  }, 120_000);

  it('survives pathological inputs', async () => {
    const random = seededRandom(1);
    for (const input of ['', 'ISA', 'ISA*', '~~~~', 'ISA*'.repeat(500), '\u0000'.repeat(10_000), 'GS*PO~ST*850*1~SE*2*1~'.repeat(100)]) {
      await expect(exercise(Buffer.from(input, 'latin1'), random)).resolves.toBeDefined();
    }
  });
});
