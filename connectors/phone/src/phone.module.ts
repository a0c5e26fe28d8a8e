import { Module } from '@nestjs/common';
import { PhoneOrdersController } from './infrastructure/phone-orders.controller';

@Module({ controllers: [PhoneOrdersController] })
export class PhoneModule {}
