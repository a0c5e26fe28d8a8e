import { Injectable } from '@nestjs/common';
import { createEnvelope, purchaseOrderSchema, Topics, type PurchaseOrderInput } from '@orderhub/contracts';
import { Metrics } from '@orderhub/common';
import { Outbox } from '@orderhub/messaging';
import { CustomerDirectory as CoreCustomerDirectory, ExceptionRepository } from '@orderhub/order-core';
import { EmailIntakeSink, type NeedsReview } from '../application/ports';
import { FLAGGED_BY, FLAGGED_BY_EMAIL_INTAKE } from '../application/reply-to-order-events.use-case';

/**
 * Hands the email channel's results to the order core. Both methods run inside the caller's transaction (the
 * use case commits the raw document's status with them), and both are idempotent per raw document: the
 * message's idempotency key and the exception's source key derive from it.
 */
@Injectable()
export class OutboxEmailIntakeSink extends EmailIntakeSink {
  constructor(
    private readonly outbox: Outbox,
    private readonly exceptions: ExceptionRepository,
    private readonly customers: CoreCustomerDirectory,
  ) {
    super();
  }

  async purchaseOrderExtracted(po: PurchaseOrderInput): Promise<void> {
    const purchaseOrder = purchaseOrderSchema.parse(po);
    await this.outbox.enqueue(
      Topics.PurchaseOrderReceived,
      createEnvelope({
        type: 'purchase-order.received',
        key: purchaseOrder.poNumber,
        correlationId: purchaseOrder.source.rawDocumentId,
        idempotencyKey: `email:${purchaseOrder.source.rawDocumentId}`,
        payload: { purchaseOrder },
      }),
    );
  }

  async needsReview(review: NeedsReview): Promise<void> {
    const customer = review.customerId ? await this.customers.findById(review.customerId) : null;
    const po = review.extracted;
    // Without an extracted order the exception still keeps the thread (channelData), so a rejection can reply.
    const purchaseOrder = po
      ? { ...po, channelData: { ...review.channelData, ...(po.channelData ?? {}) } }
      : {
          // Whatever was read (a PO number without lines, lines without a PO number...) so the operator starts from it.
          ...(review.partial ?? {}),
          draft: true,
          source: { channel: 'email', rawDocumentId: review.rawDocumentId, sender: review.sender },
          channelData: review.channelData,
        };
    const { exception, created } = await this.exceptions.open({
      channel: 'email',
      reasons: review.reasons.map((r) => ({ code: r.code, message: r.message })),
      purchaseOrder: purchaseOrder as Record<string, unknown>,
      // The PDF when there is one: that is what the operator needs to read.
      rawDocumentId: review.rawDocumentId,
      sourceKey: `email-review:${review.rawDocumentId}`,
      sender: review.sender,
      customerId: customer?.id ?? null,
      customerName: customer?.name ?? null,
      poNumber: (po?.poNumber ?? (typeof review.partial?.poNumber === 'string' ? review.partial.poNumber : undefined))?.slice(0, 80) || null,
      receivedAt: po?.source.receivedAt ? new Date(po.source.receivedAt) : new Date(),
      actor: 'channel:email',
    });
    if (!created) return;
    await this.outbox.enqueue(
      Topics.PurchaseOrderFlagged,
      createEnvelope({
        type: 'purchase-order.flagged',
        key: exception.id,
        correlationId: review.emailDocumentId,
        idempotencyKey: `flagged:${exception.id}`,
        payload: {
          exceptionId: exception.id,
          channel: 'email',
          rawDocumentId: review.rawDocumentId,
          sender: review.sender,
          customerId: customer?.id,
          poNumber: po?.poNumber,
          reasons: exception.reasons.map((r) => ({ code: r.code, message: r.message })),
          // The intake has answered the buyer already ("needs review"); the reply consumer must not answer twice.
          channelData: { ...review.channelData, [FLAGGED_BY]: FLAGGED_BY_EMAIL_INTAKE },
        },
      }),
    );
    Metrics.ordersTotal.inc({ channel: 'email', outcome: 'flagged' });
  }
}
