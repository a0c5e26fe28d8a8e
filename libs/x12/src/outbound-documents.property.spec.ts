import fc from 'fast-check';
import type { InvoiceIssued, LineDecision } from '@orderhub/contracts';
import { outboundDefects } from './dictionary/x12-outbound.check';
import { buildTa1, functionalAckGroup } from './functional-ack.builder';
import { readFunctionalAck } from './functional-ack.reader';
import { buildInvoice810 } from './invoice810.builder';
import { buildPoAck855 } from './po-ack855.builder';
import { x12Defect } from './x12-defects';
import { readX12Sync, toInterchangeTrees } from './x12-interchange.reader';
import { anIdentity, anInvoiceIssued, anOrderAcknowledged } from './x12-test.builders';
import { writeInterchangeText, X12GroupDraft } from './x12.writer';

/**
 * Round trips over the documents we already wrote before this branch (855, 810, 997/999, TA1): whatever the
 * content, the dictionary accepts what we write and reading it back gives the content again.
 */
const versions = fc.constantFrom('004010', '005010') as fc.Arbitrary<'004010' | '005010'>;
const write = (group: X12GroupDraft, version: '004010' | '005010', interchangeSegments = [] as X12GroupDraft['sets'][number]['segments']) =>
  writeInterchangeText({
    identity: anIdentity({ version: version === '005010' ? '00501' : '00401' }),
    delimiters: version === '005010' ? { element: '*', component: ':', segment: '~', repetition: '^' } : undefined,
    interchangeSegments,
    groups: group.sets.length > 0 ? [group] : [],
  });
const setOf = (text: string) => toInterchangeTrees(readX12Sync(text)).interchanges[0].groups[0].sets[0];
const quantity = fc.integer({ min: 1, max: 99999 }).map(String);
const part = fc.stringMatching(/^[A-Z0-9-]{1,20}$/);

describe('round trips over every document we write (property)', () => {
  it('855: every line decision comes back as PO1 + ACK with its quantities', () => {
    const decision = fc.record({
      buyerLineNumber: fc.integer({ min: 1, max: 999 }).map(String),
      sku: part,
      ordered: quantity,
      code: fc.constantFrom('IA', 'IR', 'IQ', 'IP'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(decision, { minLength: 1, maxLength: 10, selector: (d) => d.buyerLineNumber }),
        versions,
        (decisions, version) => {
          const lines: LineDecision[] = decisions.map((d, i) => ({
            lineNumber: i + 1,
            buyerLineNumber: d.buyerLineNumber,
            sku: d.sku,
            productIds: [{ qualifier: 'VN', value: d.sku }],
            uom: 'EA',
            orderedQuantity: d.ordered,
            acceptedQuantity: d.code === 'IR' ? '0' : d.ordered,
            backorderedQuantity: '0',
            unitPrice: '1.5',
            status: d.code === 'IR' ? 'rejected' : 'accepted',
            ackCode: d.code as LineDecision['ackCode'],
          }));
          const text = write(
            {
              functionalId: 'PR',
              senderCode: 'ORDERHUB',
              receiverCode: 'BUYERCO',
              controlNumber: 1,
              version,
              sets: [buildPoAck855(anOrderAcknowledged({ lines }), { version, controlNumber: 1 })],
            },
            version,
          );
          expect(outboundDefects(text)).toEqual([]);
          const segments = setOf(text).segments;
          expect(segments.filter((s) => s[0] === 'PO1').map((s) => [s[1], s[2], s[7]])).toEqual(
            decisions.map((d) => [d.buyerLineNumber, d.ordered, d.sku]),
          );
          expect(segments.filter((s) => s[0] === 'ACK').map((s) => s[1])).toEqual(decisions.map((d) => d.code));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('810: every invoiced line comes back as IT1 with its quantity, and TDS states the total in cents', () => {
    const line = fc.record({ sku: part, quantity, cents: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), versions, (items, version) => {
        const lines: InvoiceIssued['lines'] = items.map((l, i) => ({
          lineNumber: i + 1,
          buyerLineNumber: String(i + 1),
          sku: l.sku,
          productIds: [{ qualifier: 'VN', value: l.sku }],
          uom: 'EA',
          quantity: l.quantity,
          unitPrice: '1',
          amount: (l.cents / 100).toFixed(2),
        }));
        const total = (items.reduce((sum, l) => sum + l.cents, 0) / 100).toFixed(2);
        const event = anInvoiceIssued({ lines, charges: [], subtotal: total, total });
        const text = write(
          {
            functionalId: 'IN',
            senderCode: 'ORDERHUB',
            receiverCode: 'BUYERCO',
            controlNumber: 1,
            version,
            sets: [buildInvoice810(event, { version, controlNumber: 1 })],
          },
          version,
        );
        expect(outboundDefects(text)).toEqual([]);
        const segments = setOf(text).segments;
        expect(segments.filter((s) => s[0] === 'IT1').map((s) => [s[2], s[7]])).toEqual(items.map((l) => [l.quantity, l.sku]));
        expect(segments.find((s) => s[0] === 'TDS')?.[1]).toBe(String(items.reduce((sum, l) => sum + l.cents, 0)));
      }),
      { numRuns: 150 },
    );
  });

  it('997/999: whatever sets were rejected, reading our acknowledgement back gives each verdict', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), versions, (rejected, version) => {
        const kind = version === '005010' ? '999' : '997';
        const input = {
          functionalId: 'PO',
          controlNumber: '42',
          version,
          defects: [],
          sets: rejected.map((bad, i) => ({
            id: '850',
            controlNumber: String(i + 1).padStart(4, '0'),
            defects: bad
              ? [
                  x12Defect('X12.ELEMENT_INVALID', {
                    segmentId: 'PO1',
                    segmentPosition: 3,
                    elementPosition: 2,
                    elementReference: '330',
                    ak403: '6',
                    badValue: 'ten',
                  }),
                ]
              : [],
          })),
        };
        const text = write(
          functionalAckGroup(input, { kind, senderCode: 'ORDERHUB', receiverCode: 'BUYERCO', groupControlNumber: 1, setControlNumber: 1 }),
          version,
        );
        expect(outboundDefects(text)).toEqual([]);
        const report = readFunctionalAck(setOf(text).segments);
        expect(report?.sets.map((s) => s.status)).toEqual(rejected.map((bad) => (bad ? 'rejected' : 'accepted')));
        expect(report?.groupStatus).toBe(rejected.every(Boolean) ? 'rejected' : rejected.some(Boolean) ? 'partial' : 'accepted');
      }),
      { numRuns: 150 },
    );
  });

  it('TA1: any control number, date and note code is written so the dictionary accepts it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.constantFrom('000', '001', '017', '024', '025'),
        versions,
        (control, note, version) => {
          const header = { controlNumber: String(control).padStart(9, '0'), date: '240305', time: '1407' };
          const defects = note === '000' ? [] : [x12Defect('X12.ISA_FIELD_INVALID', { ta1: note })];
          const ta1 = buildTa1(header, defects);
          const text = write({ functionalId: 'FA', senderCode: 'A1', receiverCode: 'B1', controlNumber: 1, version, sets: [] }, version, [
            ta1,
          ]);
          expect(outboundDefects(text)).toEqual([]);
          expect(text).toContain(`~TA1*${header.controlNumber}*240305*1407*${note === '000' ? 'A' : 'R'}*${note}~`);
        },
      ),
      { numRuns: 100 },
    );
  });
});
