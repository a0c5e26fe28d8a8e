import { ackGroupFrom, buildTa1, functionalAckGroup, functionalAckKind, ta1Required } from './functional-ack.builder';
import { x12Defect } from './x12-defects';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { mapPurchaseOrder850 } from './po850.mapper';
import { a850Body, a850Set, anIdentity, anInterchange, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchange, writeInterchangeText } from './x12.writer';

const context = { rawDocumentId: 'raw-1', sender: 'partner-1', receivedAt: '2024-03-05T14:07:00Z' };

/** Reads an inbound document, maps its 850s, and answers with the functional ack for its first group. */
function acknowledge(inbound: string, kind?: '997' | '999') {
  const { interchanges } = toInterchangeTrees(readX12Sync(inbound, { supportedTransactionSets: ['850'] }));
  const [ic] = interchanges;
  const group = ic.groups[0];
  const sets = group.sets.map((set) => ({
    set,
    defects: set.defects.length === 0 && set.id === '850' ? mapPurchaseOrder850(set, context).defects : [],
  }));
  const ackGroup = functionalAckGroup(ackGroupFrom(group.result, sets), {
    kind,
    senderCode: 'ORDERHUB',
    receiverCode: 'BUYERCO',
    groupControlNumber: 1,
    setControlNumber: 1,
  });
  const bytes = writeInterchange({
    identity: anIdentity({
      sender: { qualifier: 'ZZ', id: 'ORDERHUB' },
      receiver: { qualifier: 'ZZ', id: 'BUYERCO' },
      version: kind === '999' ? '00501' : '00401',
    }),
    groups: [ackGroup],
  });
  return bytes.toString('utf8');
}

describe('997 / 999 functional acknowledgements', () => {
  const good = a850Set(1);
  const noQuantity = a850Set(2, a850Body({ lines: [{ quantity: 'ten', ids: [['VN', 'X']] }], ctt: ['CTT', '1'] }));
  const unsupported = { id: '810', controlNumber: 3, segments: [['BIG', '20240301', 'INV1']] };
  const inbound = writeInterchangeText(anInterchange({ sets: [good, noQuantity, unsupported] }));

  it('accepts the good set, rejects the bad one with AK3/AK4 pointers, and says P in AK9', () => {
    const ack = acknowledge(inbound);
    expect(ack).toContain('ST*997*0001~AK1*PO*7~');
    expect(ack).toContain('AK2*850*0001~AK5*A~');
    expect(ack).toContain('AK2*850*0002~AK3*PO1*3*PO1*8~AK4*2*330*6*ten~AK5*R*5~');
    expect(ack).toContain('AK2*810*0003~AK5*R*1~');
    expect(ack).toContain('AK9*P*3*3*1~');
  });

  it('answers 5010 with a 999: IK3/IK4/IK5 and GS08 005010X231A1', () => {
    const inbound5010 = writeInterchangeText(
      anInterchange({ sets: [good, noQuantity], identity: { version: '00501' }, gsVersion: '005010' }),
    );
    const ack = acknowledge(inbound5010, functionalAckKind('005010'));
    expect(ack).toContain('*X*005010X231A1~ST*999*0001*005010X231A1~AK1*PO*7*005010~');
    expect(ack).toContain('IK3*PO1*3*PO1*8~CTX*BEG03:PO-1001~IK4*2*330*6*ten~IK5*R*5~');
    expect(ack).toContain('AK9*P*2*2*1~');
  });

  it('rejects a whole group whose trailer is wrong, with the real AK905 code', () => {
    const ack = acknowledge(inbound.replace('GE*3*7~', 'GE*3*8~'));
    expect(ack).toContain('AK9*R*3*3*0*4~');
  });

  it('produces acks that node-x12 parses and our own reader finds clean', () => {
    for (const kind of ['997', '999'] as const) {
      const ack = Buffer.from(acknowledge(inbound, kind));
      expect(parseWithNodeX12(ack).functionalGroups[0].transactions[0].header.elements[0].value).toBe(kind);
      const [ic] = toInterchangeTrees(readX12Sync(ack)).interchanges;
      expect(
        [...ic.result.defects, ...ic.groups[0].result.defects, ...ic.groups[0].sets[0].defects].filter((d) => d.severity !== 'info'),
      ).toEqual([]);
    }
  });
});

describe('TA1', () => {
  const header = { controlNumber: '123456789', date: '150106', time: '1201', ackRequested: true };

  it('says A/000 when asked for and nothing is wrong', () => {
    expect(ta1Required(header, [])).toBe(true);
    expect(buildTa1(header, [])).toEqual(['TA1', '123456789', '150106', '1201', 'A', '000']);
  });

  it('rejects with the first error code and is required even when not asked for', () => {
    const defects = [x12Defect('X12.ISA_PADDING_NONSTANDARD'), x12Defect('X12.IEA_CONTROL_MISMATCH')];
    expect(ta1Required({ ackRequested: false }, defects)).toBe(true);
    expect(buildTa1(header, defects)).toEqual(['TA1', '123456789', '150106', '1201', 'R', '001']);
    expect(ta1Required({ ackRequested: false }, [x12Defect('X12.ISA_PADDING_NONSTANDARD')])).toBe(false);
  });

  it('travels in an interchange without groups that our reader finds clean', () => {
    // node-x12 refuses any segment outside a functional group, TA1 included, so it cannot judge this one.
    const bytes = writeInterchange({ identity: anIdentity(), interchangeSegments: [buildTa1(header, [])], groups: [] });
    expect(bytes.toString()).toContain('~TA1*123456789*150106*1201*A*000~IEA*0*000000001~');
    const [ic] = toInterchangeTrees(readX12Sync(bytes)).interchanges;
    expect(ic.result.defects.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});
