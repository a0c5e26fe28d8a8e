import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SendInventoryAdviceUseCase } from '../application/send-inventory-advice.use-case';
import { TradingPartnerRepository } from '../application/ports';

/**
 * Sends each partner's daily 846 once its `inventoryAdviceAt` (HH:MM, UTC) has passed today. Checked every minute;
 * the day is part of the document's key, so a restart, a second process or a late check never sends it twice.
 */
@Injectable()
export class InventoryAdviceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('edi-846-schedule');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly partners: TradingPartnerRepository,
    private readonly advice: SendInventoryAdviceUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(new Date()), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends what is due at `now`; returns the partners it sent to. */
  async tick(now: Date): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const sent: string[] = [];
    try {
      const day = now.toISOString().slice(0, 10);
      const time = now.toISOString().slice(11, 16);
      for (const partner of await this.partners.listActive()) {
        if (!partner.documents.includes('846') || !partner.inventoryAdviceAt || partner.inventoryAdviceAt > time) continue;
        const result = await this.advice.execute(partner.id, { kind: 'schedule', day }).catch((error: unknown) => {
          this.logger.error(`846 for ${partner.name} failed: ${(error as Error).message}`);
          return undefined;
        });
        if (result?.created) sent.push(partner.id);
      }
    } finally {
      this.running = false;
    }
    return sent;
  }
}
