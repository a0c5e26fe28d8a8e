import { Injectable, Logger } from '@nestjs/common';
import { add, IntakePort, money, OrderChangeRequested } from '@orderhub/contracts';
import { RawDocumentStore, TransactionManager } from '@orderhub/persistence';
import { StockLedger } from '../../master-data';
import { SalesOrderLineEntity } from '../infrastructure/sales-order-line.entity';
import { OrderEvaluator } from './order-evaluator';
import { RaiseSalesOrderUseCase } from './raise-sales-order.use-case';
import { SalesOrderRepository } from './sales-order.repository';

export type ChangeResult = 'applied' | 'ignored-stale' | 'raised-from-update' | 'flagged' | 'recorded';

/**
 * Follows an order after it was raised (Shopify's orders/updated, edited, cancelled, paid, refunds/create).
 *
 * Out of order: Shopify may deliver an update before its create. The update carries the whole order, so it
 * raises the order from its own payload; the late create then finds the order by its channel key and does
 * nothing. Changes older than the last one applied (by the channel's updated_at) are ignored.
 */
@Injectable()
export class ApplyOrderChangeUseCase {
  private readonly logger = new Logger('order-change');

  constructor(
    private readonly tx: TransactionManager,
    private readonly orders: SalesOrderRepository,
    private readonly evaluator: OrderEvaluator,
    private readonly raise: RaiseSalesOrderUseCase,
    private readonly stock: StockLedger,
    private readonly intake: IntakePort,
    private readonly rawDocuments: RawDocumentStore,
  ) {}

  async execute(change: OrderChangeRequested, ctx: { sourceKey: string; correlationId: string }): Promise<ChangeResult> {
    return this.tx.run(async () => {
      const result = await this.apply(change, ctx);
      // The change's own document leaves 'received': flagged with its exception, else processed (applied,
      // recorded, or ignored as stale, which the order's history tells).
      if (result !== 'flagged') await this.rawDocuments.setStatus(change.rawDocumentId, 'processed', `${change.kind}: ${result}`);
      return result;
    });
  }

  private async apply(change: OrderChangeRequested, ctx: { sourceKey: string; correlationId: string }): Promise<ChangeResult> {
    {
      const order = await this.orders.findByChannelKey(change.channelOrderKey, true);
      const actor = `channel:${change.channel}`;
      if (!order) {
        if (change.kind === 'update' && change.purchaseOrder) {
          const result = await this.raise.execute({
            purchaseOrder: change.purchaseOrder,
            sourceKey: ctx.sourceKey,
            correlationId: ctx.correlationId,
            actor,
          });
          return result.kind === 'flagged' ? 'flagged' : 'raised-from-update';
        }
        await this.flagChange(
          change,
          ctx,
          'ORDER.CHANGE_FOR_UNKNOWN_ORDER',
          `a ${change.kind} arrived for ${change.channelOrderKey}, which has no sales order`,
        );
        return 'flagged';
      }
      if (order.channelChangedAt && change.changedAt < order.channelChangedAt && change.kind === 'update') {
        await this.orders.recordEvent({
          salesOrderId: order.id,
          status: order.status,
          action: 'change-ignored',
          actor,
          note: `stale update from ${change.changedAt}`,
        });
        return 'ignored-stale';
      }
      switch (change.kind) {
        case 'paid':
          order.paymentStatus = change.financialStatus ?? 'paid';
          await this.orders.save(order);
          await this.orders.recordEvent({
            salesOrderId: order.id,
            status: order.status,
            action: 'payment',
            actor,
            note: order.paymentStatus,
          });
          return 'recorded';
        case 'refund': {
          const refund = change.refund!;
          order.refundedTotal = money(add(order.refundedTotal, refund.amount));
          await this.orders.save(order);
          await this.orders.recordEvent({
            salesOrderId: order.id,
            status: order.status,
            action: 'refund',
            actor,
            note: `${refund.amount} ${refund.currency}`,
            details: refund,
          });
          return 'recorded';
        }
        case 'cancel': {
          if (order.status === 'cancelled') return 'recorded';
          if (order.status !== 'accepted') {
            await this.flagChange(
              change,
              ctx,
              'ORDER.CANCEL_AFTER_SHIPMENT',
              `order ${order.number} is ${order.status}; a cancel needs an operator`,
              order.customerId,
              order.customerName,
              order.poNumber,
            );
            return 'flagged';
          }
          order.status = 'cancelled';
          order.channelChangedAt = change.changedAt;
          await this.orders.save(order);
          await this.stock.release(order.id);
          await this.orders.recordEvent({
            salesOrderId: order.id,
            status: 'cancelled',
            action: 'cancelled',
            actor,
            note: 'cancelled by the channel',
          });
          return 'applied';
        }
        case 'update': {
          if (!change.purchaseOrder) return 'recorded';
          if (order.status !== 'accepted') {
            await this.flagChange(
              change,
              ctx,
              'ORDER.CHANGE_AFTER_SHIPMENT',
              `order ${order.number} is ${order.status}; the change needs an operator`,
              order.customerId,
              order.customerName,
              order.poNumber,
            );
            return 'flagged';
          }
          const po = change.purchaseOrder;
          const evaluation = await this.evaluator.evaluate({ ...po, poNumber: order.poNumber });
          const problems = evaluation.validation.problems.filter((p) => p.code !== 'ORDER.DUPLICATE_PO');
          if (problems.length > 0) {
            await this.flagChange(
              change,
              ctx,
              problems[0].code,
              problems.map((p) => p.message).join('; '),
              order.customerId,
              order.customerName,
              order.poNumber,
            );
            return 'flagged';
          }
          // Give the old promises back and decide the order as it now stands: quantities, added and removed lines.
          await this.stock.release(order.id);
          await this.tx.manager().getRepository(SalesOrderLineEntity).delete({ salesOrderId: order.id });
          const { decision, lines } = await this.raise.decide(order.id, po, evaluation, new Date());
          await this.tx.manager().getRepository(SalesOrderLineEntity).save(lines);
          order.total = decision.total;
          order.purchaseOrder = { ...po, poNumber: order.poNumber };
          order.channelChangedAt = change.changedAt;
          order.lines = lines;
          await this.orders.save(order);
          await this.orders.recordEvent({
            salesOrderId: order.id,
            status: order.status,
            action: 'changed',
            actor,
            note: `${lines.length} line(s), total ${decision.total}`,
          });
          this.logger.log(`applied ${change.kind} to ${order.number}`);
          return 'applied';
        }
        default: {
          const unreachable: never = change.kind;
          return unreachable;
        }
      }
    }
  }

  private async flagChange(
    change: OrderChangeRequested,
    ctx: { sourceKey: string },
    code: string,
    message: string,
    customerId?: string,
    customerName?: string,
    poNumber?: string,
  ): Promise<void> {
    await this.intake.record(
      { rawDocumentId: change.rawDocumentId, channel: change.channel, sender: change.channelOrderKey },
      {
        kind: 'needs-review',
        review: {
          sourceKey: ctx.sourceKey,
          reasons: [{ code, message, details: { kind: change.kind, channelOrderKey: change.channelOrderKey } }],
          draft: change.purchaseOrder
            ? { kind: 'purchase-order', purchaseOrder: change.purchaseOrder }
            : { kind: 'partial', fields: { change }, channelData: {} },
          customerId: customerId ?? null,
          customerName: customerName ?? null,
          poNumber: poNumber ?? change.purchaseOrder?.poNumber ?? null,
          receivedAt: new Date(),
          actor: `channel:${change.channel}`,
          channelData: change.purchaseOrder?.channelData ?? {},
        },
      },
    );
  }
}
