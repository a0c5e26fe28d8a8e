import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageEnvelope, OrderChangeAnswered, Topics } from '@orderhub/contracts';
import { IdempotentConsumer } from '@orderhub/messaging';
import { EdiDocumentDeliverer } from '../application/edi-document.deliverer';
import { SendOutcome, SendPartnerDocumentUseCase } from '../application/send-partner-document.use-case';
import { TradingPartnerRepository } from '../application/ports';

/** The core's answer to an 860: the 865 (per-line results) and, where the profile asks, a fresh 855. */
@Controller()
export class PoChangeAnswersConsumer {
  constructor(
    private readonly inbox: IdempotentConsumer,
    private readonly send: SendPartnerDocumentUseCase,
    private readonly partners: TradingPartnerRepository,
    private readonly deliverer: EdiDocumentDeliverer,
  ) {}

  @EventPattern(Topics.OrderChangeAnswered)
  async onAnswered(@Payload() envelope: MessageEnvelope<OrderChangeAnswered>): Promise<void> {
    const event = envelope.payload;
    if (event.channel !== 'edi') return;
    const { applied, result } = await this.inbox.once('edi.send-865', envelope, async () => {
      const outcomes: SendOutcome[] = [await this.send.execute({ kind: '865', event })];
      const partner = event.partnerId ? await this.partners.findById(event.partnerId) : null;
      if (partner?.ackChangesWith855 && event.acknowledgement) {
        outcomes.push(await this.send.execute({ kind: '855', event: event.acknowledgement, revision: event.changeKey }));
      }
      return outcomes;
    });
    if (!applied || !result) return;
    const created = result.flatMap((r) => (r.sent && r.created ? [r.document] : []));
    if (created.length > 0) await this.deliverer.deliverAndRecord(created);
  }
}
