import { Injectable } from '@nestjs/common';
import {
  add,
  compare,
  ConflictError,
  createEnvelope,
  InvalidInputError,
  money,
  mul,
  NotFoundError,
  sub,
  Topics,
} from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { TransactionManager } from '@orderhub/persistence';
import { completeSscc, statusAfterInvoice, statusAfterShipment } from '../../domain';
import { StockLedger } from '../../master-data';
import { InvoiceEntity, ShipmentEntity } from '../infrastructure/shipment.entity';
import { SalesOrderRepository } from './sales-order.repository';

export interface ShipmentCommand {
  salesOrderId: string;
  lines: Array<{ lineNumber: number; quantity: string }>;
  actor: string;
  carrier?: string;
  trackingNumber?: string;
  /** ISO 8601; default now. */
  shippedAt?: string;
  /** Cartons (for the ship notice's pack level): SSCC 17 digits (check digit computed) or 18; lines by our line number. */
  cartons?: Array<{ sscc?: string; lines: Array<{ lineNumber: number; quantity: string }> }>;
}

/** Cartons checked against the shipment: known lines, no more than shipped, SSCCs complete and distinct. */
function checkedCartons(command: ShipmentCommand): Array<{ sscc?: string; lines: Array<{ lineNumber: number; quantity: string }> }> {
  const shipped = new Map(command.lines.map((l) => [l.lineNumber, l.quantity]));
  const packed = new Map<number, string>();
  const seen = new Set<string>();
  return (command.cartons ?? []).map((carton, index) => {
    let sscc: string | undefined;
    if (carton.sscc !== undefined && carton.sscc !== '') {
      const result = completeSscc(carton.sscc);
      if (!result.ok)
        throw new InvalidInputError('SHIPMENT.SSCC_INVALID', `carton ${index + 1}: ${result.reason}`, {
          carton: index + 1,
          sscc: carton.sscc,
        });
      if (seen.has(result.sscc))
        throw new InvalidInputError('SHIPMENT.SSCC_DUPLICATE', `carton ${index + 1}: SSCC ${result.sscc} is used twice`, {
          sscc: result.sscc,
        });
      seen.add(result.sscc);
      sscc = result.sscc;
    }
    for (const line of carton.lines) {
      const total = shipped.get(line.lineNumber);
      if (total === undefined)
        throw new InvalidInputError(
          'SHIPMENT.CARTON_LINE_NOT_SHIPPED',
          `carton ${index + 1}: line ${line.lineNumber} is not in this shipment`,
        );
      const sum = add(packed.get(line.lineNumber) ?? '0', line.quantity);
      if (compare(sum, total) > 0)
        throw new InvalidInputError(
          'SHIPMENT.CARTONS_EXCEED_SHIPMENT',
          `line ${line.lineNumber}: cartons hold ${sum}, the shipment ${total}`,
        );
      packed.set(line.lineNumber, sum);
    }
    return { ...(sscc ? { sscc } : {}), lines: carton.lines };
  });
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
      const cartons = checkedCartons(command);
      const shippedAt = command.shippedAt ? new Date(command.shippedAt) : new Date();
      const invoiceLines = [];
      for (const shipped of command.lines) {
        const line = order.lines.find((l) => l.lineNumber === shipped.lineNumber);
        if (!line) throw new InvalidInputError('SHIPMENT.UNKNOWN_LINE', `order ${order.number} has no line ${shipped.lineNumber}`);
        if (compare(shipped.quantity, '0') <= 0)
          throw new InvalidInputError('SHIPMENT.QUANTITY_NOT_POSITIVE', `line ${shipped.lineNumber}: quantity must be positive`);
        const open = sub(add(line.acceptedQuantity, line.backorderedQuantity), line.shippedQuantity);
        if (compare(shipped.quantity, open) > 0) {
          throw new ConflictError(
            'ORDER.OVERSHIPMENT',
            `line ${shipped.lineNumber}: ${shipped.quantity} exceeds the open quantity ${open}`,
            { open },
          );
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
      const progress = order.lines.map((l) => ({
        lineNumber: l.lineNumber,
        quantityDue: add(l.acceptedQuantity, l.backorderedQuantity),
        quantityShipped: l.shippedQuantity,
      }));
      // Every shipment is invoiced as it is recorded, so a complete shipment leaves the order invoiced.
      order.status = statusAfterInvoice(statusAfterShipment(order.status, progress), { allShipmentsInvoiced: true });
      await this.orders.save(order);
      const manager = this.tx.manager();
      const shipment = await manager.getRepository(ShipmentEntity).save({
        salesOrderId: order.id,
        lines: command.lines,
        actor: command.actor,
        shippedAt,
        carrier: command.carrier ?? null,
        trackingNumber: command.trackingNumber ?? null,
        cartons,
      });
      const subtotal = money(add('0', ...invoiceLines.map((l) => l.amount)));
      const invoiceNumber = await this.orders.nextInvoiceNumber();
      const invoice = await manager.getRepository(InvoiceEntity).save({
        number: invoiceNumber,
        salesOrderId: order.id,
        shipmentId: shipment.id,
        total: subtotal,
        lines: invoiceLines.map((l) => ({
          lineNumber: l.lineNumber,
          sku: l.sku,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          amount: l.amount,
        })),
      });
      await this.orders.recordEvent({
        salesOrderId: order.id,
        status: order.status,
        action: 'shipped',
        actor: command.actor,
        note: `shipment ${shipment.id}, invoice ${invoiceNumber}`,
        details: { lines: command.lines },
      });
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
            shipment: { shippedAt: shippedAt.toISOString(), carrier: command.carrier, trackingNumber: command.trackingNumber, cartons },
          },
        }),
      );
      return { shipmentId: shipment.id, invoiceId: invoice.id, invoiceNumber, status: order.status };
    });
  }
}
