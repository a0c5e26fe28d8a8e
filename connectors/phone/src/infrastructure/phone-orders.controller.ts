import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@orderhub/auth';
import { ApiSchemas } from '@orderhub/common';
import { InvalidInputError, isDecimal } from '@orderhub/contracts';
import { OrderEvaluator, pricePerOrderedUnit } from '@orderhub/order-core';
import { PhoneOrderForm, phoneOrderToPurchaseOrder } from '../application/phone-order.mapper';
import { TakePhoneOrderUseCase } from '../application/take-phone-order.use-case';

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
    private readonly takeOrder: TakePhoneOrderUseCase,
    private readonly evaluator: OrderEvaluator,
  ) {}

  /** The form JSON is kept as the raw document; the order and its outbox message commit with it. */
  @Post()
  @HttpCode(201)
  @ApiSchemas({ body: formSchema, response: phoneOrderAnswerSchema, status: 201 })
  submit(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser, @Headers('idempotency-key') idempotencyKey?: string) {
    return this.takeOrder.execute({ form: parseForm(body), operator: { id: user.id, email: user.email }, idempotencyKey });
  }

  /** What submitting would say, without writing anything: the form shows problems inline as you type. */
  @Post('validate')
  @HttpCode(200)
  @ApiSchemas({ body: formSchema, response: phoneOrderCheckSchema })
  async validate(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    // The form's own mistakes are shown inline here; submitting them answers 400.
    const { form, problems: formProblems } = await this.takeOrder.inspect(parseForm(body));
    const po = phoneOrderToPurchaseOrder(form, { rawDocumentId: 'preview', operator: user.email, receivedAt: new Date() });
    const evaluation = await this.evaluator.evaluate(po);
    return {
      valid: evaluation.validation.valid && formProblems.length === 0,
      problems: [
        ...formProblems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber })),
        ...evaluation.validation.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber })),
      ],
      lines: evaluation.lines.map((l, i) => ({
        lineNumber: i + 1,
        sku: l.product?.sku ?? form.lines[i].sku,
        unitPrice: l.pricing && l.uom?.convertible ? pricePerOrderedUnit(l.pricing.unitPrice, l.uom.baseUnitsPerOrderedUnit) : null,
        applied: l.pricing?.applied ?? [],
      })),
    };
  }
}
