/**
 * X12 delimiters live in the ISA itself: the element separator is the byte after "ISA", the component
 * separator is ISA16, the segment terminator is the byte after ISA16 and, from version 00402, ISA11 is the
 * repetition separator (before that ISA11 is the standards id 'U').
 *
 * Text is handled as latin1 ("binary") strings so that one byte is one char: control bytes such as 0x07,
 * 0x15 or 0x7F used as delimiters survive intact, and UTF-8 payload bytes (all >= 0x80) can never be
 * mistaken for an ASCII delimiter.
 */
export interface X12Delimiters {
  element: string;
  component: string;
  segment: string;
  /** Undefined before version 00402 (ISA11 was the standards identifier then). */
  repetition?: string;
}

export const DEFAULT_DELIMITERS: Readonly<X12Delimiters> = Object.freeze({ element: '*', component: ':', segment: '~', repetition: '^' });

export interface IsaScan {
  /** ['ISA', ISA01 ... ISA16], as latin1 text, line breaks removed. */
  fields: string[];
  delimiters: X12Delimiters;
  /** Index just after the segment terminator. */
  end: number;
  /** The ISA had line breaks inside it (a file wrapped at 80 columns). */
  wrapped: boolean;
  /** The terminator is CR or LF: segments end at a line break. */
  lineTerminated: boolean;
}

export type IsaScanResult = { kind: 'ok'; scan: IsaScan } | { kind: 'more' } | { kind: 'invalid'; reason: string };

/** Far longer than any real ISA (106 chars) plus line breaks and odd padding; beyond that it is not an ISA. */
const MAX_ISA_SCAN = 400;

const isLineBreak = (c: string): boolean => c === '\r' || c === '\n';
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isBlank = (c: string): boolean => c === ' ' || c === '\t';

/** A char that may serve as a delimiter: not a letter or digit, not a space. */
export function isDelimiterCandidate(c: string | undefined): c is string {
  return c !== undefined && c.length === 1 && !isAlnum(c) && c !== ' ';
}

/**
 * Reads the ISA that starts at `start` in `text`. Tolerates line breaks inside the ISA (80-column wrapping)
 * and between ISA16 and the terminator. Returns 'more' when the text ends before the ISA does (a stream
 * waits for the next chunk) unless `eof` says no more will come.
 */
export function scanIsaHeader(text: string, start: number, eof: boolean): IsaScanResult {
  if (text.length < start + 4) return eof ? { kind: 'invalid', reason: 'input ends inside ISA' } : { kind: 'more' };
  if (text.slice(start, start + 3) !== 'ISA') return { kind: 'invalid', reason: 'not an ISA' };
  const element = text[start + 3];
  if (!isDelimiterCandidate(element) || isLineBreak(element)) return { kind: 'invalid', reason: 'invalid element separator' };

  const fields = ['ISA'];
  let current = '';
  let wrapped = false;
  let i = start + 4;
  const limit = start + MAX_ISA_SCAN;
  // ISA01..ISA15 each end at an element separator.
  while (fields.length < 16) {
    if (i >= text.length) return eof ? { kind: 'invalid', reason: 'input ends inside ISA' } : { kind: 'more' };
    if (i > limit) return { kind: 'invalid', reason: 'ISA too long' };
    const c = text[i++];
    if (isLineBreak(c)) {
      wrapped = true;
      continue;
    }
    if (c === element) {
      fields.push(current);
      current = '';
    } else current += c;
  }
  // ISA16: the component separator, one char.
  let component: string | undefined;
  while (component === undefined) {
    if (i >= text.length) return eof ? { kind: 'invalid', reason: 'input ends inside ISA' } : { kind: 'more' };
    const c = text[i++];
    if (isLineBreak(c)) wrapped = true;
    else component = c;
  }
  fields.push(component);
  if (i >= text.length) return eof ? { kind: 'invalid', reason: 'input ends before the segment terminator' } : { kind: 'more' };
  let segment = text[i];
  let end = i + 1;
  let lineTerminated = false;
  if (isLineBreak(segment)) {
    // Either the terminator is itself a line break, or the 80-column wrap fell between ISA16 and the
    // terminator. Look past the line breaks: a segment id means the line break was the terminator.
    let j = i;
    while (j < text.length && (isLineBreak(text[j]) || isBlank(text[j]))) j++;
    if (j >= text.length && !eof) return { kind: 'more' };
    const next = text[j];
    if (next !== undefined && !isAlnum(next) && isDelimiterCandidate(next)) {
      segment = next;
      end = j + 1;
      wrapped = true;
    } else {
      lineTerminated = true;
    }
  }
  const version = fields[12] ?? '';
  const isa11 = fields[11] ?? '';
  const repetition = version >= '00402' && isa11.length === 1 && isDelimiterCandidate(isa11) ? isa11 : undefined;
  return { kind: 'ok', scan: { fields, delimiters: { element, component, segment, repetition }, end, wrapped, lineTerminated } };
}

/** Convenience for whole documents: the delimiters of the first ISA in `input`, or undefined. */
export function detectDelimiters(input: string | Buffer): X12Delimiters | undefined {
  const text = typeof input === 'string' ? Buffer.from(input, 'utf8').toString('latin1') : input.toString('latin1');
  const start = text.indexOf('ISA');
  if (start < 0) return undefined;
  const result = scanIsaHeader(text, start, true);
  return result.kind === 'ok' ? result.scan.delimiters : undefined;
}

/** Reasons a delimiter set cannot be written or read unambiguously; empty when it is fine. */
export function delimiterProblems(d: X12Delimiters): string[] {
  const problems: string[] = [];
  const all = [d.element, d.component, d.segment, ...(d.repetition !== undefined ? [d.repetition] : [])];
  for (const c of all) {
    if (c.length !== 1) problems.push(`delimiter ${JSON.stringify(c)} must be one character`);
    else if (isAlnum(c) || c === ' ') problems.push(`delimiter ${JSON.stringify(c)} may not be a letter, digit or space`);
  }
  if (new Set(all).size !== all.length) problems.push('delimiters must be distinct');
  if (isLineBreak(d.element) || isLineBreak(d.component)) problems.push('only the segment terminator may be a line break');
  return problems;
}
