import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, Metrics } from '@orderhub/common';
import { TransactionManager } from '@orderhub/persistence';
import { MessageBus } from '../ports';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxSignal } from './outbox-signal';

/** Arbitrary but fixed: only one relay in the whole deployment publishes at a time, so per-key order holds. */
const RELAY_LOCK_ID = 4_281_850;
const BATCH = 500;

/**
 * Publishes committed outbox messages to the bus, in commit order, and marks them published in the same
 * transaction. A crash after publish but before commit publishes again: at least once, by design.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private running = false;
  private loop: Promise<void> | null = null;
  private failures = 0;

  constructor(
    private readonly tx: TransactionManager,
    private readonly bus: MessageBus,
    private readonly signal: OutboxSignal,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Before connections close: the last flush still needs the database and the bus. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops the loop after a last flush, so a graceful shutdown leaves nothing committed but unpublished. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.signal.notify();
    await this.loop;
    try {
      while ((await this.publishBatch()) > 0);
    } catch (error) {
      this.logger.warn(`final outbox flush failed; messages stay for the next start: ${(error as Error).message}`);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const published = await this.publishBatch();
        this.failures = 0;
        if (published === 0) await this.signal.wait(this.config.HUB_OUTBOX_POLL_MS);
      } catch (error) {
        this.failures++;
        const delay = Math.min(30_000, 100 * 2 ** Math.min(this.failures, 9));
        this.logger.warn(`outbox publish failed (attempt ${this.failures}), retrying in ${delay} ms: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Publishes one batch; returns how many messages went out. */
  async publishBatch(): Promise<number> {
    return this.tx.run(async () => {
      const manager = this.tx.manager();
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_ID])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return 0;
      const rows = await manager
        .getRepository(OutboxMessageEntity)
        .createQueryBuilder('m')
        .where('m.publishedAt IS NULL')
        .orderBy('m.seq', 'ASC')
        .limit(BATCH)
        .getMany();
      if (rows.length === 0) return 0;
      await this.bus.publish(rows.map((r) => ({ topic: r.topic, key: r.key, value: r.value, headers: r.headers })));
      await manager
        .createQueryBuilder()
        .update(OutboxMessageEntity)
        .set({ publishedAt: () => 'now()' })
        .where('seq IN (:...seqs)', { seqs: rows.map((r) => r.seq) })
        .execute();
      Metrics.outboxPublished.inc(rows.length);
      return rows.length;
    });
  }

  /** Age in seconds of the oldest unpublished message (0 when none): the health of the relay. */
  async lagSeconds(): Promise<number> {
    const rows = (await this.tx
      .manager()
      .query(
        `SELECT EXTRACT(EPOCH FROM (now() - min(created_at)))::float8 AS lag FROM outbox_message WHERE published_at IS NULL`,
      )) as Array<{
      lag: number | null;
    }>;
    return Number(rows[0]?.lag ?? 0);
  }
}
