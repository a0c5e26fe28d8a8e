import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@orderhub/auth';
import { HubConfig, HubConfigModule } from '@orderhub/common';
import { EdiX12Module } from '@orderhub/edi-x12';
import { EmailModule } from '@orderhub/email';
import { MessagingModule } from '@orderhub/messaging';
import { OrderCoreModule } from '@orderhub/order-core';
import { PersistenceModule } from '@orderhub/persistence';
import { OpsModule } from '@orderhub/platform';
import { ShopifyModule } from '@orderhub/shopify';

/**
 * The doors: channel endpoints and mailbox readers store raw documents and put canonical purchase orders on
 * the bus; channel writers answer partners (997, 855, 810, emails) from core events. No order decisions here.
 */
@Module({})
export class IngestModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        HubConfigModule.forRoot(config),
        PersistenceModule.forRoot(config),
        MessagingModule.forRoot(config, { relay: true }),
        OpsModule,
        AuthModule.forRoot(config),
        OrderCoreModule.forRoot({ http: false, consumers: false }),
        EdiX12Module,
        ShopifyModule.forRoot(),
        EmailModule,
      ],
    };
  }
}
