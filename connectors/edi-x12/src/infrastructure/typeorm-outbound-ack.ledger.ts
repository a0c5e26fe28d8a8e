import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { Brackets, type Repository } from 'typeorm';
import { OutboundAck, OutboundAckLedger, SetVerdict } from '../application/outbound-ack-ledger';
import { EdiOutboundAckEntity } from './edi-outbound-ack.entity';

const numeric = (control: string): string => control.trim().replace(/^0+(?=\d)/, '');

@Injectable()
export class TypeormOutboundAckLedger extends OutboundAckLedger {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo(): Repository<EdiOutboundAckEntity> {
    return this.tx.manager().getRepository(EdiOutboundAckEntity);
  }

  async expect(row: Parameters<OutboundAckLedger['expect']>[0]): Promise<void> {
    await this.repo().upsert(
      {
        ...row,
        interchangeControl: numeric(row.interchangeControl),
        groupControl: numeric(row.groupControl),
        setControl: numeric(row.setControl),
        status: 'awaiting',
        codes: [],
      },
      ['documentId'],
    );
  }

  async applyGroup(
    partnerId: string,
    groupControl: string,
    verdict: { sets: SetVerdict[]; whole?: Omit<SetVerdict, 'setControl'> },
    ackRawDocumentId: string,
  ): Promise<string[]> {
    const rows = await this.repo().find({ where: { partnerId, groupControl: numeric(groupControl) } });
    const matched: string[] = [];
    for (const row of rows) {
      const own = verdict.sets.find((s) => numeric(s.setControl) === row.setControl);
      const applied = own ?? verdict.whole;
      if (!applied) continue;
      row.status = applied.status;
      row.codes = [...(verdict.whole && own ? verdict.whole.codes : []), ...applied.codes];
      row.ackRawDocumentId = ackRawDocumentId;
      row.acknowledgedAt = new Date();
      await this.repo().save(row);
      matched.push(row.documentId);
    }
    return matched;
  }

  async applyInterchangeRejection(
    partnerId: string,
    interchangeControl: string,
    code: string,
    ackRawDocumentId: string,
  ): Promise<string[]> {
    const rows = await this.repo().find({ where: { partnerId, interchangeControl: numeric(interchangeControl) } });
    for (const row of rows) {
      row.status = 'rejected';
      row.codes = [{ level: 'TA1', code }];
      row.ackRawDocumentId = ackRawDocumentId;
      row.acknowledgedAt = new Date();
      await this.repo().save(row);
    }
    return rows.map((r) => r.documentId);
  }

  async list(query: Parameters<OutboundAckLedger['list']>[0], now: Date): Promise<{ items: OutboundAck[]; total: number }> {
    const qb = this.repo().createQueryBuilder('a').orderBy('a.created_at', 'DESC').take(query.limit).skip(query.offset);
    if (query.partnerId) qb.andWhere('a.partner_id = :partnerId', { partnerId: query.partnerId });
    switch (query.status) {
      case 'overdue':
        qb.andWhere("a.status = 'awaiting' AND a.due_at < :now", { now });
        break;
      case 'awaiting':
        qb.andWhere("a.status = 'awaiting'");
        break;
      case 'rejected':
        qb.andWhere("a.status = 'rejected'");
        break;
      case 'accepted':
        qb.andWhere(new Brackets((w) => w.where("a.status = 'accepted'").orWhere("a.status = 'accepted-with-errors'")));
        break;
      case undefined:
        break;
    }
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map((r) => toDomain(r, now)), total };
  }

  async counts(now: Date): Promise<{ overdue: number; rejected: number }> {
    const overdue = await this.repo().createQueryBuilder('a').where("a.status = 'awaiting' AND a.due_at < :now", { now }).getCount();
    const rejected = await this.repo().count({ where: { status: 'rejected' } });
    return { overdue, rejected };
  }

  async get(documentId: string): Promise<OutboundAck | null> {
    const row = await this.repo().findOne({ where: { documentId } });
    return row ? toDomain(row, new Date()) : null;
  }

  async resent(documentId: string, dueAt: Date): Promise<void> {
    await this.repo().update({ documentId }, { status: 'awaiting', dueAt, acknowledgedAt: null });
  }
}

function toDomain(row: EdiOutboundAckEntity, now: Date): OutboundAck {
  return {
    documentId: row.documentId,
    partnerId: row.partnerId,
    kind: row.kind,
    interchangeControl: row.interchangeControl,
    groupControl: row.groupControl,
    setControl: row.setControl,
    status: row.status as OutboundAck['status'],
    overdue: row.status === 'awaiting' && row.dueAt.getTime() < now.getTime(),
    codes: row.codes,
    ackRawDocumentId: row.ackRawDocumentId,
    acknowledgedAt: row.acknowledgedAt,
    dueAt: row.dueAt,
    createdAt: row.createdAt,
  };
}
