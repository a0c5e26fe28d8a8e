import { buildInvoice810 } from './invoice810.builder';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { anIdentity, anInvoiceIssued, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchange, X12TransactionSetDraft } from './x12.writer';

function write(set: X12TransactionSetDraft, version: '004010' | '005010') {
  return writeInterchange({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    groups: [{ functionalId: 'IN', senderCode: 'ORDERHUB', receiverCode: 'BUYERCO', controlNumber: 11, version, sets: [set] }],
  });
}

describe('810 invoice', () => {
  const text = write(buildInvoice810(anInvoiceIssued(), { version: '004010', controlNumber: 3 }), '004010').toString();

  it('starts with BIG and carries the PO reference, parties, terms and ship date', () => {
    expect(text).toContain('ST*810*0003~BIG*20240309*INV-9001*20240301*PO-1001~CUR*SE*USD~REF*PO*PO-1001~REF*VN*SO-000123~');
    expect(text).toContain('N1*BT*Buyer Co AP~N3*9 Ledger Rd~N4*Chicago*IL*60601*US~N1*ST*Store 12*92*0012~N4*Springfield*IL*62701~');
    expect(text).toContain('ITD*08*3*2**10**30~DTM*011*20240309~');
  });

  it('writes lines with product ids and the total in TDS with two implied decimals', () => {
    expect(text).toContain('IT1*1*10*EA*2.5*PE*VN*SKU-1~PID*F****Blue widget~IT1*2*3*CS*33.333*PE*VN*SKU-2*UP*012345678912~');
    expect(text).toContain('TDS*13734~');
  });

  it('adds CAD for a known carrier and SAC charges in N2', () => {
    expect(text).toContain('CAD*M***UPSN*UPS Ground~');
    expect(text).toContain('SAC*C*D240***1234**********Freight~');
    expect(text).toContain('CTT*2*13~');
  });

  it.each(['004010', '005010'] as const)('writes a %s 810 that node-x12 parses and our reader validates clean', (version) => {
    const bytes = write(buildInvoice810(anInvoiceIssued({ channelData: {} }), { version, controlNumber: 4 }), version);
    expect(bytes.toString()).not.toContain('CAD*');
    expect(parseWithNodeX12(bytes).functionalGroups[0].transactions[0].segments[0].tag).toBe('BIG');
    const [ic] = toInterchangeTrees(readX12Sync(bytes)).interchanges;
    expect(
      [...ic.result.defects, ...ic.groups[0].result.defects, ...ic.groups[0].sets[0].defects].filter((d) => d.severity !== 'info'),
    ).toEqual([]);
  });
});
