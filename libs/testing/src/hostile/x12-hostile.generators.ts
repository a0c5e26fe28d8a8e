import { hostileRandom, randomBytesFrom } from './seeded-random';

/**
 * Hostile X12 for the EDI door: seeded mutations of real interchanges, oversized segments, interchanges whose
 * counts lie, and bytes that are not X12 at all. Deterministic per seed, so a failure names its replay.
 */
export interface IsaParties {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
}

/** The demo partner (ACMERETAIL) writing to the hub's default identity (ORDERHUB). */
export const DEMO_ISA_PARTIES: IsaParties = {
  senderQualifier: 'ZZ',
  senderId: 'ACMERETAIL',
  receiverQualifier: 'ZZ',
  receiverId: 'ORDERHUB',
};

const control9 = (n: number): string => String(n % 1_000_000_000).padStart(9, '0');

export function isaSegment(control: number, parties: IsaParties = DEMO_ISA_PARTIES, ackRequested = '0'): string {
  return [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    parties.senderQualifier,
    parties.senderId.padEnd(15),
    parties.receiverQualifier,
    parties.receiverId.padEnd(15),
    '260301',
    '0930',
    'U',
    '00401',
    control9(control),
    ackRequested,
    'P',
    '>',
  ].join('*');
}

/** A good 850 for the demo partner: the README sample's lines, with its own PO number. */
export function demo850Set(setControl: string, poNumber: string): string[] {
  return [
    `ST*850*${setControl}`,
    `BEG*00*SA*${poNumber}**20260301`,
    'REF*DP*042',
    'N1*ST*ACME Store 42*92*0042',
    'PO1*1*24*EA*3.95*PE*BP*AC-778801*VN*HW-1001',
    'PID*F****Wood screw 8 x 1-1/4 zinc box of 100',
    'PO1*2*6*EA*14.50*PE*BP*AC-778810*VN*HW-1010',
    'PID*F****Tape measure 25 ft',
    'CTT*2*30',
    `SE*10*${setControl}`,
  ];
}

export interface InterchangeOptions {
  control: number;
  parties?: IsaParties;
  /** Segments of each transaction set, ST..SE included. */
  sets: string[][];
  groupControl?: number;
  functionalId?: string;
  /** What GE01 and IEA01 claim (the true counts unless given). */
  geCount?: string;
  ieaCount?: string;
}

/** One interchange with one group, `~` terminated segments and a newline after each (as many partners send). */
export function x12Interchange(options: InterchangeOptions): Buffer {
  const parties = options.parties ?? DEMO_ISA_PARTIES;
  const group = options.groupControl ?? options.control;
  const segments = [
    isaSegment(options.control, parties),
    `GS*${options.functionalId ?? 'PO'}*${parties.senderId}*${parties.receiverId}*20260301*0930*${group}*X*004010`,
    ...options.sets.flat(),
    `GE*${options.geCount ?? options.sets.length}*${group}`,
    `IEA*${options.ieaCount ?? '1'}*${control9(options.control)}`,
  ];
  return Buffer.from(segments.map((s) => `${s}~\n`).join(''), 'latin1');
}

/** An accepted-looking 850 interchange from the demo partner. */
export function demo850Interchange(control: number, poNumber: string): Buffer {
  return x12Interchange({ control, sets: [demo850Set('0001', poNumber)] });
}

/** One segment of `bytes` bytes (a PID description), inside an otherwise valid 850. */
export function hugeSegmentInterchange(control: number, bytes: number): Buffer {
  const set = demo850Set('0001', `HUGE-SEG-${control}`);
  set.splice(6, 0, `PID*F****${'A'.repeat(bytes)}`);
  set[set.length - 1] = `SE*${set.length}*0001`;
  return x12Interchange({ control, sets: [set] });
}

/** An otherwise good 850 whose item description holds NUL bytes (PostgreSQL can store no U+0000 in text). */
export function nulInElementInterchange(control: number, poNumber: string): Buffer {
  const set = demo850Set('0001', poNumber);
  set[5] = 'PID*F****Wood\u0000screw';
  return x12Interchange({ control, sets: [set] });
}

/** One segment with `elements` element separators, and one element with as many component separators. */
export function manyElementsInterchange(control: number, elements: number): Buffer {
  const set = demo850Set('0001', `MANY-EL-${control}`);
  set.splice(3, 0, `REF${'*X'.repeat(elements)}`, `REF*ZZ*${'A>'.repeat(elements)}`, `REF*ZZ*${'B^'.repeat(elements)}`);
  set[set.length - 1] = `SE*${set.length}*0001`;
  return x12Interchange({ control, sets: [set] });
}

/**
 * The X12 shape of "billion laughs": one interchange holding `count` transaction sets. They are of a type the hub
 * does not accept inbound (810), so the reader has to walk and acknowledge every one without raising orders.
 */
export function manySetsInterchange(control: number, count: number, setId = '810'): Buffer {
  const sets: string[][] = [];
  for (let i = 1; i <= count; i++) {
    const st = String(i).padStart(9, '0');
    sets.push([`ST*${setId}*${st}`, `BIG*20260301*INV${i}**PO${i}`, `TDS*100`, `SE*4*${st}`]);
  }
  return x12Interchange({ control, sets, functionalId: 'IN' });
}

/** Envelope trailers that claim far more than is there (a reader that trusts counts would allocate for them). */
export function lyingCountsInterchange(control: number): Buffer {
  return x12Interchange({ control, sets: [demo850Set('0001', `LIE-${control}`)], geCount: '999999999', ieaCount: '1000000000' });
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded mutations of real interchanges

const DELIMITER_BYTES = [0x2a, 0x7e, 0x3e, 0x3a, 0x7c, 0x5e, 0x0a, 0x0d, 0x07, 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0x00];

export type X12MutationKind =
  | 'flip-byte'
  | 'truncate'
  | 'insert-delimiter'
  | 'delete-range'
  | 'duplicate-range'
  | 'swap-segments'
  | 'huge-number'
  | 'nul-run'
  | 'repeat-segment';

export interface X12Mutation {
  kind: X12MutationKind;
  bytes: Buffer;
}

const KINDS: X12MutationKind[] = [
  'flip-byte',
  'truncate',
  'insert-delimiter',
  'delete-range',
  'duplicate-range',
  'swap-segments',
  'huge-number',
  'nul-run',
  'repeat-segment',
];

/** The segment terminator of an interchange that starts with ISA (byte 105 of the fixed-width header). */
function terminatorOf(input: Buffer): number | undefined {
  const at = input.indexOf('ISA');
  return at >= 0 && input.length > at + 105 ? input[at + 105] : undefined;
}

function segmentBounds(input: Buffer): Array<[number, number]> {
  const term = terminatorOf(input) ?? 0x7e;
  const bounds: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] === term) {
      bounds.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < input.length) bounds.push([start, input.length]);
  return bounds;
}

/** One seeded mutation of `input`. */
export function mutateX12(input: Buffer, random: () => number): X12Mutation {
  const kind = KINDS[Math.floor(random() * KINDS.length)];
  const at = Math.floor(random() * input.length);
  const segments = segmentBounds(input);
  const pickSegment = (): [number, number] => segments[Math.floor(random() * segments.length)] ?? [0, input.length];
  switch (kind) {
    case 'flip-byte': {
      const out = Buffer.from(input);
      for (let n = 1 + Math.floor(random() * 4); n > 0; n--) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
      return { kind, bytes: out };
    }
    case 'truncate':
      return { kind, bytes: input.subarray(0, at) };
    case 'insert-delimiter':
      return {
        kind,
        bytes: Buffer.concat([
          input.subarray(0, at),
          Buffer.from([DELIMITER_BYTES[Math.floor(random() * DELIMITER_BYTES.length)]]),
          input.subarray(at),
        ]),
      };
    case 'delete-range':
      return {
        kind,
        bytes: Buffer.concat([input.subarray(0, at), input.subarray(Math.min(input.length, at + 1 + Math.floor(random() * 80)))]),
      };
    case 'duplicate-range':
      return {
        kind,
        bytes: Buffer.concat([input.subarray(0, at), input.subarray(at, at + 1 + Math.floor(random() * 300)), input.subarray(at)]),
      };
    case 'swap-segments': {
      const [a, b] = [pickSegment(), pickSegment()].sort((x, y) => x[0] - y[0]);
      if (a[0] === b[0]) return { kind, bytes: Buffer.from(input) };
      return {
        kind,
        bytes: Buffer.concat([
          input.subarray(0, a[0]),
          input.subarray(b[0], b[1]),
          input.subarray(a[1], b[0]),
          input.subarray(a[0], a[1]),
          input.subarray(b[1]),
        ]),
      };
    }
    case 'huge-number': {
      const digits = Buffer.from(['9'.repeat(400), '-1e308', '0.0000000000000000000001', 'NaN', '-0'][Math.floor(random() * 5)]);
      return { kind, bytes: Buffer.concat([input.subarray(0, at), digits, input.subarray(at)]) };
    }
    case 'nul-run':
      return { kind, bytes: Buffer.concat([input.subarray(0, at), Buffer.alloc(1 + Math.floor(random() * 64)), input.subarray(at)]) };
    case 'repeat-segment': {
      const [s, e] = pickSegment();
      const copies = Array.from({ length: 1 + Math.floor(random() * 200) }, () => input.subarray(s, e));
      return { kind, bytes: Buffer.concat([input.subarray(0, e), ...copies, input.subarray(e)]) };
    }
  }
}

/**
 * Readdresses a real interchange from the demo partner to the hub, with a fresh ISA13 (and IEA02), so mutations
 * reach past the sender check into groups, sets and the 850 map. Input that does not start with a usable ISA is
 * returned unchanged.
 */
export function retargetInterchange(input: Buffer, control: number, parties: IsaParties = DEMO_ISA_PARTIES): Buffer {
  const text = input.toString('latin1');
  const at = text.indexOf('ISA');
  if (at < 0 || text.length < at + 106) return input;
  const elem = text[at + 3];
  const fields = text.slice(at, at + 105).split(elem);
  if (fields.length !== 17) return input;
  const old = fields[13];
  fields[5] = parties.senderQualifier;
  fields[6] = parties.senderId.padEnd(15);
  fields[7] = parties.receiverQualifier;
  fields[8] = parties.receiverId.padEnd(15);
  fields[13] = control9(control);
  const rest = text
    .slice(at + 105)
    .split(`IEA${elem}`)
    .map((chunk, i) => (i > 0 && chunk.includes(`${elem}${old}`) ? chunk.replace(`${elem}${old}`, `${elem}${fields[13]}`) : chunk))
    .join(`IEA${elem}`);
  return Buffer.from(`${text.slice(0, at)}${fields.join(elem)}${rest}`, 'latin1');
}

/** `perFile` seeded mutations of each input (retargeted to the demo partner first, every other file). */
export function x12MutationCorpus(
  inputs: Array<{ name: string; bytes: Buffer }>,
  perFile: number,
  seed: number,
  firstControl = 700_000_000,
): Array<{ name: string; kind: X12MutationKind; seed: number; bytes: Buffer }> {
  const out: Array<{ name: string; kind: X12MutationKind; seed: number; bytes: Buffer }> = [];
  let control = firstControl;
  inputs.forEach((input, fileIndex) => {
    for (let m = 0; m < perFile; m++) {
      const mutationSeed = seed * 100_000 + fileIndex * 100 + m;
      const random = hostileRandom(mutationSeed);
      const base = fileIndex % 2 === 0 ? retargetInterchange(input.bytes, control++) : input.bytes;
      const mutation = mutateX12(base, random);
      out.push({ name: input.name, kind: mutation.kind, seed: mutationSeed, bytes: mutation.bytes });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes that are not X12

/** IBM code page 037 for the characters of an X12 header: an interchange a mainframe sent without translation. */
const CP037: Record<string, number> = {
  ' ': 0x40,
  '.': 0x4b,
  '*': 0x5c,
  '-': 0x60,
  '/': 0x61,
  '>': 0x6e,
  ':': 0x7a,
  '~': 0xa1,
  '^': 0xb0,
  '\n': 0x25,
};
export function toEbcdic(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = c.charCodeAt(0);
    if (c in CP037) out[i] = CP037[c];
    else if (c >= '0' && c <= '9') out[i] = 0xf0 + (code - 48);
    else if (c >= 'A' && c <= 'I') out[i] = 0xc1 + (code - 65);
    else if (c >= 'J' && c <= 'R') out[i] = 0xd1 + (code - 74);
    else if (c >= 'S' && c <= 'Z') out[i] = 0xe2 + (code - 83);
    else out[i] = 0x6f; // '?'
  }
  return out;
}

export interface NotX12Sample {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** Documents a partner might post by mistake (or on purpose) that hold no interchange. */
export function notX12Samples(seed = 1): NotX12Sample[] {
  const random = hostileRandom(seed);
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
  return [
    { name: 'random binary (64 KiB)', contentType: 'application/octet-stream', bytes: randomBytesFrom(random, 64 * 1024) },
    { name: 'a PDF', contentType: 'application/pdf', bytes: pdf },
    {
      name: 'JSON',
      contentType: 'application/json',
      bytes: Buffer.from(JSON.stringify({ order: { poNumber: 'X', lines: [{ sku: 'HW-1001', quantity: 1 }] } })),
    },
    {
      name: 'EBCDIC interchange',
      contentType: 'application/edi-x12',
      bytes: toEbcdic(demo850Interchange(1, 'EBCDIC-1').toString('latin1')),
    },
    {
      name: 'XML',
      contentType: 'application/xml',
      bytes: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>'),
    },
    { name: 'NUL bytes only', contentType: 'application/edi-x12', bytes: Buffer.alloc(4096) },
    { name: 'ISA-like text too short for a header', contentType: 'text/plain', bytes: Buffer.from('ISA*00*short~') },
  ];
}
