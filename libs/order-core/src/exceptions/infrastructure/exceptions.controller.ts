import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@orderhub/auth';
import { CHANNELS, InvalidInputError, isDecimal, NotFoundError, partySchema } from '@orderhub/contracts';
import { RawDocumentStore } from '@orderhub/persistence';
import { ExceptionRepository } from '../application/exception.repository';
import { ResolveExceptionUseCase } from '../application/resolve-exception.use-case';

/** Quantities and prices as decimal strings or JSON numbers (API.md); a number is taken as written. */
const decimal = z
  .union([z.string(), z.number().finite()])
  .transform((v) => String(v).trim())
  .refine(isDecimal, 'must be a decimal such as "12.50"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD');
const resolveSchema = z.object({
  action: z.enum(['approve', 'reject']),
  version: z.number().int().positive(),
  reason: z.string().max(2000).optional(),
  corrections: z
    .object({
      customerId: z.string().uuid().optional(),
      shipToCode: z.string().min(1).max(80).optional(),
      poNumber: z.string().min(1).max(80).optional(),
      poDate: isoDate.optional(),
      currency: z.string().length(3).optional(),
      requestedShipDate: isoDate.optional(),
      requestedDeliveryDate: isoDate.optional(),
      cancelAfterDate: isoDate.optional(),
      shipTo: partySchema.optional(),
      billTo: partySchema.optional(),
      notes: z.array(z.string().max(2000)).max(50).optional(),
      priority: z.enum(['normal', 'rush', 'urgent']).optional(),
      lines: z
        .array(
          z.object({
            lineNumber: z.number().int().positive().max(10_000),
            sku: z.string().min(1).max(80).optional(),
            quantity: decimal.optional(),
            unitPrice: decimal.optional(),
            uom: z.string().min(1).max(4).optional(),
            rememberPartNumber: z.boolean().optional(),
          }),
        )
        .max(1000)
        .optional(),
    })
    .optional(),
});

const listSchema = z.object({
  status: z.enum(['open', 'approved', 'rejected', 'replayed']).default('open'),
  channel: z.enum(CHANNELS).optional(),
  reason: z.string().max(60).optional(),
  customerId: z.string().uuid().optional(),
  minAgeHours: z.coerce.number().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidInputError('VALIDATION.FAILED', 'the request is not valid', {
      problems: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** The exceptions queue operators work: list, detail with the raw source, resolve. */
@ApiTags('exceptions')
@ApiBearerAuth()
@Roles('operator')
@Controller('api/v1/exceptions')
export class ExceptionsController {
  constructor(
    private readonly exceptions: ExceptionRepository,
    private readonly resolveUseCase: ResolveExceptionUseCase,
    private readonly raw: RawDocumentStore,
  ) {}

  @Get()
  async list(@Query() query: Record<string, string>) {
    const q = parseBody(listSchema, query);
    const { items, total, counts } = await this.exceptions.list(q);
    return {
      items: items.map((e) => ({
        id: e.id,
        channel: e.channel,
        status: e.status,
        reasons: e.reasons.map(({ code, message, lineNumber }) => ({ code, message, lineNumber })),
        poNumber: e.poNumber,
        customerId: e.customerId,
        customerName: e.customerName,
        sender: e.sender,
        rawDocumentId: e.rawDocumentId,
        createdAt: e.createdAt,
        version: e.version,
      })),
      total,
      counts,
    };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const e = await this.exceptions.findById(id);
    if (!e) throw new NotFoundError('EXCEPTION.NOT_FOUND', `exception ${id} not found`);
    const raw = await this.raw.get(e.rawDocumentId);
    return {
      id: e.id,
      channel: e.channel,
      status: e.status,
      reasons: e.reasons,
      purchaseOrder: e.purchaseOrder,
      // Where each field was read on the source PDF, for the console's highlight (empty when unknown).
      regions: (e.purchaseOrder as { extraction?: { regions?: unknown[] } } | null)?.extraction?.regions ?? [],
      rawDocumentId: e.rawDocumentId,
      rawContentType: raw?.contentType ?? null,
      sender: e.sender,
      customerId: e.customerId,
      customerName: e.customerName,
      poNumber: e.poNumber,
      salesOrderId: e.salesOrderId,
      /** 'rejected': the sender was told no (997 AK5 R); the exception can only be rejected. */
      senderTold: e.senderTold,
      version: e.version,
      history: e.history,
      createdAt: e.createdAt,
      resolvedAt: e.resolvedAt,
      resolvedBy: e.resolvedBy,
    };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const command = parseBody(resolveSchema, body);
    return this.resolveUseCase.execute({ ...command, exceptionId: id, actor: `user:${user.email}` });
  }
}
