import { X12Defect, x12Defect } from './x12-defects';
import type {
  X12GroupHeader,
  X12GroupResult,
  X12InterchangeHeader,
  X12InterchangeResult,
  X12ReadEvent,
  X12Segment,
  X12TransactionSet,
} from './x12-envelope.model';
import {
  checkGroupTrailer,
  checkInterchangeTrailer,
  checkSetTrailer,
  trimPadding,
  validateGs,
  validateIsa,
  validateSt,
  X12EnvelopeOptions,
} from './x12-envelope.validator';
import { decodeIsaFields, X12SegmentTokenizer, X12Token, X12TokenizerOptions } from './x12-segment.tokenizer';
import { dictionaryFor } from './dictionary/x12-dictionary';
import { validateSetSyntax } from './dictionary/x12-set.validator';

export interface X12ReadOptions extends X12EnvelopeOptions, X12TokenizerOptions {
  /** ST01 values we process; other sets are reported with X12.SET_UNSUPPORTED (AK502 1). No check when omitted. */
  supportedTransactionSets?: readonly string[];
  /** A set is buffered whole; beyond this many segments it is rejected (X12.SET_TOO_LARGE) and not kept. */
  maxSetSegments?: number;
  /** Validate every set against the X12 dictionary (AK3/AK4, IK3/IK4 findings in its defects). Default true. */
  dictionary?: boolean;
}

export type X12Source = NodeJS.ReadableStream | AsyncIterable<Buffer | string> | Iterable<Buffer | string> | Buffer | string;

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const MAX_TRACKED_CONTROLS = 50_000;

interface OpenInterchange {
  header: X12InterchangeHeader;
  defects: X12Defect[];
  groupCount: number;
  groupControls: Set<string>;
  gsMissingReported: boolean;
  outsideReported: boolean;
  ta1: X12Segment[];
}

interface OpenGroup {
  header: X12GroupHeader;
  defects: X12Defect[];
  setCount: number;
  setControls: Set<string>;
  outsideReported: boolean;
}

interface OpenSet {
  set: X12TransactionSet;
  count: number;
  tooLarge: boolean;
}

/**
 * Turns tokens into envelope events, validating as it goes: trailers are checked when they arrive, and
 * whatever is still open at a new ISA, an IEA or the end is closed with a "missing trailer" defect. Only the
 * current transaction set is held in memory.
 */
export class X12EnvelopeAssembler {
  private ic: OpenInterchange | undefined;
  private grp: OpenGroup | undefined;
  private st: OpenSet | undefined;
  private interchangeIndex = 0;
  private readonly seenInterchanges = new Set<string>();
  private readonly maxSetSegments: number;

  constructor(private readonly options: X12ReadOptions = {}) {
    this.maxSetSegments = options.maxSetSegments ?? 100_000;
  }

  handle(token: X12Token, out: X12ReadEvent[]): void {
    switch (token.kind) {
      case 'defect':
        out.push({ type: 'stream-defect', defect: token.defect });
        return;
      case 'isa':
        this.closeInterchange(undefined, out);
        this.openInterchange(token, out);
        return;
      case 'segment':
        this.segment(token.elements, token.offset, out);
        return;
    }
  }

  finish(out: X12ReadEvent[]): void {
    this.closeInterchange(undefined, out);
  }

  private openInterchange(token: Extract<X12Token, { kind: 'isa' }>, out: X12ReadEvent[]): void {
    const fields = decodeIsaFields(token.scan.fields);
    const defects = validateIsa(fields, token.scan.delimiters, this.options, token.scan.wrapped);
    const header: X12InterchangeHeader = {
      index: this.interchangeIndex++,
      offset: token.offset,
      delimiters: token.scan.delimiters,
      fields,
      authorizationQualifier: fields[1] ?? '',
      senderQualifier: trimPadding(fields[5] ?? ''),
      senderId: trimPadding(fields[6] ?? ''),
      receiverQualifier: trimPadding(fields[7] ?? ''),
      receiverId: trimPadding(fields[8] ?? ''),
      date: fields[9] ?? '',
      time: fields[10] ?? '',
      version: fields[12] ?? '',
      controlNumber: fields[13] ?? '',
      ackRequested: fields[14] === '1',
      usage: fields[15] ?? '',
      defects,
    };
    const key = `${header.senderQualifier}/${header.senderId}/${header.controlNumber}`;
    if (this.seenInterchanges.has(key)) defects.push(x12Defect('X12.INTERCHANGE_DUPLICATE', { badValue: header.controlNumber }));
    if (this.seenInterchanges.size < MAX_TRACKED_CONTROLS) this.seenInterchanges.add(key);
    this.ic = {
      header,
      defects: [...defects],
      groupCount: 0,
      groupControls: new Set(),
      gsMissingReported: false,
      outsideReported: false,
      ta1: [],
    };
    out.push({ type: 'interchange', interchange: header });
  }

  private segment(elements: string[], offset: number, out: X12ReadEvent[]): void {
    const ic = this.ic;
    if (!ic) return; // the tokenizer only emits segments inside an interchange
    const tag = elements[0];
    switch (tag) {
      case 'GS':
        this.closeSet(undefined, out);
        this.closeGroup(undefined, out);
        this.openGroup(elements, false, out);
        return;
      case 'GE':
        this.closeSet(undefined, out);
        if (this.grp) this.closeGroup(elements, out);
        else this.outsideGroup(ic, tag);
        return;
      case 'ST':
        this.closeSet(undefined, out);
        if (!this.grp) {
          if (!ic.gsMissingReported) ic.defects.push(x12Defect('X12.GS_MISSING', { offset }));
          ic.gsMissingReported = true;
          this.openGroup(['GS'], true, out);
        }
        this.openSet(elements, offset);
        return;
      case 'SE':
        if (this.st) this.closeSet(elements, out);
        else this.outsideSet(tag);
        return;
      case 'IEA':
        this.closeInterchange(elements, out);
        return;
      case 'TA1':
        // An interchange acknowledgment travels between ISA and GS: legitimate; kept for the caller to match.
        if (!this.grp) {
          if (ic.ta1.length < 100) ic.ta1.push(elements);
          return;
        }
        break;
    }
    const st = this.st;
    if (st) {
      st.count++;
      if (!SEGMENT_ID.test(tag)) {
        st.set.defects.push(x12Defect('X12.SEGMENT_ID_INVALID', { segmentId: tag.slice(0, 3), segmentPosition: st.count, offset }));
      }
      if (st.count > this.maxSetSegments) {
        if (!st.tooLarge) st.set.defects.push(x12Defect('X12.SET_TOO_LARGE', { details: { limit: this.maxSetSegments } }));
        st.tooLarge = true;
        return;
      }
      st.set.segments.push(elements);
      return;
    }
    if (this.grp) this.outsideSet(tag);
    else this.outsideGroup(ic, tag);
  }

  private outsideGroup(ic: OpenInterchange, tag: string): void {
    if (!ic.outsideReported) ic.defects.push(x12Defect('X12.SEGMENT_OUTSIDE_GROUP', { segmentId: tag }));
    ic.outsideReported = true;
  }

  private outsideSet(tag: string): void {
    const grp = this.grp;
    if (!grp) return;
    if (!grp.outsideReported) grp.defects.push(x12Defect('X12.SEGMENT_OUTSIDE_SET', { segmentId: tag }));
    grp.outsideReported = true;
  }

  private openGroup(gs: X12Segment, synthetic: boolean, out: X12ReadEvent[]): void {
    const ic = this.ic as OpenInterchange;
    const header: X12GroupHeader = {
      interchange: ic.header,
      index: ic.groupCount,
      functionalId: (gs[1] ?? '').trim(),
      senderCode: (gs[2] ?? '').trim(),
      receiverCode: (gs[3] ?? '').trim(),
      date: gs[4] ?? '',
      time: gs[5] ?? '',
      controlNumber: (gs[6] ?? '').trim(),
      agency: gs[7] ?? '',
      version: (gs[8] ?? '').trim(),
      synthetic,
      segment: gs,
    };
    const groupDefects: X12Defect[] = [];
    if (!synthetic) {
      ic.groupCount++;
      const { interchangeDefects, groupDefects: found } = validateGs(gs, ic.header, this.options);
      ic.defects.push(...interchangeDefects);
      groupDefects.push(...found);
      if (header.controlNumber !== '' && ic.groupControls.has(header.controlNumber)) {
        groupDefects.push(x12Defect('X12.GS_CONTROL_DUPLICATE', { badValue: header.controlNumber }));
      }
      if (ic.groupControls.size < MAX_TRACKED_CONTROLS) ic.groupControls.add(header.controlNumber);
    }
    this.grp = { header, defects: groupDefects, setCount: 0, setControls: new Set(), outsideReported: false };
    out.push({ type: 'group', group: header });
  }

  private openSet(st: X12Segment, offset: number): void {
    const grp = this.grp as OpenGroup;
    const ic = this.ic as OpenInterchange;
    grp.setCount++;
    const controlNumber = (st[2] ?? '').trim();
    const defects = validateSt(st);
    if (controlNumber !== '' && grp.setControls.has(controlNumber)) {
      defects.push(x12Defect('X12.ST_CONTROL_DUPLICATE', { badValue: controlNumber }));
    }
    // Duplicate detection remembers a bounded number of ST02s, so a million-set group streams in bounded memory.
    if (grp.setControls.size < MAX_TRACKED_CONTROLS) grp.setControls.add(controlNumber);
    const id = (st[1] ?? '').trim();
    const supported = this.options.supportedTransactionSets;
    if (supported && !supported.includes(id)) defects.push(x12Defect('X12.SET_UNSUPPORTED', { badValue: id }));
    this.st = {
      set: {
        group: grp.header,
        interchange: ic.header,
        id,
        controlNumber,
        implementationRef: st[3]?.trim() || undefined,
        segments: [st],
        defects,
        offset,
      },
      count: 1,
      tooLarge: false,
    };
  }

  private closeSet(se: X12Segment | undefined, out: X12ReadEvent[]): void {
    const st = this.st;
    if (!st) return;
    this.st = undefined;
    if (se) {
      st.count++;
      if (!st.tooLarge) st.set.segments.push(se);
      st.set.defects.push(...checkSetTrailer(st.set.segments[0], se, st.count));
    } else {
      st.set.defects.push(x12Defect('X12.SE_MISSING'));
    }
    if (this.options.dictionary !== false && !st.tooLarge) this.validate(st.set);
    out.push({ type: 'transaction-set', set: st.set });
  }

  /** Dictionary validation of a whole set, in the version of its group (a set we do not support is left to AK502 1). */
  private validate(set: X12TransactionSet): void {
    const supported = this.options.supportedTransactionSets;
    if (supported && !supported.includes(set.id)) return;
    const dictionary = dictionaryFor(set.group.version);
    if (!dictionary) return;
    const { component, repetition } = set.interchange.delimiters;
    validateSetSyntax(dictionary, { id: set.id, segments: set.segments, component, repetition }, set.defects);
  }

  private closeGroup(ge: X12Segment | undefined, out: X12ReadEvent[]): void {
    const grp = this.grp;
    if (!grp) return;
    this.grp = undefined;
    const result: X12GroupResult = { group: grp.header, setCount: grp.setCount, defects: grp.defects };
    if (ge) {
      result.trailer = { setCount: ge[1] ?? '', controlNumber: ge[2] ?? '' };
      if (!grp.header.synthetic) grp.defects.push(...checkGroupTrailer(grp.header.segment, ge, grp.setCount));
    } else if (!grp.header.synthetic) {
      grp.defects.push(x12Defect('X12.GE_MISSING'));
    }
    out.push({ type: 'group-end', result });
  }

  private closeInterchange(iea: X12Segment | undefined, out: X12ReadEvent[]): void {
    const ic = this.ic;
    if (!ic) return;
    this.closeSet(undefined, out);
    this.closeGroup(undefined, out);
    this.ic = undefined;
    const result: X12InterchangeResult = {
      interchange: ic.header,
      groupCount: ic.groupCount,
      defects: ic.defects,
      ...(ic.ta1.length > 0 ? { ta1Segments: ic.ta1 } : {}),
    };
    if (iea) {
      result.trailer = { groupCount: iea[1] ?? '', controlNumber: iea[2] ?? '' };
      ic.defects.push(...checkInterchangeTrailer(ic.header.controlNumber, iea, ic.groupCount));
    } else {
      ic.defects.push(x12Defect('X12.IEA_MISSING'));
    }
    out.push({ type: 'interchange-end', result });
  }
}

/**
 * Streams X12 from any byte source: a Node Readable (fs.createReadStream, an HTTP request), an async
 * iterable of chunks, or a whole Buffer/string. Yields envelope events in document order; never throws
 * for bad content (that becomes coded defects), only for a failing source stream.
 */
export async function* readX12(source: X12Source, options: X12ReadOptions = {}): AsyncGenerator<X12ReadEvent> {
  const tokenizer = new X12SegmentTokenizer(options);
  const assembler = new X12EnvelopeAssembler(options);
  const events: X12ReadEvent[] = [];
  const feed = (tokens: X12Token[]): void => {
    for (const token of tokens) assembler.handle(token, events);
  };
  if (typeof source === 'string' || Buffer.isBuffer(source)) {
    feed(tokenizer.push(source));
  } else {
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      feed(tokenizer.push(chunk));
      if (events.length > 0) {
        yield* events;
        events.length = 0;
      }
    }
  }
  feed(tokenizer.end());
  assembler.finish(events);
  yield* events;
}

/** Whole-document convenience for small inputs (tests, a single 850 posted over HTTP). */
export function readX12Sync(source: Buffer | string, options: X12ReadOptions = {}): X12ReadEvent[] {
  const tokenizer = new X12SegmentTokenizer(options);
  const assembler = new X12EnvelopeAssembler(options);
  const events: X12ReadEvent[] = [];
  for (const token of [...tokenizer.push(source), ...tokenizer.end()]) assembler.handle(token, events);
  assembler.finish(events);
  return events;
}

/** A small document as a tree, for tests and for answering one posted interchange. */
export interface X12InterchangeTree {
  result: X12InterchangeResult;
  groups: Array<{ result: X12GroupResult; sets: X12TransactionSet[] }>;
}

export function toInterchangeTrees(events: Iterable<X12ReadEvent>): { interchanges: X12InterchangeTree[]; streamDefects: X12Defect[] } {
  const interchanges: X12InterchangeTree[] = [];
  const streamDefects: X12Defect[] = [];
  let groups: X12InterchangeTree['groups'] = [];
  let sets: X12TransactionSet[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'interchange':
        groups = [];
        break;
      case 'group':
        sets = [];
        break;
      case 'transaction-set':
        sets.push(event.set);
        break;
      case 'group-end':
        groups.push({ result: event.result, sets });
        sets = [];
        break;
      case 'interchange-end':
        interchanges.push({ result: event.result, groups });
        groups = [];
        break;
      case 'stream-defect':
        streamDefects.push(event.defect);
        break;
    }
  }
  return { interchanges, streamDefects };
}
