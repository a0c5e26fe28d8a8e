import { X12Defect, x12Defect } from './x12-defects';
import { delimiterProblems, X12Delimiters } from './x12-delimiters';
import type { X12InterchangeHeader, X12Segment } from './x12-envelope.model';
import { isSupportedInterchangeVersion, SUPPORTED_GROUP_VERSIONS } from './dictionary/x12-dictionary';

/**
 * Envelope rules, as pure checks the streaming reader calls at each header and trailer. Every finding is a
 * coded defect carrying the TA1 / AK9 / AK5 code it is acknowledged with.
 */
export interface X12PartyId {
  /** ISA05/ISA07 qualifier; any qualifier matches when omitted. */
  qualifier?: string;
  id: string;
}

export interface X12EnvelopeOptions {
  /** Our interchange ids: an ISA07/ISA08 not in the list is refused (TA1 009). No check when omitted. */
  expectedReceivers?: readonly X12PartyId[];
  /** The partner's interchange ids (ISA05/ISA06): anything else is refused (TA1 006). */
  expectedSenders?: readonly X12PartyId[];
  /** Our application receiver codes (GS03). */
  expectedGroupReceivers?: readonly string[];
  /** GS08 prefixes accepted (e.g. ["004010", "005010"]); default the releases the dictionary covers (004, 005). */
  supportedVersions?: readonly string[];
  /**
   * 'strict' (default): ISA fields must have their fixed widths (a short ISA02 is a TA1 011, as X12 says).
   * 'lenient': a width problem is only a warning (some translators trim ISA padding).
   */
  isaWidth?: 'strict' | 'lenient';
}

interface IsaFieldRule {
  width: number;
  ta1: string;
  name: string;
  pattern?: RegExp;
}

// ISA01..ISA16: fixed width and the TA105 code for a bad value of each.
const ISA_RULES: Record<number, IsaFieldRule> = {
  1: { width: 2, ta1: '010', name: 'ISA01 authorization qualifier', pattern: /^0[0-6]$/ },
  2: { width: 10, ta1: '011', name: 'ISA02 authorization information' },
  3: { width: 2, ta1: '012', name: 'ISA03 security qualifier', pattern: /^0[01]$/ },
  4: { width: 10, ta1: '013', name: 'ISA04 security information' },
  5: { width: 2, ta1: '005', name: 'ISA05 sender qualifier', pattern: /^[A-Z0-9]{2}$/ },
  6: { width: 15, ta1: '006', name: 'ISA06 sender id', pattern: /\S/ },
  7: { width: 2, ta1: '007', name: 'ISA07 receiver qualifier', pattern: /^[A-Z0-9]{2}$/ },
  8: { width: 15, ta1: '008', name: 'ISA08 receiver id', pattern: /\S/ },
  9: { width: 6, ta1: '014', name: 'ISA09 date', pattern: /^\d{6}$/ },
  10: { width: 4, ta1: '015', name: 'ISA10 time', pattern: /^([01]\d|2[0-3])[0-5]\d$/ },
  11: { width: 1, ta1: '016', name: 'ISA11 standards id / repetition separator' },
  12: { width: 5, ta1: '017', name: 'ISA12 version', pattern: /^\d{5}$/ },
  13: { width: 9, ta1: '018', name: 'ISA13 control number', pattern: /^\d{9}$/ },
  14: { width: 1, ta1: '019', name: 'ISA14 acknowledgment requested', pattern: /^[01]$/ },
  15: { width: 1, ta1: '020', name: 'ISA15 usage indicator', pattern: /^[PTI]$/ },
  16: { width: 1, ta1: '027', name: 'ISA16 component separator' },
};

const NBSP = '\u00a0';

/** Trims spaces and the NBSP padding some translators emit. */
export function trimPadding(value: string): string {
  // String#trim strips exactly \s (NBSP included) in linear time; the former /^[\s\u00a0]+|[\s\u00a0]+$/g
  // backtracked quadratically on a long padding run followed by another character.
  return value.trim();
}

/** Checks the ISA fields (decoded text) and delimiters. */
export function validateIsa(
  fields: readonly string[],
  delimiters: X12Delimiters,
  options: X12EnvelopeOptions = {},
  wrapped = false,
): X12Defect[] {
  const defects: X12Defect[] = [];
  const widthSeverity = options.isaWidth === 'lenient' ? 'warning' : 'error';
  let nbsp = false;
  for (let n = 1; n <= 16; n++) {
    const rule = ISA_RULES[n];
    const value = fields[n] ?? '';
    if (value.includes(NBSP)) nbsp = true;
    const widthOf = value.length;
    if (widthOf !== rule.width) {
      defects.push(
        x12Defect('X12.ISA_FIELD_INVALID', {
          severity: widthSeverity,
          ta1: rule.ta1,
          elementPosition: n,
          badValue: value,
          message: `${rule.name} must be ${rule.width} characters wide, is ${widthOf}`,
        }),
      );
      continue;
    }
    if (rule.pattern && !rule.pattern.test(trimPadding(value))) {
      defects.push(
        x12Defect('X12.ISA_FIELD_INVALID', { ta1: rule.ta1, elementPosition: n, badValue: value, message: `${rule.name} is invalid` }),
      );
    }
  }
  if (/^\d{5}$/.test(fields[12] ?? '') && !isSupportedInterchangeVersion(fields[12])) {
    defects.push(x12Defect('X12.INTERCHANGE_VERSION_UNSUPPORTED', { elementPosition: 12, badValue: fields[12] }));
  }
  if (/^\d{6}$/.test(fields[9] ?? '') && !validYymmdd(fields[9])) {
    defects.push(
      x12Defect('X12.ISA_FIELD_INVALID', { ta1: '014', elementPosition: 9, badValue: fields[9], message: 'ISA09 is not a real date' }),
    );
  }
  // Before 00402 ISA11 is the standards id and must be 'U'; several senders put '^' there anyway: noted only.
  const version = fields[12] ?? '';
  if (version < '00402' && fields[11] !== 'U') {
    defects.push(
      x12Defect('X12.ISA_FIELD_INVALID', {
        severity: 'warning',
        ta1: '016',
        elementPosition: 11,
        badValue: fields[11],
        message: 'ISA11 should be U before version 00402',
      }),
    );
  }
  if (nbsp) defects.push(x12Defect('X12.ISA_PADDING_NONSTANDARD'));
  if (wrapped) defects.push(x12Defect('X12.ISA_WRAPPED'));
  const problems = delimiterProblems(delimiters);
  if (problems.length > 0) {
    const componentBad = problems.some((p) => p.includes(JSON.stringify(delimiters.component)));
    defects.push(x12Defect('X12.DELIMITERS_INVALID', { ta1: componentBad ? '027' : '026', details: { problems } }));
  }
  const sender = { qualifier: trimPadding(fields[5] ?? ''), id: trimPadding(fields[6] ?? '') };
  const receiver = { qualifier: trimPadding(fields[7] ?? ''), id: trimPadding(fields[8] ?? '') };
  if (options.expectedSenders && !matchesParty(sender, options.expectedSenders)) {
    defects.push(x12Defect('X12.SENDER_UNKNOWN', { badValue: `${sender.qualifier}/${sender.id}` }));
  }
  if (options.expectedReceivers && !matchesParty(receiver, options.expectedReceivers)) {
    defects.push(x12Defect('X12.RECEIVER_UNKNOWN', { badValue: `${receiver.qualifier}/${receiver.id}` }));
  }
  return defects;
}

function matchesParty(actual: { qualifier: string; id: string }, expected: readonly X12PartyId[]): boolean {
  return expected.some((e) => e.id.trim() === actual.id && (e.qualifier === undefined || e.qualifier.trim() === actual.qualifier));
}

function validYymmdd(text: string): boolean {
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** GS problems split by level: an unusable GS (no control number...) spoils the interchange; a bad version only the group. */
export function validateGs(
  gs: X12Segment,
  interchange: X12InterchangeHeader,
  options: X12EnvelopeOptions = {},
): { interchangeDefects: X12Defect[]; groupDefects: X12Defect[] } {
  const interchangeDefects: X12Defect[] = [];
  const groupDefects: X12Defect[] = [];
  const missing = [1, 2, 3, 4, 5, 6, 7, 8].filter((n) => (gs[n] ?? '').trim() === '');
  if (missing.length > 0 || !/^\d{1,9}$/.test((gs[6] ?? '').trim())) {
    interchangeDefects.push(
      x12Defect('X12.GS_INVALID', {
        segmentId: 'GS',
        details: { missingElements: missing.map((n) => `GS${String(n).padStart(2, '0')}`), controlNumber: gs[6] },
      }),
    );
  }
  const version = (gs[8] ?? '').trim();
  if (version !== '') {
    const wellFormed = /^00[2-8]\d{3}/.test(version);
    const supported = (options.supportedVersions ?? SUPPORTED_GROUP_VERSIONS).some((v) => version.startsWith(v));
    if (!wellFormed || !supported) {
      groupDefects.push(x12Defect('X12.GROUP_VERSION_UNSUPPORTED', { badValue: version, elementPosition: 8 }));
    } else {
      const group5010 = version >= '005010';
      const isa5010 = interchange.version >= '00501';
      if (group5010 !== isa5010) {
        groupDefects.push(x12Defect('X12.VERSION_MISMATCH', { details: { isa12: interchange.version, gs08: version } }));
      }
    }
  }
  if (options.expectedGroupReceivers && !options.expectedGroupReceivers.includes((gs[3] ?? '').trim())) {
    groupDefects.push(x12Defect('X12.GS_RECEIVER_UNKNOWN', { badValue: gs[3] }));
  }
  return { interchangeDefects, groupDefects };
}

const sameControl = (a: string | undefined, b: string | undefined): boolean => (a ?? '').trim() === (b ?? '').trim();
const sameCount = (stated: string | undefined, actual: number): boolean => /^\d+$/.test((stated ?? '').trim()) && Number(stated) === actual;

/** SE01 counts ST..SE inclusive; SE02 repeats ST02. */
export function checkSetTrailer(st: X12Segment, se: X12Segment, segmentCount: number): X12Defect[] {
  const defects: X12Defect[] = [];
  if (!sameCount(se[1], segmentCount)) {
    defects.push(x12Defect('X12.SE_COUNT_MISMATCH', { badValue: se[1], details: { stated: se[1], actual: segmentCount } }));
  }
  if (!sameControl(se[2], st[2])) {
    defects.push(x12Defect('X12.SE_CONTROL_MISMATCH', { badValue: se[2], details: { st02: st[2], se02: se[2] } }));
  }
  return defects;
}

/** GE01 counts the sets; GE02 repeats GS06. */
export function checkGroupTrailer(gs: X12Segment, ge: X12Segment, setCount: number): X12Defect[] {
  const defects: X12Defect[] = [];
  if (!sameCount(ge[1], setCount)) {
    defects.push(x12Defect('X12.GE_SET_COUNT_MISMATCH', { badValue: ge[1], details: { stated: ge[1], actual: setCount } }));
  }
  if (!sameControl(ge[2], gs[6])) {
    defects.push(x12Defect('X12.GE_CONTROL_MISMATCH', { badValue: ge[2], details: { gs06: gs[6], ge02: ge[2] } }));
  }
  return defects;
}

/** IEA01 counts the groups; IEA02 repeats ISA13. */
export function checkInterchangeTrailer(isaControl: string, iea: X12Segment, groupCount: number): X12Defect[] {
  const defects: X12Defect[] = [];
  if (!sameCount(iea[1], groupCount)) {
    defects.push(x12Defect('X12.IEA_GROUP_COUNT_MISMATCH', { badValue: iea[1], details: { stated: iea[1], actual: groupCount } }));
  }
  if (!sameControl(iea[2], isaControl)) {
    defects.push(x12Defect('X12.IEA_CONTROL_MISMATCH', { badValue: iea[2], details: { isa13: isaControl, iea02: iea[2] } }));
  }
  return defects;
}

/** ST01 three digits, ST02 4–9 characters. */
export function validateSt(st: X12Segment): X12Defect[] {
  const defects: X12Defect[] = [];
  if (!/^\d{3}$/.test((st[1] ?? '').trim()))
    defects.push(x12Defect('X12.ST_ID_INVALID', { badValue: st[1], segmentId: 'ST', segmentPosition: 1 }));
  const control = (st[2] ?? '').trim();
  if (control.length < 4 || control.length > 9) {
    defects.push(x12Defect('X12.ST_CONTROL_INVALID', { badValue: st[2], segmentId: 'ST', segmentPosition: 1 }));
  }
  return defects;
}
