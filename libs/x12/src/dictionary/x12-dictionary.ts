import { CODE_LISTS } from './x12-codes.dictionary';
import { X12_ELEMENTS, X12ElementDef, X12ElementType } from './x12-elements.dictionary';
import { COMPOSITES_004010, COMPOSITES_005010_CHANGES, SEGMENTS_004010, SEGMENTS_005010_CHANGES } from './x12-segments.dictionary';
import { SETS_004010, SETS_005010 } from './x12-sets.dictionary';

/**
 * The dictionary tables compiled once into lookup structures the validator walks without allocating:
 * element specs in arrays, code lists in Sets, each loop's children indexed by segment id.
 */
export type X12DictionaryVersion = '004010' | '005010';

export enum Req {
  Optional = 0,
  Mandatory = 1,
  Relational = 2,
}

export enum ElementKind {
  AN,
  ID,
  R,
  N,
  DT,
  TM,
  B,
  Composite,
}

export interface SyntaxNote {
  kind: 'P' | 'R' | 'C' | 'E' | 'L';
  /** 1-based element (or component) positions. */
  positions: readonly number[];
  text: string;
}

export interface ElementSpec {
  ref: string;
  req: Req;
  kind: ElementKind;
  decimals: number;
  min: number;
  max: number;
  codes?: ReadonlySet<string>;
  /** For a composite: its components and notes. */
  components?: readonly ElementSpec[];
  componentNotes?: readonly SyntaxNote[];
}

export interface SegmentSpec {
  id: string;
  elements: readonly ElementSpec[];
  notes: readonly SyntaxNote[];
}

export interface SegmentNode {
  kind: 'segment';
  id: string;
  req: Req;
  max: number;
}

export interface LoopNode {
  kind: 'loop';
  /** Loop identifier for AK303/IK303. */
  id: string;
  trigger: string;
  req: Req;
  max: number;
  children: ReadonlyArray<SegmentNode | LoopNode>;
  /** Segment id → indices of the children it can be (a segment, or a loop it triggers), ascending. */
  index: ReadonlyMap<string, readonly number[]>;
}

export interface SetSpec {
  id: string;
  root: LoopNode;
  /** Every segment id that occurs anywhere in the set. */
  segmentIds: ReadonlySet<string>;
}

export interface X12Dictionary {
  version: X12DictionaryVersion;
  segments: ReadonlyMap<string, SegmentSpec>;
  sets: ReadonlyMap<string, SetSpec>;
  /** Every segment id this dictionary knows (defined or placed in a set). */
  knownSegments: ReadonlySet<string>;
}

const KINDS: Record<X12ElementType, ElementKind> = {
  AN: ElementKind.AN,
  ID: ElementKind.ID,
  R: ElementKind.R,
  N: ElementKind.N,
  DT: ElementKind.DT,
  TM: ElementKind.TM,
  B: ElementKind.B,
};

function parseNotes(text: string | undefined): SyntaxNote[] {
  if (!text) return [];
  return text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((token) => {
      const match = /^([PRCEL])((?:\d\d)+)$/.exec(token);
      if (!match) throw new Error(`bad syntax note ${token}`);
      const positions = match[2].match(/\d\d/g)?.map(Number) ?? [];
      return { kind: match[1] as SyntaxNote['kind'], positions, text: token };
    });
}

const REQ: Record<string, Req> = { M: Req.Mandatory, O: Req.Optional, X: Req.Relational };

function compileElements(
  spec: string,
  elements: ReadonlyMap<string, X12ElementDef>,
  composites: Readonly<Record<string, string>>,
  where: string,
): { elements: ElementSpec[]; notes: SyntaxNote[] } {
  const [list, notes] = spec.split('|');
  const out = list
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((token): ElementSpec => {
      const req = REQ[token[0]];
      const ref = token.slice(1);
      if (req === undefined) throw new Error(`${where}: bad element ${token}`);
      if (/^C\d{3}$/.test(ref)) {
        const compositeSpec = composites[ref];
        if (compositeSpec === undefined) throw new Error(`${where}: unknown composite ${ref}`);
        const inner = compileElements(compositeSpec, elements, composites, `${where}/${ref}`);
        return {
          ref,
          req,
          kind: ElementKind.Composite,
          decimals: 0,
          min: 0,
          max: 0,
          components: inner.elements,
          componentNotes: inner.notes,
        };
      }
      const def = elements.get(ref);
      if (!def) throw new Error(`${where}: unknown element ${ref}`);
      const codes = CODE_LISTS[ref];
      return {
        ref,
        req,
        kind: KINDS[def.type],
        decimals: def.decimals,
        min: def.min,
        max: def.max,
        ...(codes ? { codes: new Set(codes) } : {}),
      };
    });
  return { elements: out, notes: parseNotes(notes) };
}

interface Cursor {
  tokens: string[];
  at: number;
}

function parseStructure(cursor: Cursor, id: string, trigger: string, req: Req, max: number): LoopNode {
  const children: Array<SegmentNode | LoopNode> = [];
  while (cursor.at < cursor.tokens.length) {
    const token = cursor.tokens[cursor.at++];
    if (token === ']') break;
    if (token.startsWith('[')) {
      const [name, r, m] = token.slice(1).split(':');
      const [loopTrigger, loopId] = name.split('/');
      children.push(parseStructure(cursor, loopId ?? loopTrigger, loopTrigger, REQ[r], m === '>1' ? Infinity : Number(m)));
      continue;
    }
    const [seg, r, m] = token.split(':');
    children.push({ kind: 'segment', id: seg, req: REQ[r], max: m === '>1' ? Infinity : Number(m) });
  }
  const index = new Map<string, number[]>();
  children.forEach((child, i) => {
    const key = child.kind === 'segment' ? child.id : child.trigger;
    const list = index.get(key) ?? [];
    list.push(i);
    index.set(key, list);
  });
  return { kind: 'loop', id, trigger, req, max, children, index };
}

function collectIds(loop: LoopNode, into: Set<string>): Set<string> {
  for (const child of loop.children) {
    if (child.kind === 'segment') into.add(child.id);
    else collectIds(child, into);
  }
  return into;
}

function compile(version: X12DictionaryVersion): X12Dictionary {
  const elements = X12_ELEMENTS[version];
  const five = version === '005010';
  const segmentTexts = five ? { ...SEGMENTS_004010, ...SEGMENTS_005010_CHANGES } : SEGMENTS_004010;
  const composites = five ? { ...COMPOSITES_004010, ...COMPOSITES_005010_CHANGES } : COMPOSITES_004010;
  const segments = new Map<string, SegmentSpec>();
  for (const [id, text] of Object.entries(segmentTexts)) {
    const compiled = compileElements(text, elements, composites, `${version} ${id}`);
    segments.set(id, { id, ...compiled });
  }
  const sets = new Map<string, SetSpec>();
  const knownSegments = new Set(segments.keys());
  for (const [id, text] of Object.entries(five ? SETS_005010 : SETS_004010)) {
    const tokens = text.replace(/\[/g, ' [').replace(/\]/g, ' ] ').trim().split(/\s+/);
    const root = parseStructure({ tokens, at: 0 }, id, 'ST', Req.Mandatory, 1);
    const segmentIds = collectIds(root, new Set());
    for (const s of segmentIds) knownSegments.add(s);
    sets.set(id, { id, root, segmentIds });
  }
  return { version, segments, sets, knownSegments };
}

const DICTIONARIES: Record<X12DictionaryVersion, X12Dictionary> = { '004010': compile('004010'), '005010': compile('005010') };

/** The dictionary that validates a group of this GS08 version: 004xxx by 004010, 005xxx by 005010. */
export function dictionaryFor(groupVersion: string): X12Dictionary | undefined {
  const v = groupVersion.trim();
  if (v.startsWith('004')) return DICTIONARIES['004010'];
  if (v.startsWith('005')) return DICTIONARIES['005010'];
  return undefined;
}

export function x12Dictionary(version: X12DictionaryVersion): X12Dictionary {
  return DICTIONARIES[version];
}

/** GS08 versions whose groups we read: the releases the dictionary covers. */
export const SUPPORTED_GROUP_VERSIONS: readonly string[] = ['004', '005'];
/** ISA12 interchange control versions we read (004xx and 005xx control structures). */
export function isSupportedInterchangeVersion(isa12: string): boolean {
  return /^00(4\d\d|50\d)$/.test(isa12.trim());
}
