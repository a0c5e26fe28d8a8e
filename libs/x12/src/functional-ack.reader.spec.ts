import { ackGroupFrom, functionalAckGroup } from './functional-ack.builder';
import { readFunctionalAck } from './functional-ack.reader';
import { mapPurchaseOrder850 } from './po850.mapper';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { a850Body, a850Set, anIdentity, anInterchange } from './x12-test.builders';
import { writeInterchangeText } from './x12.writer';

const context = { rawDocumentId: 'raw-1', sender: 'partner-1', receivedAt: '2024-03-05T14:07:00Z' };

describe('reading a partner 997/999 about our documents', () => {
  it.each(['997', '999'] as const)(
    'our own %s read back gives the verdict and codes of each set (a round trip of the ack builder)',
    (kind) => {
      const five = kind === '999';
      const inbound = writeInterchangeText(
        anInterchange({
          identity: five ? { version: '00501' } : {},
          gsVersion: five ? '005010' : '004010',
          sets: [a850Set(1), a850Set(2, a850Body({ lines: [{ quantity: 'ten' }], ctt: ['CTT', '1'] }))],
        }),
      );
      const group = toInterchangeTrees(readX12Sync(inbound)).interchanges[0].groups[0];
      const sets = group.sets.map((set) => ({ set, defects: mapPurchaseOrder850(set, context).defects }));
      const ack = writeInterchangeText({
        identity: anIdentity({ version: five ? '00501' : '00401' }),
        delimiters: five ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
        groups: [
          functionalAckGroup(ackGroupFrom(group.result, sets), {
            kind,
            senderCode: 'BUYERCO',
            receiverCode: 'ORDERHUB',
            groupControlNumber: 3,
            setControlNumber: 3,
          }),
        ],
      });
      const [read] = toInterchangeTrees(readX12Sync(ack)).interchanges[0].groups[0].sets;
      expect(read.defects).toEqual([]);
      expect(readFunctionalAck(read.segments)).toEqual({
        functionalId: 'PO',
        groupControl: '7',
        groupStatus: 'partial',
        groupCodes: [],
        sets: [
          { setId: '850', setControl: '0001', status: 'accepted', codes: [] },
          {
            setId: '850',
            setControl: '0002',
            status: 'rejected',
            codes: [
              { level: 'segment', code: '8', segment: 'PO1', position: '3' },
              { level: 'element', code: '6', segment: 'PO1', position: '3', element: '2' },
              { level: 'set', code: '5' },
            ],
          },
        ],
      });
    },
  );
});
