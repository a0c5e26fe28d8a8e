import { Logger } from '@nestjs/common';
import { Admin, Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { deadLetterTopic } from '@orderhub/contracts';
import { DEFAULT_POLICY, deliver } from '../delivery';
import { BusMessage, ConsumerLag, MessageBus, MessageHandler, SubscribeOptions, Subscription } from '../ports';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions: number;
  /** Consumer tuning: how many partitions one process works on at once (order holds within each). */
  partitionsConsumedConcurrently?: number;
  /** Prepended to every topic name, so environments (or test runs) can share one cluster. */
  topicPrefix?: string;
  /** How soon a dead consumer's partitions move to a live one (broker minimum: 6 s). */
  sessionTimeoutMs?: number;
}

/**
 * The bus on Apache Kafka via kafkajs. Producer: idempotent, acks from all in-sync replicas, one request in
 * flight so a retry cannot reorder a key. Consumer: offsets committed by hand only after the handler
 * (and its transaction) finished, so a crash between consume and commit redelivers.
 */
export class KafkaBus extends MessageBus {
  private readonly logger = new Logger('kafka-bus');
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private producerReady: Promise<Producer> | null = null;
  private admin: Admin | null = null;
  private readonly knownTopics = new Set<string>();
  private readonly consumers = new Set<Consumer>();
  /** Consumer group → physical topics this process subscribed it to. */
  private readonly subscriptions = new Map<string, Set<string>>();

  constructor(private readonly options: KafkaBusOptions) {
    super();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        if (entry.level <= logLevel.WARN) this.logger.warn(`${entry.namespace}: ${entry.log.message}`);
      },
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    const byTopic = new Map<string, BusMessage[]>();
    for (const m of messages) byTopic.set(this.physical(m.topic), [...(byTopic.get(this.physical(m.topic)) ?? []), m]);
    await this.ensureTopics([...byTopic.keys()]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    const topics = options.topics.map((t) => this.physical(t));
    await this.ensureTopics([...topics, ...options.topics.map((t) => this.physical(deadLetterTopic(t)))]);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      // A member that dies is noticed within the session timeout; its partitions wait that long.
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: Math.max(500, Math.floor((this.options.sessionTimeoutMs ?? 10_000) / 10)),
      allowAutoTopicCreation: false,
      // A short long-poll keeps shutdown and rebalances quick; an idle fetch costs one request per second.
      maxWaitTimeInMs: 1000,
      retry: { initialRetryTime: 300, retries: 10 },
    });
    this.consumers.add(consumer);
    const subscribed = this.subscriptions.get(options.groupId) ?? new Set<string>();
    topics.forEach((t) => subscribed.add(t));
    this.subscriptions.set(options.groupId, subscribed);
    const policy = {
      maxAttempts: options.maxAttempts ?? DEFAULT_POLICY.maxAttempts,
      retryBackoffMs: options.retryBackoffMs ?? DEFAULT_POLICY.retryBackoffMs,
    };
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        await deliver(
          {
            topic: this.logical(topic),
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            headers,
            attempt: 0,
          },
          handler,
          policy,
          (dead) => this.deadLetter(dead),
          heartbeat,
        );
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async consumerLag(): Promise<ConsumerLag[]> {
    if (this.subscriptions.size === 0) return [];
    const admin = await this.getAdmin();
    const out: ConsumerLag[] = [];
    for (const [group, topics] of this.subscriptions) {
      const committed = await admin.fetchOffsets({ groupId: group, topics: [...topics] });
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        let lag = 0;
        for (const end of ends) {
          const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          // No commit yet: the group starts from the beginning (fromBeginning), so all of it is lag.
          const from = at === '-1' ? BigInt(end.low) : BigInt(at);
          lag += Number(BigInt(end.high) - from);
        }
        out.push({ group, topic: this.logical(topic), lag: Math.max(0, lag) });
      }
    }
    return out;
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      const admin = await this.getAdmin();
      const cluster = await admin.describeCluster();
      return { ok: cluster.brokers.length > 0, detail: `kafka ${cluster.brokers.length} broker(s)` };
    } catch (error) {
      return { ok: false, detail: `kafka: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    await Promise.allSettled([this.producer?.disconnect(), this.admin?.disconnect()]);
    this.producer = null;
    this.producerReady = null;
    this.admin = null;
  }

  private physical(topic: string): string {
    return `${this.options.topicPrefix ?? ''}${topic}`;
  }

  private logical(topic: string): string {
    const prefix = this.options.topicPrefix ?? '';
    return prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  }

  /** Creates topics with the configured partition count before first use (brokers may forbid auto-create). */
  async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: -1 })),
      });
    }
    for (const t of missing) this.knownTopics.add(t);
  }

  private getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      // An idempotent producer may retry without limit (bounded by maxRetryTime): the broker drops duplicates.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 30_000 },
      });
      this.producerReady = producer.connect().then(
        () => (this.producer = producer),
        (error: unknown) => {
          this.producerReady = null;
          throw error;
        },
      );
    }
    return this.producerReady;
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
