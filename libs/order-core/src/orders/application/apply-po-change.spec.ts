import { parsePurchaseOrder, type PurchaseOrderChangeReceived } from '@orderhub/contracts';
import { merge } from './apply-po-change.use-case';

const current = parsePurchaseOrder({
  schemaVersion: 1,
  source: { channel: 'edi', rawDocumentId: 'raw-1', sender: 'p', receivedAt: '2024-03-01T00:00:00Z' },
  buyer: { customerId: 'c' },
  poNumber: 'PO-1',
  lines: [
    { lineNumber: '1', quantity: '10', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'A' }] },
    { lineNumber: '2', quantity: '2', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'B' }] },
  ],
});

const change = (
  lines: Array<Partial<PurchaseOrderChangeReceived['lines'][number]> & { buyerLineNumber: string; changeType: string }>,
  header = {},
): PurchaseOrderChangeReceived => ({
  channel: 'edi',
  rawDocumentId: 'raw-2',
  sender: 'p',
  customerId: 'c',
  poNumber: 'PO-1',
  purpose: 'change',
  changedAt: '2024-03-02T00:00:00Z',
  header,
  lines: lines.map((l) => ({ productIds: [], ...l })),
  channelData: {},
});

describe('merging a buyer change into the order', () => {
  it('changes quantities and dates, deletes and adds lines, and says what became of each', () => {
    const { po, answers } = merge(
      current,
      change(
        [
          { buyerLineNumber: '1', changeType: 'QD', quantity: '6', requestedShipDate: '2024-03-20' },
          { buyerLineNumber: '2', changeType: 'DI' },
          { buyerLineNumber: '3', changeType: 'AI', quantity: '4', uom: 'CS', productIds: [{ qualifier: 'VN', value: 'C' }] },
        ],
        { requestedDeliveryDate: '2024-03-25' },
      ),
    );
    expect(po.lines.map((l) => [l.lineNumber, l.quantity, l.uom, l.requestedShipDate])).toEqual([
      ['1', '6', 'EA', '2024-03-20'],
      ['3', '4', 'CS', undefined],
    ]);
    expect(po.requestedDeliveryDate).toBe('2024-03-25');
    expect(answers.map((a) => a.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(current.lines).toHaveLength(2); // the stored order is not touched
  });

  it('refuses what it cannot apply: an unknown line, an added line that exists, deleting the last line', () => {
    const { answers } = merge(
      current,
      change([
        { buyerLineNumber: '7', changeType: 'QI', quantity: '1' },
        { buyerLineNumber: '1', changeType: 'AI', quantity: '1', productIds: [{ qualifier: 'VN', value: 'A' }] },
      ]),
    );
    expect(answers.map((a) => [a.status, a.reason])).toEqual([
      ['rejected', 'no line 7 on the order'],
      ['rejected', 'line 1 is already on the order'],
    ]);
    const single = parsePurchaseOrder({ ...current, lines: [current.lines[0]] });
    expect(merge(single, change([{ buyerLineNumber: '1', changeType: 'DI' }])).answers[0].reason).toBe(
      'deleting the last line: send a cancellation instead',
    );
  });
});
