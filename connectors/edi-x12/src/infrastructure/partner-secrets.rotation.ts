import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { PartnerSecretBox } from '../application/partner-secret-box';
import { TradingPartnerRepository } from '../application/ports';

/**
 * Rotating HUB_SECRETS_KEY: start with the new key in HUB_SECRETS_KEY and the old one in HUB_SECRETS_KEY_PREVIOUS;
 * at boot every partner secret sealed with the old key is opened and sealed again with the new one (in one
 * transaction). Once it logged the count, HUB_SECRETS_KEY_PREVIOUS can go.
 */
@Injectable()
export class PartnerSecretsRotation implements OnApplicationBootstrap {
  private readonly logger = new Logger('partner-secrets');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly partners: TradingPartnerRepository,
    private readonly secrets: PartnerSecretBox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.secrets.canSeal()) return;
    const resealed = await this.reseal().catch((error: unknown) => {
      this.logger.error(`re-sealing partner secrets failed (they stay as they were): ${(error as Error).message}`);
      return 0;
    });
    if (resealed > 0)
      this.logger.warn(
        `re-sealed the secrets of ${resealed} partner(s) with the current HUB_SECRETS_KEY; HUB_SECRETS_KEY_PREVIOUS can be removed`,
      );
  }

  /** Re-seals what the current key did not seal; returns how many partners changed. */
  async reseal(): Promise<number> {
    return this.tx.run(async () => {
      let changed = 0;
      const { items } = await this.partners.list({ limit: 100_000, offset: 0 });
      for (const partner of items) {
        const c = partner.connection;
        if (c.type !== 'sftp') continue;
        const stale = [c.privateKeySealed, c.passwordSealed].some((s) => s && this.secrets.needsReseal(s));
        if (!stale) continue;
        const again = (s: string | undefined) => (s && this.secrets.needsReseal(s) ? this.secrets.seal(this.secrets.open(s)) : s);
        await this.partners.update({
          ...partner,
          connection: { ...c, privateKeySealed: again(c.privateKeySealed), passwordSealed: again(c.passwordSealed) },
        });
        changed += 1;
      }
      return changed;
    });
  }
}
