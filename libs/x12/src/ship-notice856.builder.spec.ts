import fc from 'fast-check';
import { add, type InvoiceIssued } from '@orderhub/contracts';
import { outboundDefects } from './dictionary/x12-outbound.check';
import { buildShipNotice856 } from './ship-notice856.builder';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { anIdentity, anInvoiceIssued, parseWithNodeX12 } from './x12-test.builders';
import { writeInterchangeText } from './x12.writer';

function write856(event: InvoiceIssued, version: '004010' | '005010' = '004010'): string {
  return writeInterchangeText({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    delimiters: version === '005010' ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
    groups: [
      {
        functionalId: 'SH',
        senderCode: 'ORDERHUB',
        receiverCode: 'BUYERCO',
        controlNumber: 1,
        version,
        sets: [buildShipNotice856(event, { version, controlNumber: 1 })],
      },
    ],
  });
}

const segmentsOf = (text: string) => toInterchangeTrees(readX12Sync(text)).interchanges[0].groups[0].sets[0].segments;

describe('856 ship notice', () => {
  const shipped = anInvoiceIssued({
    shipment: {
      shippedAt: '2024-03-09T15:30:00Z',
      carrier: 'UPSN',
      trackingNumber: '1Z999AA10123456784',
      cartons: [
        { sscc: '000614141123456781', lines: [{ lineNumber: 1, quantity: '6' }] },
        {
          sscc: '000614141123456798',
          lines: [
            { lineNumber: 1, quantity: '4' },
            { lineNumber: 2, quantity: '1' },
          ],
        },
      ],
    },
  });

  it.each(['004010', '005010'] as const)(
    '%s: shipment / order / pack / item with carrier, tracking, SSCC per carton and quantities; valid by the dictionary and node-x12',
    (version) => {
      const text = write856(shipped, version);
      expect(outboundDefects(text)).toEqual([]);
      expect(() => parseWithNodeX12(Buffer.from(text))).not.toThrow();
      const segments = segmentsOf(text).map((s) => s.join('*'));
      expect(segments).toEqual([
        'ST*856*0001',
        expect.stringMatching(/^BSN\*00\*SO-000123-[0-9a-z]+\*20240309\*1530\*0001$/),
        'HL*1**S*1',
        'TD1*CTN*2',
        'TD5**2*UPSN',
        'REF*CN*1Z999AA10123456784',
        'DTM*011*20240309*1530',
        'N1*ST*Store 12*92*0012',
        'N4*Springfield*IL*62701',
        'HL*2*1*O*1',
        'PRF*PO-1001***20240301',
        'HL*3*2*P*1',
        'MAN*GM*000614141123456781',
        'HL*4*3*I*0',
        'LIN*1*VN*SKU-1',
        'SN1**6*EA',
        'PID*F****Blue widget',
        'HL*5*2*P*1',
        'MAN*GM*000614141123456798',
        'HL*6*5*I*0',
        'LIN*1*VN*SKU-1',
        'SN1**4*EA',
        'PID*F****Blue widget',
        'HL*7*5*I*0',
        'LIN*2*VN*SKU-2*UP*012345678912',
        'SN1**1*CS',
        // Two of line 2's three cases went unpacked: they ship loose under the order.
        'HL*8*2*I*0',
        'LIN*2*VN*SKU-2*UP*012345678912',
        'SN1**2*CS',
        'CTT*8',
        expect.stringMatching(/^SE\*31\*0001$/),
      ]);
    },
  );

  it('a carrier that is not a SCAC goes in TD505 as routing; no cartons means items straight under the order', () => {
    const segments = segmentsOf(
      write856(anInvoiceIssued({ shipment: { shippedAt: '2024-03-09T08:00:00Z', carrier: 'Our own truck', cartons: [] } })),
    ).map((s) => s.join('*'));
    expect(segments).toContain('TD5*****Our own truck');
    expect(segments.filter((s) => s.startsWith('HL*'))).toEqual(['HL*1**S*1', 'HL*2*1*O*1', 'HL*3*2*I*0', 'HL*4*2*I*0']);
  });

  it('round trip (property): whatever the cartons, every line ships exactly its quantity, each SSCC once, and the dictionary accepts it', () => {
    const lineArb = fc.record({ lineNumber: fc.integer({ min: 1, max: 40 }), quantity: fc.integer({ min: 1, max: 500 }).map(String) });
    fc.assert(
      fc.property(
        fc.uniqueArray(lineArb, { minLength: 1, maxLength: 6, selector: (l) => l.lineNumber }),
        fc.integer({ min: 0, max: 4 }),
        fc.option(fc.stringMatching(/^[A-Z0-9]{6,20}$/), { nil: undefined }),
        fc.constantFrom('004010', '005010'),
        (lines, cartonCount, tracking, version) => {
          // Cartons take whole units line by line; whatever is left ships loose.
          const cartons = Array.from({ length: cartonCount }, (_, c) => ({
            sscc: `0${String(c + 1).padStart(16, '0')}${c}`.slice(0, 18),
            lines: lines.filter((_, i) => i % Math.max(cartonCount, 1) === c).map((l) => ({ lineNumber: l.lineNumber, quantity: '1' })),
          })).filter((c) => c.lines.length > 0);
          const event = anInvoiceIssued({
            lines: lines.map((l) => ({
              lineNumber: l.lineNumber,
              buyerLineNumber: String(l.lineNumber),
              sku: `SKU-${l.lineNumber}`,
              productIds: [{ qualifier: 'VN', value: `SKU-${l.lineNumber}` }],
              uom: 'EA',
              quantity: l.quantity,
              unitPrice: '1',
              amount: l.quantity,
            })),
            shipment: { shippedAt: '2024-03-09T08:00:00Z', trackingNumber: tracking, cartons },
          });
          const text = write856(event, version);
          expect(outboundDefects(text)).toEqual([]);
          const segments = segmentsOf(text);
          const shippedBack = new Map<string, string>();
          let current = '';
          for (const seg of segments) {
            if (seg[0] === 'LIN') current = seg[1];
            if (seg[0] === 'SN1') shippedBack.set(current, add(shippedBack.get(current) ?? '0', seg[2]));
          }
          expect(Object.fromEntries(shippedBack)).toEqual(Object.fromEntries(lines.map((l) => [String(l.lineNumber), l.quantity])));
          expect(segments.filter((s) => s[0] === 'MAN').map((s) => s[2])).toEqual(cartons.map((c) => c.sscc));
          if (tracking) expect(segments.some((s) => s[0] === 'REF' && s[2] === tracking)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
