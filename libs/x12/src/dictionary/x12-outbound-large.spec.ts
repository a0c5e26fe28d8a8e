import { functionalAckGroup } from '../functional-ack.builder';
import { x12Defect } from '../x12-defects';
import { anIdentity } from '../x12-test.builders';
import { writeInterchangeText } from '../x12.writer';
import { outboundDefects } from './x12-outbound.check';

describe('the outbound check on a large acknowledgement', () => {
  it('accepts our 997 for 60,000 sets (over 100,000 segments): the inbound segment limit is not ours', () => {
    const sets = Array.from({ length: 60_000 }, (_, i) => ({
      id: '810',
      controlNumber: String(i + 1).padStart(5, '0'),
      defects: [x12Defect('X12.SET_UNSUPPORTED')],
    }));
    const group = functionalAckGroup(
      { functionalId: 'IN', controlNumber: '1', version: '004010', sets, defects: [] },
      { kind: '997', senderCode: 'ORDERHUB', receiverCode: 'BUYERCO', groupControlNumber: 1, setControlNumber: 1 },
    );
    expect(outboundDefects(writeInterchangeText({ identity: anIdentity(), groups: [group] }))).toEqual([]);
  });
});
