import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@orderhub/common';
import { MessageBus } from '@orderhub/messaging';

/** Documents owed longer than this count as overdue. */
const OVERDUE_MINUTES = 15;

/**
 * Gauges computed when Prometheus scrapes, from the database and the bus, so they are true at that moment in every
 * process (not when someone last opened a dashboard, nor only in the process that changed them).
 */
@Injectable()
export class ScrapeMetrics {
  private readonly logger = new Logger('metrics');

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
  ) {}

  async refresh(): Promise<void> {
    await Promise.all([
      this.gauge('exceptions open', async () => {
        const [row] = await this.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM order_exception WHERE status = 'open'`);
        Metrics.exceptionsOpen.set(Number(row?.n ?? 0));
      }),
      this.gauge('outbox lag', async () => {
        const [row] = await this.dataSource.query<{ s: string | null }[]>(
          `SELECT EXTRACT(EPOCH FROM (now() - min(created_at))) AS s FROM outbox_message WHERE published_at IS NULL`,
        );
        Metrics.outboxLag.set(Math.max(0, Number(row?.s ?? 0)));
      }),
      this.gauge('documents overdue', async () => {
        const [row] = await this.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM outbound_document WHERE status IN ('pending', 'failed') AND created_at < now() - interval '${OVERDUE_MINUTES} minutes'`,
        );
        Metrics.documentsOverdue.set(Number(row?.n ?? 0));
      }),
      this.gauge('consumer lag', async () => {
        Metrics.consumerLag.reset();
        for (const { group, topic, lag } of await this.bus.consumerLag()) Metrics.consumerLag.set({ group, topic }, lag);
      }),
    ]);
  }

  /** A gauge that cannot be read keeps its last value; the scrape itself still answers. */
  private async gauge(name: string, read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch (error) {
      this.logger.warn(`${name} not read at scrape: ${(error as Error).message}`);
    }
  }
}
