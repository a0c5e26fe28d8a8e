import { MESSAGE_TYPES, Topics, type MessageEnvelope, type TopicName } from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore, type RawDocumentStatus } from '@orderhub/persistence';
import { aPurchaseOrder } from '../domain/testing/purchase-order.builder';
import { ExceptionRepository, type NewException } from '../exceptions/application/exception.repository';
import type { OrderExceptionEntity } from '../exceptions/infrastructure/order-exception.entity';
import { OutboxIntake } from './outbox-intake';

class MemoryOutbox extends Outbox {
  readonly messages: Array<{ topic: TopicName; envelope: MessageEnvelope<unknown> }> = [];
  async enqueue(topic: TopicName, envelope: MessageEnvelope<never>): Promise<void> {
    this.messages.push({ topic, envelope });
  }
}

class MemoryExceptions {
  readonly rows: Array<OrderExceptionEntity> = [];
  async open(e: NewException): Promise<{ exception: OrderExceptionEntity; created: boolean }> {
    const existing = this.rows.find((r) => r.sourceKey === e.sourceKey);
    if (existing) return { exception: existing, created: false };
    const row = { ...e, id: `exc-${this.rows.length + 1}`, status: 'open', version: 1 } as unknown as OrderExceptionEntity;
    this.rows.push(row);
    return { exception: row, created: true };
  }
}

class MemoryRaw {
  readonly statuses = new Map<string, { status: RawDocumentStatus; detail?: string }>();
  async setStatus(id: string, status: RawDocumentStatus, detail?: string): Promise<void> {
    this.statuses.set(id, { status, detail });
  }
}

function setup() {
  const outbox = new MemoryOutbox();
  const exceptions = new MemoryExceptions();
  const raw = new MemoryRaw();
  const intake = new OutboxIntake(outbox, exceptions as unknown as ExceptionRepository, raw as unknown as RawDocumentStore);
  return { outbox, exceptions, raw, intake };
}

const doc = { rawDocumentId: 'raw-1', channel: 'edi' as const, sender: 'partner-1', partnerId: 'partner-1' };

describe('OutboxIntake (the intake port, in-memory ports)', () => {
  it('enqueues a received order with the envelope type from the one vocabulary, correlated with its document', async () => {
    const { outbox, intake, raw } = setup();
    const purchaseOrder = aPurchaseOrder();
    await intake.record(doc, {
      kind: 'received',
      messages: [{ topic: Topics.PurchaseOrderReceived, key: 'PO-1001', idempotencyKey: 'edi:k', payload: { purchaseOrder } }],
    });
    expect(outbox.messages).toHaveLength(1);
    expect(outbox.messages[0].envelope).toMatchObject({
      type: MESSAGE_TYPES[Topics.PurchaseOrderReceived],
      key: 'PO-1001',
      idempotencyKey: 'edi:k',
      correlationId: 'raw-1',
    });
    expect(raw.statuses.size).toBe(0); // the core decides: received stays received until then
  });

  it('opens one exception per source key with a typed draft, emits one flagged event, and flags the document', async () => {
    const { outbox, intake, exceptions, raw } = setup();
    const review = {
      sourceKey: 'edi:k2',
      reasons: [{ code: 'EDI.PO850.QUANTITY_INVALID', message: 'ten is not a number' }],
      draft: { kind: 'partial' as const, fields: { poNumber: 'PO-2' }, channelData: {} },
      poNumber: 'PO-2',
      receivedAt: new Date(),
      actor: 'partner:1',
      senderTold: 'rejected' as const,
    };
    const first = await intake.record(doc, { kind: 'needs-review', review });
    const again = await intake.record(doc, { kind: 'needs-review', review });
    expect(again.exceptionId).toBe(first.exceptionId);
    expect(exceptions.rows).toHaveLength(1);
    expect(exceptions.rows[0]).toMatchObject({ senderTold: 'rejected', purchaseOrder: { draft: true, poNumber: 'PO-2' } });
    expect(outbox.messages.map((m) => [m.topic, m.envelope.type, m.envelope.idempotencyKey])).toEqual([
      [Topics.PurchaseOrderFlagged, 'purchase-order.flagged', `flagged:${first.exceptionId}`],
    ]);
    expect(raw.statuses.get('raw-1')).toMatchObject({ status: 'flagged' });
  });

  it('refuses a draft that is not one of the known shapes', async () => {
    const { intake } = setup();
    const bad = { kind: 'whatever', stuff: 1 } as never;
    await expect(
      intake.record(doc, { kind: 'needs-review', review: { sourceKey: 'x', reasons: [], draft: bad, receivedAt: new Date(), actor: 'a' } }),
    ).rejects.toThrow();
  });

  it('marks a document whose message the core could not process failed, with the cause', async () => {
    const { intake, raw } = setup();
    await intake.record(doc, {
      kind: 'needs-review',
      review: {
        sourceKey: 'unprocessable:k',
        reasons: [{ code: 'MESSAGE.UNPROCESSABLE', message: 'numeric field overflow' }],
        draft: {
          kind: 'unprocessable-message',
          topic: Topics.PurchaseOrderReceived,
          envelope: {},
          cause: { code: 'BUS.RETRIES_EXHAUSTED', message: 'numeric field overflow' },
        },
        receivedAt: new Date(),
        actor: 'system:bus',
      },
    });
    expect(raw.statuses.get('raw-1')).toEqual({
      status: 'failed',
      detail: 'MESSAGE.UNPROCESSABLE: BUS.RETRIES_EXHAUSTED: numeric field overflow',
    });
  });

  it('moves rejected and duplicate documents to their status with the reason', async () => {
    const { intake, raw } = setup();
    await intake.record(doc, { kind: 'rejected', code: 'SHOPIFY.MALFORMED_JSON', reason: 'unexpected end' });
    expect(raw.statuses.get('raw-1')).toEqual({ status: 'rejected', detail: 'SHOPIFY.MALFORMED_JSON: unexpected end' });
    await intake.record({ ...doc, rawDocumentId: 'raw-2' }, { kind: 'duplicate', of: 'raw-1' });
    expect(raw.statuses.get('raw-2')).toEqual({ status: 'duplicate', detail: 'duplicate of raw-1' });
  });
});
