import { Logger } from '@nestjs/common';
import { deadLetterTopic } from '@orderhub/contracts';
import { Metrics } from '@orderhub/common';
import { BusMessage, ConsumedMessage, MessageHandler, PoisonMessageError } from './ports';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryBackoffMs: number;
}

export const DEFAULT_POLICY: DeliveryPolicy = { maxAttempts: 5, retryBackoffMs: 200 };

const logger = new Logger('bus');

/**
 * The one retry and dead-letter policy both adapters share: a handler failure is retried with doubling
 * backoff; a poison message (bad schema) or one whose attempts are spent goes to `<topic>.dlq` with its
 * reason in headers. Only a failure to dead-letter escapes, so the transport redelivers; the loop lives on.
 */
export async function deliver(
  message: ConsumedMessage,
  handler: MessageHandler,
  policy: DeliveryPolicy,
  deadLetter: (message: BusMessage) => Promise<void>,
  beforeRetry: () => Promise<void> = async () => undefined,
): Promise<'ok' | 'dead-lettered'> {
  let lastError: unknown;
  let outageWaits = 0;
  for (let attempt = message.attempt; attempt < policy.maxAttempts; attempt++) {
    try {
      await handler({ ...message, attempt });
      Metrics.messagesConsumed.inc({ topic: message.topic, result: 'ok' });
      return 'ok';
    } catch (error) {
      lastError = error;
      if (error instanceof PoisonMessageError) break;
      if (isInfrastructureOutage(error)) {
        // The database (or broker) is down: nothing is wrong with the message. Wait, without spending its
        // attempts, however long the outage lasts; every message would fail the same way meanwhile.
        const delay = Math.min(10_000, policy.retryBackoffMs * 2 ** Math.min(outageWaits++, 10));
        logger.warn(
          `infrastructure unavailable while handling ${message.topic}@${message.partition}:${message.offset}, waiting ${delay} ms: ${errorText(error)}`,
        );
        Metrics.messagesConsumed.inc({ topic: message.topic, result: 'retried' });
        await beforeRetry();
        await new Promise((r) => setTimeout(r, delay));
        attempt--;
        continue;
      }
      Metrics.messagesConsumed.inc({ topic: message.topic, result: 'retried' });
      if (attempt + 1 < policy.maxAttempts) {
        const delay = Math.min(10_000, policy.retryBackoffMs * 2 ** attempt);
        logger.warn(
          `handler failed on ${message.topic}@${message.partition}:${message.offset} (attempt ${attempt + 1}), retry in ${delay} ms: ${errorText(error)}`,
        );
        await beforeRetry();
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
  const code = lastError instanceof PoisonMessageError ? lastError.code : 'BUS.RETRIES_EXHAUSTED';
  await deadLetter({
    topic: deadLetterTopic(message.topic),
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      'x-dlq-code': code,
      'x-dlq-reason': errorText(lastError).slice(0, 2000),
      'x-dlq-original-topic': message.topic,
      'x-dlq-original-offset': `${message.partition}:${message.offset}`,
      'x-dlq-at': new Date().toISOString(),
    },
  });
  Metrics.messagesConsumed.inc({ topic: message.topic, result: 'dead-lettered' });
  logger.error(`dead-lettered ${message.topic}@${message.partition}:${message.offset} [${code}]: ${errorText(lastError)}`);
  return 'dead-lettered';
}

/** PostgreSQL connection-class errors (SQLSTATE 08*, 57P0*) and socket errors: an outage, not a bad message. */
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);

export function isInfrastructureOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: unknown; driverError?: unknown; cause?: unknown; message?: unknown };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (OUTAGE_CODES.has(code) || code.startsWith('08')) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (
      /Connection terminated|connection is not open|Driver not Connected|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i.test(
        message,
      )
    )
      return true;
    e = candidate.driverError ?? candidate.cause;
  }
  return false;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Stable partition for a key (same idea as Kafka's: one key, one partition, one order). */
export function partitionFor(key: string, partitions: number): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % partitions;
}
