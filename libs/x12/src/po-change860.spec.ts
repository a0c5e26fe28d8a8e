import fc from 'fast-check';
import type { OrderChangeAnswered } from '@orderhub/contracts';
import { outboundDefects } from './dictionary/x12-outbound.check';
import { buildPoChangeAck865 } from './po-change-ack865.builder';
import { mapPoChange860 } from './po-change860.mapper';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { anIdentity, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchangeText, X12SegmentDraft } from './x12.writer';

const context = {
  rawDocumentId: 'raw-1',
  sender: 'partner-1',
  partnerId: 'partner-1',
  customerId: 'cust-1',
  receivedAt: '2024-03-05T14:07:00Z',
};

function read860(body: X12SegmentDraft[], version: '004010' | '005010' = '004010') {
  const text = writeInterchangeText({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    delimiters: version === '005010' ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
    groups: [
      {
        functionalId: 'PC',
        senderCode: 'BUYERCO',
        receiverCode: 'ORDERHUB',
        controlNumber: 9,
        version,
        sets: [{ id: '860', controlNumber: 1, segments: body }],
      },
    ],
  });
  return toInterchangeTrees(readX12Sync(text, { supportedTransactionSets: ['860'] })).interchanges[0].groups[0].sets[0];
}

function write865(event: OrderChangeAnswered, version: '004010' | '005010' = '004010'): string {
  return writeInterchangeText({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    delimiters: version === '005010' ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
    groups: [
      {
        functionalId: 'CA',
        senderCode: 'ORDERHUB',
        receiverCode: 'BUYERCO',
        controlNumber: 1,
        version,
        sets: [buildPoChangeAck865(event, { version, controlNumber: 1, acknowledgedAt: new Date('2024-03-06T10:00:00Z') })],
      },
    ],
  });
}

const change860: X12SegmentDraft[] = [
  ['BCH', '04', 'SA', 'PO-1001', undefined, '2', '20240301'],
  ['DTM', '010', '20240318'],
  ['POC', '1', 'QI', '15', undefined, ['EA'], '2.5', 'PE', 'VN', 'SKU-1'],
  ['POC', '2', 'DI', undefined, undefined, undefined, undefined, undefined, 'VN', 'SKU-2'],
  ['POC', '3', 'AI', '4', undefined, ['CS'], '20', 'PE', 'VN', 'SKU-3'],
  ['PID', 'F', undefined, undefined, undefined, 'New item'],
  ['DTM', '010', '20240320'],
  ['CTT', '3'],
];

describe('860 purchase order change → canonical change', () => {
  it.each(['004010', '005010'] as const)(
    '%s: valid by the dictionary; quantity change, deleted line, added line with its own date, header date',
    (version) => {
      const set = read860(change860, version);
      expect(set.defects).toEqual([]);
      const result = mapPoChange860(set, context);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.change).toMatchObject({
        poNumber: 'PO-1001',
        purpose: 'change',
        changeSequence: '2',
        header: { requestedShipDate: '2024-03-18' },
        lines: [
          {
            buyerLineNumber: '1',
            changeType: 'QI',
            quantity: '15',
            uom: 'EA',
            unitPrice: '2.5',
            productIds: [{ qualifier: 'VN', value: 'SKU-1' }],
          },
          { buyerLineNumber: '2', changeType: 'DI', productIds: [{ qualifier: 'VN', value: 'SKU-2' }] },
          { buyerLineNumber: '3', changeType: 'AI', quantity: '4', uom: 'CS', description: 'New item', requestedShipDate: '2024-03-20' },
        ],
      });
    },
  );

  it('BCH01 01 cancels the order; BCH01 06 is not a change (business problem, not a syntax error)', () => {
    const cancel = mapPoChange860(
      read860([
        ['BCH', '01', 'SA', 'PO-1001', undefined, undefined, '20240301'],
        ['CTT', '0'],
      ]),
      context,
    );
    expect(cancel.ok && cancel.change.purpose).toBe('cancel');
    const set = read860([
      ['BCH', '06', 'SA', 'PO-1001', undefined, undefined, '20240301'],
      ['POC', '1', 'NC'],
    ]);
    expect(set.defects).toEqual([]);
    const confirmation = mapPoChange860(set, context);
    expect(confirmation.ok).toBe(false);
    expect(confirmation.defects.map((d) => [d.code, d.level])).toEqual([['PO860.PURPOSE_UNSUPPORTED', 'business']]);
  });

  it('a POC02 outside the standard code list is a syntax error (IK4 7); POC without POC01 is mandatory-missing (1)', () => {
    const set = read860([
      ['BCH', '04', 'SA', 'PO-1001', undefined, undefined, '20240301'],
      ['POC', '1', 'Q9', '3'],
      ['POC', undefined, 'QI', '3'],
    ]);
    expect(set.defects.map((d) => [d.segmentId, d.segmentPosition, d.elementPosition, d.ak403])).toEqual([
      ['POC', 3, 2, '7'],
      ['POC', 4, 1, '1'],
    ]);
  });
});

describe('865 purchase order change acknowledgment', () => {
  const answered: OrderChangeAnswered = {
    channel: 'edi',
    rawDocumentId: 'raw-1',
    sender: 'partner-1',
    partnerId: 'partner-1',
    customerId: 'cust-1',
    poNumber: 'PO-1001',
    poDate: '2024-03-01',
    salesOrderId: 'so-1',
    changeKey: 'k',
    purpose: 'change',
    changeSequence: '2',
    outcome: 'accepted-with-changes',
    lines: [
      {
        buyerLineNumber: '1',
        changeType: 'QI',
        status: 'accepted',
        quantity: '15',
        uom: 'EA',
        unitPrice: '2.5',
        productIds: [{ qualifier: 'VN', value: 'SKU-1' }],
      },
      { buyerLineNumber: '9', changeType: 'DI', status: 'rejected', productIds: [], reason: 'no line 9 on the order' },
    ],
    channelData: {},
  };

  it.each(['004010', '005010'] as const)(
    '%s: BCA, a POC and ACK per line (IA applied, IR refused); dictionary and node-x12 accept it',
    (version) => {
      const text = write865(answered, version);
      expect(outboundDefects(text)).toEqual([]);
      expect(() => parseWithNodeX12(Buffer.from(text))).not.toThrow();
      expect(text).toContain(
        '~BCA*04*AC*PO-1001**2*20240301****20240306~POC*1*QI*15**EA*2.5*PE*VN*SKU-1~ACK*IA*15*EA~POC*9*DI~ACK*IR~CTT*2~',
      );
    },
  );

  it('round trip (property): every answered line comes back as a POC with its status, and the dictionary accepts it', () => {
    const lineArb = fc.record({
      buyerLineNumber: fc.integer({ min: 1, max: 999 }).map(String),
      changeType: fc.constantFrom('AI', 'DI', 'QI', 'QD', 'PC', 'CA', 'NC', 'RS'),
      status: fc.constantFrom('accepted' as const, 'rejected' as const),
      quantity: fc.option(fc.integer({ min: 1, max: 9999 }).map(String), { nil: undefined }),
      uom: fc.constantFrom('EA', 'CS', 'BX'),
      productIds: fc.constant([{ qualifier: 'VN', value: 'SKU-1' }]).map((ids) => ids.map((id) => ({ ...id }))),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 0, maxLength: 8 }),
        fc.constantFrom('accepted', 'accepted-with-changes', 'rejected') as fc.Arbitrary<OrderChangeAnswered['outcome']>,
        fc.constantFrom('004010', '005010') as fc.Arbitrary<'004010' | '005010'>,
        (lines, outcome, version) => {
          const text = write865({ ...answered, outcome, lines }, version);
          expect(outboundDefects(text)).toEqual([]);
          const segments = toInterchangeTrees(readX12Sync(text)).interchanges[0].groups[0].sets[0].segments;
          const back = segments
            .filter((s) => s[0] === 'POC')
            .map((s) => [s[1], s[2], s[3] === undefined || s[3] === '' ? undefined : s[3]]);
          expect(back).toEqual(lines.map((l) => [l.buyerLineNumber, l.changeType, l.quantity]));
          expect(segments.filter((s) => s[0] === 'ACK').map((s) => s[1])).toEqual(
            lines.map((l) => (l.status === 'accepted' ? 'IA' : 'IR')),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
