import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { envelopeSchema, HubError, MessageEnvelope, topicSchemas, TopicName, TransientError } from '@orderhub/contracts';
import { contextFrom, inSpan, withCorrelationId } from '@orderhub/common';
import { ConsumedMessage, MessageBus, PoisonMessageError, Subscription } from '../ports';

export interface BusTransportOptions {
  groupId: string;
  maxAttempts: number;
  retryBackoffMs: number;
}

/**
 * A Nest microservice transport over the bus port, so consumers are plain `@EventPattern(Topics.X)`
 * methods whatever the adapter (Kafka or embedded). It validates the envelope and the topic's payload
 * schema before any handler runs: a message that fails is dead-lettered with the reason, never retried,
 * and never stops the loop.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('bus-transport');
  private subscription: Subscription | null = null;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: BusTransportOptions,
  ) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => void): Promise<void> {
    const topics = [...this.getHandlers().keys()];
    if (topics.length > 0) {
      this.subscription = await this.bus.subscribe(
        { groupId: this.options.groupId, topics, maxAttempts: this.options.maxAttempts, retryBackoffMs: this.options.retryBackoffMs },
        (message) => this.dispatch(message),
      );
      this.log.log(`consuming ${topics.length} topic(s) as group ${this.options.groupId}`);
    }
    callback();
  }

  async dispatch(message: ConsumedMessage): Promise<void> {
    const handler = this.getHandlerByPattern(message.topic);
    if (!handler) throw new PoisonMessageError('BUS.NO_HANDLER', `no handler for topic ${message.topic}`);
    const envelope = parseEnvelope(message);
    try {
      // A consumer span in the trace the message was written in (its traceparent header), so one inbound
      // document is one trace across processes.
      await inSpan(
        `consume ${message.topic}`,
        'consumer',
        (span) => {
          span.setAttributes({
            'messaging.destination.name': message.topic,
            'messaging.consumer.group.name': this.options.groupId,
            'messaging.message.id': envelope.id,
          });
          return withCorrelationId(envelope.correlationId, async () => {
            const result = await handler(envelope, {
              topic: message.topic,
              partition: message.partition,
              offset: message.offset,
              attempt: message.attempt,
            });
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          });
        },
        contextFrom(message.headers ?? {}),
      );
    } catch (error) {
      // A coded error is a verdict on the message (invalid, unknown, conflicting): retrying cannot change it.
      // Anything else (database down, deadlock, broker hiccup) is retried with backoff.
      if (error instanceof HubError && !(error instanceof TransientError)) throw new PoisonMessageError(error.code, error.message);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  on(): void {
    // No transport-level events to expose.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}

/** Parses and validates a message against the envelope and its topic's payload schema. */
export function parseEnvelope(message: Pick<ConsumedMessage, 'topic' | 'value'>): MessageEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(message.value);
  } catch {
    throw new PoisonMessageError('BUS.MALFORMED_JSON', 'message value is not JSON');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new PoisonMessageError('BUS.INVALID_ENVELOPE', envelope.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const schema = topicSchemas[message.topic as TopicName];
  if (schema) {
    const payload = schema.safeParse(envelope.data.payload);
    if (!payload.success) {
      throw new PoisonMessageError(
        'BUS.INVALID_PAYLOAD',
        payload.error.issues
          .slice(0, 10)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      );
    }
    return { ...envelope.data, payload: payload.data };
  }
  return envelope.data;
}
