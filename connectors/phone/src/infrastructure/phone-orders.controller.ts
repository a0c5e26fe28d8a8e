import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@orderhub/auth';
import { InvalidInputError, isDecimal } from '@orderhub/contracts';
import {
  ExceptionRepository,
  OrderEvaluator,
  pricePerOrderedUnit,
  ProductCatalog,
  RaiseSalesOrderUseCase,
  SalesOrderRepository,
} from '@orderhub/order-core';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { PhoneOrderForm, phoneOrderToPurchaseOrder } from '../application/phone-order.mapper';
import { ApiSchemas } from '@orderhub/common';
import { countInboundDocument } from '@orderhub/platform';

const formSchema = z.object({
  customerId: z.string().uuid(),
  poNumber: z.string().trim().max(80).optional(),
  shipToCode: z.string().trim().min(1).max(80).optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(80),
        quantity: z.union([z.string(), z.number()]).transform(String).refine(isDecimal, 'must be a number'),
        uom: z.string().max(4).optional(),
      }),
    )
    .min(1, 'add at least one line')
    .max(500),
  notes: z.string().max(2000).optional(),
  priority: z.enum(['normal', 'rush', 'urgent']).optional(),
  requestedShipDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const problemSchema = z.object({ code: z.string(), message: z.string(), lineNumber: z.number().int().optional() });

/** What POST /api/v1/phone-orders answers: the order raised, or the exception it became. */
export const phoneOrderAnswerSchema = z.union([
  z.object({ orderId: z.uuid(), number: z.string().optional(), outcome: z.string().optional(), poNumber: z.string().optional() }),
  z.object({ exceptionId: z.uuid(), reasons: z.array(problemSchema) }),
]);

/** What POST /api/v1/phone-orders/validate answers. */
export const phoneOrderCheckSchema = z.object({
  valid: z.boolean(),
  problems: z.array(problemSchema),
  lines: z.array(
    z.object({ lineNumber: z.number().int(), sku: z.string(), unitPrice: z.string().nullable(), applied: z.array(z.unknown()) }),
  ),
});

function parseForm(body: unknown): PhoneOrderForm {
  const parsed = formSchema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidInputError('VALIDATION.FAILED', 'the phone order is not valid', {
      problems: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Orders taken by phone: one more door into the same raise use case. */
@ApiTags('phone-orders')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1/phone-orders')
export class PhoneOrdersController {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly raw: RawDocumentStore,
    private readonly raise: RaiseSalesOrderUseCase,
    private readonly evaluator: OrderEvaluator,
    private readonly catalog: ProductCatalog,
    private readonly orders: SalesOrderRepository,
    private readonly exceptions: ExceptionRepository,
  ) {}

  /** The form JSON is kept as the raw document; the order and its outbox message commit with it. */
  @ApiSchemas({ body: formSchema, response: phoneOrderAnswerSchema, status: 201 })
  @Post()
  @HttpCode(201)
  async submit(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser, @Headers('idempotency-key') idempotencyKey?: string) {
    const form = parseForm(body);
    const withUoms = await this.defaultUoms(form);
    return this.tx.run(async () => {
      const stored = await this.raw.store({
        channel: 'phone',
        sender: user.email,
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(form)),
        dedupKey: idempotencyKey ? `form:${user.id}:${idempotencyKey.slice(0, 200)}` : undefined,
        metadata: { operator: user.email },
      });
      if (stored.created) countInboundDocument('phone');
      const po = phoneOrderToPurchaseOrder(withUoms, {
        rawDocumentId: stored.document.id,
        operator: user.email,
        receivedAt: stored.document.receivedAt,
      });
      if (!stored.created) {
        // The same Idempotency-Key again (a retry after a lost answer): answer what the first submission did
        // instead of raising it a second time (which would flag it as a duplicate PO).
        const order = await this.orders.findByCustomerPo(form.customerId, po.poNumber);
        if (order && order.rawDocumentId === stored.document.id)
          return { orderId: order.id, number: order.number, outcome: order.status, poNumber: po.poNumber };
        const exception = await this.exceptions.findBySourceKey(`phone:${stored.document.id}`);
        if (exception)
          return {
            exceptionId: exception.id,
            reasons: exception.reasons.map((r) => ({ code: r.code, message: r.message, lineNumber: r.lineNumber })),
          };
      }
      const result = await this.raise.execute({
        purchaseOrder: po,
        sourceKey: `phone:${stored.document.id}`,
        correlationId: stored.document.id,
        actor: `user:${user.email}`,
      });
      switch (result.kind) {
        case 'raised':
          return { orderId: result.orderId, number: result.number, outcome: result.outcome, poNumber: po.poNumber };
        case 'flagged':
          return {
            exceptionId: result.exceptionId,
            reasons: result.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber })),
          };
        case 'superseded':
          return { orderId: result.orderId };
        default: {
          const unreachable: never = result;
          return unreachable;
        }
      }
    });
  }

  /** What submitting would say, without writing anything: the form shows problems inline as you type. */
  @ApiSchemas({ body: formSchema, response: phoneOrderCheckSchema })
  @Post('validate')
  @HttpCode(200)
  async validate(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const form = await this.defaultUoms(parseForm(body));
    const po = phoneOrderToPurchaseOrder(form, { rawDocumentId: 'preview', operator: user.email, receivedAt: new Date() });
    const evaluation = await this.evaluator.evaluate(po);
    return {
      valid: evaluation.validation.valid,
      problems: evaluation.validation.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber })),
      lines: evaluation.lines.map((l, i) => ({
        lineNumber: i + 1,
        sku: l.product?.sku ?? form.lines[i].sku,
        unitPrice: l.pricing && l.uom?.convertible ? pricePerOrderedUnit(l.pricing.unitPrice, l.uom.baseUnitsPerOrderedUnit) : null,
        applied: l.pricing?.applied ?? [],
      })),
    };
  }

  /** A line without a unit is in the product's own base unit. */
  private async defaultUoms(form: PhoneOrderForm): Promise<PhoneOrderForm> {
    const lines = [];
    for (const line of form.lines) {
      lines.push({ ...line, uom: line.uom ?? (await this.catalog.findBySku(line.sku))?.uom ?? 'EA' });
    }
    return { ...form, lines };
  }
}
