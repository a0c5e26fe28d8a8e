import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Every message on the bus travels in this envelope, whatever the transport. */
export const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: z.string().optional(),
  /** Consumers apply a message's effect once per idempotency key. */
  idempotencyKey: z.string().min(1),
  /** Partition key: one purchase order's messages stay in order. */
  key: z.string().min(1),
  payload: z.unknown(),
});

export interface MessageEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  idempotencyKey: string;
  key: string;
  payload: T;
}

export function createEnvelope<T>(init: {
  type: string;
  version?: number;
  key: string;
  payload: T;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  occurredAt?: Date;
}): MessageEnvelope<T> {
  const id = randomUUID();
  return {
    id,
    type: init.type,
    version: init.version ?? 1,
    occurredAt: (init.occurredAt ?? new Date()).toISOString(),
    correlationId: init.correlationId ?? id,
    causationId: init.causationId,
    idempotencyKey: init.idempotencyKey ?? id,
    key: init.key,
    payload: init.payload,
  };
}
