import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  createEnvelope,
  InvalidInputError,
  MESSAGE_TYPES,
  NotFoundError,
  type Party,
  PurchaseOrder,
  purchaseOrderSchema,
  Topics,
} from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore, TransactionManager } from '@orderhub/persistence';
import { CustomerStore, ProductCatalog } from '../../master-data';
import type { OrderExceptionEntity } from '../infrastructure/order-exception.entity';
import { RaiseSalesOrderUseCase } from '../../orders/application/raise-sales-order.use-case';
import { ExceptionRepository } from './exception.repository';

/** Header fields an operator may set, whatever was (or was not) extracted. */
export interface HeaderCorrections {
  customerId?: string;
  shipToCode?: string;
  poNumber?: string;
  poDate?: string;
  currency?: string;
  requestedShipDate?: string;
  requestedDeliveryDate?: string;
  cancelAfterDate?: string;
  shipTo?: Party;
  billTo?: Party;
  notes?: string[];
  priority?: PurchaseOrder['priority'];
}

export interface ExceptionCorrections extends HeaderCorrections {
  /** A line number the order does not have adds that line (sku and quantity needed; unit from the product unless given). */
  lines?: Array<{ lineNumber: number; sku?: string; quantity?: string; unitPrice?: string; uom?: string; rememberPartNumber?: boolean }>;
}

export interface ResolveCommand {
  exceptionId: string;
  action: 'approve' | 'reject';
  version: number;
  reason?: string;
  corrections?: ExceptionCorrections;
  actor: string;
}

export type ResolveResult =
  | { status: 'approved'; orderId: string; number: string }
  | { status: 'rejected' }
  | { status: 'still-flagged'; reasons: Array<{ code: string; message: string; lineNumber?: number }> };

/**
 * An operator works an exception: corrections are applied to the extracted order and the same raise use
 * case runs again (problems an operator may accept are accepted; what needs correcting must be corrected),
 * or the order is rejected with a reason that goes back to the sender where the channel allows it.
 * Two operators cannot overwrite each other: every resolve names the version it saw.
 */
@Injectable()
export class ResolveExceptionUseCase {
  constructor(
    private readonly tx: TransactionManager,
    private readonly exceptions: ExceptionRepository,
    private readonly raise: RaiseSalesOrderUseCase,
    private readonly customers: CustomerStore,
    private readonly outbox: Outbox,
    private readonly rawDocuments: RawDocumentStore,
    private readonly catalog: ProductCatalog,
  ) {}

  async execute(command: ResolveCommand): Promise<ResolveResult> {
    return this.tx.run(async () => {
      const exception = await this.exceptions.findById(command.exceptionId);
      if (!exception) throw new NotFoundError('EXCEPTION.NOT_FOUND', `exception ${command.exceptionId} not found`);
      if (exception.version !== command.version) {
        throw new ConflictError('EXCEPTION.VERSION_CONFLICT', 'someone else changed this exception; reload it', {
          currentVersion: exception.version,
        });
      }
      if (exception.status !== 'open') throw new ConflictError('EXCEPTION.ALREADY_RESOLVED', `exception is ${exception.status}`);

      if (command.action === 'reject') {
        const reason = command.reason?.trim();
        if (!reason) throw new InvalidInputError('EXCEPTION.REASON_REQUIRED', 'a rejection needs a reason');
        await this.lockedUpdate(command, { status: 'rejected', resolvedAt: new Date(), resolvedBy: command.actor }, 'rejected', reason);
        await this.outbox.enqueue(
          Topics.PurchaseOrderRejected,
          createEnvelope({
            type: 'purchase-order.rejected',
            key: exception.id,
            idempotencyKey: `rejected:${exception.id}`,
            payload: {
              exceptionId: exception.id,
              channel: exception.channel,
              rawDocumentId: exception.rawDocumentId,
              sender: exception.sender,
              partnerId: exception.partnerId ?? undefined,
              customerId: exception.customerId ?? undefined,
              poNumber: exception.poNumber ?? undefined,
              reasons: exception.reasons.map((r) => ({ code: r.code, message: r.message })),
              channelData: (exception.purchaseOrder as PurchaseOrder | null)?.channelData ?? {},
              rejectedBy: command.actor,
              reason,
            },
          }),
        );
        await this.rawDocuments.setStatus(exception.rawDocumentId, 'rejected', reason);
        return { status: 'rejected' };
      }

      if (exception.senderTold === 'rejected') {
        // Consistent replies: the sender was already told no (X12: AK5 R in the 997/999). An 855 now would say
        // yes to the same set, so such an exception is only rejected; the partner resends a corrected set.
        throw new ConflictError(
          'EXCEPTION.REJECTED_TO_SENDER',
          'the sender was told this document is rejected (its 997/999 rejected the set): reject the exception and ask the partner to resend',
          {
            channel: exception.channel,
          },
        );
      }
      // Whatever was extracted (possibly nothing) is completed by the corrections, then must be a whole order.
      const base = baseOrder(exception);
      const po = await this.applyCorrections(base, command.corrections ?? {});
      const parsed = purchaseOrderSchema.safeParse(po);
      if (!parsed.success) {
        throw new InvalidInputError(
          'EXCEPTION.NOT_AN_ORDER',
          'this exception does not hold a complete purchase order yet: add what is missing in corrections (customerId, poNumber, lines with sku and quantity), or reject it',
          {
            issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`),
          },
        );
      }
      const result = await this.raise.execute({
        purchaseOrder: parsed.data,
        sourceKey: `exception:${exception.id}`,
        correlationId: exception.id,
        actor: command.actor,
        approval: { exceptionId: exception.id, acceptedBy: command.actor },
      });
      if (result.kind === 'raised') {
        await this.lockedUpdate(
          command,
          {
            status: 'approved',
            resolvedAt: new Date(),
            resolvedBy: command.actor,
            salesOrderId: result.orderId,
            purchaseOrder: parsed.data,
          },
          'approved',
          `sales order ${result.number}`,
        );
        // Channels learn from what the operator approved (the email channel: a layout template for the sender).
        await this.outbox.enqueue(
          Topics.ExceptionResolved,
          createEnvelope({
            type: MESSAGE_TYPES[Topics.ExceptionResolved],
            key: exception.id,
            idempotencyKey: `resolved:${exception.id}`,
            payload: {
              exceptionId: exception.id,
              channel: exception.channel,
              rawDocumentId: exception.rawDocumentId,
              sender: exception.sender,
              customerId: parsed.data.buyer.customerId,
              action: 'approved',
              resolvedBy: command.actor,
              purchaseOrder: parsed.data,
              corrections: { ...(command.corrections ?? {}) },
            },
          }),
        );
        return { status: 'approved', orderId: result.orderId, number: result.number };
      }
      if (result.kind === 'flagged') {
        // Keep the corrections made so far, so the operator continues from them.
        await this.lockedUpdate(
          command,
          {
            purchaseOrder: parsed.data,
            reasons: result.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber, details: p.details })),
          },
          'corrected',
          'approval needs more corrections',
        );
        return {
          status: 'still-flagged',
          reasons: result.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber })),
        };
      }
      throw new ConflictError('EXCEPTION.ALREADY_RAISED', 'an order for this purchase order exists already');
    });
  }

  private async lockedUpdate(
    command: ResolveCommand,
    change: Parameters<ExceptionRepository['update']>[2],
    action: string,
    note: string,
  ): Promise<void> {
    const ok = await this.exceptions.update(command.exceptionId, command.version, change, { actor: command.actor, action, note });
    if (!ok) throw new ConflictError('EXCEPTION.VERSION_CONFLICT', 'someone else changed this exception; reload it');
  }

  private async applyCorrections(po: Record<string, unknown>, corrections: ExceptionCorrections): Promise<Record<string, unknown>> {
    const next = structuredClone(po) as Record<string, unknown> & { buyer: Record<string, unknown>; lines: Array<Record<string, unknown>> };
    const { lines: lineFixes, customerId, shipToCode, ...header } = corrections;
    if (customerId) next.buyer = { ...next.buyer, customerId };
    for (const [field, value] of Object.entries(header)) if (value !== undefined) next[field] = value;
    if (shipToCode) next.shipTo = { ...((next.shipTo as Record<string, unknown> | undefined) ?? { role: 'ST' }), code: shipToCode };
    for (const fix of lineFixes ?? []) {
      let line = next.lines[fix.lineNumber - 1];
      if (!line) {
        if (!fix.sku || !fix.quantity)
          throw new InvalidInputError('EXCEPTION.LINE_INCOMPLETE', `line ${fix.lineNumber} is new: give its sku and quantity`, {
            lineNumber: fix.lineNumber,
          });
        const product = await this.catalog.findBySku(fix.sku);
        line = {
          lineNumber: String(fix.lineNumber),
          quantity: fix.quantity,
          uom: (fix.uom ?? product?.uom ?? 'EA').toUpperCase(),
          productIds: [{ qualifier: 'VN', value: fix.sku }],
        };
        next.lines[fix.lineNumber - 1] = line;
      }
      if (fix.quantity) line.quantity = fix.quantity;
      if (fix.unitPrice) line.unitPrice = fix.unitPrice;
      if (fix.uom) line.uom = fix.uom.toUpperCase();
      if (fix.sku) {
        const ids = (line.productIds as Array<{ qualifier: string; value: string }> | undefined) ?? [];
        const buyerPart = ids.find((id) => ['BP', 'IN'].includes(id.qualifier.toUpperCase()));
        const buyerCustomerId = next.buyer.customerId as string | undefined;
        if (fix.rememberPartNumber && buyerPart && buyerCustomerId) {
          await this.customers.upsertPartNumber({ customerId: buyerCustomerId, partNumber: buyerPart.value, sku: fix.sku });
        }
        // The operator's mapping wins: our SKU first, the buyer's own identifiers kept for the documents.
        line.productIds = [
          { qualifier: 'VN', value: fix.sku },
          ...ids.filter((id) => !['VN', 'SK', 'UP', 'UK', 'EN', 'UA'].includes(id.qualifier.toUpperCase())),
        ];
      }
    }
    // Lines added out of order leave holes: they close up, keeping the operator's order.
    next.lines = next.lines.filter(Boolean);
    return next;
  }
}

/** The exception's extracted order, or as much of one as its metadata gives when nothing was extracted. */
function baseOrder(exception: OrderExceptionEntity): Record<string, unknown> {
  const draft = (exception.purchaseOrder ?? {}) as Record<string, unknown>;
  const { draft: _partial, unprocessable: _u, ...fields } = draft;
  const source = (fields.source as Record<string, unknown> | undefined) ?? {};
  return {
    schemaVersion: 1,
    ...fields,
    source: {
      channel: exception.channel,
      rawDocumentId: exception.rawDocumentId,
      sender: exception.sender,
      ...(exception.partnerId ? { partnerId: exception.partnerId } : {}),
      ...source,
      receivedAt: typeof source.receivedAt === 'string' ? source.receivedAt : exception.receivedAt.toISOString(),
    },
    buyer: {
      ...((fields.buyer as Record<string, unknown> | undefined) ?? {}),
      ...(exception.customerId && !(fields.buyer as { customerId?: string } | undefined)?.customerId
        ? { customerId: exception.customerId }
        : {}),
    },
    poNumber: fields.poNumber ?? exception.poNumber ?? undefined,
    lines: Array.isArray(fields.lines) ? fields.lines : [],
  };
}
