import { X12Defect, x12Defect } from '../x12-defects';
import type { X12Segment } from '../x12-envelope.model';
import { ElementKind, ElementSpec, LoopNode, Req, SegmentSpec, SetSpec, SyntaxNote, X12Dictionary } from './x12-dictionary';

/**
 * Validates one transaction set against the dictionary, exactly as an AK3/AK4 (997) or IK3/IK4 (999) reports it:
 * segment placement (unrecognized 1, unexpected 2, mandatory missing 3, loop over maximum 4, segment over
 * maximum use 5, not in the set 6, out of sequence 7) and, for each placed segment, its elements (mandatory
 * missing 1, conditional missing 2, too many 3, too short 4, too long 5, invalid character 6, invalid code 7,
 * invalid date 8, invalid time 9, exclusion violated 10, too many repetitions 12, too many components 13).
 *
 * The walk is the usual X12 one: a segment is looked for from the current position forward in the innermost
 * open loop, then outwards; a loop's trigger segment opens a new iteration. Nothing is allocated per element.
 */
export interface SetValidationInput {
  id: string;
  segments: readonly X12Segment[];
  component: string;
  /** Repetition separator (ISA11 from 00402 on), when there is one. */
  repetition?: string;
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const MAX_DEFECTS = 50;

interface Frame {
  loop: LoopNode;
  /** Index of the child last matched. */
  pos: number;
  counts: number[];
  /** Index of this loop in the parent's children (−1 for the set). */
  parentIndex: number;
}

export function validateSetSyntax(dictionary: X12Dictionary, input: SetValidationInput, defects: X12Defect[]): void {
  const spec = dictionary.sets.get(input.id);
  if (!spec) return; // an unsupported set is reported by the envelope (AK502 1)
  new SetWalker(dictionary, spec, input, defects).run();
}

class SetWalker {
  private readonly stack: Frame[] = [];
  private readonly start: number;

  constructor(
    private readonly dictionary: X12Dictionary,
    private readonly spec: SetSpec,
    private readonly input: SetValidationInput,
    private readonly defects: X12Defect[],
  ) {
    this.start = defects.length;
  }

  private full(): boolean {
    return this.defects.length - this.start >= MAX_DEFECTS;
  }

  run(): void {
    const { segments } = this.input;
    const root = this.spec.root;
    this.stack.push({ loop: root, pos: 0, counts: new Array<number>(root.children.length).fill(0), parentIndex: -1 });
    this.stack[0].counts[0] = 1;
    if (segments.length > 0) this.elements(segments[0], 1, root.id);
    const last = segments.length;
    for (let i = 1; i < last; i++) {
      if (this.full()) return;
      const seg = segments[i];
      const tag = seg[0];
      const position = i + 1;
      if (!SEGMENT_ID.test(tag)) continue; // the reader reports malformed ids (AK304 1)
      const loopId = this.place(tag, position);
      if (loopId !== false) this.elements(seg, position, loopId);
    }
    // SE missing: the envelope says so (AK502 2); close what is open so mandatory segments are still reported.
    const seLast = segments.length > 0 && segments[segments.length - 1][0] === 'SE';
    if (!seLast) while (this.stack.length > 0) this.close(this.stack.pop() as Frame, segments.length + 1);
  }

  /** Finds where `tag` goes; returns the loop id it lands in (the set's own id at the top), or false (reported) when it has no place. */
  private place(tag: string, position: number): string | false {
    for (let depth = this.stack.length - 1; depth >= 0; depth--) {
      const frame = this.stack[depth];
      const { loop } = frame;
      if (depth > 0 && loop.trigger === tag) {
        this.unwind(depth + 1, position);
        return this.newIteration(depth, position);
      }
      const candidates = loop.index.get(tag);
      if (candidates === undefined) continue;
      const from = depth > 0 ? Math.max(frame.pos, 1) : frame.pos;
      let j = -1;
      for (const c of candidates) {
        if (c >= from) {
          j = c;
          break;
        }
      }
      if (j < 0) continue;
      this.unwind(depth + 1, position);
      this.skipTo(frame, j, position);
      const child = loop.children[j];
      frame.pos = j;
      frame.counts[j]++;
      if (child.kind === 'segment') {
        if (frame.counts[j] > child.max) this.segmentDefect('X12.SEGMENT_OVER_MAX', tag, position, loop.id);
        return loop.id;
      }
      if (frame.counts[j] > child.max) this.segmentDefect('X12.LOOP_OVER_MAX', tag, position, child.id);
      const counts = new Array<number>(child.children.length).fill(0);
      counts[0] = 1;
      this.stack.push({ loop: child, pos: 0, counts, parentIndex: j });
      return child.id;
    }
    this.unplaced(tag, position);
    return false;
  }

  private newIteration(depth: number, position: number): string {
    const frame = this.stack[depth];
    this.close(frame, position);
    const parent = this.stack[depth - 1];
    parent.counts[frame.parentIndex]++;
    const loop = frame.loop;
    if (parent.counts[frame.parentIndex] > loop.max) this.segmentDefect('X12.LOOP_OVER_MAX', loop.trigger, position, loop.id);
    frame.counts.fill(0);
    frame.counts[0] = 1;
    frame.pos = 0;
    return loop.id;
  }

  /** Pops frames deeper than `depth`, reporting their missing mandatory segments. */
  private unwind(depth: number, position: number): void {
    while (this.stack.length > depth) this.close(this.stack.pop() as Frame, position);
  }

  /** Mandatory children after the current position and not seen in this iteration. */
  private close(frame: Frame, position: number): void {
    this.missingBetween(frame, frame.pos + 1, frame.loop.children.length, position);
  }

  private skipTo(frame: Frame, j: number, position: number): void {
    if (j > frame.pos + 1) this.missingBetween(frame, frame.pos + 1, j, position);
  }

  private missingBetween(frame: Frame, from: number, to: number, position: number): void {
    const { children } = frame.loop;
    for (let k = from; k < to; k++) {
      const child = children[k];
      if (child.req === Req.Mandatory && frame.counts[k] === 0) {
        const id = child.kind === 'segment' ? child.id : child.trigger;
        if (id === 'SE') continue; // a missing SE is the envelope's AK502 2
        this.segmentDefect(
          'X12.SEGMENT_MISSING',
          id,
          position,
          child.kind === 'loop' ? child.id : frame.loop === this.spec.root ? undefined : frame.loop.id,
        );
      }
    }
  }

  private unplaced(tag: string, position: number): void {
    if (!this.dictionary.knownSegments.has(tag)) {
      this.segmentDefect('X12.SEGMENT_UNRECOGNIZED', tag, position);
    } else if (!this.spec.segmentIds.has(tag)) {
      this.segmentDefect('X12.SEGMENT_NOT_IN_SET', tag, position);
    } else {
      // Somewhere in the set, but not anywhere from here on: out of sequence if an open loop has it earlier.
      const earlier = this.stack.some((f) => f.loop.index.has(tag));
      this.segmentDefect(earlier ? 'X12.SEGMENT_OUT_OF_SEQUENCE' : 'X12.SEGMENT_UNEXPECTED', tag, position);
    }
  }

  private segmentDefect(code: Parameters<typeof x12Defect>[0], segmentId: string, segmentPosition: number, loopId?: string): void {
    if (this.full()) return;
    this.defects.push(x12Defect(code, { segmentId, segmentPosition, loopId: loopId === this.spec.id ? undefined : loopId }));
  }

  private elements(seg: X12Segment, position: number, loopId: string): void {
    const spec = this.dictionary.segments.get(seg[0]);
    if (spec === undefined) return; // placed by the set table; its elements are not ours to judge
    checkSegment(spec, seg, position, loopId === this.spec.id ? undefined : loopId, this.input, this.defects);
  }
}

/** Element checks of one segment (also used on its own for interchange-level segments such as TA1). */
export function checkSegment(
  spec: SegmentSpec,
  seg: X12Segment,
  position: number,
  loopId: string | undefined,
  delimiters: { component: string; repetition?: string },
  defects: X12Defect[],
): void {
  const { elements } = spec;
  const count = seg.length - 1;
  for (let n = 1; n <= elements.length; n++) {
    const def = elements[n - 1];
    const value = n <= count ? seg[n] : '';
    if (value === '' || value === undefined) {
      if (def.req === Req.Mandatory) report(defects, spec, seg, position, loopId, n, undefined, def, '1', undefined);
      continue;
    }
    if (delimiters.repetition !== undefined && value.includes(delimiters.repetition)) {
      report(defects, spec, seg, position, loopId, n, undefined, def, '12', value);
      continue;
    }
    if (def.kind === ElementKind.Composite) {
      checkComposite(spec, seg, position, loopId, n, def, value, delimiters.component, defects);
      continue;
    }
    if (def.kind !== ElementKind.AN && def.kind !== ElementKind.ID && value.includes(delimiters.component)) {
      report(defects, spec, seg, position, loopId, n, undefined, def, '13', value);
      continue;
    }
    const code = checkValue(def, value);
    if (code !== undefined) report(defects, spec, seg, position, loopId, n, undefined, def, code, value);
  }
  for (let n = elements.length + 1; n <= count; n++) {
    if (seg[n] !== '') {
      report(defects, spec, seg, position, loopId, n, undefined, undefined, '3', seg[n]);
      break;
    }
  }
  for (const note of spec.notes) {
    const failure = noteFailure(note, seg, count);
    if (failure !== undefined) {
      const p = failure.position;
      report(defects, spec, seg, position, loopId, p, undefined, elements[p - 1], failure.code, seg[p], failure.trigger);
    }
  }
}

/** A syntax note over a segment's elements, without a closure per note (this runs for every segment read). */
function noteFailure(note: SyntaxNote, seg: X12Segment, count: number): { position: number; code: string; trigger?: number } | undefined {
  const p = note.positions;
  const has = (q: number): boolean => q <= count && seg[q] !== '';
  switch (note.kind) {
    case 'P': {
      let first = 0;
      let missing = 0;
      for (const q of p) {
        if (has(q)) first ||= q;
        else missing ||= q;
      }
      return first !== 0 && missing !== 0 ? { position: missing, code: '2', trigger: first } : undefined;
    }
    case 'R':
      for (const q of p) if (has(q)) return undefined;
      return { position: p[0], code: '2' };
    case 'C':
      if (!has(p[0])) return undefined;
      for (let k = 1; k < p.length; k++) if (!has(p[k])) return { position: p[k], code: '2', trigger: p[0] };
      return undefined;
    case 'E': {
      let first = 0;
      for (const q of p) {
        if (!has(q)) continue;
        if (first !== 0) return { position: q, code: '10', trigger: first };
        first = q;
      }
      return undefined;
    }
    case 'L':
      if (!has(p[0])) return undefined;
      for (let k = 1; k < p.length; k++) if (has(p[k])) return undefined;
      return { position: p[1], code: '2', trigger: p[0] };
  }
}

function checkComposite(
  spec: SegmentSpec,
  seg: X12Segment,
  position: number,
  loopId: string | undefined,
  n: number,
  def: ElementSpec,
  value: string,
  separator: string,
  defects: X12Defect[],
): void {
  const components = def.components ?? [];
  const parts = value.split(separator);
  for (let c = 1; c <= components.length; c++) {
    const cdef = components[c - 1];
    const part = c <= parts.length ? parts[c - 1] : '';
    if (part === '') {
      if (cdef.req === Req.Mandatory) report(defects, spec, seg, position, loopId, n, c, cdef, '1', undefined);
      continue;
    }
    const code = checkValue(cdef, part);
    if (code !== undefined) report(defects, spec, seg, position, loopId, n, c, cdef, code, part);
  }
  if (parts.length > components.length && parts.slice(components.length).some((p) => p !== '')) {
    report(defects, spec, seg, position, loopId, n, undefined, def, '13', value);
  }
  for (const note of def.componentNotes ?? []) {
    checkNote(
      note,
      (p) => p <= parts.length && parts[p - 1] !== '',
      (p, code) => report(defects, spec, seg, position, loopId, n, p, components[p - 1], code, parts[p - 1]),
    );
  }
}

/** P, R, C, E, L: calls `fail` with the position to report, the AK403/IK403 code and the triggering position. */
function checkNote(
  note: SyntaxNote,
  present: (position: number) => boolean,
  fail: (position: number, code: string, trigger?: number) => void,
): void {
  const p = note.positions;
  switch (note.kind) {
    case 'P': {
      const first = p.find(present);
      if (first === undefined) return;
      const missing = p.find((q) => !present(q));
      if (missing !== undefined) fail(missing, '2', first);
      return;
    }
    case 'R':
      if (!p.some(present)) fail(p[0], '2');
      return;
    case 'C': {
      if (!present(p[0])) return;
      const missing = p.slice(1).find((q) => !present(q));
      if (missing !== undefined) fail(missing, '2', p[0]);
      return;
    }
    case 'E': {
      const found = p.filter(present);
      if (found.length > 1) fail(found[1], '10', found[0]);
      return;
    }
    case 'L':
      if (present(p[0]) && !p.slice(1).some(present)) fail(p[1], '2', p[0]);
      return;
  }
}

/** The AK403/IK403 code for a non-empty value, or undefined when it is valid. */
export function checkValue(def: ElementSpec, value: string): string | undefined {
  switch (def.kind) {
    case ElementKind.AN:
    case ElementKind.ID: {
      for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 32) return '6';
      if (value.length < def.min) return '4';
      if (value.length > def.max) return '5';
      if (def.codes !== undefined && !def.codes.has(value)) return '7';
      return undefined;
    }
    case ElementKind.N:
    case ElementKind.R: {
      let digits = 0;
      let dots = 0;
      let i = value.charCodeAt(0) === 45 ? 1 : 0; // leading minus
      if (i === value.length) return '6';
      for (; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 48 && c <= 57) digits++;
        else if (c === 46 && def.kind === ElementKind.R && dots === 0) dots++;
        else return '6';
      }
      if (digits === 0) return '6';
      if (digits < def.min) return '4';
      if (digits > def.max) return '5';
      return undefined;
    }
    case ElementKind.DT: {
      if (!allDigits(value)) return '8';
      if (value.length < def.min) return '4';
      if (value.length > def.max) return '5';
      return validDate(value) ? undefined : '8';
    }
    case ElementKind.TM: {
      if (!allDigits(value)) return '9';
      if (value.length < def.min) return '4';
      if (value.length > def.max) return '5';
      return validTime(value) ? undefined : '9';
    }
    case ElementKind.B:
    case ElementKind.Composite:
      return undefined;
  }
}

function allDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(value: string): boolean {
  const long = value.length === 8;
  if (!long && value.length !== 6) return false;
  const year = long ? Number(value.slice(0, 4)) : 2000 + Number(value.slice(0, 2));
  const month = Number(value.slice(long ? 4 : 2, long ? 6 : 4));
  const day = Number(value.slice(long ? 6 : 4));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && !leap ? 28 : DAYS[month - 1]);
}

function validTime(value: string): boolean {
  if (value.length < 4) return false;
  const hh = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  if (hh > 23 || mm > 59) return false;
  if (value.length >= 6 && Number(value.slice(4, 6)) > 59) return false;
  return true;
}

function report(
  defects: X12Defect[],
  spec: SegmentSpec,
  seg: X12Segment,
  position: number,
  loopId: string | undefined,
  elementPosition: number,
  componentPosition: number | undefined,
  def: ElementSpec | undefined,
  code: string,
  badValue: string | undefined,
  trigger?: number,
): void {
  defects.push(
    x12Defect('X12.ELEMENT_INVALID', {
      segmentId: spec.id,
      segmentPosition: position,
      loopId,
      elementPosition,
      componentPosition,
      elementReference: def && !def.ref.startsWith('C') && !def.ref.startsWith('I') ? def.ref : undefined,
      ak403: code,
      badValue,
      message: `${spec.id}${String(elementPosition).padStart(2, '0')}${componentPosition ? `-${String(componentPosition).padStart(2, '0')}` : ''}: ${ELEMENT_MESSAGES[code] ?? 'invalid'}`,
      ...(trigger !== undefined ? { details: { triggerPosition: trigger, segment: seg[0] } } : {}),
    }),
  );
}

const ELEMENT_MESSAGES: Record<string, string> = {
  '1': 'mandatory data element missing',
  '2': 'conditional required data element missing',
  '3': 'too many data elements',
  '4': 'data element too short',
  '5': 'data element too long',
  '6': 'invalid character in data element',
  '7': 'invalid code value',
  '8': 'invalid date',
  '9': 'invalid time',
  '10': 'exclusion condition violated',
  '12': 'too many repetitions',
  '13': 'too many components',
};
