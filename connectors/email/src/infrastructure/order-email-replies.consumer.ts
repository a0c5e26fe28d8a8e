import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  Topics,
  type InvoiceIssued,
  type MessageEnvelope,
  type OrderAcknowledged,
  type PurchaseOrderFlagged,
  type PurchaseOrderRejected,
} from '@orderhub/contracts';
import { IdempotentConsumer } from '@orderhub/messaging';
import type { StoredReply } from '../application/ports';
import { ReplyToOrderEventsUseCase } from '../application/reply-to-order-events.use-case';

/**
 * Thin bus adapters for the email replies. The reply is stored in the consumer's transaction together with the
 * idempotency key, and sent after that commits, so SMTP never holds a transaction open and no mail goes out that
 * is not on record. A redelivery after a crash between commit and send finds the stored, still pending reply
 * (storing is idempotent by source key) and sends it then.
 */
@Controller()
export class OrderEmailRepliesConsumer {
  constructor(
    private readonly inbox: IdempotentConsumer,
    private readonly replies: ReplyToOrderEventsUseCase,
  ) {}

  @EventPattern(Topics.OrderAcknowledged)
  async onAcknowledged(@Payload() envelope: MessageEnvelope<OrderAcknowledged>): Promise<void> {
    await this.replyOnce('email.order-acknowledged', envelope, () => this.replies.prepareAcknowledgement(envelope.payload));
  }

  @EventPattern(Topics.PurchaseOrderFlagged)
  async onFlagged(@Payload() envelope: MessageEnvelope<PurchaseOrderFlagged>): Promise<void> {
    await this.replyOnce('email.purchase-order-flagged', envelope, () => this.replies.prepareNeedsReview(envelope.payload));
  }

  @EventPattern(Topics.PurchaseOrderRejected)
  async onRejected(@Payload() envelope: MessageEnvelope<PurchaseOrderRejected>): Promise<void> {
    await this.replyOnce('email.purchase-order-rejected', envelope, () => this.replies.prepareRejection(envelope.payload));
  }

  @EventPattern(Topics.InvoiceIssued)
  async onInvoiced(@Payload() envelope: MessageEnvelope<InvoiceIssued>): Promise<void> {
    await this.replyOnce('email.invoice-issued', envelope, () => this.replies.prepareInvoice(envelope.payload));
  }

  private async replyOnce(consumer: string, envelope: MessageEnvelope, prepare: () => Promise<StoredReply | null>): Promise<void> {
    const first = await this.inbox.once(consumer, envelope, prepare);
    const reply = first.applied ? (first.result ?? null) : await prepare();
    if (reply?.status === 'pending') await this.replies.deliver(reply);
  }
}
