import { randomUUID } from 'node:crypto';
import { createEnvelope, Topics } from '@orderhub/contracts';
import { PoisonMessageError } from '../ports';
import { parseEnvelope } from './bus.transport';

const goodOrder = {
  purchaseOrder: {
    schemaVersion: 1,
    source: { channel: 'phone', rawDocumentId: randomUUID(), sender: 'op@example.com', receivedAt: '2026-01-05T10:00:00Z' },
    buyer: { customerId: 'c-1' },
    poNumber: 'PO-1',
    lines: [{ lineNumber: '1', quantity: '2', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'SKU' }] }],
  },
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof PoisonMessageError ? e.code : 'not-poison';
  }
  return undefined;
}

describe('validating a consumed message before any handler runs', () => {
  it('accepts a valid envelope and fills the payload defaults', () => {
    const envelope = parseEnvelope({
      topic: Topics.PurchaseOrderReceived,
      value: JSON.stringify(createEnvelope({ type: 't', key: 'k', payload: goodOrder })),
    });
    expect((envelope.payload as { purchaseOrder: { currency: string; priority: string } }).purchaseOrder).toMatchObject({
      currency: 'USD',
      priority: 'normal',
    });
  });

  it('marks non-JSON, a bad envelope and a bad payload as poison with distinct codes', () => {
    expect(codeOf(() => parseEnvelope({ topic: Topics.PurchaseOrderReceived, value: '{oops' }))).toBe('BUS.MALFORMED_JSON');
    expect(codeOf(() => parseEnvelope({ topic: Topics.PurchaseOrderReceived, value: JSON.stringify({ payload: goodOrder }) }))).toBe(
      'BUS.INVALID_ENVELOPE',
    );
    const badPayload = createEnvelope({ type: 't', key: 'k', payload: { purchaseOrder: { ...goodOrder.purchaseOrder, lines: [] } } });
    expect(codeOf(() => parseEnvelope({ topic: Topics.PurchaseOrderReceived, value: JSON.stringify(badPayload) }))).toBe(
      'BUS.INVALID_PAYLOAD',
    );
  });

  it('rejects money written as a binary float in the payload', () => {
    const floaty = createEnvelope({
      type: 't',
      key: 'k',
      payload: { purchaseOrder: { ...goodOrder.purchaseOrder, lines: [{ ...goodOrder.purchaseOrder.lines[0], unitPrice: 12.5 }] } },
    });
    expect(codeOf(() => parseEnvelope({ topic: Topics.PurchaseOrderReceived, value: JSON.stringify(floaty) }))).toBe('BUS.INVALID_PAYLOAD');
  });
});
