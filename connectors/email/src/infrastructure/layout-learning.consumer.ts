import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type ExceptionResolved, type MessageEnvelope } from '@orderhub/contracts';
import { IdempotentConsumer } from '@orderhub/messaging';
import { LearnLayoutFromCorrectionUseCase } from '../application/learn-layout-from-correction.use-case';

/**
 * Learns a sender's PDF layout from an operator's approval of an emailed order (ExceptionResolved). The PDF is
 * read outside any transaction; the template is stored once per event, beside the consumer's idempotency key.
 */
@Controller()
export class LayoutLearningConsumer {
  private readonly logger = new Logger('email-layout-learning');

  constructor(
    private readonly inbox: IdempotentConsumer,
    private readonly learn: LearnLayoutFromCorrectionUseCase,
  ) {}

  @EventPattern(Topics.ExceptionResolved)
  async onResolved(@Payload() envelope: MessageEnvelope<ExceptionResolved>): Promise<void> {
    const event = envelope.payload;
    const derived = await this.learn.derive(event);
    if (derived.kind === 'skipped') {
      if (event.channel === 'email') this.logger.log(`exception ${event.exceptionId}: no layout template learned: ${derived.reason}`);
      return;
    }
    const stored = await this.inbox.once('email.layout-learning', envelope, () => this.learn.keep(derived));
    if (stored.applied && stored.result?.kind === 'learned') {
      this.logger.log(
        `learned PDF layout template ${stored.result.templateId} for customer ${derived.customerId} (${event.sender}) from exception ${event.exceptionId}: ${derived.summary}`,
      );
    }
  }
}
