import { Injectable, Logger } from '@nestjs/common';
import {
  createEnvelope,
  OrderAcknowledged,
  OrderChangeAnswered,
  PurchaseOrder,
  PurchaseOrderChangeReceived,
  purchaseOrderSchema,
  Topics,
} from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { TransactionManager } from '@orderhub/persistence';
import { ExceptionRepository } from '../../exceptions/application/exception.repository';
import { StockLedger } from '../../master-data';
import { SalesOrderLineEntity } from '../infrastructure/sales-order-line.entity';
import type { SalesOrderEntity } from '../infrastructure/sales-order.entity';
import { OrderEvaluator } from './order-evaluator';
import { RaiseSalesOrderUseCase } from './raise-sales-order.use-case';
import { SalesOrderRepository } from './sales-order.repository';

export type PoChangeResult = 'applied' | 'rejected' | 'flagged';
type LineAnswer = OrderChangeAnswered['lines'][number];

/**
 * A buyer's change to an open order (X12 860): quantities, added and deleted lines, dates, prices, or a
 * cancellation. The change is merged into the order as it stands, evaluated like a new order, and the stock is
 * re-reserved for the result. An order that already shipped (or is cancelled, or unknown) cannot be changed by a
 * machine: the change goes to the exceptions queue. Every change is answered (OrderChangeAnswered: the 865, and
 * the order as it now stands for a fresh 855).
 */
@Injectable()
export class ApplyPoChangeUseCase {
  private readonly logger = new Logger('po-change');

  constructor(
    private readonly tx: TransactionManager,
    private readonly orders: SalesOrderRepository,
    private readonly exceptions: ExceptionRepository,
    private readonly evaluator: OrderEvaluator,
    private readonly raise: RaiseSalesOrderUseCase,
    private readonly stock: StockLedger,
    private readonly outbox: Outbox,
  ) {}

  async execute(change: PurchaseOrderChangeReceived, ctx: { sourceKey: string; correlationId: string }): Promise<PoChangeResult> {
    return this.tx.run(async () => {
      const found = await this.orders.findByCustomerPo(change.customerId, change.poNumber);
      const order = found ? await this.orders.findById(found.id, true) : null;
      const actor = `channel:${change.channel}`;
      if (!order) {
        const reason = `PO ${change.poNumber} has no sales order to change`;
        await this.flag(change, ctx, 'ORDER.CHANGE_FOR_UNKNOWN_ORDER', reason, null);
        await this.answer(change, ctx, null, 'rejected', reason, rejectAll(change, reason));
        return 'flagged';
      }
      if (order.status !== 'accepted') {
        const code = order.status === 'cancelled' ? 'ORDER.CHANGE_AFTER_CANCEL' : 'ORDER.CHANGE_AFTER_SHIPMENT';
        const reason = `order ${order.number} is ${order.status}; the change needs an operator`;
        await this.flag(change, ctx, code, reason, order);
        await this.answer(change, ctx, order, 'rejected', reason, rejectAll(change, reason));
        return 'flagged';
      }
      if (change.purpose === 'cancel') {
        order.status = 'cancelled';
        await this.orders.save(order);
        await this.stock.release(order.id);
        await this.orders.recordEvent({
          salesOrderId: order.id,
          status: 'cancelled',
          action: 'cancelled',
          actor,
          note: `cancelled by the buyer's change ${change.changeSequence ?? ''}`.trim(),
        });
        await this.answer(
          change,
          ctx,
          order,
          'accepted',
          undefined,
          change.lines.map((l) => ({ ...l, status: 'accepted' as const })),
        );
        return 'applied';
      }

      const { po, answers } = merge(order.purchaseOrder as PurchaseOrder, change);
      if (answers.length > 0 && answers.every((a) => a.status === 'rejected')) {
        await this.answer(change, ctx, order, 'rejected', 'no change could be applied', answers);
        return 'rejected';
      }
      const evaluation = await this.evaluator.evaluate(po);
      const problems = evaluation.validation.problems.filter((p) => p.code !== 'ORDER.DUPLICATE_PO');
      if (problems.length > 0) {
        const reason = problems.map((p) => p.message).join('; ');
        await this.flag(change, ctx, problems[0].code, reason, order, po);
        await this.answer(change, ctx, order, 'rejected', reason, rejectAll(change, reason));
        return 'flagged';
      }
      // Give the old promises back and decide the order as it now stands, re-reserving stock for every line.
      await this.stock.release(order.id);
      await this.tx.manager().getRepository(SalesOrderLineEntity).delete({ salesOrderId: order.id });
      const { decided, decision, lines } = await this.raise.decide(order.id, po, evaluation, new Date());
      await this.tx.manager().getRepository(SalesOrderLineEntity).save(lines);
      order.total = decision.total;
      order.purchaseOrder = po;
      order.lines = lines;
      await this.orders.save(order);
      await this.orders.recordEvent({
        salesOrderId: order.id,
        status: order.status,
        action: 'changed',
        actor,
        note: `buyer change: ${lines.length} line(s), total ${decision.total}`,
        details: { answers },
      });
      const acknowledgement: OrderAcknowledged = {
        salesOrderId: order.id,
        salesOrderNumber: order.number,
        customerId: order.customerId,
        channel: change.channel,
        rawDocumentId: change.rawDocumentId,
        partnerId: change.partnerId,
        sender: change.sender,
        poNumber: order.poNumber,
        poDate: po.poDate,
        currency: po.currency,
        channelData: po.channelData,
        outcome: decision.outcome,
        lines: decided.map(({ acks: _a, rejectReason: _r, allocation: _al, ...line }) => line),
        total: decision.total,
        shipTo: (order.shipTo as Record<string, unknown> | null) ?? undefined,
        scheduledShipDate: decision.scheduledShipDate,
      };
      const outcome = answers.some((a) => a.status === 'rejected') ? 'accepted-with-changes' : 'accepted';
      await this.answer(change, ctx, order, outcome, undefined, answers, acknowledgement);
      this.logger.log(
        `applied buyer change to ${order.number}: ${answers.map((a) => `${a.buyerLineNumber} ${a.changeType} ${a.status}`).join(', ')}`,
      );
      return 'applied';
    });
  }

  private async answer(
    change: PurchaseOrderChangeReceived,
    ctx: { sourceKey: string; correlationId: string },
    order: SalesOrderEntity | null,
    outcome: OrderChangeAnswered['outcome'],
    reason: string | undefined,
    lines: LineAnswer[],
    acknowledgement?: OrderAcknowledged,
  ): Promise<void> {
    await this.outbox.enqueue(
      Topics.OrderChangeAnswered,
      createEnvelope({
        type: 'order.change-answered',
        key: order?.id ?? change.poNumber,
        correlationId: ctx.correlationId,
        idempotencyKey: `change-answer:${ctx.sourceKey}`,
        payload: {
          channel: change.channel,
          rawDocumentId: change.rawDocumentId,
          sender: change.sender,
          partnerId: change.partnerId,
          customerId: change.customerId,
          poNumber: change.poNumber,
          poDate: order?.poDate ?? undefined,
          salesOrderId: order?.id,
          changeKey: ctx.sourceKey,
          purpose: change.purpose,
          changeSequence: change.changeSequence,
          outcome,
          reason,
          lines,
          acknowledgement,
          channelData: change.channelData,
        },
      }),
    );
  }

  private async flag(
    change: PurchaseOrderChangeReceived,
    ctx: { sourceKey: string },
    code: string,
    message: string,
    order: SalesOrderEntity | null,
    merged?: PurchaseOrder,
  ): Promise<void> {
    await this.exceptions.open({
      channel: change.channel,
      reasons: [{ code, message, details: { poNumber: change.poNumber, changeSequence: change.changeSequence, lines: change.lines } }],
      purchaseOrder: merged ?? (order?.purchaseOrder as PurchaseOrder | undefined) ?? { change },
      rawDocumentId: change.rawDocumentId,
      sourceKey: ctx.sourceKey,
      sender: change.sender,
      partnerId: change.partnerId ?? null,
      customerId: change.customerId,
      customerName: order?.customerName ?? null,
      poNumber: change.poNumber,
      receivedAt: new Date(change.changedAt),
      actor: `channel:${change.channel}`,
    });
  }
}

function rejectAll(change: PurchaseOrderChangeReceived, reason: string): LineAnswer[] {
  return change.lines.map((l) => ({ ...l, status: 'rejected' as const, reason }));
}

/** The order as the buyer now wants it, and what became of each requested line change. Pure. */
export function merge(current: PurchaseOrder, change: PurchaseOrderChangeReceived): { po: PurchaseOrder; answers: LineAnswer[] } {
  const po: PurchaseOrder = structuredClone(current);
  const answers: LineAnswer[] = [];
  const reject = (l: PurchaseOrderChangeReceived['lines'][number], reason: string) => answers.push({ ...l, status: 'rejected', reason });
  for (const l of change.lines) {
    const index = po.lines.findIndex((line) => line.lineNumber === l.buyerLineNumber);
    switch (l.changeType) {
      case 'AI': {
        if (index >= 0) reject(l, `line ${l.buyerLineNumber} is already on the order`);
        else if (l.quantity === undefined || l.productIds.length === 0) reject(l, 'an added line needs a quantity and an item');
        else {
          po.lines.push({
            lineNumber: l.buyerLineNumber,
            quantity: l.quantity,
            uom: l.uom ?? 'EA',
            unitPrice: l.unitPrice,
            productIds: l.productIds,
            description: l.description,
            requestedShipDate: l.requestedShipDate,
            charges: [],
            taxes: [],
          });
          answers.push({ ...l, status: 'accepted' });
        }
        break;
      }
      case 'DI':
        if (index < 0) reject(l, `no line ${l.buyerLineNumber} on the order`);
        else if (po.lines.length === 1) reject(l, 'deleting the last line: send a cancellation instead');
        else {
          po.lines.splice(index, 1);
          answers.push({ ...l, status: 'accepted' });
        }
        break;
      default: {
        if (index < 0) {
          reject(l, `no line ${l.buyerLineNumber} on the order`);
          break;
        }
        // Quantity, price, unit, item and date changes (QI, QD, PC, PQ, CA, RQ, RS, CT, RZ, NC...): what the line states now.
        const line = po.lines[index];
        if (l.quantity !== undefined) line.quantity = l.quantity;
        if (l.uom !== undefined) line.uom = l.uom;
        if (l.unitPrice !== undefined) line.unitPrice = l.unitPrice;
        if (l.productIds.length > 0) line.productIds = l.productIds;
        if (l.requestedShipDate !== undefined) line.requestedShipDate = l.requestedShipDate;
        answers.push({ ...l, status: 'accepted' });
      }
    }
  }
  if (change.header.requestedShipDate) po.requestedShipDate = change.header.requestedShipDate;
  if (change.header.requestedDeliveryDate) po.requestedDeliveryDate = change.header.requestedDeliveryDate;
  if (change.header.cancelAfterDate) po.cancelAfterDate = change.header.cancelAfterDate;
  return { po: purchaseOrderSchema.parse(po), answers };
}
