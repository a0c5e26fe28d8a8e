import { Injectable } from '@nestjs/common';
import { ConflictError, createEnvelope, InvalidInputError, NotFoundError, PurchaseOrder, purchaseOrderSchema, Topics } from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore, TransactionManager } from '@orderhub/persistence';
import { CustomerStore } from '../../master-data';
import { RaiseSalesOrderUseCase } from '../../orders/application/raise-sales-order.use-case';
import { ExceptionRepository } from './exception.repository';

export interface ExceptionCorrections {
  customerId?: string;
  shipToCode?: string;
  poNumber?: string;
  lines?: Array<{ lineNumber: number; sku?: string; quantity?: string; unitPrice?: string; rememberPartNumber?: boolean }>;
}

export interface ResolveCommand {
  exceptionId: string;
  action: 'approve' | 'reject';
  version: number;
  reason?: string;
  corrections?: ExceptionCorrections;
  actor: string;
}

export type ResolveResult = { status: 'approved'; orderId: string; number: string } | { status: 'rejected' } | { status: 'still-flagged'; reasons: Array<{ code: string; message: string; lineNumber?: number }> };

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
  ) {}

  async execute(command: ResolveCommand): Promise<ResolveResult> {
    return this.tx.run(async () => {
      const exception = await this.exceptions.findById(command.exceptionId);
      if (!exception) throw new NotFoundError('EXCEPTION.NOT_FOUND', `exception ${command.exceptionId} not found`);
      if (exception.version !== command.version) {
        throw new ConflictError('EXCEPTION.VERSION_CONFLICT', 'someone else changed this exception; reload it', { currentVersion: exception.version });
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
        await this.rawDocuments.setStatus(exception.rawDocumentId, 'rejected', reason).catch(() => undefined);
        return { status: 'rejected' };
      }

      const parsed = purchaseOrderSchema.safeParse(exception.purchaseOrder);
      if (!parsed.success) {
        throw new InvalidInputError('EXCEPTION.NOT_AN_ORDER', 'this exception holds no complete purchase order to approve; reject it or correct it at the source', {
          issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`),
        });
      }
      const po = await this.applyCorrections(parsed.data, command.corrections ?? {});
      const result = await this.raise.execute({
        purchaseOrder: po,
        sourceKey: `exception:${exception.id}`,
        correlationId: exception.id,
        actor: command.actor,
        approval: { exceptionId: exception.id, acceptedBy: command.actor },
      });
      if (result.kind === 'raised') {
        await this.lockedUpdate(command, { status: 'approved', resolvedAt: new Date(), resolvedBy: command.actor, salesOrderId: result.orderId, purchaseOrder: po }, 'approved', `sales order ${result.number}`);
        // Channels learn from what the operator approved (the email channel: a layout template for the sender).
        await this.outbox.enqueue(
          Topics.ExceptionResolved,
          createEnvelope({
            type: 'exception.resolved',
            key: exception.id,
            idempotencyKey: `resolved:${exception.id}`,
            payload: {
              exceptionId: exception.id,
              channel: exception.channel,
              rawDocumentId: exception.rawDocumentId,
              sender: exception.sender,
              customerId: po.buyer.customerId,
              action: 'approved',
              resolvedBy: command.actor,
              purchaseOrder: po,
              corrections: { ...(command.corrections ?? {}) },
            },
          }),
        );
        return { status: 'approved', orderId: result.orderId, number: result.number };
      }
      if (result.kind === 'flagged') {
        // Keep the corrections made so far, so the operator continues from them.
        await this.lockedUpdate(command, { purchaseOrder: po, reasons: result.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber, details: p.details })) }, 'corrected', 'approval needs more corrections');
        return { status: 'still-flagged', reasons: result.problems.map((p) => ({ code: p.code, message: p.message, lineNumber: p.lineNumber })) };
      }
      throw new ConflictError('EXCEPTION.ALREADY_RAISED', 'an order for this purchase order exists already');
    });
  }

  private async lockedUpdate(command: ResolveCommand, change: Parameters<ExceptionRepository['update']>[2], action: string, note: string): Promise<void> {
    const ok = await this.exceptions.update(command.exceptionId, command.version, change, { actor: command.actor, action, note });
    if (!ok) throw new ConflictError('EXCEPTION.VERSION_CONFLICT', 'someone else changed this exception; reload it');
  }

  private async applyCorrections(po: PurchaseOrder, corrections: ExceptionCorrections): Promise<PurchaseOrder> {
    const next: PurchaseOrder = structuredClone(po);
    if (corrections.customerId) next.buyer = { ...next.buyer, customerId: corrections.customerId };
    if (corrections.poNumber) next.poNumber = corrections.poNumber;
    if (corrections.shipToCode) next.shipTo = { ...(next.shipTo ?? { role: 'ST' }), code: corrections.shipToCode };
    for (const fix of corrections.lines ?? []) {
      const line = next.lines[fix.lineNumber - 1];
      if (!line) throw new InvalidInputError('EXCEPTION.UNKNOWN_LINE', `the order has no line ${fix.lineNumber}`);
      if (fix.quantity) line.quantity = fix.quantity;
      if (fix.unitPrice) line.unitPrice = fix.unitPrice;
      if (fix.sku) {
        const buyerPart = line.productIds.find((id) => ['BP', 'IN'].includes(id.qualifier.toUpperCase()));
        const customerId = next.buyer.customerId;
        if (fix.rememberPartNumber && buyerPart && customerId) {
          await this.customers.upsertPartNumber({ customerId, partNumber: buyerPart.value, sku: fix.sku });
        }
        // The operator's mapping wins: our SKU first, the buyer's own identifiers kept for the documents.
        line.productIds = [{ qualifier: 'VN', value: fix.sku }, ...line.productIds.filter((id) => !['VN', 'SK', 'UP', 'UK', 'EN', 'UA'].includes(id.qualifier.toUpperCase()))];
      }
    }
    return purchaseOrderSchema.parse(next);
  }
}
