import { Injectable } from '@nestjs/common';
import type { MessageEnvelope } from '@orderhub/contracts';
import { Metrics } from '@orderhub/common';
import { TransactionManager } from '@orderhub/persistence';

/**
 * Delivery is at least once; effects are exactly once: the key is recorded in the same transaction as the
 * effect, so either both commit or neither does, and a redelivered message finds its key and does nothing.
 */
@Injectable()
export class IdempotentConsumer {
  constructor(private readonly tx: TransactionManager) {}

  async once<T>(
    consumer: string,
    envelope: Pick<MessageEnvelope, 'idempotencyKey'> & { type?: string },
    work: () => Promise<T>,
  ): Promise<{ applied: boolean; result?: T }> {
    return this.tx.run(async () => {
      const inserted = (await this.tx
        .manager()
        .query(`INSERT INTO processed_message (consumer, idempotency_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING consumer`, [
          consumer,
          envelope.idempotencyKey,
        ])) as unknown[];
      if (inserted.length === 0) {
        Metrics.messagesConsumed.inc({ topic: envelope.type ?? consumer, result: 'duplicate' });
        return { applied: false };
      }
      return { applied: true, result: await work() };
    });
  }
}
