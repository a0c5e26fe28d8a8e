import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@orderhub/common';
import { TransactionManager } from '@orderhub/persistence';
import { DocumentDelivererRegistry, OutboundDocuments } from './outbound-documents';
import { OutboundDocumentEntity } from '../infrastructure/outbound-document.entity';

const REDELIVERY_LOCK_ID = 4_281_852;
const MAX_ATTEMPTS = 20;

/**
 * Documents are stored before they are delivered. One that failed (a full disk, an SMTP outage) or that was
 * stored by a process that died before delivering it is delivered again here, with backoff by attempt count,
 * by whichever process has the transport for its channel. One process at a time (advisory lock), so two
 * ingest processes never send the same email twice.
 */
@Injectable()
export class OutboundRedelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('outbound-redelivery');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly tx: TransactionManager,
    private readonly documents: OutboundDocuments,
    private readonly deliverers: DocumentDelivererRegistry,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.HUB_REDELIVERY_INTERVAL_MS;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.redeliverDue()
        .catch((error: unknown) => this.logger.warn(`redelivery pass failed: ${(error as Error).message}`))
        .then(() => undefined)
        .finally(() => (this.running = null));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: returns how many documents were attempted. */
  async redeliverDue(minAgeMs = 15_000): Promise<number> {
    const channels = ['edi', 'email'].filter((c) => this.deliverers.for(c));
    if (channels.length === 0) return 0;
    return this.tx.run(async () => {
      const manager = this.tx.manager();
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [REDELIVERY_LOCK_ID])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return 0;
      // Backoff: a document waits 15 s after its first failure, doubling per attempt up to an hour.
      const due = await manager
        .getRepository(OutboundDocumentEntity)
        .createQueryBuilder('d')
        .where('d.status IN (:...statuses)', { statuses: ['pending', 'failed'] })
        .andWhere('d.channel IN (:...channels)', { channels })
        .andWhere('d.attempts < :max', { max: MAX_ATTEMPTS })
        .andWhere(`d.created_at < now() - make_interval(secs => :age * power(2, least(d.attempts, 8)) / 1000.0)`, { age: minAgeMs })
        .orderBy('d.created_at', 'ASC')
        .limit(50)
        .getMany();
      for (const row of due) {
        const document = await this.documents.get(row.id);
        const deliverer = this.deliverers.for(row.channel);
        if (!document || !deliverer) continue;
        const outcome = await deliverer
          .deliver(document)
          .catch((error: unknown) => ({ status: 'failed' as const, error: (error as Error).message }));
        await this.documents.recordDelivery(row.id, outcome);
        this.logger.log(`redelivered ${row.kind} ${row.id} (attempt ${row.attempts + 1}): ${outcome.status}`);
      }
      return due.length;
    });
  }
}
