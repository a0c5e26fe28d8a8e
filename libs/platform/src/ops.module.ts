import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { RejectNulCharactersPipe } from './nul-character.pipe';
import { OpsController } from './ops.controller';

@Module({ controllers: [OpsController], providers: [{ provide: APP_PIPE, useClass: RejectNulCharactersPipe }] })
export class OpsModule {}
