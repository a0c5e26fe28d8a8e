import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { KpiQuery } from './kpi.query';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('api/v1/kpis')
export class KpisController {
  constructor(private readonly kpis: KpiQuery) {}

  @Get()
  async get(@Query('days') days?: string) {
    const n = Math.min(365, Math.max(1, Number.parseInt(days ?? '14', 10) || 14));
    const result = await this.kpis.compute(n);
    return result;
  }
}
