import { buildPoAck855 } from './po-ack855.builder';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { anIdentity, anOrderAcknowledged, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchange, X12TransactionSetDraft } from './x12.writer';

function write(set: X12TransactionSetDraft, version: '004010' | '005010') {
  return writeInterchange({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    groups: [{ functionalId: 'PR', senderCode: 'ORDERHUB', receiverCode: 'BUYERCO', controlNumber: 9, version, sets: [set] }],
  });
}

describe('855 purchase order acknowledgment', () => {
  it('says BAK AC with the PO number and date, echoes lines and ACKs each decision with its ship date', () => {
    const set = buildPoAck855(anOrderAcknowledged(), {
      version: '004010',
      controlNumber: 5,
      acknowledgedAt: new Date('2024-03-06T10:00:00Z'),
    });
    const text = write(set, '004010').toString();
    expect(text).toContain('ST*855*0005~BAK*00*AC*PO-1001*20240301****SO-000123*20240306~');
    expect(text).toContain('DTM*068*20240308~N1*ST*Store 12 North*92*0012~N3*1 Main St~N4*Springfield*IL*62701*US~');
    expect(text).toContain('PO1*1*10*EA*2.5*PE*VN*SKU-1*UP*012345678905~PID*F****Blue widget large~ACK*IA*10*EA*068*20240308~');
    expect(text).toContain('PO1*2*5*CS*20*PE*VN*SKU-2~ACK*IA*3*CS*068*20240320~ACK*IB*2*CS~');
    expect(text).toContain('CTT*2*15~SE*');
  });

  it('rejects with RJ and IR lines', () => {
    const event = anOrderAcknowledged({
      outcome: 'rejected',
      lines: anOrderAcknowledged().lines.map((l) => ({ ...l, ackCode: 'IR' as const, status: 'rejected' as const, acceptedQuantity: '0' })),
    });
    const text = write(buildPoAck855(event, { version: '005010', controlNumber: 6 }), '005010').toString();
    expect(text).toContain('BAK*00*RJ*PO-1001');
    expect(text).toContain('ACK*IR*10*EA~');
  });

  it.each(['004010', '005010'] as const)('writes a %s 855 that node-x12 parses and our reader validates clean', (version) => {
    const bytes = write(buildPoAck855(anOrderAcknowledged(), { version, controlNumber: 7 }), version);
    expect(parseWithNodeX12(bytes).functionalGroups[0].transactions[0].segments.length).toBeGreaterThan(5);
    const [ic] = toInterchangeTrees(readX12Sync(bytes)).interchanges;
    const defects = [...ic.result.defects, ...ic.groups[0].result.defects, ...ic.groups[0].sets[0].defects].filter(
      (d) => d.severity !== 'info',
    );
    expect(defects).toEqual([]);
  });

  it('refuses an identifier that contains a partner delimiter rather than altering it', () => {
    const event = anOrderAcknowledged({ poNumber: 'PO*1' });
    expect(() => write(buildPoAck855(event, { version: '004010', controlNumber: 8 }), '004010')).toThrow(
      expect.objectContaining({ code: 'X12.DELIMITER_IN_VALUE' }),
    );
  });
});
