import type { MessageEnvelope, TopicName, TopicPayload } from '@orderhub/contracts';

/**
 * Writes a message in the caller's transaction (see TransactionRunner). The relay publishes it to the bus
 * after commit, so a message exists if and only if the rows it speaks of do.
 */
export abstract class Outbox {
  abstract enqueue<T extends TopicName>(topic: T, envelope: MessageEnvelope<TopicPayload<T>>): Promise<void>;
}

export interface BusMessage {
  topic: string;
  key: string;
  /** JSON text of a MessageEnvelope, as it travels. */
  value: string;
  headers?: Record<string, string>;
}

export interface ConsumedMessage extends BusMessage {
  partition: number;
  offset: string;
  /** How many times this message was delivered before (0 on first delivery, where the transport knows). */
  attempt: number;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Attempts before the message goes to the dead-letter topic with its reason. */
  maxAttempts?: number;
  /** First backoff; doubles per attempt. */
  retryBackoffMs?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The bus port. Two adapters: Kafka (kafkajs) and the embedded one (durable through the database).
 * Guarantees both give: per-key order, at-least-once delivery, consumer groups sharing partitions,
 * a failed message retried with backoff then dead-lettered with its reason, never killing the loop.
 */
export abstract class MessageBus {
  private deadLetters?: { deadLetter(dead: BusMessage, publish: (dead: BusMessage) => Promise<void>): Promise<void> };

  /** Who hears of a message before it is dead-lettered (DeadLetters: the core's MESSAGE.UNPROCESSABLE). */
  useDeadLetters(deadLetters: { deadLetter(dead: BusMessage, publish: (dead: BusMessage) => Promise<void>): Promise<void> }): void {
    this.deadLetters = deadLetters;
  }

  /** The one dead-letter step of both adapters (see delivery.ts for the retry policy before it). */
  protected async deadLetter(dead: BusMessage): Promise<void> {
    if (this.deadLetters) await this.deadLetters.deadLetter(dead, (m) => this.publish([m]));
    else await this.publish([dead]);
  }

  abstract publish(messages: BusMessage[]): Promise<void>;
  abstract subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  abstract health(): Promise<{ ok: boolean; detail: string }>;
  /** Messages not yet consumed, per consumer group of this process and topic (logical names): read at each scrape. */
  abstract consumerLag(): Promise<ConsumerLag[]>;
  abstract close(): Promise<void>;
}

/** Thrown by a handler for a message that can never succeed: dead-lettered at once, no retries. */
export class PoisonMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export interface ConsumerLag {
  group: string;
  topic: string;
  lag: number;
}
