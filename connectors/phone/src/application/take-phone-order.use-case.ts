import { Injectable } from '@nestjs/common';
import { describeBoundProblem, InvalidInputError, quantityProblem } from '@orderhub/contracts';
import { Metrics } from '@orderhub/common';
import { CustomerDirectory, ExceptionRepository, ProductCatalog, RaiseSalesOrderUseCase, SalesOrderRepository } from '@orderhub/order-core';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { PhoneOrderForm, phoneOrderToPurchaseOrder } from './phone-order.mapper';

export interface PhoneFormProblem {
  field: string;
  lineNumber?: number;
  code: 'PHONE.UNKNOWN_CUSTOMER' | 'PHONE.INVALID_QUANTITY';
  message: string;
}

export interface TakePhoneOrderCommand {
  form: PhoneOrderForm;
  operator: { id: string; email: string };
  idempotencyKey?: string;
}

export type PhoneOrderResult =
  | { orderId: string; number?: string; outcome?: string; poNumber?: string }
  | { exceptionId: string; reasons: Array<{ code: string; message: string; lineNumber?: number }> };

/**
 * The phone door: an operator's form becomes the canonical purchase order, stored as the raw document and
 * raised in one transaction. What the form itself gets wrong (a quantity that is zero, negative, not a number,
 * larger than the hub can hold or a fraction of a piece-counting unit, a customer that does not exist) is the
 * operator's typo, answered 400 before anything is stored. Business problems (unknown SKU, price, credit hold)
 * go to the exceptions queue like on every other channel.
 */
@Injectable()
export class TakePhoneOrderUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly raw: RawDocumentStore,
    private readonly raise: RaiseSalesOrderUseCase,
    private readonly customers: CustomerDirectory,
    private readonly catalog: ProductCatalog,
    private readonly orders: SalesOrderRepository,
    private readonly exceptions: ExceptionRepository,
  ) {}

  /** The form with every line's unit (the product's base unit when none is given), and what is structurally wrong with it. */
  async inspect(form: PhoneOrderForm): Promise<{ form: PhoneOrderForm; problems: PhoneFormProblem[] }> {
    const problems: PhoneFormProblem[] = [];
    if (!(await this.customers.findById(form.customerId))) {
      problems.push({ field: 'customerId', code: 'PHONE.UNKNOWN_CUSTOMER', message: `no customer has id ${form.customerId}` });
    }
    const lines = [];
    for (const [i, line] of form.lines.entries()) {
      const uom = (line.uom ?? (await this.catalog.findBySku(line.sku))?.uom ?? 'EA').toUpperCase();
      const problem = quantityProblem(line.quantity, uom);
      if (problem)
        problems.push({
          field: `lines.${i}.quantity`,
          lineNumber: i + 1,
          code: 'PHONE.INVALID_QUANTITY',
          message: describeBoundProblem(problem, 'quantity', line.quantity, uom),
        });
      lines.push({ ...line, uom });
    }
    return { form: { ...form, lines }, problems };
  }

  /** As inspect, but a structural problem is the caller's error: 400 with every problem. */
  async check(form: PhoneOrderForm): Promise<PhoneOrderForm> {
    const inspected = await this.inspect(form);
    const problems = inspected.problems;
    if (problems.length > 0) throw new InvalidInputError(problems[0].code, problems.map((p) => p.message).join('; '), { problems });
    return inspected.form;
  }

  async execute(command: TakePhoneOrderCommand): Promise<PhoneOrderResult> {
    const form = await this.check(command.form);
    const { operator, idempotencyKey } = command;
    return this.tx.run(async () => {
      const stored = await this.raw.store({
        channel: 'phone',
        sender: operator.email,
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(command.form)),
        dedupKey: idempotencyKey ? `form:${operator.id}:${idempotencyKey.slice(0, 200)}` : undefined,
        metadata: { operator: operator.email },
      });
      if (stored.created) Metrics.inboundDocuments.inc({ channel: 'phone' });
      const po = phoneOrderToPurchaseOrder(form, {
        rawDocumentId: stored.document.id,
        operator: operator.email,
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
        actor: `user:${operator.email}`,
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
}
