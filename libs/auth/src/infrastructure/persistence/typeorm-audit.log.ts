import { Injectable } from '@nestjs/common';
import type { FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TransactionManager } from '@orderhub/persistence';
import { AuditLog, AuditQuery, Page } from '../../application/ports';
import type { AuditEvent, NewAuditEvent } from '../../domain/audit-event';
import { AuditEventEntity } from './audit-event.entity';

/** Writes through `TransactionManager.manager()`, i.e. inside the caller's transaction when there is one. */
@Injectable()
export class TypeormAuditLog extends AuditLog {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  async record(event: NewAuditEvent): Promise<void> {
    await this.tx
      .manager()
      .getRepository(AuditEventEntity)
      .insert({
        actor: event.actor.slice(0, 100),
        action: event.action.slice(0, 100),
        subjectType: event.subjectType ?? null,
        subjectId: event.subjectId ?? null,
        details: event.details ?? {},
        // TypeORM's deep-partial type does not accept an open jsonb record as is.
      } as QueryDeepPartialEntity<AuditEventEntity>);
  }

  async list(query: AuditQuery): Promise<Page<AuditEvent>> {
    const where: FindOptionsWhere<AuditEventEntity> = {};
    if (query.actor !== undefined) where.actor = query.actor;
    if (query.action !== undefined) where.action = query.action;
    if (query.subjectType !== undefined) where.subjectType = query.subjectType;
    if (query.subjectId !== undefined) where.subjectId = query.subjectId;
    const [rows, total] = await this.tx
      .manager()
      .getRepository(AuditEventEntity)
      .findAndCount({ where, order: { at: 'DESC' }, take: query.limit, skip: query.offset });
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        details: r.details,
      })),
      total,
    };
  }
}
