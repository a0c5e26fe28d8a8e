import { Injectable } from '@nestjs/common';
import { add, compare, ConflictError, createEnvelope, InvalidInputError, money, mul, NotFoundError, sub, Topics } from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { TransactionManager } from '@orderhub/persistence';
import { statusAfterInvoice, statusAfterShipment } from '../../domain';
import { StockLedger } from '../../master-data';
import { InvoiceEntity, ShipmentEntity } from '../infrastructure/shipment.entity';
import { SalesOrderRepository } from './sales-order.repository';

export interface ShipmentCommand {
  salesOrderId: string;
  lines: Array<{ lineNumber: number; quantity: string }>;
  actor: string;
}

/**
 * Records a (partial) shipment: takes the goods off the shelf, moves the order along its lifecycle and
 * issues the invoice for exactly what shipped, which the buyer's channel turns into an 810 or an email.
 */
@Injectable()
export class RecordShipmentUseCase {
  constructor(
    private readonly tx: TransactionManager,
    private readonly orders: SalesOrderRepository,
    private readonly stock: StockLedger,
    private readonly outbox: Outbox,
  ) {}

  async execute(command: ShipmentCommand): Promise<{ shipmentId: string; invoiceId: string; invoiceNumber: string; status: string }> {
    return this.tx.run(async () => {
      const order = await this.orders.findById(command.salesOrderId, true);
      if (!order) throw new NotFoundError('ORDER.NOT_FOUND', `sales order ${command.salesOrderId} not found`);
      if (!['accepted', 'partially-shipped'].includes(order.status)) {
        throw new ConflictError('ORDER.NOT_SHIPPABLE', `order ${order.number} is ${order.status}`);
      }
      if (command.lines.length === 0) throw new InvalidInputError('SHIPMENT.EMPTY', 'a shipment needs at least one line');
      const invoiceLines = [];
      for (const shipped of command.lines) {
        const line = order.lines.find((l) => l.lineNumber === shipped.lineNumber);
        if (!line) throw new InvalidInputError('SHIPMENT.UNKNOWN_LINE', `order ${order.number} has no line ${shipped.lineNumber}`);
        if (compare(shipped.quantity, '0') <= 0) throw new InvalidInputError('SHIPMENT.QUANTITY_NOT_POSITIVE', `line ${shipped.lineNumber}: quantity must be positive`);
        const open = sub(add(line.acceptedQuantity, line.backorderedQuantity), line.shippedQuantity);
        if (compare(shipped.quantity, open) > 0) {
          throw new ConflictError('ORDER.OVERSHIPMENT', `line ${shipped.lineNumber}: ${shipped.quantity} exceeds the open quantity ${open}`, { open });
        }
        await this.stock.ship(order.id, line.lineNumber, mul(shipped.quantity, line.baseUnitsPerUom), line.sku);
        line.shippedQuantity = add(line.shippedQuantity, shipped.quantity);
        line.invoicedQuantity = add(line.invoicedQuantity, shipped.quantity);
        invoiceLines.push({
          lineNumber: line.lineNumber,
          buyerLineNumber: line.buyerLineNumber,
          sku: line.sku,
          productIds: line.productIds,
          description: line.description ?? undefined,
          uom: line.uom,
          quantity: shipped.quantity,
          unitPrice: line.unitPrice,
          amount: money(mul(shipped.quantity, line.unitPrice)),
        });
      }
      const progress = order.lines.map((l) => ({ lineNumber: l.lineNumber, quantityDue: add(l.acceptedQuantity, l.backorderedQuantity), quantityShipped: l.shippedQuantity }));
      // Every shipment is invoiced as it is recorded, so a complete shipment leaves the order invoiced.
      order.status = statusAfterInvoice(statusAfterShipment(order.status, progress), { allShipmentsInvoiced: true });
      await this.orders.save(order);
      const manager = this.tx.manager();
      const shipment = await manager.getRepository(ShipmentEntity).save({ salesOrderId: order.id, lines: command.lines, actor: command.actor });
      const subtotal = money(add('0', ...invoiceLines.map((l) => l.amount)));
      const invoiceNumber = await this.orders.nextInvoiceNumber();
      const invoice = await manager.getRepository(InvoiceEntity).save({
        number: invoiceNumber,
        salesOrderId: order.id,
        shipmentId: shipment.id,
        total: subtotal,
        lines: invoiceLines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount })),
      });
      await this.orders.recordEvent({ salesOrderId: order.id, status: order.status, action: 'shipped', actor: command.actor, note: `shipment ${shipment.id}, invoice ${invoiceNumber}`, details: { lines: command.lines } });
      const terms = order.purchaseOrder.paymentTerms;
      await this.outbox.enqueue(
        Topics.InvoiceIssued,
        createEnvelope({
          type: 'invoice.issued',
          key: order.id,
          idempotencyKey: `invoice:${invoice.id}`,
          payload: {
            salesOrderId: order.id,
            salesOrderNumber: order.number,
            customerId: order.customerId,
            channel: order.channel,
            rawDocumentId: order.rawDocumentId,
            partnerId: order.partnerId ?? undefined,
            sender: order.sender,
            poNumber: order.poNumber,
            poDate: order.poDate ?? undefined,
            currency: order.currency,
            channelData: order.purchaseOrder.channelData,
            invoiceId: invoice.id,
            invoiceNumber,
            invoiceDate: new Date().toISOString().slice(0, 10),
            shipmentId: shipment.id,
            lines: invoiceLines,
            charges: [],
            subtotal,
            total: subtotal,
            terms: terms ? { netDays: terms.netDays, discountPercent: terms.discountPercent, discountDays: terms.discountDays } : undefined,
            billTo: (order.purchaseOrder.billTo as Record<string, unknown> | undefined) ?? undefined,
            shipTo: order.shipTo ?? undefined,
          },
        }),
      );
      return { shipmentId: shipment.id, invoiceId: invoice.id, invoiceNumber, status: order.status };
    });
  }
}
