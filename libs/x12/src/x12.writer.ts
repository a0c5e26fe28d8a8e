import { X12Error } from './x12-defects';
import { DEFAULT_DELIMITERS, delimiterProblems, X12Delimiters } from './x12-delimiters';
import { x12DateParts } from './x12-values';

/**
 * Writes interchanges. Control numbers come IN from the caller, who owns the persisted sequences; the writer
 * only formats them (ISA13 nine digits, ST02 at least four).
 *
 * Escaping: X12 has no escape character, so a value containing a delimiter cannot be written faithfully.
 * The writer REFUSES it with X12Error 'X12.DELIMITER_IN_VALUE' rather than silently altering data (a
 * changed PO number or SKU is worse than a visible failure). Builders sanitize free text (names,
 * descriptions) before it gets here, see sanitizeText.
 */
export type X12ElementValue = string | readonly string[] | undefined;
/** [0] segment id, then elements; an array element is a composite (joined with the component separator). */
export type X12SegmentDraft = readonly X12ElementValue[];

export interface X12TransactionSetDraft {
  /** ST01, e.g. "855". */
  id: string;
  /** ST02; a number is zero-padded to four digits. */
  controlNumber: string | number;
  /** ST03, 5010 implementation convention reference (e.g. "005010X231A1" for a 999). */
  implementationRef?: string;
  /** The body: everything between ST and SE. */
  segments: X12SegmentDraft[];
}

export interface X12GroupDraft {
  /** GS01: PO, PR (855), IN (810), FA (997/999). */
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  controlNumber: string | number;
  /** GS08, e.g. "004010", "005010", "005010X231A1". */
  version: string;
  date?: Date;
  sets: X12TransactionSetDraft[];
}

export interface X12PartyIdentity {
  qualifier: string;
  id: string;
}

export interface X12EnvelopeIdentity {
  sender: X12PartyIdentity;
  receiver: X12PartyIdentity;
  /** ISA13, 1..999999999. */
  controlNumber: string | number;
  /** ISA12: "00401" (4010 partners) or "00501" (5010). */
  version: string;
  date?: Date;
  usage?: 'P' | 'T';
  ackRequested?: boolean;
  authorization?: { qualifier: string; value: string };
  security?: { qualifier: string; value: string };
}

export interface X12InterchangeDraft {
  identity: X12EnvelopeIdentity;
  delimiters?: X12Delimiters;
  /** Adds "\n" after each terminator for readability (ignored when the terminator is itself a line break). */
  lineBreaks?: boolean;
  /** Interchange-level segments before the groups, e.g. TA1. */
  interchangeSegments?: X12SegmentDraft[];
  groups: X12GroupDraft[];
}

function fail(code: string, message: string, details: Record<string, unknown> = {}): never {
  throw new X12Error(code, message, details);
}

function checkValue(value: string, delimiters: X12Delimiters, where: string): void {
  const forbidden = [
    delimiters.element,
    delimiters.component,
    delimiters.segment,
    ...(delimiters.repetition ? [delimiters.repetition] : []),
  ];
  for (const c of forbidden) {
    if (value.includes(c)) fail('X12.DELIMITER_IN_VALUE', `${where} contains the delimiter ${JSON.stringify(c)}`, { where, value });
  }
  if (/[\r\n]/.test(value)) fail('X12.DELIMITER_IN_VALUE', `${where} contains a line break`, { where, value });
}

/** One segment as text, without terminator; trailing empty elements and components are dropped, as X12 requires. */
export function formatSegment(segment: X12SegmentDraft, delimiters: X12Delimiters): string {
  const tag = segment[0];
  if (typeof tag !== 'string' || !/^[A-Z][A-Z0-9]{1,2}$/.test(tag))
    fail('X12.SEGMENT_ID_INVALID', `invalid segment id ${JSON.stringify(tag)}`);
  const parts: string[] = [tag];
  for (let i = 1; i < segment.length; i++) {
    const value = segment[i];
    const where = `${tag}${String(i).padStart(2, '0')}`;
    if (value === undefined) parts.push('');
    else if (typeof value === 'string') {
      checkValue(value, delimiters, where);
      parts.push(value);
    } else {
      const components = [...value];
      while (components.length > 0 && (components[components.length - 1] ?? '') === '') components.pop();
      components.forEach((c, n) => checkValue(c, delimiters, `${where}-${n + 1}`));
      parts.push(components.join(delimiters.component));
    }
  }
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(delimiters.element);
}

function padRight(value: string, width: number, where: string): string {
  if (value.length > width) fail('X12.ENVELOPE_INVALID', `${where} is longer than ${width} characters`, { where, value });
  return value.padEnd(width, ' ');
}

function controlDigits(value: string | number, maxDigits: number, where: string): string {
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || text.length > maxDigits || BigInt(text) === 0n) {
    fail('X12.ENVELOPE_INVALID', `${where} must be 1..${'9'.repeat(maxDigits)}`, { where, value });
  }
  return text;
}

/** ST02: 4–9 characters; numbers are zero-padded to four. */
export function formatSetControlNumber(value: string | number): string {
  const text = typeof value === 'number' ? String(value).padStart(4, '0') : /^\d{1,3}$/.test(value) ? value.padStart(4, '0') : value;
  if (text.length < 4 || text.length > 9) fail('X12.ENVELOPE_INVALID', 'ST02 must be 4 to 9 characters', { value });
  return text;
}

/** The ISA fields ISA01..ISA16 for an identity (fixed widths applied). */
export function isaElements(identity: X12EnvelopeIdentity, delimiters: X12Delimiters): string[] {
  const { yymmdd, hhmm } = x12DateParts(identity.date ?? new Date());
  const version = identity.version;
  if (!/^\d{5}$/.test(version)) fail('X12.ENVELOPE_INVALID', 'ISA12 must be five digits', { version });
  const repetitionAware = version >= '00402';
  if (repetitionAware && !delimiters.repetition) fail('X12.DELIMITERS_INVALID', `version ${version} needs a repetition separator`);
  const qualifier = (q: string, where: string): string => {
    if (!/^[A-Z0-9]{2}$/.test(q)) fail('X12.ENVELOPE_INVALID', `${where} must be two characters`, { value: q });
    return q;
  };
  return [
    qualifier(identity.authorization?.qualifier ?? '00', 'ISA01'),
    padRight(identity.authorization?.value ?? '', 10, 'ISA02'),
    qualifier(identity.security?.qualifier ?? '00', 'ISA03'),
    padRight(identity.security?.value ?? '', 10, 'ISA04'),
    qualifier(identity.sender.qualifier, 'ISA05'),
    padRight(identity.sender.id, 15, 'ISA06'),
    qualifier(identity.receiver.qualifier, 'ISA07'),
    padRight(identity.receiver.id, 15, 'ISA08'),
    yymmdd,
    hhmm,
    repetitionAware ? (delimiters.repetition as string) : 'U',
    version,
    controlDigits(identity.controlNumber, 9, 'ISA13').padStart(9, '0'),
    identity.ackRequested ? '1' : '0',
    identity.usage ?? 'P',
    delimiters.component,
  ];
}

/** Writes one interchange: ISA, interchange segments, each GS..GE with ST..SE, IEA; counts computed here. */
export function writeInterchange(draft: X12InterchangeDraft): Buffer {
  return Buffer.from(writeInterchangeText(draft), 'utf8');
}

export function writeInterchangeText(draft: X12InterchangeDraft): string {
  const delimiters = draft.delimiters ?? DEFAULT_DELIMITERS;
  const problems = delimiterProblems(delimiters);
  if (problems.length > 0) fail('X12.DELIMITERS_INVALID', problems.join('; '), { delimiters });
  const isa = isaElements(draft.identity, delimiters);
  // ISA values are checked too: a sender id containing the element separator would shift every field.
  isa.slice(0, 15).forEach((v, i) => checkValue(v, { ...delimiters, repetition: undefined }, `ISA${String(i + 1).padStart(2, '0')}`));
  const lineBreak = draft.lineBreaks && delimiters.segment !== '\n' && delimiters.segment !== '\r' ? '\n' : '';
  const end = delimiters.segment + lineBreak;
  const out: string[] = [];
  out.push(['ISA', ...isa].join(delimiters.element) + end);
  for (const segment of draft.interchangeSegments ?? []) out.push(formatSegment(segment, delimiters) + end);
  const groupControls = new Set<string>();
  for (const group of draft.groups) {
    const gsControl = controlDigits(group.controlNumber, 9, 'GS06');
    if (groupControls.has(gsControl)) fail('X12.ENVELOPE_INVALID', `GS06 ${gsControl} used twice in one interchange`);
    groupControls.add(gsControl);
    const { ccyymmdd, hhmm } = x12DateParts(group.date ?? draft.identity.date ?? new Date());
    out.push(
      formatSegment(
        ['GS', group.functionalId, group.senderCode, group.receiverCode, ccyymmdd, hhmm, gsControl, 'X', group.version],
        delimiters,
      ) + end,
    );
    const setControls = new Set<string>();
    for (const set of group.sets) {
      const stControl = formatSetControlNumber(set.controlNumber);
      if (setControls.has(stControl)) fail('X12.ENVELOPE_INVALID', `ST02 ${stControl} used twice in one group`);
      setControls.add(stControl);
      out.push(formatSegment(['ST', set.id, stControl, set.implementationRef], delimiters) + end);
      for (const segment of set.segments) out.push(formatSegment(segment, delimiters) + end);
      out.push(formatSegment(['SE', String(set.segments.length + 2), stControl], delimiters) + end);
    }
    out.push(formatSegment(['GE', String(group.sets.length), gsControl], delimiters) + end);
  }
  out.push(formatSegment(['IEA', String(draft.groups.length), isa[12]], delimiters) + end);
  return out.join('');
}
