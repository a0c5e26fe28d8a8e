import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageEnvelope, OrderChangeRequested, PurchaseOrderReceived, Topics } from '@orderhub/contracts';
import { IdempotentConsumer } from '@orderhub/messaging';
import { ApplyOrderChangeUseCase } from '../application/apply-order-change.use-case';
import { RaiseSalesOrderUseCase } from '../application/raise-sales-order.use-case';

/** Thin bus adapters: the transport validated the payload; here it is handed to the use case once. */
@Controller()
export class PurchaseOrderConsumer {
  constructor(
    private readonly inbox: IdempotentConsumer,
    private readonly raise: RaiseSalesOrderUseCase,
    private readonly applyChange: ApplyOrderChangeUseCase,
  ) {}

  @EventPattern(Topics.PurchaseOrderReceived)
  async onPurchaseOrder(@Payload() envelope: MessageEnvelope<PurchaseOrderReceived>): Promise<void> {
    const prepared = await this.raise.prepare(envelope.payload.purchaseOrder);
    await this.inbox.once('core.raise-sales-order', envelope, () =>
      this.raise.execute(
        {
          purchaseOrder: envelope.payload.purchaseOrder,
          sourceKey: envelope.idempotencyKey,
          correlationId: envelope.correlationId,
          actor: 'system',
        },
        prepared,
      ),
    );
  }

  @EventPattern(Topics.OrderChangeRequested)
  async onOrderChange(@Payload() envelope: MessageEnvelope<OrderChangeRequested>): Promise<void> {
    await this.inbox.once('core.apply-order-change', envelope, () =>
      this.applyChange.execute(envelope.payload, { sourceKey: envelope.idempotencyKey, correlationId: envelope.correlationId }),
    );
  }
}
