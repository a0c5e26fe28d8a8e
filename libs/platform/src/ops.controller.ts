import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@orderhub/auth';
import { metricsRegistry } from '@orderhub/common';
import { MessageBus } from '@orderhub/messaging';

/** Liveness and readiness for operators and orchestrators; no authentication, no secrets. */
@ApiExcludeController()
@Public()
@Controller()
export class OpsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
  ) {}

  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const [db, bus] = await Promise.all([this.db(), this.bus.health()]);
    const ok = db.ok && bus.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', db: db.detail, bus: bus.detail });
  }

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }

  private async db(): Promise<{ ok: boolean; detail: string }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { ok: true, detail: 'ok' };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }
}
