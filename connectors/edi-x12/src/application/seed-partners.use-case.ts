import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { AuditActors } from '@orderhub/auth';
import { DEMO_CUSTOMERS } from '@orderhub/order-core';
import { TransactionRunner } from '@orderhub/persistence';
import { EdiErrors } from '../domain/edi.errors';
import { hashPartnerApiKey } from '../domain/partner-api-key';
import { applyPartnerPatch, newPartner, partnerDraftSchema, partnerProblems } from '../domain/trading-partner';
import { ManagePartnersUseCase } from './manage-partners.use-case';
import { TradingPartnerRepository } from './ports';

/** The demo partner's fixed id and key: the README walkthrough curls with them. Only ever created in demo mode. */
export const DEMO_PARTNER = {
  id: '0d6f3a52-5b7e-4c1a-9a43-1c2f7d0e0001',
  apiKey: 'demo-acme-key',
  draft: {
    name: 'ACME Retail',
    customerId: DEMO_CUSTOMERS.acme.id,
    isaQualifier: 'ZZ',
    isaId: 'ACMERETAIL',
    gsId: 'ACMERETAIL',
    version: '004010' as const,
    documents: ['997', '855', '856', '810', '865', '846'] as Array<'997' | '855' | '856' | '810' | '865' | '846'>,
  },
};

/**
 * HUB_PARTNERS_FILE: a JSON array of partner profiles (the POST /api/v1/partners body) with optional `id`, and
 * `apiKey` or `apiKeySha256` (keep the key itself out of files where a hash will do). Upserted by ISA
 * qualifier+id; a partner without a key in the file gets none that anyone knows: rotate it through the API.
 */
const fileEntrySchema = z.array(
  partnerDraftSchema.extend({
    id: z.string().uuid().optional(),
    apiKey: z.string().min(12).optional(),
    apiKeySha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
);

@Injectable()
export class SeedPartnersUseCase {
  private readonly logger = new Logger('edi-partners');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly partners: TradingPartnerRepository,
    private readonly manage: ManagePartnersUseCase,
  ) {}

  async seedDemo(): Promise<boolean> {
    if (await this.partners.findByIsa(DEMO_PARTNER.draft.isaQualifier, DEMO_PARTNER.draft.isaId)) return false;
    await this.manage.create(DEMO_PARTNER.draft, AuditActors.system, {
      id: DEMO_PARTNER.id,
      apiKey: DEMO_PARTNER.apiKey,
      // The demo customer is seeded by master data at the same boot, possibly after this runs.
      skipCustomerCheck: true,
    });
    this.logger.warn(
      `demo trading partner "ACME Retail" (${DEMO_PARTNER.id}, ISA ZZ/ACMERETAIL) created with the FIXED demo API key "${DEMO_PARTNER.apiKey}" — demo mode only; rotate it before real use`,
    );
    return true;
  }

  async seedFile(path: string): Promise<{ created: number; updated: number }> {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw EdiErrors.partnersFileInvalid(path, [(error as Error).message]);
    }
    const parsed = fileEntrySchema.safeParse(json);
    if (!parsed.success)
      throw EdiErrors.partnersFileInvalid(
        path,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    let created = 0;
    let updated = 0;
    for (const entry of parsed.data) {
      const { id, apiKey, apiKeySha256, ...draft } = entry;
      await this.tx.run(async () => {
        const existing = await this.partners.findByIsa(draft.isaQualifier, draft.isaId);
        const hash = apiKeySha256 ?? (apiKey ? hashPartnerApiKey(apiKey) : undefined);
        if (!existing) {
          const partner = newPartner(id ?? randomUUID(), draft, new Date());
          const problems = partnerProblems(partner);
          if (problems.length > 0)
            throw EdiErrors.partnersFileInvalid(
              path,
              problems.map((p) => `${draft.isaId}: ${p}`),
            );
          // No key given: a random hash nobody can match, until an admin rotates one.
          await this.partners.insert(partner, hash ?? hashPartnerApiKey(randomUUID() + randomUUID()));
          if (!hash)
            this.logger.warn(`partner ${partner.name} (${partner.id}) has no API key yet: POST /api/v1/partners/${partner.id}/rotate-key`);
          created++;
        } else {
          const next = applyPartnerPatch(existing, draft, new Date());
          await this.partners.update(next);
          if (hash) await this.partners.setApiKeyHash(existing.id, hash);
          updated++;
        }
      });
    }
    this.logger.log(`partners from ${path}: ${created} created, ${updated} updated`);
    return { created, updated };
  }
}
