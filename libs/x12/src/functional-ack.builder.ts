import { statusOf, syntaxDefects, X12Defect } from './x12-defects';
import type { X12GroupResult, X12InterchangeHeader, X12TransactionSet } from './x12-envelope.model';
import type { X12GroupDraft, X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';

/**
 * 997 (for 4010 partners) and 999 (5010) functional acknowledgements, one per received functional group,
 * and the TA1 interchange acknowledgement. Each set is judged on its own: a set with a mapping defect is
 * rejected in its AK5/IK5 while its neighbours are accepted, and AK9 then says P (partially accepted).
 */
export type FunctionalAckKind = '997' | '999';

/** 999 is the 5010 acknowledgement; its implementation guide is 005010X231A1. */
export const IMPLEMENTATION_999 = '005010X231A1';

export interface AckSetInput {
  id: string;
  controlNumber: string;
  implementationRef?: string;
  /** Envelope, dictionary and mapping defects of this set (mapping ones are business: never acknowledged). */
  defects: readonly X12Defect[];
  /** The business unit the set is about (BEG03 purchase order number...), written as the 999's CTX. */
  businessUnit?: { name: string; value: string };
}

export interface AckGroupInput {
  functionalId: string;
  controlNumber: string;
  /** GS08 of the received group. */
  version: string;
  sets: readonly AckSetInput[];
  /** Group-level defects (GE checks, version...). */
  defects: readonly X12Defect[];
  /** GE01 as received, for AK902; the actual count is used when absent or not a number. */
  statedSetCount?: string;
}

/** 997 for versions before 005010, 999 from 005010 on. */
export function functionalAckKind(groupVersion: string): FunctionalAckKind {
  return groupVersion.trim() >= '005010' ? '999' : '997';
}

/** Builds the ack input from what the reader yielded, adding the caller's own (mapping) defects per set. */
export function ackGroupFrom(
  result: X12GroupResult,
  sets: ReadonlyArray<{ set: X12TransactionSet; defects?: readonly X12Defect[] }>,
): AckGroupInput {
  return {
    functionalId: result.group.functionalId,
    controlNumber: result.group.controlNumber,
    version: result.group.version,
    statedSetCount: result.trailer?.setCount,
    defects: result.defects,
    sets: sets.map(({ set, defects = [] }) => ({
      id: set.id,
      controlNumber: set.controlNumber,
      implementationRef: set.implementationRef,
      defects: [...set.defects, ...defects],
      businessUnit: businessUnitOf(set),
    })),
  };
}

const BUSINESS_UNITS: Record<string, { segment: string; element: number }> = {
  '850': { segment: 'BEG', element: 3 },
  '860': { segment: 'BCH', element: 3 },
};

/** BEG03 / BCH03: which purchase order a rejected set was, for the 999's business unit CTX. */
function businessUnitOf(set: X12TransactionSet): { name: string; value: string } | undefined {
  const where = BUSINESS_UNITS[set.id];
  const seg = where ? set.segments.find((s) => s[0] === where.segment) : undefined;
  const value = safeCopy(seg?.[where?.element ?? 0])?.slice(0, 35);
  return where && value ? { name: `${where.segment}${String(where.element).padStart(2, '0')}`, value } : undefined;
}

/** Free text copied into an ack (AK404 bad value) must not carry the outbound delimiters. */
function safeCopy(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = value
    .replace(/[^A-Za-z0-9 .,\-/]/g, '')
    .trim()
    .slice(0, 99);
  return cleaned === '' ? undefined : cleaned;
}

const MAX_SEGMENT_NOTES = 20;

function distinct(values: Array<string | undefined>, max: number): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))].slice(0, max);
}

export function setStatus(set: AckSetInput): 'A' | 'E' | 'R' {
  return statusOf(syntaxDefects(set.defects));
}

export function groupStatus(group: AckGroupInput): { status: 'A' | 'E' | 'P' | 'R'; accepted: number; received: number; included: number } {
  const received = group.sets.length;
  const statuses = group.sets.map(setStatus);
  const accepted = statuses.filter((s) => s !== 'R').length;
  const stated = group.statedSetCount?.trim() ?? '';
  const included = /^\d+$/.test(stated) ? Number(stated) : received;
  const groupLevel = statusOf(group.defects);
  let status: 'A' | 'E' | 'P' | 'R';
  if (groupLevel === 'R' || (received > 0 && accepted === 0)) status = 'R';
  else if (accepted < received) status = 'P';
  else if (groupLevel === 'E' || statuses.includes('E')) status = 'E';
  else status = 'A';
  return { status, accepted: status === 'R' ? 0 : accepted, received, included };
}

/** The ST..SE body of a 997 or 999 for one received group. */
export function buildFunctionalAck(
  group: AckGroupInput,
  options: { kind: FunctionalAckKind; controlNumber: string | number },
): X12TransactionSetDraft {
  const is999 = options.kind === '999';
  const segments: X12SegmentDraft[] = [];
  segments.push(is999 ? ['AK1', group.functionalId, group.controlNumber, group.version] : ['AK1', group.functionalId, group.controlNumber]);
  for (const set of group.sets) {
    segments.push(is999 ? ['AK2', set.id, set.controlNumber, set.implementationRef] : ['AK2', set.id, set.controlNumber]);
    const syntax = syntaxDefects(set.defects);
    const notes = syntax.filter(
      // A segment id that is not one (a corrupted tag) cannot be echoed in AK301: the AK5 code still says the set is bad.
      (d) =>
        d.severity !== 'info' &&
        d.segmentId !== undefined &&
        /^[A-Z][A-Z0-9]{1,2}$/.test(d.segmentId) &&
        d.segmentPosition !== undefined &&
        d.ak304 !== undefined,
    );
    // One AK3/IK3 per segment in error, its element errors (AK4/IK4) beneath it.
    let previous: X12Defect | undefined;
    for (const d of notes.slice(0, MAX_SEGMENT_NOTES)) {
      const sameSegment =
        previous !== undefined &&
        previous.segmentPosition === d.segmentPosition &&
        previous.segmentId === d.segmentId &&
        previous.ak304 === d.ak304;
      if (!sameSegment) {
        segments.push([is999 ? 'IK3' : 'AK3', d.segmentId, String(d.segmentPosition), d.loopId, d.ak304]);
        if (is999 && set.businessUnit) segments.push(['CTX', [set.businessUnit.name, set.businessUnit.value]]);
      }
      previous = d;
      if (d.ak403 !== undefined && d.elementPosition !== undefined) {
        const position =
          d.componentPosition !== undefined ? [String(d.elementPosition), String(d.componentPosition)] : [String(d.elementPosition)];
        segments.push([is999 ? 'IK4' : 'AK4', position, d.elementReference, d.ak403, safeCopy(d.badValue)]);
        // A syntax note broken: the 999 names the element whose presence made this one required (or excluded).
        const trigger = d.details?.['triggerPosition'];
        if (is999 && typeof trigger === 'number')
          segments.push(['CTX', ['SITUATIONAL TRIGGER'], d.segmentId, String(d.segmentPosition), d.loopId, [String(trigger)]]);
      }
    }
    const status = setStatus(set);
    const codes = distinct(
      syntax.filter((d) => d.severity !== 'info').map((d) => d.ak502),
      5,
    );
    segments.push([is999 ? 'IK5' : 'AK5', status, ...codes]);
  }
  const { status, accepted, received, included } = groupStatus(group);
  const groupCodes = distinct(
    group.defects
      .filter((d) => d.severity !== 'info')
      .map((d) => d.ak905)
      // 716 code 19 means "control number not unique" only from 005010; in a 4010 997 it is a security code.
      .filter((code) => is999 || code !== '19'),
    5,
  );
  segments.push(['AK9', status, String(included), String(received), String(accepted), ...groupCodes]);
  return { id: options.kind, controlNumber: options.controlNumber, implementationRef: is999 ? IMPLEMENTATION_999 : undefined, segments };
}

/**
 * The acknowledgement as a whole functional group (GS01 FA). Sender/receiver codes are the received GS03/GS02
 * swapped; GS08 is the received version for a 997 and 005010X231A1 for a 999.
 */
export function functionalAckGroup(
  group: AckGroupInput,
  options: {
    kind?: FunctionalAckKind;
    senderCode: string;
    receiverCode: string;
    groupControlNumber: string | number;
    setControlNumber: string | number;
    date?: Date;
  },
): X12GroupDraft {
  const kind = options.kind ?? functionalAckKind(group.version);
  return {
    functionalId: 'FA',
    senderCode: options.senderCode,
    receiverCode: options.receiverCode,
    controlNumber: options.groupControlNumber,
    // A 997 speaks the received version, unless that was unusable (then plain 004010).
    version: kind === '999' ? IMPLEMENTATION_999 : /^00[2-8]\d{3}/.test(group.version.trim()) ? group.version.trim().slice(0, 6) : '004010',
    date: options.date,
    sets: [buildFunctionalAck(group, { kind, controlNumber: options.setControlNumber })],
  };
}

/** Interchange-level defects that warrant a TA1 (info-level quirks do not). */
export function ta1Required(header: Pick<X12InterchangeHeader, 'ackRequested'>, interchangeDefects: readonly X12Defect[]): boolean {
  return header.ackRequested || interchangeDefects.some((d) => d.severity !== 'info');
}

/** TA1*ISA13*ISA09*ISA10*A|E|R*TA105: the first error's note code, else the first warning's, else 000. */
export function buildTa1(
  header: Pick<X12InterchangeHeader, 'controlNumber' | 'date' | 'time'>,
  interchangeDefects: readonly X12Defect[],
): X12SegmentDraft {
  const status = statusOf(interchangeDefects);
  const noteworthy = interchangeDefects.filter((d) => d.ta1 !== undefined);
  const first = noteworthy.find((d) => d.severity === 'error') ?? noteworthy.find((d) => d.severity === 'warning');
  const note = status === 'A' ? '000' : (first?.ta1 ?? '022');
  const digits = (v: string, n: number): string => (new RegExp(`^\\d{${n}}$`).test(v.trim()) ? v.trim() : '0'.repeat(n));
  // TA102/TA103 echo ISA09/ISA10; when those are no real date or time, ours is written instead, so the TA1 itself stays valid.
  const now = new Date().toISOString();
  const date = realDate(header.date.trim()) ? header.date.trim() : `${now.slice(2, 4)}${now.slice(5, 7)}${now.slice(8, 10)}`;
  const time = /^([01]\d|2[0-3])[0-5]\d$/.test(header.time.trim()) ? header.time.trim() : `${now.slice(11, 13)}${now.slice(14, 16)}`;
  return ['TA1', digits(header.controlNumber, 9), date, time, status, note];
}

function realDate(yymmdd: string): boolean {
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
