import { OrderCoreServicesModule } from '@orderhub/order-core';
import { Module } from '@nestjs/common';
import { TakePhoneOrderUseCase } from './application/take-phone-order.use-case';
import { PhoneOrdersController } from './infrastructure/phone-orders.controller';

@Module({ imports: [OrderCoreServicesModule], controllers: [PhoneOrdersController], providers: [TakePhoneOrderUseCase] })
export class PhoneModule {}
