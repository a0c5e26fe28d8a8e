import { ackGroupFrom, buildTa1, functionalAckGroup } from '../functional-ack.builder';
import { buildInvoice810 } from '../invoice810.builder';
import { mapPurchaseOrder850 } from '../po850.mapper';
import { buildPoAck855 } from '../po-ack855.builder';
import { X12Defect } from '../x12-defects';
import { readX12Sync, toInterchangeTrees } from '../x12-interchange.reader';
import { a850Body, a850Set, anIdentity, anInterchange, anInvoiceIssued, anOrderAcknowledged, parseWithNodeX12 } from '../x12-test.builders';
import { writeInterchangeText, X12SegmentDraft, X12TransactionSetDraft } from '../x12.writer';
import { x12Dictionary } from './x12-dictionary';
import { assertOutboundValid, outboundDefects } from './x12-outbound.check';

const context = { rawDocumentId: 'raw-1', sender: 'partner-1', receivedAt: '2024-03-05T14:07:00Z' };

/** Reads one inbound interchange; the first group's sets with their dictionary findings. */
function read(sets: X12TransactionSetDraft[], options: { gsVersion?: string; isaVersion?: string } = {}) {
  const text = writeInterchangeText(
    anInterchange({ sets, gsVersion: options.gsVersion, identity: options.isaVersion ? { version: options.isaVersion } : {} }),
  );
  const { interchanges } = toInterchangeTrees(readX12Sync(text, { supportedTransactionSets: ['850', '860'] }));
  return interchanges[0];
}

/** [segment id, position, AK304, element position, AK403] of each finding: what the AK3/AK4 will say. */
const pointers = (defects: readonly X12Defect[]) =>
  defects.filter((d) => d.ak304 !== undefined).map((d) => [d.segmentId, d.segmentPosition, d.ak304, d.elementPosition, d.ak403]);

const findings = (body: X12SegmentDraft[], gsVersion = '004010') =>
  pointers(read([a850Set(1, body)], { gsVersion }).groups[0].sets[0].defects);

/** The 997 (or 999) a set gets, as text. */
function ack(body: X12SegmentDraft[], kind: '997' | '999'): string {
  const ic = read([a850Set(1, body)], kind === '999' ? { gsVersion: '005010', isaVersion: '00501' } : {});
  const group = ic.groups[0];
  const sets = group.sets.map((set) => ({ set, defects: mapPurchaseOrder850(set, context).defects }));
  const draft = functionalAckGroup(ackGroupFrom(group.result, sets), {
    kind,
    senderCode: 'ORDERHUB',
    receiverCode: 'BUYERCO',
    groupControlNumber: 1,
    setControlNumber: 1,
  });
  return writeInterchangeText({ identity: anIdentity({ version: kind === '999' ? '00501' : '00401' }), groups: [draft] });
}

describe('X12 dictionary', () => {
  it('compiles every set we read and write in 004010 and 005010', () => {
    expect([...x12Dictionary('004010').sets.keys()].sort()).toEqual(['810', '846', '850', '855', '856', '860', '865', '997']);
    expect([...x12Dictionary('005010').sets.keys()].sort()).toEqual(['810', '846', '850', '855', '856', '860', '865', '997', '999']);
  });

  it('accepts a plain 850 with nothing to say', () => {
    expect(findings(a850Body())).toEqual([]);
  });

  describe('requirement designators: an optional element is never "mandatory missing"', () => {
    it('PO103 (unit, optional) absent: no AK4 code 1; the missing unit is a business problem for the exceptions queue', () => {
      const body = a850Body({ lines: [{ uom: '' }] });
      expect(findings(body)).toEqual([]);
      const mapped = mapPurchaseOrder850(read([a850Set(1, body)]).groups[0].sets[0], context);
      expect(mapped.defects.map((d) => [d.code, d.level, d.ak403])).toEqual([['PO850.UOM_MISSING', 'business', undefined]]);
      expect(ack(body, '997')).toContain('AK2*850*0001~AK5*A~');
    });

    it('BEG03 (mandatory) absent: AK4 code 1 at BEG03, element 324', () => {
      expect(findings(a850Body({ poNumber: '' }))).toEqual([['BEG', 2, '8', 3, '1']]);
      expect(ack(a850Body({ poNumber: '' }), '997')).toContain('AK3*BEG*2**8~AK4*3*324*1~AK5*R*5~');
    });
  });

  describe('code lists: a valid code is never reported invalid', () => {
    it('BEG01 18 (reissue) is a valid purpose we do not handle: accepted in the 997, the order goes to the exceptions queue', () => {
      const body = a850Body({ purpose: '18' });
      expect(findings(body)).toEqual([]);
      expect(ack(body, '997')).toContain('AK5*A~');
      expect(mapPurchaseOrder850(read([a850Set(1, body)]).groups[0].sets[0], context).defects.map((d) => d.code)).toEqual([
        'PO850.PURPOSE_INVALID',
      ]);
    });

    it('a code we do not act on (PO106 qualifier ZZ, N101 role XQ) is never judged', () => {
      expect(findings(a850Body({ header: [['N1', 'XQ', 'Somebody']], lines: [{ ids: [['ZZ', 'X-1']] }] }))).toEqual([]);
    });

    it('a code outside the standard list of an element we act on is IK4 7', () => {
      expect(findings(a850Body({ purpose: 'Q9' }))).toEqual([['BEG', 2, '8', 1, '7']]);
    });
  });

  describe('syntax notes P, R, C, E, L', () => {
    it('P (paired): PO106 without PO107 is AK4 2 at PO107, and the 999 names PO106 as the trigger in a CTX', () => {
      const body = a850Body({
        lines: [
          {
            ids: [
              ['VN', 'SKU-1'],
              ['UP', ''],
            ],
          },
        ],
      });
      // formatSegment drops the trailing empty PO109: write the pair by hand so PO108 stands alone.
      body[1] = ['PO1', '1', '10', 'EA', '2.5', 'PE', 'VN', 'SKU-1', 'UP'];
      expect(findings(body)).toEqual([['PO1', 3, '8', 9, '2']]);
      expect(ack(body, '999')).toContain('IK3*PO1*3*PO1*8~CTX*BEG03:PO-1001~IK4*9*234*2~CTX*SITUATIONAL TRIGGER*PO1*3*PO1*8~IK5*R*5~');
    });

    it('R (at least one): REF with neither REF02 nor REF03', () => {
      expect(findings(a850Body({ header: [['REF', 'DP']] }))).toEqual([['REF', 3, '8', 2, '2']]);
    });

    it('C (conditional): PO105 basis of price without PO104 price', () => {
      const body = a850Body();
      body[1] = ['PO1', '1', '10', 'EA', undefined, 'PE', 'VN', 'SKU-1'];
      expect(findings(body)).toEqual([['PO1', 3, '8', 4, '2']]);
    });

    it('E (exclusion): N402 state and N407 country subdivision together in a 5010 N4', () => {
      const body = a850Body({
        header: [
          ['N1', 'ST', 'Store'],
          ['N4', 'Paris', 'IL', '75001', 'FR', undefined, undefined, 'J'],
        ],
      });
      expect(findings(body, '005010')).toEqual([['N4', 4, '8', 7, '10']]);
      expect(findings(body, '004010')).toEqual([['N4', 4, '8', 7, '3']]); // 4010 has no N407: too many elements
    });

    it('L (list conditional): CUR10 date qualifier without CUR11 or CUR12', () => {
      const cur: X12SegmentDraft = ['CUR', 'BY', 'USD', undefined, undefined, undefined, undefined, undefined, undefined, undefined, '196'];
      expect(findings(a850Body({ header: [cur] }))).toEqual([['CUR', 3, '8', 11, '2']]);
    });
  });

  describe('segment placement: AK304 codes 1 to 7', () => {
    it.each([
      ['1 unrecognized', a850Body({ header: [['ZZQ', 'X']] }), ['ZZQ', 3, '1', undefined, undefined]],
      ['3 mandatory missing (no PO1 loop)', a850Body({ lines: [], ctt: null }), ['PO1', 3, '3', undefined, undefined]],
      [
        '5 over maximum use (two CUR)',
        a850Body({
          header: [
            ['CUR', 'BY', 'USD'],
            ['CUR', 'BY', 'EUR'],
          ],
        }),
        ['CUR', 4, '5', undefined, undefined],
      ],
      ['6 not in this set (BIG in an 850)', a850Body({ header: [['BIG', '20240301', 'INV1']] }), ['BIG', 3, '6', undefined, undefined]],
      [
        '7 out of sequence (CUR after DTM)',
        a850Body({
          header: [
            ['DTM', '002', '20240315'],
            ['CUR', 'BY', 'USD'],
          ],
        }),
        ['CUR', 4, '7', undefined, undefined],
      ],
    ] as const)('%s', (_name, body, expected) => {
      expect(findings(body as X12SegmentDraft[])).toEqual([expected]);
    });

    it('2 unexpected: LQ is in the set, but only inside an LM loop', () => {
      expect(findings(a850Body({ header: [['LQ', '0', 'X']] }))).toEqual([['LQ', 3, '2', undefined, undefined]]);
    });

    it('4 loop over maximum: a 201st N1 loop in the heading', () => {
      const parties = Array.from({ length: 201 }, (_, i): X12SegmentDraft => ['N1', 'ST', `Store ${i}`]);
      expect(findings(a850Body({ header: parties }))).toEqual([['N1', 203, '4', undefined, undefined]]);
    });
  });

  describe('element types and lengths: AK403 codes', () => {
    it.each([
      ['4 too short (BEG05 as YYMMDD)', a850Body({ date: '240301' }), ['BEG', 2, '8', 5, '4']],
      ['5 too long (PO103 EACH)', a850Body({ lines: [{ uom: 'EACH' }] }), ['PO1', 3, '8', 3, '5']],
      ['6 invalid character (PO102 ten)', a850Body({ lines: [{ quantity: 'ten' }], ctt: ['CTT', '1'] }), ['PO1', 3, '8', 2, '6']],
      ['8 invalid date (BEG05 20241345)', a850Body({ date: '20241345' }), ['BEG', 2, '8', 5, '8']],
      [
        '3 too many elements (N2 with three)',
        a850Body({
          header: [
            ['N1', 'ST', 'Store'],
            ['N2', 'A', 'B', 'C'],
          ],
        }),
        ['N2', 4, '8', 3, '3'],
      ],
      ['9 invalid time (DTM03 2561)', a850Body({ header: [['DTM', '002', '20240315', '2561']] }), ['DTM', 3, '8', 3, '9']],
    ] as const)('%s', (_name, body, expected) => {
      expect(findings(body as X12SegmentDraft[])).toEqual([expected]);
    });

    it('12 too many repetitions: a repetition separator in a non-repeating 5010 element', () => {
      const text = writeInterchangeText(anInterchange({ identity: { version: '00501' }, gsVersion: '005010', sets: [a850Set(1)] })).replace(
        'PO-1001',
        'PO^1001',
      );
      const [ic] = toInterchangeTrees(readX12Sync(text)).interchanges;
      expect(pointers(ic.groups[0].sets[0].defects)).toEqual([['BEG', 2, '8', 3, '12']]);
    });
  });

  describe('versions', () => {
    it.each(['003010', '003050', '008020'])('a %s group is refused with AK905 2 and its sets are not judged', (version) => {
      const ic = read([a850Set(1)], { gsVersion: version });
      expect(ic.groups[0].result.defects.map((d) => [d.code, d.ak905])).toEqual([['X12.GROUP_VERSION_UNSUPPORTED', '2']]);
      expect(ic.groups[0].sets[0].defects).toEqual([]);
    });

    it.each(['00200', '00300', '00801'])('ISA12 %s is refused with TA1 R 017', (isa12) => {
      const text = writeInterchangeText(anInterchange()).replace('*00401*', `*${isa12}*`);
      const [ic] = toInterchangeTrees(readX12Sync(text)).interchanges;
      expect(buildTa1(ic.result.interchange, ic.result.defects).slice(4)).toEqual(['R', '017']);
    });

    it('004030 and 005010 groups are read with the 004010 and 005010 tables', () => {
      expect(read([a850Set(1)], { gsVersion: '004030' }).groups[0].result.defects).toEqual([]);
      expect(read([a850Set(1)], { gsVersion: '005010', isaVersion: '00501' }).groups[0].result.defects).toEqual([]);
    });
  });

  it('GS03 other than our application id rejects the group (AK9 R, AK905 1)', () => {
    const text = writeInterchangeText(anInterchange());
    const [ic] = toInterchangeTrees(readX12Sync(text, { expectedGroupReceivers: ['HUBAPP'] })).interchanges;
    expect(ic.groups[0].result.defects.map((d) => [d.code, d.ak905, d.badValue])).toEqual([['X12.GS_RECEIVER_UNKNOWN', '1', 'ORDERHUB']]);
  });

  describe('what we write is checked before it leaves', () => {
    const envelope = (set: X12TransactionSetDraft, functionalId: string, version = '004010') =>
      writeInterchangeText({
        identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
        delimiters: version === '005010' ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
        groups: [{ functionalId, senderCode: 'ORDERHUB', receiverCode: 'BUYERCO', controlNumber: 1, version, sets: [set] }],
      });

    it.each(['004010', '005010'] as const)('855, 810, 997/999 and TA1 in %s pass the dictionary and node-x12', (version) => {
      const docs = [
        envelope(buildPoAck855(anOrderAcknowledged(), { version, controlNumber: 1 }), 'PR', version),
        envelope(buildInvoice810(anInvoiceIssued(), { version, controlNumber: 2 }), 'IN', version),
        ack(a850Body({ lines: [{ quantity: 'ten' }] }), version === '005010' ? '999' : '997'),
      ];
      for (const doc of docs) {
        expect(outboundDefects(doc)).toEqual([]);
        expect(() => parseWithNodeX12(Buffer.from(doc))).not.toThrow();
      }
      const ta1 = writeInterchangeText({
        identity: anIdentity(),
        interchangeSegments: [buildTa1({ controlNumber: '000000005', date: '240305', time: '1407' }, [])],
        groups: [],
      });
      expect(outboundDefects(ta1)).toEqual([]);
    });

    it('a document the dictionary refuses stops with X12.OUTBOUND_INVALID naming the element', () => {
      const bad = envelope(buildPoAck855(anOrderAcknowledged({ currency: 'EURO' }), { version: '004010', controlNumber: 1 }), 'PR');
      expect(() => assertOutboundValid(bad, '855 for PO-1001')).toThrow(
        expect.objectContaining({ code: 'X12.OUTBOUND_INVALID', message: expect.stringContaining('CUR02') }),
      );
      const ta1 = writeInterchangeText({
        identity: anIdentity(),
        interchangeSegments: [['TA1', '5', '240305', '1407', 'A', '000']],
        groups: [],
      });
      expect(outboundDefects(ta1).map((d) => [d.segmentId, d.elementPosition, d.ak403])).toEqual([['TA1', 1, '4']]);
    });
  });
});
