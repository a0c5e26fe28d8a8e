import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@orderhub/auth';
import { CHANNELS, isDecimal, money, normalize, NotFoundError } from '@orderhub/contracts';
import { OutboundDocuments } from '../../documents/application/outbound-documents';
import { parseBody } from '../../exceptions/infrastructure/exceptions.controller';
import { ORDER_STATUSES } from '../../domain';
import { CancelOrderUseCase } from '../application/cancel-order.use-case';
import { RecordShipmentUseCase } from '../application/record-shipment.use-case';
import { SalesOrderRepository } from '../application/sales-order.repository';

const listSchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  poNumber: z.string().max(80).optional(),
  customerId: z.string().uuid().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const shippedLine = z.object({
  lineNumber: z.number().int().positive(),
  quantity: z.union([z.string(), z.number()]).transform(String).refine(isDecimal, 'must be a decimal'),
});
const shipmentSchema = z.object({
  lines: z.array(shippedLine).min(1).max(1000),
  carrier: z.string().trim().min(1).max(80).optional(),
  trackingNumber: z.string().trim().min(1).max(80).optional(),
  shippedAt: z.string().datetime({ offset: true }).optional(),
  cartons: z
    .array(z.object({ sscc: z.string().trim().max(22).optional(), lines: z.array(shippedLine).min(1).max(1000) }))
    .max(10000)
    .optional(),
});

/** Unit prices keep up to four places (0.1234 per each) but read as money (4.25, not 4.2500 or 4.25). */
function price(value: string): string {
  const n = normalize(value);
  return (n.split('.')[1]?.length ?? 0) > 2 ? n : money(n);
}

/** Sales orders: search, detail with the rules behind each price, documents sent back, shipments, cancel. */
@ApiTags('orders')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1/orders')
export class OrdersController {
  constructor(
    private readonly orders: SalesOrderRepository,
    private readonly documents: OutboundDocuments,
    private readonly shipments: RecordShipmentUseCase,
    private readonly cancelUseCase: CancelOrderUseCase,
  ) {}

  @Get()
  async list(@Query() query: Record<string, string>) {
    const { items, total } = await this.orders.list(parseBody(listSchema, query));
    return {
      items: items.map((o) => ({
        id: o.id,
        number: o.number,
        poNumber: o.poNumber,
        customerId: o.customerId,
        customerName: o.customerName,
        channel: o.channel,
        status: o.status,
        priority: o.priority,
        total: money(o.total),
        currency: o.currency,
        createdAt: o.createdAt,
      })),
      total,
    };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const o = await this.orders.findById(id);
    if (!o) throw new NotFoundError('ORDER.NOT_FOUND', `sales order ${id} not found`);
    const history = await this.orders.history(id);
    return {
      id: o.id,
      number: o.number,
      poNumber: o.poNumber,
      poDate: o.poDate,
      customer: { id: o.customerId, name: o.customerName },
      channel: o.channel,
      status: o.status,
      priority: o.priority,
      currency: o.currency,
      total: money(o.total),
      paymentStatus: o.paymentStatus,
      refundedTotal: o.refundedTotal,
      rawDocumentId: o.rawDocumentId,
      exceptionId: o.exceptionId,
      partnerId: o.partnerId,
      sender: o.sender,
      shipTo: o.shipTo,
      notes: o.purchaseOrder.notes,
      receivedAt: o.receivedAt,
      acknowledgedAt: o.acknowledgedAt,
      createdAt: o.createdAt,
      lines: o.lines.map((l) => ({
        lineNumber: l.lineNumber,
        buyerLineNumber: l.buyerLineNumber,
        sku: l.sku,
        description: l.description,
        productIds: l.productIds,
        uom: l.uom,
        quantity: normalize(l.quantity),
        acceptedQuantity: normalize(l.acceptedQuantity),
        backorderedQuantity: normalize(l.backorderedQuantity),
        shippedQuantity: normalize(l.shippedQuantity),
        unitPrice: price(l.unitPrice),
        buyerUnitPrice: l.buyerUnitPrice === null ? null : price(l.buyerUnitPrice),
        amount: money(l.amount),
        status: l.status,
        ackCode: l.ackCode,
        acks: l.acks,
        scheduledShipDate: l.scheduledShipDate,
        pricing: l.pricing,
      })),
      history: history.map((h) => ({ at: h.at, status: h.status, action: h.action, actor: h.actor, note: h.note })),
    };
  }

  @Get(':id/documents')
  async documentsOf(@Param('id', ParseUUIDPipe) id: string) {
    const o = await this.orders.findById(id);
    if (!o) throw new NotFoundError('ORDER.NOT_FOUND', `sales order ${id} not found`);
    const docs = [...(await this.documents.listForReceipt(o.rawDocumentId)), ...(await this.documents.listForOrder(id))];
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    return { items: unique, total: unique.length };
  }

  @Post(':id/shipments')
  @HttpCode(201)
  async ship(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const shipment = parseBody(shipmentSchema, body);
    return this.shipments.execute({ salesOrderId: id, ...shipment, actor: `user:${user.email}` });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: { reason?: string } | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cancelUseCase.execute(id, `user:${user.email}`, typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined);
  }
}
