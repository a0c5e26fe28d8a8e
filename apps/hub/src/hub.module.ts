import { DynamicModule, Module } from '@nestjs/common';
import { HubConfig, HubConfigModule } from '@orderhub/common';
import { MessagingModule } from '@orderhub/messaging';
import { PersistenceModule } from '@orderhub/persistence';
import { OpsModule } from '@orderhub/platform';

/** Everything in one process: channels, core, console. Wiring only. */
@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [HubConfigModule.forRoot(config), PersistenceModule.forRoot(config), MessagingModule.forRoot(config, { relay: true }), OpsModule],
    };
  }
}
