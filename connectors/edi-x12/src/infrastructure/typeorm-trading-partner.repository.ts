import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { TradingPartnerRepository } from '../application/ports';
import { EdiErrors } from '../domain/edi.errors';
import type { TradingPartner } from '../domain/trading-partner';
import { EdiControlSequenceEntity, TradingPartnerEntity } from './trading-partner.entity';

@Injectable()
export class TypeormTradingPartnerRepository extends TradingPartnerRepository {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(TradingPartnerEntity);
  }

  async findById(id: string): Promise<TradingPartner | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.repo().findOne({ where: { id } });
    return row ? toDomain(row) : null;
  }

  async findByApiKeyHash(hash: string): Promise<TradingPartner | null> {
    const row = await this.repo().findOne({ where: { apiKeyHash: hash } });
    return row ? toDomain(row) : null;
  }

  async findByIsa(qualifier: string, id: string): Promise<TradingPartner | null> {
    const row = await this.repo().findOne({ where: { isaQualifier: qualifier, isaId: id } });
    return row ? toDomain(row) : null;
  }

  async list(page: { limit: number; offset: number }): Promise<{ items: TradingPartner[]; total: number }> {
    const [rows, total] = await this.repo().findAndCount({ order: { name: 'ASC', id: 'ASC' }, take: page.limit, skip: page.offset });
    return { items: rows.map(toDomain), total };
  }

  async listActive(): Promise<TradingPartner[]> {
    return (await this.repo().find({ where: { active: true } })).map(toDomain);
  }

  async insert(partner: TradingPartner, apiKeyHash: string): Promise<void> {
    try {
      await this.tx.run(async () => {
        await this.repo().insert({ ...toRow(partner), apiKeyHash });
        await this.tx.manager().getRepository(EdiControlSequenceEntity).insert({ partnerId: partner.id, isaLast: 0, gsLast: 0, stLast: 0 });
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw EdiErrors.partnerDuplicate(partner.isaQualifier, partner.isaId);
      throw error;
    }
  }

  async update(partner: TradingPartner): Promise<void> {
    const { createdAt: _created, ...row } = toRow(partner);
    await this.repo().update({ id: partner.id }, row);
  }

  async setApiKeyHash(id: string, hash: string): Promise<void> {
    await this.repo().update({ id }, { apiKeyHash: hash });
  }
}

function toRow(p: TradingPartner): Omit<TradingPartnerEntity, 'apiKeyHash'> {
  return {
    id: p.id,
    name: p.name,
    customerId: p.customerId,
    isaQualifier: p.isaQualifier,
    isaId: p.isaId,
    gsId: p.gsId,
    version: p.version,
    documents: p.documents,
    delimiters: p.delimiters,
    destination: p.destination,
    connection: p.connection,
    duplicateWindowHours: p.duplicateWindowHours,
    ackOverdueHours: p.ackOverdueHours,
    ackChangesWith855: p.ackChangesWith855,
    inventoryAdviceAt: p.inventoryAdviceAt,
    hashTotalPolicy: p.hashTotalPolicy,
    isaWidth: p.isaWidth,
    active: p.active,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function toDomain(row: TradingPartnerEntity): TradingPartner {
  return {
    id: row.id,
    name: row.name,
    customerId: row.customerId,
    isaQualifier: row.isaQualifier,
    isaId: row.isaId,
    gsId: row.gsId,
    version: row.version,
    documents: row.documents,
    delimiters: row.delimiters,
    destination: row.destination ?? { kind: 'folder' },
    connection: row.connection ?? { type: 'http' },
    duplicateWindowHours: row.duplicateWindowHours,
    ackOverdueHours: row.ackOverdueHours,
    ackChangesWith855: row.ackChangesWith855,
    inventoryAdviceAt: row.inventoryAdviceAt,
    hashTotalPolicy: row.hashTotalPolicy,
    isaWidth: row.isaWidth,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
