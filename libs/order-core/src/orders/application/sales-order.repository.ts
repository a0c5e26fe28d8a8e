import type { SalesOrderEntity } from '../infrastructure/sales-order.entity';
import type { SalesOrderEventEntity } from '../infrastructure/sales-order-event.entity';

export interface OrderListQuery {
  channel?: string;
  poNumber?: string;
  customerId?: string;
  status?: string;
  limit: number;
  offset: number;
}

/** Sales orders as the core stores them; every method joins the caller's transaction. */
export abstract class SalesOrderRepository {
  abstract nextNumber(): Promise<string>;
  abstract nextInvoiceNumber(): Promise<string>;
  abstract insert(order: Partial<SalesOrderEntity>): Promise<SalesOrderEntity>;
  abstract save(order: SalesOrderEntity): Promise<SalesOrderEntity>;
  abstract findById(id: string, lock?: boolean): Promise<SalesOrderEntity | null>;
  abstract findByCustomerPo(customerId: string, poNumber: string): Promise<SalesOrderEntity | null>;
  abstract findByChannelKey(key: string, lock?: boolean): Promise<SalesOrderEntity | null>;
  abstract list(query: OrderListQuery): Promise<{ items: SalesOrderEntity[]; total: number }>;
  abstract recordEvent(event: Partial<SalesOrderEventEntity>): Promise<void>;
  abstract history(salesOrderId: string): Promise<SalesOrderEventEntity[]>;
}
