import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { ExceptionListQuery, ExceptionRepository, NewException } from '../application/exception.repository';
import { OrderExceptionEntity } from './order-exception.entity';

@Injectable()
export class TypeormExceptionRepository extends ExceptionRepository {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(OrderExceptionEntity);
  }

  async open(e: NewException): Promise<{ exception: OrderExceptionEntity; created: boolean }> {
    const existing = await this.findBySourceKey(e.sourceKey);
    if (existing) return { exception: existing, created: false };
    const saved = await this.repo().save(
      this.repo().create({
        channel: e.channel,
        status: 'open',
        reasons: e.reasons,
        purchaseOrder: e.purchaseOrder,
        rawDocumentId: e.rawDocumentId,
        sourceKey: e.sourceKey,
        sender: e.sender.slice(0, 200),
        partnerId: e.partnerId ?? null,
        customerId: e.customerId ?? null,
        customerName: e.customerName ?? null,
        poNumber: e.poNumber ?? null,
        receivedAt: e.receivedAt,
        senderTold: e.senderTold ?? null,
        history: [{ at: new Date().toISOString(), actor: e.actor, action: 'flagged', note: e.reasons.map((r) => r.code).join(', ') }],
      }),
    );
    return { exception: saved, created: true };
  }

  findById(id: string): Promise<OrderExceptionEntity | null> {
    return this.repo().findOne({ where: { id } });
  }

  findBySourceKey(sourceKey: string): Promise<OrderExceptionEntity | null> {
    return this.repo().findOne({ where: { sourceKey } });
  }

  listForRawDocument(rawDocumentId: string): Promise<OrderExceptionEntity[]> {
    return this.repo().find({ where: { rawDocumentId }, order: { createdAt: 'ASC' } });
  }

  async list(query: ExceptionListQuery) {
    const qb = this.repo().createQueryBuilder('e');
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.channel) qb.andWhere('e.channel = :channel', { channel: query.channel });
    if (query.customerId) qb.andWhere('e.customerId = :customerId', { customerId: query.customerId });
    if (query.reason) qb.andWhere(`e.reasons @> :reason::jsonb`, { reason: JSON.stringify([{ code: query.reason }]) });
    if (query.minAgeHours !== undefined) qb.andWhere(`e.createdAt <= now() - make_interval(hours => :h)`, { h: query.minAgeHours });
    const countQb = qb.clone();
    // Oldest first: the queue is worked in arrival order.
    const [items, total] = await qb.orderBy('e.createdAt', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
    const all = await countQb.select(['e.channel', 'e.reasons']).getMany();
    const byReason: Record<string, number> = {};
    const byChannel: Record<string, number> = {};
    for (const e of all) {
      byChannel[e.channel] = (byChannel[e.channel] ?? 0) + 1;
      for (const code of new Set(e.reasons.map((r) => r.code))) byReason[code] = (byReason[code] ?? 0) + 1;
    }
    return { items, total, counts: { byReason, byChannel } };
  }

  async update(
    id: string,
    expectedVersion: number,
    change: Partial<OrderExceptionEntity>,
    entry: { actor: string; action: string; note?: string },
  ): Promise<boolean> {
    const historyEntry = JSON.stringify([{ at: new Date().toISOString(), ...entry }]);
    const result = await this.repo()
      .createQueryBuilder()
      .update(OrderExceptionEntity)
      .set({ ...change, version: () => 'version + 1', history: () => `history || CAST(:entry AS jsonb)` } as never)
      .setParameter('entry', historyEntry)
      .where('id = :id AND version = :version', { id, version: expectedVersion })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async countOpen(): Promise<number> {
    return this.repo().count({ where: { status: 'open' } });
  }
}
