import { X12Defect, X12Error } from '../x12-defects';
import { toInterchangeTrees, readX12Sync } from '../x12-interchange.reader';
import { X12SegmentTokenizer } from '../x12-segment.tokenizer';
import { dictionaryFor, x12Dictionary } from './x12-dictionary';
import { checkSegment } from './x12-set.validator';

/**
 * Every document we write is read back and validated against the dictionary before it may leave: envelope,
 * segment order, elements, syntax notes, and the interchange-level TA1. A finding is our bug, never the
 * partner's: it stops delivery with X12.OUTBOUND_INVALID and the findings in its details.
 */
export function outboundDefects(content: string | Buffer): X12Defect[] {
  const found: X12Defect[] = [];
  // Our own document is already in memory: the inbound segment limit (meant for untrusted input) does not apply; a
  // 997 answering 50,000 sets has over 100,000 segments.
  const { interchanges, streamDefects } = toInterchangeTrees(readX12Sync(content, { maxSetSegments: Number.MAX_SAFE_INTEGER }));
  found.push(...streamDefects);
  for (const ic of interchanges) {
    found.push(...ic.result.defects);
    for (const group of ic.groups) {
      found.push(...group.result.defects);
      for (const set of group.sets) found.push(...set.defects);
    }
  }
  // TA1 travels between ISA and GS, where the envelope reader does not look: check it here.
  const tokenizer = new X12SegmentTokenizer();
  let version = '004010';
  let delimiters = { component: ':', repetition: undefined as string | undefined };
  for (const token of [...tokenizer.push(content), ...tokenizer.end()]) {
    if (token.kind === 'isa') {
      version = token.scan.fields[12] >= '00501' ? '005010' : '004010';
      delimiters = { component: token.scan.delimiters.component, repetition: token.scan.delimiters.repetition };
    } else if (token.kind === 'segment' && token.elements[0] === 'TA1') {
      const spec = (dictionaryFor(version) ?? x12Dictionary('004010')).segments.get('TA1');
      if (spec) checkSegment(spec, token.elements, 0, undefined, delimiters, found);
    }
  }
  return found.filter((d) => d.severity === 'error' && d.level !== 'business');
}

export function assertOutboundValid(content: string | Buffer, what: string): void {
  const defects = outboundDefects(content);
  if (defects.length === 0) return;
  throw new X12Error('X12.OUTBOUND_INVALID', `${what} fails the X12 dictionary: ${defects.map(describe).join('; ')}`, {
    defects: defects.slice(0, 20).map((d) => ({
      code: d.code,
      segment: d.segmentId,
      position: d.segmentPosition,
      element: d.elementPosition,
      ak304: d.ak304,
      ak403: d.ak403,
      value: d.badValue,
    })),
  });
}

function describe(d: X12Defect): string {
  const where = d.segmentId
    ? ` at ${d.segmentId}${d.elementPosition ? String(d.elementPosition).padStart(2, '0') : ''} (segment ${d.segmentPosition})`
    : '';
  return `${d.code}${where}: ${d.message}`;
}
