import { DynamicModule, Global, Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from './hub-config';
import { StartupReport } from './startup-report';

/** Makes the boot-validated config injectable everywhere as `@Inject(HUB_CONFIG)`, with the start-up report. */
@Global()
@Module({})
export class HubConfigModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubConfigModule,
      providers: [{ provide: HUB_CONFIG, useValue: config }, StartupReport],
      exports: [HUB_CONFIG, StartupReport],
    };
  }
}
