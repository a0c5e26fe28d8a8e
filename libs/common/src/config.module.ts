import { DynamicModule, Global, Module } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from './hub-config';

/** Makes the boot-validated config injectable everywhere as `@Inject(HUB_CONFIG)`. */
@Global()
@Module({})
export class HubConfigModule {
  static forRoot(config: HubConfig): DynamicModule {
    return { module: HubConfigModule, providers: [{ provide: HUB_CONFIG, useValue: config }], exports: [HUB_CONFIG] };
  }
}
