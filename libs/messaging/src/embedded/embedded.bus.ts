import { Logger } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { DEFAULT_POLICY, DeliveryPolicy, deliver, partitionFor } from '../delivery';
import { BusMessage, ConsumerLag, MessageBus, MessageHandler, SubscribeOptions, Subscription } from '../ports';
import { BusMessageEntity } from './bus-message.entity';

interface Member {
  id: number;
  topics: string[];
  handler: MessageHandler;
  policy: DeliveryPolicy;
  inFlight: Set<Promise<unknown>>;
}

interface Group {
  id: string;
  members: Member[];
  workers: Map<number, Promise<void>>;
}

const FETCH = 200;

/**
 * The bus for one machine: messages are rows in `bus_message` (durable, in the hub's own database) and
 * consumer groups keep committed offsets in `bus_offset`, so a crash redelivers what was not committed,
 * as Kafka would. Partitions by key keep one purchase order's messages in order; the members of a group
 * share the partitions.
 */
export class EmbeddedBus extends MessageBus {
  private readonly logger = new Logger('embedded-bus');
  private readonly groups = new Map<string, Group>();
  private readonly wakers = new Set<() => void>();
  private nextMemberId = 1;
  private closed = false;

  constructor(
    private readonly tx: TransactionManager,
    private readonly partitions = 4,
    private readonly pollMs = 250,
  ) {
    super();
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.tx
      .manager()
      .getRepository(BusMessageEntity)
      .insert(
        messages.map((m) => ({
          topic: m.topic,
          partition: partitionFor(m.key, this.partitions),
          key: m.key,
          value: m.value,
          headers: m.headers ?? {},
        })),
      );
    this.tx.onCommit(() => this.wakeAll());
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.closed) throw new Error('bus is closed');
    const group: Group = this.groups.get(options.groupId) ?? { id: options.groupId, members: [], workers: new Map() };
    this.groups.set(options.groupId, group);
    const member: Member = {
      id: this.nextMemberId++,
      topics: options.topics,
      handler,
      policy: {
        maxAttempts: options.maxAttempts ?? DEFAULT_POLICY.maxAttempts,
        retryBackoffMs: options.retryBackoffMs ?? DEFAULT_POLICY.retryBackoffMs,
      },
      inFlight: new Set(),
    };
    group.members.push(member);
    this.ensureWorkers(group);
    this.wakeAll();
    return {
      stop: async () => {
        group.members = group.members.filter((m) => m !== member);
        this.wakeAll();
        await Promise.allSettled([...member.inFlight]);
      },
    };
  }

  async consumerLag(): Promise<ConsumerLag[]> {
    const out: ConsumerLag[] = [];
    for (const group of this.groups.values()) {
      const topics = [...new Set(group.members.flatMap((m) => m.topics))];
      if (topics.length === 0) continue;
      const rows: { topic: string; lag: string }[] = await this.tx.manager().query(
        `SELECT m.topic, count(*) AS lag FROM bus_message m
           LEFT JOIN bus_offset o ON o.group_id = $1 AND o.topic = m.topic AND o.partition = m.partition
          WHERE m.topic = ANY($2) AND m.seq > COALESCE(o.last_seq, 0)
          GROUP BY m.topic`,
        [group.id, topics],
      );
      for (const topic of topics) out.push({ group: group.id, topic, lag: Number(rows.find((r) => r.topic === topic)?.lag ?? 0) });
    }
    return out;
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      await this.tx.manager().query('SELECT 1');
      return { ok: true, detail: 'embedded (database-backed)' };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) group.members = [];
    this.wakeAll();
    await Promise.allSettled([...this.groups.values()].flatMap((g) => [...g.workers.values()]));
  }

  /** Members assigned to partition p: p modulo the member count, re-read before every message. */
  private assigned(group: Group, partition: number): Member | undefined {
    if (group.members.length === 0) return undefined;
    return group.members[partition % group.members.length];
  }

  private ensureWorkers(group: Group): void {
    for (let p = 0; p < this.partitions; p++) {
      if (!group.workers.has(p)) {
        const worker = this.work(group, p).finally(() => group.workers.delete(p));
        group.workers.set(p, worker);
      }
    }
  }

  private async work(group: Group, partition: number): Promise<void> {
    const offsets = new Map<string, string>();
    while (!this.closed) {
      const member = this.assigned(group, partition);
      if (!member) {
        if (group.members.length === 0) return;
        await this.sleep();
        continue;
      }
      let progressed = false;
      try {
        for (const topic of member.topics) {
          const from = offsets.get(topic) ?? (await this.loadOffset(group.id, topic, partition));
          const rows = await this.tx
            .manager()
            .getRepository(BusMessageEntity)
            .createQueryBuilder('m')
            .where('m.topic = :topic AND m.partition = :partition AND m.seq > :from', { topic, partition, from })
            .orderBy('m.seq', 'ASC')
            .limit(FETCH)
            .getMany();
          for (const row of rows) {
            if (this.assigned(group, partition) !== member || this.closed) break;
            const delivery = deliver(
              { topic: row.topic, key: row.key, value: row.value, headers: row.headers, partition, offset: row.seq, attempt: 0 },
              member.handler,
              member.policy,
              (dead) => this.deadLetter(dead),
            );
            member.inFlight.add(delivery);
            try {
              await delivery;
            } finally {
              member.inFlight.delete(delivery);
            }
            await this.commitOffset(group.id, topic, partition, row.seq);
            offsets.set(topic, row.seq);
            progressed = true;
          }
        }
      } catch (error) {
        // Database trouble: keep the worker alive and try again; uncommitted messages are redelivered.
        this.logger.warn(`embedded consumer ${group.id}/${partition} failed: ${(error as Error).message}`);
        offsets.clear();
        await this.sleep();
      }
      if (!progressed) await this.sleep();
    }
  }

  private async loadOffset(groupId: string, topic: string, partition: number): Promise<string> {
    const rows = (await this.tx
      .manager()
      .query('SELECT last_seq FROM bus_offset WHERE group_id = $1 AND topic = $2 AND partition = $3', [
        groupId,
        topic,
        partition,
      ])) as Array<{
      last_seq: string;
    }>;
    return rows[0]?.last_seq ?? '0';
  }

  private async commitOffset(groupId: string, topic: string, partition: number, seq: string): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO bus_offset (group_id, topic, partition, last_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET last_seq = EXCLUDED.last_seq`,
      [groupId, topic, partition, seq],
    );
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakers.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}
