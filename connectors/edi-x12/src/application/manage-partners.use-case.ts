import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { AuditLog } from '@orderhub/auth';
import { CustomerDirectory } from '@orderhub/order-core';
import { TransactionRunner } from '@orderhub/persistence';
import { EdiErrors } from '../domain/edi.errors';
import { generatePartnerApiKey, hashPartnerApiKey } from '../domain/partner-api-key';
import {
  applyPartnerPatch,
  newPartner,
  partnerDraftSchema,
  partnerPatchSchema,
  partnerProblems,
  PartnerView,
  partnerView,
  TradingPartner,
  ValidPartnerDraft,
} from '../domain/trading-partner';
import { ConnectionInput, DEFAULT_CONNECTION, PartnerConnection, sealConnection } from '../domain/partner-connection';
import { PartnerSecretBox } from './partner-secret-box';
import { TradingPartnerRepository } from './ports';

function issuesOf(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
}

/** Admin actions on trading partners: create (key shown once), update, rotate the key. Each is audited. */
@Injectable()
export class ManagePartnersUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly partners: TradingPartnerRepository,
    private readonly customers: CustomerDirectory,
    private readonly secrets: PartnerSecretBox,
    @Optional() private readonly audit?: AuditLog,
  ) {}

  /** The connection as stored: SFTP secrets sealed (a PATCH without them keeps the stored ones). */
  private sealed(input: ConnectionInput | undefined, previous: PartnerConnection | undefined): PartnerConnection {
    if (!input) return previous ?? DEFAULT_CONNECTION;
    if (input.type === 'sftp' && (input.privateKey !== undefined || input.password !== undefined) && !this.secrets.canSeal())
      throw EdiErrors.partnerInvalid(['connection: HUB_SECRETS_KEY is not configured, so SFTP secrets cannot be stored']);
    const { connection, problems } = sealConnection(input, previous, (plain) => this.secrets.seal(plain));
    if (problems.length > 0) throw EdiErrors.partnerInvalid(problems);
    return connection;
  }

  parseDraft(body: unknown): ValidPartnerDraft {
    const parsed = partnerDraftSchema.safeParse(body);
    if (!parsed.success) throw EdiErrors.partnerInvalid(issuesOf(parsed.error));
    return parsed.data;
  }

  async create(
    body: unknown,
    actor: string,
    options: { id?: string; apiKey?: string; skipCustomerCheck?: boolean } = {},
  ): Promise<{ partner: TradingPartner; apiKey: string }> {
    const draft = this.parseDraft(body);
    const partner = newPartner(options.id ?? randomUUID(), draft, new Date());
    partner.connection = this.sealed(draft.connection, undefined);
    const problems = partnerProblems(partner);
    if (problems.length > 0) throw EdiErrors.partnerInvalid(problems);
    const apiKey = options.apiKey ?? generatePartnerApiKey();
    await this.tx.run(async () => {
      if (!options.skipCustomerCheck && !(await this.customers.findById(partner.customerId)))
        throw EdiErrors.customerUnknown(partner.customerId);
      if (await this.partners.findByIsa(partner.isaQualifier, partner.isaId))
        throw EdiErrors.partnerDuplicate(partner.isaQualifier, partner.isaId);
      await this.partners.insert(partner, hashPartnerApiKey(apiKey));
      await this.audit?.record({
        actor,
        action: 'partner.create',
        subjectType: 'trading-partner',
        subjectId: partner.id,
        details: { name: partner.name, isa: `${partner.isaQualifier}/${partner.isaId}` },
      });
    });
    return { partner, apiKey };
  }

  async update(id: string, body: unknown, actor: string): Promise<TradingPartner> {
    const parsed = partnerPatchSchema.safeParse(body);
    if (!parsed.success) throw EdiErrors.partnerInvalid(issuesOf(parsed.error));
    return this.tx.run(async () => {
      const current = await this.partners.findById(id);
      if (!current) throw EdiErrors.partnerNotFound(id);
      const next = applyPartnerPatch(current, parsed.data, new Date());
      next.connection = this.sealed(parsed.data.connection, current.connection);
      const problems = partnerProblems(next);
      if (problems.length > 0) throw EdiErrors.partnerInvalid(problems);
      if (next.customerId !== current.customerId && !(await this.customers.findById(next.customerId)))
        throw EdiErrors.customerUnknown(next.customerId);
      if (next.isaQualifier !== current.isaQualifier || next.isaId !== current.isaId) {
        const other = await this.partners.findByIsa(next.isaQualifier, next.isaId);
        if (other && other.id !== id) throw EdiErrors.partnerDuplicate(next.isaQualifier, next.isaId);
      }
      await this.partners.update(next);
      await this.audit?.record({
        actor,
        action: 'partner.update',
        subjectType: 'trading-partner',
        subjectId: id,
        details: { fields: Object.keys(parsed.data) },
      });
      return next;
    });
  }

  async rotateKey(id: string, actor: string): Promise<{ id: string; apiKey: string }> {
    const apiKey = generatePartnerApiKey();
    await this.tx.run(async () => {
      if (!(await this.partners.findById(id))) throw EdiErrors.partnerNotFound(id);
      await this.partners.setApiKeyHash(id, hashPartnerApiKey(apiKey));
      await this.audit?.record({ actor, action: 'partner.rotate-key', subjectType: 'trading-partner', subjectId: id });
    });
    return { id, apiKey };
  }

  async get(id: string): Promise<PartnerView> {
    const partner = await this.partners.findById(id);
    if (!partner) throw EdiErrors.partnerNotFound(id);
    return partnerView(partner);
  }

  async list(limit: number, offset: number): Promise<{ items: PartnerView[]; total: number }> {
    const page = await this.partners.list({ limit, offset });
    return { items: page.items.map(partnerView), total: page.total };
  }

  /** The partner an inbound request's X-Api-Key belongs to. */
  async authenticate(apiKey: string | undefined): Promise<TradingPartner> {
    if (!apiKey || apiKey.trim() === '') throw EdiErrors.apiKeyRequired();
    const partner = await this.partners.findByApiKeyHash(hashPartnerApiKey(apiKey.trim()));
    if (!partner || !partner.active) throw EdiErrors.unknownPartner();
    return partner;
  }
}
