import { Injectable } from '@nestjs/common';
import { IntakePort, purchaseOrderSchema, Topics, type PurchaseOrderInput } from '@orderhub/contracts';
import { CustomerDirectory as CoreCustomerDirectory } from '@orderhub/order-core';
import { EmailIntakeSink, type NeedsReview } from '../application/ports';
import { FLAGGED_BY, FLAGGED_BY_EMAIL_INTAKE } from '../application/reply-to-order-events.use-case';

/**
 * Hands the email channel's results to the order core through its intake port. Both methods run inside the
 * caller's transaction (the use case commits the raw document's status with them), and both are idempotent per
 * raw document: the message's idempotency key and the exception's source key derive from it.
 */
@Injectable()
export class OutboxEmailIntakeSink extends EmailIntakeSink {
  constructor(
    private readonly intake: IntakePort,
    private readonly customers: CoreCustomerDirectory,
  ) {
    super();
  }

  async purchaseOrderExtracted(po: PurchaseOrderInput): Promise<void> {
    const purchaseOrder = purchaseOrderSchema.parse(po);
    await this.intake.record(
      { rawDocumentId: purchaseOrder.source.rawDocumentId, channel: 'email', sender: purchaseOrder.source.sender },
      {
        kind: 'received',
        messages: [
          {
            topic: Topics.PurchaseOrderReceived,
            key: purchaseOrder.poNumber,
            idempotencyKey: `email:${purchaseOrder.source.rawDocumentId}`,
            payload: { purchaseOrder },
          },
        ],
      },
    );
  }

  async needsReview(review: NeedsReview): Promise<void> {
    const customer = review.customerId ? await this.customers.findById(review.customerId) : null;
    const po = review.extracted;
    // Without an extracted order the exception still keeps the thread (channelData), so a rejection can reply.
    const fields = po
      ? { ...po, channelData: { ...review.channelData, ...(po.channelData ?? {}) } }
      : {
          // Whatever was read (a PO number without lines, lines without a PO number...) so the operator starts from it.
          ...(review.partial ?? {}),
          source: { channel: 'email', rawDocumentId: review.rawDocumentId, sender: review.sender },
          channelData: review.channelData,
        };
    const complete = po ? purchaseOrderSchema.safeParse(fields) : undefined;
    await this.intake.record(
      // The PDF when there is one: that is what the operator needs to read.
      { rawDocumentId: review.rawDocumentId, channel: 'email', sender: review.sender },
      {
        kind: 'needs-review',
        review: {
          sourceKey: `email-review:${review.rawDocumentId}`,
          reasons: review.reasons.map((r) => ({ code: r.code, message: r.message })),
          draft: complete?.success
            ? { kind: 'purchase-order', purchaseOrder: complete.data }
            : { kind: 'partial', fields: fields as Record<string, unknown>, channelData: review.channelData },
          customerId: customer?.id ?? null,
          customerName: customer?.name ?? null,
          poNumber: (po?.poNumber ?? (typeof review.partial?.poNumber === 'string' ? review.partial.poNumber : undefined)) || null,
          receivedAt: po?.source.receivedAt ? new Date(po.source.receivedAt) : new Date(),
          actor: 'channel:email',
          // The intake has answered the buyer already ("needs review"); the reply consumer must not answer twice.
          channelData: { ...review.channelData, [FLAGGED_BY]: FLAGGED_BY_EMAIL_INTAKE },
        },
      },
    );
  }
}
