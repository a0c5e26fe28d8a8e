import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { IsNull, Not } from 'typeorm';
import {
  ConnectionStatus,
  ExchangeProtocol,
  NewPartnerExchange,
  PartnerExchange,
  PartnerExchanges,
} from '../application/partner-exchanges';
import { PartnerExchangeEntity } from './partner-exchange.entity';

@Injectable()
export class TypeormPartnerExchanges extends PartnerExchanges {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(PartnerExchangeEntity);
  }

  async record(exchange: NewPartnerExchange): Promise<PartnerExchange> {
    const row = this.repo().create({ mdn: null, disposition: null, error: null, mic: null, ...exchange, id: randomUUID() });
    return toDomain(await this.repo().save(row));
  }

  async update(
    id: string,
    change: Partial<Pick<PartnerExchange, 'status' | 'mdn' | 'disposition' | 'error' | 'mic' | 'rawDocumentId'>>,
  ): Promise<void> {
    await this.repo().update({ id }, change);
  }

  async findOutbound(protocol: ExchangeProtocol, reference: string): Promise<PartnerExchange | null> {
    const row = await this.repo().findOne({ where: { protocol, direction: 'out', reference }, order: { createdAt: 'DESC' } });
    return row ? toDomain(row) : null;
  }

  async findInbound(protocol: ExchangeProtocol, partnerId: string, reference: string): Promise<PartnerExchange | null> {
    const row = await this.repo().findOne({
      where: { protocol, direction: 'in', partnerId, reference, status: Not('duplicate') },
      order: { createdAt: 'ASC' },
    });
    return row ? toDomain(row) : null;
  }

  async listForDocument(outboundDocumentId: string): Promise<PartnerExchange[]> {
    return (await this.repo().find({ where: { outboundDocumentId }, order: { createdAt: 'ASC' } })).map(toDomain);
  }

  async listForPartner(partnerId: string, limit: number): Promise<PartnerExchange[]> {
    return (await this.repo().find({ where: { partnerId }, order: { createdAt: 'DESC' }, take: limit })).map(toDomain);
  }

  async status(partnerId: string): Promise<ConnectionStatus> {
    const last = (direction: 'in' | 'out') => this.repo().findOne({ where: { partnerId, direction }, order: { createdAt: 'DESC' } });
    const [inbound, outbound, failed] = await Promise.all([
      last('in'),
      last('out'),
      this.repo().findOne({ where: { partnerId, error: Not(IsNull()) }, order: { updatedAt: 'DESC' } }),
    ]);
    const brief = (row: PartnerExchangeEntity | null) =>
      row ? { at: row.updatedAt.toISOString(), reference: row.reference, status: row.status } : null;
    return {
      lastInbound: brief(inbound),
      lastOutbound: brief(outbound),
      lastError: failed ? { at: failed.updatedAt.toISOString(), direction: failed.direction, message: failed.error ?? '' } : null,
    };
  }
}

function toDomain(row: PartnerExchangeEntity): PartnerExchange {
  return { ...row };
}
