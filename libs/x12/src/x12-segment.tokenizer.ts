import { X12Defect, x12Defect } from './x12-defects';
import { IsaScan, scanIsaHeader } from './x12-delimiters';

/**
 * Streaming segment tokenizer. Our own rather than x12-parser's, because x12-parser reads the delimiters
 * once, at fixed offsets (chars 3, 104, 105) of the first chunk: it cannot follow a second interchange with
 * other delimiters, a UTF-8 BOM or leading whitespace, an ISA wrapped at 80 columns, or a non-fixed-width
 * ISA, and it decodes as ASCII (mangling UTF-8 text). The bench still measures x12-parser beside this one.
 *
 * Memory is bounded: only the unfinished tail of the last chunk is kept, and a "segment" longer than
 * `maxSegmentLength` (no terminator in sight, e.g. a binary file) is reported and skipped.
 */
export type X12Token =
  | { kind: 'isa'; scan: IsaScan; offset: number }
  | { kind: 'segment'; elements: string[]; offset: number }
  | { kind: 'defect'; defect: X12Defect };

export interface X12TokenizerOptions {
  maxSegmentLength?: number;
}

const BOM_LATIN1 = '\u00ef\u00bb\u00bf';
const EBCDIC_ISA = '\u00c9\u00e2\u00c1';
const HIGH_BYTE = /[\u0080-\u00ff]/;
const LINE_BREAKS = /[\r\n]/g;

export class X12SegmentTokenizer {
  private text = '';
  private pos = 0;
  /** Absolute byte offset of text[0]. */
  private base = 0;
  private scan: IsaScan | undefined;
  private skippingLongSegment = false;
  private interchanges = 0;
  private garbageStart = -1;
  private garbagePreview = '';
  private ebcdicReported = false;
  private notX12Reported = false;
  private lastTerminator = '';
  private readonly maxSegmentLength: number;
  private out: X12Token[] = [];

  constructor(options: X12TokenizerOptions = {}) {
    this.maxSegmentLength = options.maxSegmentLength ?? 1_000_000;
  }

  push(chunk: Buffer | string): X12Token[] {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8').toString('latin1') : chunk.toString('latin1');
    this.text = this.pos > 0 ? this.text.slice(this.pos) + piece : this.text + piece;
    this.base += this.pos;
    this.pos = 0;
    this.run(false);
    return this.drain();
  }

  end(): X12Token[] {
    this.run(true);
    this.flushGarbage();
    if (this.interchanges === 0 && !this.ebcdicReported && !this.notX12Reported) {
      this.emitDefect(x12Defect('X12.NOT_X12', { offset: 0, details: { preview: this.garbagePreview || this.text.slice(0, 40) } }));
    }
    this.text = '';
    this.pos = 0;
    return this.drain();
  }

  private drain(): X12Token[] {
    const tokens = this.out;
    this.out = [];
    return tokens;
  }

  private emitDefect(defect: X12Defect): void {
    this.out.push({ kind: 'defect', defect });
  }

  private run(eof: boolean): void {
    for (;;) {
      const progressed = this.scan ? this.readSegments(eof) : this.seekInterchange(eof);
      if (!progressed) return;
    }
  }

  /** Outside an interchange: skip BOM and whitespace, find the next ISA; anything else is garbage. */
  private seekInterchange(eof: boolean): boolean {
    const { text } = this;
    let p = this.pos;
    for (;;) {
      if (text.startsWith(BOM_LATIN1, p)) p += 3;
      // Whitespace, ^Z, and a stray repeat of the last terminator ("IEA*...~\n~") are formatting, not garbage.
      else if (p < text.length && (text.charCodeAt(p) <= 32 || text[p] === '\u001a' || text[p] === this.lastTerminator)) p++;
      else break;
    }
    this.pos = p;
    if (p >= text.length) return false;
    if (text.length - p < 4 && !eof) return false;
    if (text.startsWith('ISA', p)) {
      const result = scanIsaHeader(text, p, eof);
      if (result.kind === 'more') return false;
      if (result.kind === 'ok') {
        this.flushGarbage(true);
        this.out.push({ kind: 'isa', scan: result.scan, offset: this.base + p });
        this.interchanges++;
        this.scan = result.scan;
        this.lastTerminator = result.scan.delimiters.segment;
        this.pos = result.scan.end;
        return true;
      }
      if (eof && result.reason.startsWith('input ends')) {
        this.flushGarbage(true);
        this.emitDefect(x12Defect('X12.ISA_TRUNCATED', { offset: this.base + p }));
        this.interchanges++;
        this.pos = text.length;
        return false;
      }
    }
    if (!this.ebcdicReported && text.startsWith(EBCDIC_ISA, p)) {
      this.ebcdicReported = true;
      this.emitDefect(x12Defect('X12.EBCDIC_NOT_SUPPORTED', { offset: this.base + p }));
    }
    // Garbage up to the next "ISA" candidate.
    if (this.garbageStart < 0) {
      this.garbageStart = this.base + p;
      this.garbagePreview = text.slice(p, p + 40);
    }
    const next = text.indexOf('ISA', p + 1);
    if (next >= 0) {
      this.pos = next;
      return true;
    }
    // Keep two chars: "IS" may be completed by the next chunk.
    this.pos = eof ? text.length : Math.max(p + 1, text.length - 2);
    return false;
  }

  /** Reports a run of skipped bytes: before/between interchanges a warning; with no interchange at all, NOT_X12. */
  private flushGarbage(isaFollows = false): void {
    if (this.garbageStart < 0) return;
    if (isaFollows || this.interchanges > 0) {
      this.emitDefect(
        x12Defect('X12.CONTENT_OUTSIDE_INTERCHANGE', { offset: this.garbageStart, details: { preview: this.garbagePreview } }),
      );
    } else if (!this.ebcdicReported) {
      this.emitDefect(x12Defect('X12.NOT_X12', { offset: this.garbageStart, details: { preview: this.garbagePreview } }));
      this.notX12Reported = true;
    }
    this.garbageStart = -1;
  }

  /** Inside an interchange: cut segments at the terminator until IEA (or a new ISA) hands back to seek. */
  private readSegments(eof: boolean): boolean {
    const scan = this.scan as IsaScan;
    const { element, component, segment: terminator } = scan.delimiters;
    const stripLineBreaks = !scan.lineTerminated;
    const { text } = this;
    let p = this.pos;
    for (;;) {
      let idx = text.indexOf(terminator, p);
      if (idx < 0) {
        if (!eof) {
          if (text.length - p > this.maxSegmentLength) {
            this.emitDefect(x12Defect('X12.SEGMENT_TOO_LONG', { offset: this.base + p }));
            this.skippingLongSegment = true;
            p = text.length;
          }
          this.pos = p;
          return false;
        }
        if (p >= text.length) {
          this.pos = p;
          return false;
        }
        idx = text.length; // last segment without a terminator
      }
      const start = p;
      let raw = text.slice(p, idx);
      p = idx + 1;
      if (this.skippingLongSegment) {
        this.skippingLongSegment = false;
        continue;
      }
      if (raw.length > this.maxSegmentLength) {
        this.emitDefect(x12Defect('X12.SEGMENT_TOO_LONG', { offset: this.base + start }));
        continue;
      }
      if (stripLineBreaks && (raw.includes('\n') || raw.includes('\r'))) raw = raw.replace(LINE_BREAKS, '');
      // Whitespace and line breaks between segments are formatting, not data.
      let s = 0;
      while (s < raw.length && raw.charCodeAt(s) <= 32 && raw[s] !== element) s++;
      if (s > 0) raw = raw.slice(s);
      if (scan.lineTerminated) raw = trimTrailingLineSpace(raw);
      if (raw.length === 0) continue;
      if (raw.startsWith('ISA') && (raw.length === 3 || !/[A-Za-z0-9]/.test(raw[3]))) {
        // A new interchange before IEA: hand back to seek, which re-reads its (maybe different) delimiters.
        this.scan = undefined;
        this.pos = text.indexOf('ISA', start);
        return true;
      }
      // A trailing component separator only adds an empty component: drop it (seen when ISA16 and the
      // terminator were confused, e.g. "...~" lines under a line-break terminator).
      if (raw.endsWith(component) && component !== element) raw = raw.slice(0, -1);
      if (HIGH_BYTE.test(raw)) raw = decodeUtf8(raw);
      const elements = raw.split(element);
      this.out.push({ kind: 'segment', elements, offset: this.base + start + s });
      if (elements[0] === 'IEA') {
        this.scan = undefined;
        this.pos = p;
        return true;
      }
    }
  }
}

/** Bytes >= 0x80 are UTF-8 text in practice; keep latin1 when they are not valid UTF-8. */
function decodeUtf8(latin1: string): string {
  const bytes = Buffer.from(latin1, 'latin1');
  const text = bytes.toString('utf8');
  return text.includes('\ufffd') ? latin1 : text;
}

/** Decodes ISA fields (latin1 from the scan) into text, for checks and display. */
export function decodeIsaFields(fields: readonly string[]): string[] {
  return fields.map((f) => (HIGH_BYTE.test(f) ? decodeUtf8(f) : f));
}

/**
 * Drops trailing spaces, tabs and line breaks. A loop, not `/[ \t\r\n]+$/`: that regex backtracks
 * quadratically on a long whitespace run followed by another character (a 1 MB segment took minutes).
 */
export function trimTrailingLineSpace(raw: string): string {
  let end = raw.length;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    end--;
  }
  return end === raw.length ? raw : raw.slice(0, end);
}
