import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@orderhub/auth';
import { HubConfig, HubConfigModule } from '@orderhub/common';
import { ConsoleModule } from '@orderhub/console';
import { MessagingModule } from '@orderhub/messaging';
import { OrderCoreModule } from '@orderhub/order-core';
import { PersistenceModule } from '@orderhub/persistence';
import { PhoneModule } from '@orderhub/phone';
import { OpsModule } from '@orderhub/platform';

/**
 * The order core, scaled out: consumes purchase orders in a consumer group (run several; each order is
 * raised once), and serves the operator API, phone entry and the console.
 */
@Module({})
export class CoreModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        HubConfigModule.forRoot(config),
        PersistenceModule.forRoot(config),
        MessagingModule.forRoot(config, { relay: true }),
        OpsModule,
        AuthModule.forRoot(config),
        OrderCoreModule.forRoot({ http: true, consumers: true }),
        PhoneModule,
        ConsoleModule,
      ],
    };
  }
}
