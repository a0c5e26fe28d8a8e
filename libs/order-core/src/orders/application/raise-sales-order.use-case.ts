import { Injectable, Logger } from '@nestjs/common';
import { add, createEnvelope, IntakePort, MESSAGE_TYPES, money, mul, PurchaseOrder, Topics } from '@orderhub/contracts';
import { Metrics } from '@orderhub/common';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { decideLine, decideOrder, DecidedLine, OrderDecision, OrderProblem, problemResolution } from '../../domain';
import { StockLedger } from '../../master-data';
import { ExceptionRepository } from '../../exceptions/application/exception.repository';
import { SalesOrderLineEntity } from '../infrastructure/sales-order-line.entity';
import { OrderEvaluation, OrderEvaluator, pricePerOrderedUnit } from './order-evaluator';
import { SalesOrderRepository } from './sales-order.repository';

export interface RaiseCommand {
  purchaseOrder: PurchaseOrder;
  /** One effect per key: the bus message's idempotency key, or the exception being approved. */
  sourceKey: string;
  correlationId: string;
  /** 'system' for channel deliveries, 'user:<id>' for operators. */
  actor: string;
  /** Set when an operator approves an exception: problems an operator may accept are accepted. */
  approval?: { exceptionId: string; acceptedBy: string };
}

export type RaiseResult =
  | { kind: 'raised'; orderId: string; number: string; outcome: string }
  | { kind: 'flagged'; exceptionId: string; problems: OrderProblem[] }
  | { kind: 'superseded'; orderId: string };

/**
 * Turns a canonical purchase order into a sales order, the same way for every channel: evaluate (customer,
 * products, units, prices, duplicates), then either flag it for an operator with every reason, or raise the
 * order, reserve stock, decide each line (accept, backorder) and emit what goes back to the buyer, all in
 * one transaction with the outbox message.
 */
@Injectable()
export class RaiseSalesOrderUseCase {
  private readonly logger = new Logger('raise-sales-order');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly evaluator: OrderEvaluator,
    private readonly orders: SalesOrderRepository,
    private readonly exceptions: ExceptionRepository,
    private readonly stock: StockLedger,
    private readonly outbox: Outbox,
    private readonly rawDocuments: RawDocumentStore,
    private readonly intake: IntakePort,
  ) {}

  /**
   * `prepared` is the evaluation made before the transaction (reads need no lock, and outside a transaction
   * they run on parallel connections); without it the evaluation runs inside.
   */
  async execute(command: RaiseCommand, prepared?: OrderEvaluation): Promise<RaiseResult> {
    return this.tx.run(() => this.raise(command, prepared));
  }

  /** Everything the raise needs to read, looked up ahead of the transaction. */
  prepare(po: PurchaseOrder): Promise<OrderEvaluation> {
    return this.evaluator.evaluate(po);
  }

  private async raise(command: RaiseCommand, prepared?: OrderEvaluation): Promise<RaiseResult> {
    const po = command.purchaseOrder;
    const channelKey = channelOrderKey(po);
    if (channelKey && !command.approval) {
      // An update that arrived before its create already raised this order from its own payload.
      const existing = await this.orders.findByChannelKey(channelKey);
      if (existing) return { kind: 'superseded', orderId: existing.id };
    }
    const now = new Date();
    const evaluation = prepared ?? (await this.evaluator.evaluate(po, now));
    const problems = evaluation.validation.problems.filter((p) => !(command.approval && problemResolution(p.code) === 'approve'));
    if (problems.length > 0 || !evaluation.customer) {
      return this.flag(command, problems, evaluation.customer?.id ?? null, evaluation.customer?.name ?? null);
    }
    const customer = evaluation.customer;
    const orderId = crypto.randomUUID();
    const { decided, decision, lines } = await this.decide(orderId, po, evaluation, now);
    // The order's own ship-to, else the location validation implied (the only one, or the default).
    const impliedShipTo =
      evaluation.validation.shipTo.status === 'implied'
        ? customer.shipTos.find((s) => s.code === (evaluation.validation.shipTo as { code: string }).code)
        : undefined;
    const shipTo = po.shipTo ?? (impliedShipTo ? { role: 'ST', code: impliedShipTo.code, name: impliedShipTo.name } : undefined);
    const order = await this.orders.insert({
      id: orderId,
      number: await this.orders.nextNumber(),
      customerId: customer.id,
      customerName: customer.name,
      channel: po.source.channel,
      poNumber: po.poNumber,
      poDate: po.poDate ?? null,
      currency: po.currency,
      status: decision.outcome === 'rejected' ? 'cancelled' : 'accepted',
      priority: po.priority,
      total: decision.total,
      rawDocumentId: po.source.rawDocumentId,
      partnerId: po.source.partnerId ?? null,
      sender: po.source.sender.slice(0, 200),
      purchaseOrder: po,
      shipTo: shipTo ?? null,
      channelOrderKey: channelKey,
      channelChangedAt: typeof po.channelData.updatedAt === 'string' ? po.channelData.updatedAt : null,
      paymentStatus: typeof po.channelData.financialStatus === 'string' ? po.channelData.financialStatus : null,
      receivedAt: new Date(po.source.receivedAt),
      acknowledgedAt: now,
      exceptionId: command.approval?.exceptionId ?? null,
      lines,
    });
    await this.orders.recordEvent({
      salesOrderId: order.id,
      status: 'received',
      action: 'received',
      actor: `channel:${po.source.channel}`,
      note: `PO ${po.poNumber}`,
      details: { rawDocumentId: po.source.rawDocumentId },
    });
    await this.orders.recordEvent({
      salesOrderId: order.id,
      status: order.status,
      action: command.approval ? 'approved' : 'accepted',
      actor: command.approval ? command.approval.acceptedBy : command.actor,
      note: `${decision.outcome}; total ${order.total} ${order.currency}`,
      details: { outcome: decision.outcome, exceptionId: command.approval?.exceptionId },
    });
    await this.outbox.enqueue(
      Topics.OrderAcknowledged,
      createEnvelope({
        type: MESSAGE_TYPES[Topics.OrderAcknowledged],
        key: order.id,
        correlationId: command.correlationId,
        idempotencyKey: `ack:${order.id}`,
        payload: {
          salesOrderId: order.id,
          salesOrderNumber: order.number,
          customerId: customer.id,
          channel: po.source.channel,
          rawDocumentId: po.source.rawDocumentId,
          partnerId: po.source.partnerId,
          sender: po.source.sender,
          poNumber: po.poNumber,
          poDate: po.poDate,
          currency: po.currency,
          channelData: po.channelData,
          outcome: decision.outcome,
          lines: decided.map(({ acks: _a, rejectReason: _r, allocation: _al, ...line }) => line),
          total: decision.total,
          shipTo: (shipTo as Record<string, unknown> | undefined) ?? undefined,
          scheduledShipDate: decision.scheduledShipDate,
        },
      }),
    );
    await this.rawDocuments.setStatus(po.source.rawDocumentId, 'processed', order.number);
    Metrics.ordersTotal.inc({ channel: po.source.channel, outcome: command.approval ? 'approved' : 'accepted' });
    Metrics.orderLatency.observe(
      { channel: po.source.channel },
      Math.max(0, (now.getTime() - new Date(po.source.receivedAt).getTime()) / 1000),
    );
    this.logger.log(`raised ${order.number} for PO ${po.poNumber} (${decision.outcome})`);
    return { kind: 'raised', orderId: order.id, number: order.number, outcome: decision.outcome };
  }

  /**
   * Reserves what each line asks for, then decides it (accept, backorder) in whole ordered units from what
   * was reserved, and builds the order lines with the rules that priced them. Used by raise and by changes.
   */
  async decide(
    orderId: string,
    po: PurchaseOrder,
    evaluation: OrderEvaluation,
    now: Date,
  ): Promise<{ decided: DecidedLine[]; decision: OrderDecision; lines: SalesOrderLineEntity[] }> {
    const requests = evaluation.lines.map((l, i) => ({ lineNumber: i + 1, sku: l.product!.sku, quantity: l.baseQuantity! }));
    const reservations = await this.stock.reserve(orderId, requests);
    const decided: DecidedLine[] = evaluation.lines.map((l, i) =>
      decideLine(
        {
          lineNumber: i + 1,
          line: po.lines[i],
          orderRequestedShipDate: po.requestedShipDate,
          sku: l.product!.sku,
          baseUom: l.product!.uom,
          baseUnitsPerOrderedUnit: l.uom!.convertible ? l.uom!.baseUnitsPerOrderedUnit : '1',
          availableBaseQuantity: reservations.find((r) => r.lineNumber === i + 1)?.reserved ?? '0',
          baseUnitPrice: l.pricing!.unitPrice,
        },
        { shortage: 'backorder', backorderLeadDays: l.product!.leadTimeDays || 7, now },
      ),
    );
    const decision = decideOrder(decided);
    if (decision.outcome === 'rejected') await this.stock.release(orderId);
    const lines = decided.map((d, i) => {
      const l = evaluation.lines[i];
      const factor = l.uom!.convertible ? l.uom!.baseUnitsPerOrderedUnit : '1';
      const line = new SalesOrderLineEntity();
      Object.assign(line, {
        salesOrderId: orderId,
        lineNumber: d.lineNumber,
        buyerLineNumber: d.buyerLineNumber,
        sku: l.product!.sku,
        description: po.lines[i].description ?? l.product!.description,
        productIds: po.lines[i].productIds,
        uom: d.uom,
        baseUom: l.product!.uom,
        baseUnitsPerUom: factor,
        quantity: d.orderedQuantity,
        acceptedQuantity: d.acceptedQuantity,
        backorderedQuantity: d.backorderedQuantity,
        unitPrice: d.unitPrice,
        buyerUnitPrice: d.buyerUnitPrice ?? null,
        amount: money(mul(add(d.acceptedQuantity, d.backorderedQuantity), d.unitPrice)),
        status: d.status,
        ackCode: d.ackCode,
        acks: d.acks.map((a) => ({ code: a.code, quantity: a.quantity })),
        scheduledShipDate: d.scheduledShipDate ?? null,
        pricing: {
          listPrice: pricePerOrderedUnit(l.pricing!.listPrice, factor),
          baseUnitPrice: l.pricing!.unitPrice,
          applied: l.pricing!.applied.map((a) => ({ ...a, before: String(a.before), after: String(a.after) })),
        },
      });
      return line;
    });
    return { decided, decision, lines };
  }

  private async flag(
    command: RaiseCommand,
    problems: OrderProblem[],
    customerId: string | null,
    customerName: string | null,
  ): Promise<RaiseResult> {
    const po = command.purchaseOrder;
    if (command.approval) {
      // The operator's approval did not clear what must be corrected: the exception stays open.
      return { kind: 'flagged', exceptionId: command.approval.exceptionId, problems };
    }
    const existing = await this.exceptions.findBySourceKey(command.sourceKey);
    const { exceptionId } = await this.intake.record(
      { rawDocumentId: po.source.rawDocumentId, channel: po.source.channel, sender: po.source.sender, partnerId: po.source.partnerId },
      {
        kind: 'needs-review',
        review: {
          sourceKey: command.sourceKey,
          reasons: problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber, details: p.details })),
          draft: { kind: 'purchase-order', purchaseOrder: po },
          customerId,
          customerName,
          poNumber: po.poNumber,
          receivedAt: new Date(po.source.receivedAt),
          actor: command.actor,
          channelData: po.channelData,
        },
      },
    );
    if (!existing) Metrics.ordersTotal.inc({ channel: po.source.channel, outcome: 'flagged' });
    return { kind: 'flagged', exceptionId: exceptionId!, problems };
  }
}

/** Shopify orders are found again by shop and order id when changes follow. */
export function channelOrderKey(po: PurchaseOrder): string | null {
  const { shop, orderId } = po.channelData;
  if (po.source.channel === 'shopify' && typeof shop === 'string' && (typeof orderId === 'string' || typeof orderId === 'number')) {
    return `shopify:${shop}:${orderId}`;
  }
  return null;
}
