import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InvoiceIssued, MessageEnvelope, OrderAcknowledged, Topics } from '@orderhub/contracts';
import { IdempotentConsumer } from '@orderhub/messaging';
import { EdiDocumentDeliverer } from '../application/edi-document.deliverer';
import { PartnerDocumentRequest, SendPartnerDocumentUseCase } from '../application/send-partner-document.use-case';

/** 855 on OrderAcknowledged, 856 then 810 on InvoiceIssued, for EDI orders; written once per event, delivered after commit. */
@Controller()
export class PartnerDocumentsConsumer {
  constructor(
    private readonly inbox: IdempotentConsumer,
    private readonly send: SendPartnerDocumentUseCase,
    private readonly deliverer: EdiDocumentDeliverer,
  ) {}

  @EventPattern(Topics.OrderAcknowledged)
  async onOrderAcknowledged(@Payload() envelope: MessageEnvelope<OrderAcknowledged>): Promise<void> {
    await this.handle('edi.send-855', envelope, { kind: '855', event: envelope.payload });
  }

  /** The ship notice goes before its invoice: both are written in one step and delivered in that order. */
  @EventPattern(Topics.InvoiceIssued)
  async onInvoiceIssued(@Payload() envelope: MessageEnvelope<InvoiceIssued>): Promise<void> {
    if (envelope.payload.channel !== 'edi') return;
    const event = envelope.payload;
    const { applied, result } = await this.inbox.once('edi.send-810', envelope, async () => [
      await this.send.execute({ kind: '856', event }),
      await this.send.execute({ kind: '810', event }),
    ]);
    if (!applied || !result) return;
    const created = result.flatMap((r) => (r.sent && r.created ? [r.document] : []));
    if (created.length > 0) await this.deliverer.deliverAndRecord(created);
  }

  private async handle(consumer: string, envelope: MessageEnvelope, request: PartnerDocumentRequest): Promise<void> {
    if (request.event.channel !== 'edi') return; // other channels answer their own way; no inbox row needed
    const { applied, result } = await this.inbox.once(consumer, envelope, () => this.send.execute(request));
    if (applied && result?.sent && result.created) await this.deliverer.deliverAndRecord([result.document]);
  }
}
