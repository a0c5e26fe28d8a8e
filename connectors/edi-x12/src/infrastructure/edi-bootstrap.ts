import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@orderhub/common';
import { DocumentDelivererRegistry } from '@orderhub/order-core';
import { EdiDocumentDeliverer } from '../application/edi-document.deliverer';
import { SeedPartnersUseCase } from '../application/seed-partners.use-case';
import { EdiX12Config } from '../edi-x12.config';

/** Registers the EDI deliverer for re-sends and loads partners (file, demo) once migrations have run. */
@Injectable()
export class EdiBootstrap implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('edi-partners');

  constructor(
    @Inject(HUB_CONFIG) private readonly hub: HubConfig,
    private readonly config: EdiX12Config,
    private readonly registry: DocumentDelivererRegistry,
    private readonly deliverer: EdiDocumentDeliverer,
    private readonly seed: SeedPartnersUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.deliverer);
    this.logger.log(this.config.describe());
  }

  async onApplicationBootstrap(): Promise<void> {
    // A broken partners file stops the boot with its reason, like any bad configuration.
    if (this.config.partnersFile) await this.seed.seedFile(this.config.partnersFile);
    if (this.hub.demo) {
      try {
        await this.seed.seedDemo();
      } catch (error) {
        // Two processes seeding one database at once: the loser's unique violation is harmless.
        this.logger.warn(`demo trading partner not created: ${(error as Error).message}`);
      }
    }
  }
}
