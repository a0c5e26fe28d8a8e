import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageEnvelope, PurchaseOrderChangeReceived, Topics } from '@orderhub/contracts';
import { IdempotentConsumer } from '@orderhub/messaging';
import { ApplyPoChangeUseCase } from '../application/apply-po-change.use-case';

/** A buyer's change (X12 860) applied once to its open order. */
@Controller()
export class PoChangeConsumer {
  constructor(
    private readonly inbox: IdempotentConsumer,
    private readonly apply: ApplyPoChangeUseCase,
  ) {}

  @EventPattern(Topics.PurchaseOrderChangeReceived)
  async onChange(@Payload() envelope: MessageEnvelope<PurchaseOrderChangeReceived>): Promise<void> {
    await this.inbox.once('core.apply-po-change', envelope, () =>
      this.apply.execute(envelope.payload, { sourceKey: envelope.idempotencyKey, correlationId: envelope.correlationId }),
    );
  }
}
