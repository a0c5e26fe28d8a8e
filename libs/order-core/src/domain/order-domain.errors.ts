import { ConflictError, InvalidInputError } from '@orderhub/contracts';
import type { OrderStatus } from './order-status';

/** A status change the lifecycle does not allow (e.g. shipping a cancelled order). */
export class InvalidOrderTransitionError extends ConflictError {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
    reason?: string,
  ) {
    super('ORDER.INVALID_TRANSITION', `an order cannot go from ${from} to ${to}${reason ? `: ${reason}` : ''}`, { from, to });
  }
}

/** A shipment for more than is still due on a line. */
export class OvershipmentError extends InvalidInputError {
  constructor(details: { lineNumber: number; quantityDue: string; quantityShipped: string }) {
    super('ORDER.OVERSHIPMENT', `line ${details.lineNumber} would ship ${details.quantityShipped} of ${details.quantityDue} due`, details);
  }
}
