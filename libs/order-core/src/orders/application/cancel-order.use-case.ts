import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@orderhub/contracts';
import { TransactionManager } from '@orderhub/persistence';
import { canTransition, statusAfterCancel } from '../../domain';
import { StockLedger } from '../../master-data';
import { SalesOrderRepository } from './sales-order.repository';

/** Cancels what is left of an order and gives its reserved stock back. */
@Injectable()
export class CancelOrderUseCase {
  constructor(
    private readonly tx: TransactionManager,
    private readonly orders: SalesOrderRepository,
    private readonly stock: StockLedger,
  ) {}

  async execute(salesOrderId: string, actor: string, reason?: string): Promise<{ status: string }> {
    return this.tx.run(async () => {
      const order = await this.orders.findById(salesOrderId, true);
      if (!order) throw new NotFoundError('ORDER.NOT_FOUND', `sales order ${salesOrderId} not found`);
      if (order.status === 'cancelled') return { status: order.status };
      if (!canTransition(order.status, 'cancelled') && order.status !== 'partially-shipped') {
        throw new ConflictError('ORDER.NOT_CANCELLABLE', `order ${order.number} is ${order.status} and cannot be cancelled`, {
          status: order.status,
        });
      }
      order.status = statusAfterCancel(order.status);
      await this.orders.save(order);
      await this.stock.release(order.id);
      await this.orders.recordEvent({ salesOrderId: order.id, status: order.status, action: 'cancelled', actor, note: reason ?? null });
      return { status: order.status };
    });
  }
}
