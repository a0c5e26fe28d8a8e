import { InvalidInputError } from '@orderhub/contracts';

/**
 * Every problem the reader, validator or mapper finds is a coded defect. The code is ours (stable, dotted);
 * the ack codes beside it are the real X12 values the acknowledgement builders put on the wire:
 *
 * - `ta1`: TA105 interchange note code (I18): 001 control number mismatch, 021 group count, 022 control
 *   structure, 023 premature end of file, 024 invalid content, 025 duplicate interchange...
 * - `ak905`: functional group syntax error code (716): 1 not supported, 2 version not supported, 3 trailer
 *   missing, 4 GS06/GE02 disagree, 5 set count does not match GE01, 19 control number not unique (5010+).
 * - `ak502`: transaction set syntax error code (718/618): 1 not supported, 2 SE missing, 3 ST02/SE02 disagree,
 *   4 SE01 wrong, 5 segments in error, 6/7 bad ST01/ST02, 23 ST02 not unique in the group.
 * - `ak304`: segment syntax error code (720/620): 1 unrecognized id, 3 mandatory segment missing, 8 element errors.
 * - `ak403`: element syntax error code (723/621): 1 mandatory missing, 2 conditional missing, 6 invalid
 *   character, 7 invalid code value, 8 invalid date.
 */
/** business: an application rule (the exceptions queue says it); never an acknowledgement code. */
export type X12DefectLevel = 'stream' | 'interchange' | 'group' | 'set' | 'business';
/** error: the level is rejected; warning: accepted with errors noted (TA1/AK5/AK9 'E'); info: tolerated quirk. */
export type X12Severity = 'error' | 'warning' | 'info';

export interface X12AckCodes {
  ta1?: string;
  ak905?: string;
  ak502?: string;
  ak304?: string;
  ak403?: string;
}

interface CatalogEntry extends X12AckCodes {
  level: X12DefectLevel;
  severity: X12Severity;
  message: string;
}

export const X12_DEFECTS = {
  // Stream: bytes that are not (inside) an interchange. No ISA identity, so no TA1 can answer them.
  'X12.NOT_X12': { level: 'stream', severity: 'error', message: 'no ISA interchange header found' },
  'X12.EBCDIC_NOT_SUPPORTED': { level: 'stream', severity: 'error', message: 'input looks like EBCDIC; only ASCII/UTF-8 X12 is accepted' },
  'X12.CONTENT_OUTSIDE_INTERCHANGE': {
    level: 'stream',
    severity: 'warning',
    message: 'content outside any ISA/IEA interchange was skipped',
  },
  'X12.ISA_TRUNCATED': { level: 'stream', severity: 'error', message: 'input ends inside an ISA header' },
  'X12.SEGMENT_TOO_LONG': { level: 'stream', severity: 'error', message: 'segment exceeds the maximum length; skipped' },

  // Interchange (TA1).
  'X12.ISA_FIELD_INVALID': { level: 'interchange', severity: 'error', ta1: '022', message: 'ISA field is invalid' },
  'X12.ISA_PADDING_NONSTANDARD': {
    level: 'interchange',
    severity: 'info',
    message: 'ISA field padded with non-space characters (e.g. NBSP)',
  },
  'X12.ISA_WRAPPED': { level: 'interchange', severity: 'info', message: 'line breaks inside the ISA were ignored' },
  'X12.DELIMITERS_INVALID': { level: 'interchange', severity: 'error', ta1: '026', message: 'delimiters are ambiguous or invalid' },
  'X12.IEA_MISSING': { level: 'interchange', severity: 'error', ta1: '023', message: 'IEA trailer missing (premature end of interchange)' },
  'X12.IEA_CONTROL_MISMATCH': { level: 'interchange', severity: 'error', ta1: '001', message: 'IEA02 does not match ISA13' },
  'X12.IEA_GROUP_COUNT_MISMATCH': {
    level: 'interchange',
    severity: 'error',
    ta1: '021',
    message: 'IEA01 does not match the number of groups',
  },
  'X12.INTERCHANGE_DUPLICATE': { level: 'interchange', severity: 'error', ta1: '025', message: 'duplicate interchange control number' },
  'X12.SENDER_UNKNOWN': { level: 'interchange', severity: 'error', ta1: '006', message: 'ISA05/ISA06 is not the expected sender' },
  'X12.RECEIVER_UNKNOWN': { level: 'interchange', severity: 'error', ta1: '009', message: 'ISA07/ISA08 is not one of our interchange ids' },
  'X12.INTERCHANGE_VERSION_UNSUPPORTED': {
    level: 'interchange',
    severity: 'error',
    ta1: '017',
    message: 'ISA12 interchange control version not supported',
  },
  'X12.GS_MISSING': {
    level: 'interchange',
    severity: 'error',
    ta1: '022',
    message: 'transaction set outside a functional group (GS missing)',
  },
  'X12.GS_INVALID': { level: 'interchange', severity: 'error', ta1: '024', message: 'GS segment is invalid' },
  'X12.SEGMENT_OUTSIDE_GROUP': { level: 'interchange', severity: 'error', ta1: '024', message: 'segment between ISA and GS/after GE' },

  // Functional group (AK9/AK905).
  'X12.GE_MISSING': { level: 'group', severity: 'error', ak905: '3', message: 'GE trailer missing' },
  'X12.GE_CONTROL_MISMATCH': { level: 'group', severity: 'error', ak905: '4', message: 'GE02 does not match GS06' },
  'X12.GE_SET_COUNT_MISMATCH': {
    level: 'group',
    severity: 'error',
    ak905: '5',
    message: 'GE01 does not match the number of transaction sets',
  },
  'X12.GS_CONTROL_DUPLICATE': { level: 'group', severity: 'error', ak905: '19', message: 'GS06 not unique within the interchange' },
  'X12.GROUP_VERSION_UNSUPPORTED': { level: 'group', severity: 'error', ak905: '2', message: 'GS08 version not supported' },
  'X12.VERSION_MISMATCH': { level: 'group', severity: 'warning', message: 'GS08 version family differs from ISA12' },
  'X12.GS_RECEIVER_UNKNOWN': {
    level: 'group',
    severity: 'error',
    ak905: '1',
    message: 'GS03 is not our application receiver code (HUB_GS_ID)',
  },
  'X12.SEGMENT_OUTSIDE_SET': { level: 'group', severity: 'error', message: 'segments between GS and ST, or ST missing' },

  // Transaction set (AK5/IK5), and segments inside it (AK3/AK4, IK3/IK4).
  'X12.SE_MISSING': { level: 'set', severity: 'error', ak502: '2', message: 'SE trailer missing' },
  'X12.SE_CONTROL_MISMATCH': { level: 'set', severity: 'error', ak502: '3', message: 'SE02 does not match ST02' },
  'X12.SE_COUNT_MISMATCH': { level: 'set', severity: 'error', ak502: '4', message: 'SE01 does not match the number of segments' },
  'X12.ST_ID_INVALID': { level: 'set', severity: 'error', ak502: '6', message: 'ST01 missing or invalid' },
  'X12.ST_CONTROL_INVALID': { level: 'set', severity: 'error', ak502: '7', message: 'ST02 missing or invalid' },
  'X12.ST_CONTROL_DUPLICATE': { level: 'set', severity: 'error', ak502: '23', message: 'ST02 not unique within the group' },
  'X12.SET_UNSUPPORTED': { level: 'set', severity: 'error', ak502: '1', message: 'transaction set not supported' },
  'X12.SET_TOO_LARGE': { level: 'set', severity: 'error', ak502: '5', ak304: '5', message: 'transaction set exceeds the segment limit' },
  'X12.SEGMENT_ID_INVALID': { level: 'set', severity: 'error', ak502: '5', ak304: '1', message: 'unrecognized segment id' },
  // Dictionary validation (AK3/IK3 codes 1-8; AK4/IK4 codes set per finding).
  'X12.SEGMENT_UNRECOGNIZED': { level: 'set', severity: 'error', ak502: '5', ak304: '1', message: 'unrecognized segment id' },
  'X12.SEGMENT_UNEXPECTED': { level: 'set', severity: 'error', ak502: '5', ak304: '2', message: 'unexpected segment' },
  'X12.SEGMENT_MISSING': { level: 'set', severity: 'error', ak502: '5', ak304: '3', message: 'mandatory segment missing' },
  'X12.LOOP_OVER_MAX': { level: 'set', severity: 'error', ak502: '5', ak304: '4', message: 'loop occurs over maximum times' },
  'X12.SEGMENT_OVER_MAX': { level: 'set', severity: 'error', ak502: '5', ak304: '5', message: 'segment exceeds maximum use' },
  'X12.SEGMENT_NOT_IN_SET': { level: 'set', severity: 'error', ak502: '5', ak304: '6', message: 'segment not in defined transaction set' },
  'X12.SEGMENT_OUT_OF_SEQUENCE': { level: 'set', severity: 'error', ak502: '5', ak304: '7', message: 'segment not in proper sequence' },
  'X12.ELEMENT_INVALID': { level: 'set', severity: 'error', ak502: '5', ak304: '8', message: 'segment has data element errors' },

  // 850 mapping (application rules). Business problems, not syntax: the set is accepted in the 997/999 as far as
  // the dictionary goes, and the order goes to the exceptions queue with these reasons.
  'PO850.BEG_MISSING': { level: 'business', severity: 'error', message: 'BEG segment missing' },
  'PO850.PO1_MISSING': { level: 'business', severity: 'error', message: 'no PO1 line item' },
  'PO850.PO_NUMBER_MISSING': { level: 'business', severity: 'error', message: 'BEG03 purchase order number missing' },
  'PO850.PURPOSE_INVALID': { level: 'business', severity: 'error', message: 'BEG01 purpose code not supported' },
  'PO850.DATE_INVALID': { level: 'business', severity: 'error', message: 'invalid date' },
  'PO850.QUANTITY_INVALID': { level: 'business', severity: 'error', message: 'PO102 quantity missing, not a number or not positive' },
  'PO850.UOM_MISSING': { level: 'business', severity: 'error', message: 'PO103 unit of measure missing or too long' },
  'PO850.PRICE_INVALID': { level: 'business', severity: 'error', message: 'PO104 unit price is not a number' },
  'PO850.PRODUCT_ID_MISSING': { level: 'business', severity: 'error', message: 'PO1 line without a product identifier' },
  'PO850.AMOUNT_INVALID': { level: 'business', severity: 'error', message: 'amount is not a number' },
  'PO850.CTT_LINE_COUNT_MISMATCH': { level: 'business', severity: 'error', message: 'CTT01 does not match the number of PO1 segments' },
  'PO850.CTT_HASH_TOTAL_MISMATCH': { level: 'business', severity: 'error', message: 'CTT02 hash total does not match the sum of PO102' },
  // 860 mapping: business problems, the change goes to the exceptions queue.
  'PO860.BCH_MISSING': { level: 'business', severity: 'error', message: 'BCH segment missing' },
  'PO860.PO_NUMBER_MISSING': { level: 'business', severity: 'error', message: 'BCH03 purchase order number missing' },
  'PO860.PURPOSE_UNSUPPORTED': {
    level: 'business',
    severity: 'error',
    message: 'BCH01 purpose is not a change, cancellation or replacement',
  },
  'PO860.NO_CHANGES': { level: 'business', severity: 'error', message: 'a change with no POC line' },
  'PO860.LINE_INVALID': {
    level: 'business',
    severity: 'error',
    message: 'POC line without a line number or with an unreadable quantity or price',
  },
  'PO850.VALUE_IGNORED': { level: 'business', severity: 'info', message: 'a value could not be represented and was ignored' },
  'PO850.SCHEMA_INVALID': { level: 'business', severity: 'error', message: 'mapped purchase order fails the canonical schema' },
} as const satisfies Record<string, CatalogEntry>;

export type X12DefectCode = keyof typeof X12_DEFECTS;

export interface X12Defect extends X12AckCodes {
  code: X12DefectCode;
  level: X12DefectLevel;
  severity: X12Severity;
  message: string;
  /** Byte offset in the input, where known. */
  offset?: number;
  /** Segment pointer for AK3/IK3: id, 1-based position within the set (ST = 1), loop id. */
  segmentId?: string;
  segmentPosition?: number;
  loopId?: string;
  /** Element pointer for AK4/IK4: 1-based position, component position, data element reference number. */
  elementPosition?: number;
  componentPosition?: number;
  elementReference?: string;
  badValue?: string;
  details?: Record<string, unknown>;
}

export type X12DefectInit = Partial<Omit<X12Defect, 'code' | 'level'>>;

export function x12Defect(code: X12DefectCode, init: X12DefectInit = {}): X12Defect {
  const entry: CatalogEntry = X12_DEFECTS[code];
  const out: X12Defect = { code, level: entry.level, severity: entry.severity, message: entry.message };
  for (const key of ['ta1', 'ak905', 'ak502', 'ak304', 'ak403'] as const) {
    if (entry[key] !== undefined) out[key] = entry[key];
  }
  for (const [key, value] of Object.entries(init)) {
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function hasErrors(defects: readonly X12Defect[]): boolean {
  return defects.some((d) => d.severity === 'error');
}

/** The defects an acknowledgement speaks of: syntax and envelope, never business rules. */
export function syntaxDefects(defects: readonly X12Defect[]): X12Defect[] {
  return defects.filter((d) => d.level !== 'business');
}

/** A: accepted, E: accepted with errors noted, R: rejected; the vocabulary of TA104, AK501 and AK901. */
export function statusOf(defects: readonly X12Defect[]): 'A' | 'E' | 'R' {
  if (defects.some((d) => d.severity === 'error')) return 'R';
  if (defects.some((d) => d.severity === 'warning')) return 'E';
  return 'A';
}

/** Thrown by the writer and builders for input the caller must fix (never by the reader). */
export class X12Error extends InvalidInputError {}

export function isX12Error(error: unknown): error is X12Error {
  return error instanceof X12Error;
}
