import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@orderhub/auth';
import { HubConfig, HubConfigModule } from '@orderhub/common';
import { ConsoleModule } from '@orderhub/console';
import { EdiX12Module } from '@orderhub/edi-x12';
import { EmailModule } from '@orderhub/email';
import { MessagingModule } from '@orderhub/messaging';
import { OrderCoreModule } from '@orderhub/order-core';
import { PhoneModule } from '@orderhub/phone';
import { ShopifyModule } from '@orderhub/shopify';
import { PersistenceModule } from '@orderhub/persistence';
import { OpsModule } from '@orderhub/platform';

/** Everything in one process: channels, core, console. Wiring only. */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [
        HubConfigModule.forRoot(config),
        PersistenceModule.forRoot(config),
        MessagingModule.forRoot(config, { relay: true }),
        OpsModule,
        AuthModule.forRoot(config),
        OrderCoreModule.forRoot({ http: true, consumers: true }),
        EdiX12Module,
        ShopifyModule.forRoot(),
        PhoneModule,
        EmailModule,
        ConsoleModule,
      ],
    };
  }
}
