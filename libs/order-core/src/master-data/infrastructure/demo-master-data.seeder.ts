import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@orderhub/common';
import { SeedDemoMasterDataUseCase } from '../application/seed-demo-master-data.use-case';

/** HUB_DEMO=1: an empty hub starts with the demo wholesaler's master data (migrations have run by now). */
@Injectable()
export class DemoMasterDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('master-data');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly seed: SeedDemoMasterDataUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    try {
      if (await this.seed.execute()) this.logger.log('demo master data loaded (customers ACME, EXHW, NWSHOP, BAYB, OVRD)');
    } catch (error) {
      // Two processes seeding one database at once: the loser's unique violation is harmless, the winner seeded.
      this.logger.warn(`demo master data not loaded: ${(error as Error).message}`);
    }
  }
}
