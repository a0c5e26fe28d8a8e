import fc from 'fast-check';
import { outboundDefects } from './dictionary/x12-outbound.check';
import { buildInventoryAdvice846, InventoryAdvice } from './inventory-advice846.builder';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { anIdentity, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchangeText } from './x12.writer';

function write846(advice: InventoryAdvice, version: '004010' | '005010' = '004010'): string {
  return writeInterchangeText({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    delimiters: version === '005010' ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
    groups: [
      {
        functionalId: 'IB',
        senderCode: 'ORDERHUB',
        receiverCode: 'BUYERCO',
        controlNumber: 1,
        version,
        sets: [buildInventoryAdvice846(advice, { version, controlNumber: 1 })],
      },
    ],
  });
}

describe('846 inventory advice', () => {
  const advice: InventoryAdvice = {
    reportId: 'INV-20240305',
    asOf: new Date('2024-03-05T06:00:00Z'),
    items: [
      {
        productIds: [
          { qualifier: 'BP', value: 'AC-778801' },
          { qualifier: 'VN', value: 'HW-1001' },
        ],
        description: 'Wood screw',
        available: '118',
        uom: 'EA',
      },
      {
        productIds: [
          { qualifier: 'BP', value: 'AC-778810' },
          { qualifier: 'VN', value: 'HW-1010' },
        ],
        available: '-3',
        uom: 'EA',
      },
    ],
  };

  it.each(['004010', '005010'] as const)(
    '%s: available-to-promise by the partner item number; dictionary and node-x12 accept it',
    (version) => {
      const text = write846(advice, version);
      expect(outboundDefects(text)).toEqual([]);
      expect(() => parseWithNodeX12(Buffer.from(text))).not.toThrow();
      expect(text).toContain(
        '~BIA*00*DD*INV-20240305*20240305*0600~LIN**BP*AC-778801*VN*HW-1001~PID*F****Wood screw~QTY*33*118*EA~LIN**BP*AC-778810*VN*HW-1010~QTY*33*0*EA~CTT*2~',
      );
    },
  );

  it('round trip (property): every item comes back with its quantity, never negative', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            part: fc.stringMatching(/^[A-Z0-9-]{1,20}$/),
            available: fc.integer({ min: -50, max: 100000 }),
            uom: fc.constantFrom('EA', 'CS'),
          }),
          { maxLength: 30 },
        ),
        fc.constantFrom('004010', '005010') as fc.Arbitrary<'004010' | '005010'>,
        (items, version) => {
          const text = write846(
            {
              reportId: 'R1',
              asOf: new Date('2024-03-05T06:00:00Z'),
              items: items.map((i) => ({ productIds: [{ qualifier: 'BP', value: i.part }], available: String(i.available), uom: i.uom })),
            },
            version,
          );
          expect(outboundDefects(text)).toEqual([]);
          const segments = toInterchangeTrees(readX12Sync(text)).interchanges[0].groups[0].sets[0].segments;
          expect(segments.filter((s) => s[0] === 'LIN').map((s) => s[3])).toEqual(items.map((i) => i.part));
          expect(segments.filter((s) => s[0] === 'QTY').map((s) => Number(s[2]))).toEqual(items.map((i) => Math.max(0, i.available)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
