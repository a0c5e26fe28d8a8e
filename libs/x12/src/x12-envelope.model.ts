import type { X12Defect } from './x12-defects';
import type { X12Delimiters } from './x12-delimiters';

/** A segment as its elements: [0] is the segment id, [n] is element n (so BEG03 is seg[3]). Composites stay joined. */
export type X12Segment = readonly string[];

export interface X12InterchangeHeader {
  /** 0-based ordinal of this interchange in the input. */
  index: number;
  offset: number;
  delimiters: X12Delimiters;
  /** ['ISA', ISA01..ISA16] as text (UTF-8 decoded, padding kept). */
  fields: readonly string[];
  authorizationQualifier: string;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 yymmdd and ISA10 hhmm, as sent (TA1 echoes them). */
  date: string;
  time: string;
  /** ISA12, e.g. "00401", "00501". */
  version: string;
  /** ISA13 as sent (9 digits). */
  controlNumber: string;
  /** ISA14 = "1". */
  ackRequested: boolean;
  /** ISA15: P production, T test. */
  usage: string;
  /** ISA structure/field defects known as soon as the ISA is read. */
  defects: X12Defect[];
}

export interface X12GroupHeader {
  interchange: X12InterchangeHeader;
  /** 0-based ordinal within the interchange. */
  index: number;
  /** GS01, e.g. "PO". */
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  date: string;
  time: string;
  /** GS06. */
  controlNumber: string;
  agency: string;
  /** GS08, e.g. "004010", "005010X231A1". */
  version: string;
  /** True when no GS came before the sets (the group is a stand-in so the sets can still be reported). */
  synthetic: boolean;
  segment: X12Segment;
}

export interface X12TransactionSet {
  group: X12GroupHeader;
  interchange: X12InterchangeHeader;
  /** ST01, e.g. "850". */
  id: string;
  /** ST02. */
  controlNumber: string;
  /** ST03 (5010 implementation convention reference). */
  implementationRef?: string;
  /** ST..SE inclusive (SE absent when missing). Position n in AK3/IK3 is segments[n - 1]. */
  segments: X12Segment[];
  /** Envelope defects of this set (SE checks, duplicates, bad segment ids...). */
  defects: X12Defect[];
  offset: number;
}

export interface X12GroupResult {
  group: X12GroupHeader;
  /** Transaction sets actually found. */
  setCount: number;
  /** GE01, GE02 when the GE was present. */
  trailer?: { setCount: string; controlNumber: string };
  defects: X12Defect[];
}

export interface X12InterchangeResult {
  interchange: X12InterchangeHeader;
  groupCount: number;
  /** TA1 segments the interchange carried (a partner's interchange acknowledgements of ours). */
  ta1Segments?: X12Segment[];
  trailer?: { groupCount: string; controlNumber: string };
  /** All interchange-level defects (ISA, structure, IEA). */
  defects: X12Defect[];
}

/** What the streaming reader yields, in document order. */
export type X12ReadEvent =
  | { type: 'interchange'; interchange: X12InterchangeHeader }
  | { type: 'group'; group: X12GroupHeader }
  | { type: 'transaction-set'; set: X12TransactionSet }
  | { type: 'group-end'; result: X12GroupResult }
  | { type: 'interchange-end'; result: X12InterchangeResult }
  | { type: 'stream-defect'; defect: X12Defect };
