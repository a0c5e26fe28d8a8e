import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { OrderListQuery, SalesOrderRepository } from '../application/sales-order.repository';
import { SalesOrderEventEntity } from './sales-order-event.entity';
import { SalesOrderLineEntity } from './sales-order-line.entity';
import { SalesOrderEntity } from './sales-order.entity';

@Injectable()
export class TypeormSalesOrderRepository extends SalesOrderRepository {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private orders() {
    return this.tx.manager().getRepository(SalesOrderEntity);
  }

  /**
   * Sales-order numbers come from a sequence, so concurrent raises (several core processes) never wait on each
   * other; the embedded database now shuts down cleanly, so a restart no longer skips the 32 values a sequence
   * logs ahead. Invoices, which must be gap-free, use a counter row instead (below).
   */
  async nextNumber(): Promise<string> {
    const [{ n }] = (await this.tx.manager().query(`SELECT nextval('sales_order_number_seq')::text AS n`)) as Array<{ n: string }>;
    return `SO-${n.padStart(6, '0')}`;
  }

  async nextInvoiceNumber(): Promise<string> {
    return `INV-${(await this.next('invoice')).padStart(6, '0')}`;
  }

  /** The counter row is locked until the caller's transaction ends: numbers are gap-free and never jump. */
  private async next(counter: 'invoice'): Promise<string> {
    if (!this.tx.inTransaction()) throw new Error(`a ${counter} number is drawn inside the transaction that uses it`);
    const rows = (await this.tx
      .manager()
      .query(`UPDATE document_counter SET last = last + 1 WHERE name = $1 RETURNING last::text AS n`, [counter])) as unknown;
    // pg answers an UPDATE ... RETURNING as [rows, count] through TypeORM's query(); PGlite's driver likewise.
    const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as Array<{ n: string }>;
    if (!list[0]) throw new Error(`document counter ${counter} is missing (migrations not run?)`);
    return list[0].n;
  }

  async insert(order: Partial<SalesOrderEntity>): Promise<SalesOrderEntity> {
    return this.orders().save(this.orders().create(order));
  }

  async save(order: SalesOrderEntity): Promise<SalesOrderEntity> {
    return this.orders().save(order);
  }

  async findById(id: string, lock = false): Promise<SalesOrderEntity | null> {
    const qb = this.orders().createQueryBuilder('o').where('o.id = :id', { id });
    if (lock && this.tx.inTransaction()) qb.setLock('pessimistic_write');
    const order = await qb.getOne();
    if (order) order.lines = await this.loadLines(order.id);
    return order;
  }

  async findByCustomerPo(customerId: string, poNumber: string): Promise<SalesOrderEntity | null> {
    return this.orders().findOne({ where: { customerId, poNumber } });
  }

  async findByChannelKey(key: string, lock = false): Promise<SalesOrderEntity | null> {
    const qb = this.orders().createQueryBuilder('o').where('o.channelOrderKey = :key', { key });
    if (lock && this.tx.inTransaction()) qb.setLock('pessimistic_write');
    const order = await qb.getOne();
    if (order) order.lines = await this.loadLines(order.id);
    return order;
  }

  async list(query: OrderListQuery): Promise<{ items: SalesOrderEntity[]; total: number }> {
    const qb = this.orders().createQueryBuilder('o');
    if (query.channel) qb.andWhere('o.channel = :channel', { channel: query.channel });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.customerId) qb.andWhere('o.customerId = :customerId', { customerId: query.customerId });
    if (query.poNumber) qb.andWhere('o.poNumber ILIKE :po', { po: `${query.poNumber.replace(/[%_\\]/g, '\\$&')}%` });
    const [items, total] = await qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.number', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items, total };
  }

  async recordEvent(event: Partial<SalesOrderEventEntity>): Promise<void> {
    const repo = this.tx.manager().getRepository(SalesOrderEventEntity);
    await repo.save(repo.create({ details: {}, note: null, ...event }));
  }

  async history(salesOrderId: string): Promise<SalesOrderEventEntity[]> {
    return this.tx
      .manager()
      .getRepository(SalesOrderEventEntity)
      .find({ where: { salesOrderId }, order: { at: 'ASC' } });
  }

  private async loadLines(orderId: string) {
    return this.tx
      .manager()
      .getRepository(SalesOrderLineEntity)
      .find({ where: { salesOrderId: orderId }, order: { lineNumber: 'ASC' } });
  }
}
