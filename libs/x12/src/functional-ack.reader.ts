import type { X12Segment } from './x12-envelope.model';

/**
 * A partner's 997 or 999 about one of our functional groups, read back into verdicts: AK1 names our group (GS06),
 * each AK2 one of our sets (ST02) with its AK3/AK4 (IK3/IK4) pointers and AK5/IK5 status; AK9 the group's.
 */
export type AckVerdict = 'accepted' | 'accepted-with-errors' | 'rejected';

export interface AckCodeNote {
  level: 'group' | 'set' | 'segment' | 'element';
  code: string;
  segment?: string;
  position?: string;
  element?: string;
}

export interface FunctionalAckReport {
  functionalId: string;
  groupControl: string;
  groupStatus: AckVerdict | 'partial';
  groupCodes: AckCodeNote[];
  sets: Array<{ setId: string; setControl: string; status: AckVerdict; codes: AckCodeNote[] }>;
}

const verdict = (code: string | undefined): AckVerdict => (code === 'A' ? 'accepted' : code === 'E' ? 'accepted-with-errors' : 'rejected');

export function readFunctionalAck(segments: readonly X12Segment[]): FunctionalAckReport | undefined {
  const ak1 = segments.find((s) => s[0] === 'AK1');
  if (!ak1) return undefined;
  const report: FunctionalAckReport = {
    functionalId: ak1[1] ?? '',
    groupControl: (ak1[2] ?? '').trim(),
    groupStatus: 'accepted',
    groupCodes: [],
    sets: [],
  };
  let current: FunctionalAckReport['sets'][number] | undefined;
  let segment: { id?: string; position?: string } = {};
  for (const seg of segments) {
    switch (seg[0]) {
      case 'AK2':
        current = { setId: seg[1] ?? '', setControl: (seg[2] ?? '').trim(), status: 'accepted', codes: [] };
        report.sets.push(current);
        break;
      case 'AK3':
      case 'IK3':
        segment = { id: seg[1], position: seg[2] };
        if (current && seg[4]) current.codes.push({ level: 'segment', code: seg[4], segment: seg[1], position: seg[2] });
        break;
      case 'AK4':
      case 'IK4':
        if (current && seg[3])
          current.codes.push({ level: 'element', code: seg[3], segment: segment.id, position: segment.position, element: seg[1] });
        break;
      case 'AK5':
      case 'IK5':
        if (current) {
          current.status = verdict(seg[1]);
          for (const code of seg.slice(2)) if (code) current.codes.push({ level: 'set', code });
        }
        current = undefined;
        break;
      case 'AK9':
        report.groupStatus = seg[1] === 'P' ? 'partial' : verdict(seg[1]);
        for (const code of seg.slice(5)) if (code) report.groupCodes.push({ level: 'group', code });
        break;
      default:
        break;
    }
  }
  return report;
}
