import { Controller, Get, Header, Logger, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@orderhub/auth';
import { metricsRegistry } from '@orderhub/common';
import { MessageBus } from '@orderhub/messaging';
import { ScrapeMetrics } from './scrape.metrics';

/** Liveness and readiness for operators and orchestrators; no authentication, no secrets. */
@ApiExcludeController()
@Public()
@Controller()
export class OpsController {
  private readonly logger = new Logger('health');

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly scrape: ScrapeMetrics,
  ) {}

  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const [db, bus] = await Promise.all([this.db(), this.bus.health()]);
    const ok = db.ok && bus.ok;
    if (!bus.ok) this.logger.warn(`bus health check failed: ${bus.detail}`);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', db: db.detail, bus: bus.ok ? bus.detail : 'unavailable' });
  }

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    await this.scrape.refresh();
    return metricsRegistry.metrics();
  }

  private async db(): Promise<{ ok: boolean; detail: string }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { ok: true, detail: 'ok' };
    } catch (error) {
      // /health is public: the driver's message (host names, user names) goes to the log, not to the caller.
      this.logger.warn(`database health check failed: ${(error as Error).message}`);
      return { ok: false, detail: 'unavailable' };
    }
  }
}
