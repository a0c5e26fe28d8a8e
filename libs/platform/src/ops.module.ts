import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { RejectNulCharactersPipe } from './nul-character.pipe';
import { OpsController } from './ops.controller';
import { ScrapeMetrics } from './scrape.metrics';

@Module({ controllers: [OpsController], providers: [ScrapeMetrics, { provide: APP_PIPE, useClass: RejectNulCharactersPipe }] })
export class OpsModule {}
