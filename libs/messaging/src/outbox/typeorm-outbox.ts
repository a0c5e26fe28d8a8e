import { traceHeaders } from '@orderhub/common';
import { Injectable } from '@nestjs/common';
import type { MessageEnvelope, TopicName, TopicPayload } from '@orderhub/contracts';
import { TransactionManager } from '@orderhub/persistence';
import { Outbox } from '../ports';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxSignal } from './outbox-signal';

@Injectable()
export class TypeormOutbox extends Outbox {
  constructor(
    private readonly tx: TransactionManager,
    private readonly signal: OutboxSignal,
  ) {
    super();
  }

  async enqueue<T extends TopicName>(topic: T, envelope: MessageEnvelope<TopicPayload<T>>): Promise<void> {
    await this.tx
      .manager()
      .getRepository(OutboxMessageEntity)
      .insert({
        messageId: envelope.id,
        topic,
        key: envelope.key,
        value: JSON.stringify(envelope),
        // The W3C trace context of the work that wrote it travels with the message, through the relay and the bus.
        headers: { 'x-correlation-id': envelope.correlationId, 'x-message-type': envelope.type, ...traceHeaders() },
      });
    // Wake the relay once the caller's transaction has committed, not before: it would find nothing.
    this.tx.onCommit(() => this.signal.notify());
  }
}
