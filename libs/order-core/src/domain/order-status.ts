/**
 * The sales-order lifecycle.
 *
 *   received → flagged | accepted | cancelled
 *   flagged → accepted | cancelled
 *   accepted → partially-shipped | shipped | cancelled
 *   partially-shipped → partially-shipped | shipped
 *   shipped → invoiced → closed
 *   cancelled, closed: final
 *
 * Decisions:
 * - `flagged` is an order in the exceptions queue. Approving moves it to `accepted`; rejecting it is a
 *   cancellation (`cancelled`, with the operator's reason recorded beside the status).
 * - Every shipment is invoiced on its own (one 810 per shipment), so partial shipments produce partial invoices
 *   while the order stays `partially-shipped`. The order is `invoiced` only when everything has shipped AND every
 *   shipment is invoiced; invoices of earlier shipments do not move the status.
 * - Once anything has shipped the order can no longer be cancelled; cancelling the remainder of a partially
 *   shipped order "short-closes" it: it becomes `shipped` (everything that will ship has shipped).
 * - `closed` follows `invoiced` (paid, or closed by period end) and, like `cancelled`, is final.
 * - `partially-shipped` → `partially-shipped` is allowed: another partial shipment.
 */
import { compare, type DecimalString } from '@orderhub/contracts';
import { InvalidOrderTransitionError, OvershipmentError } from './order-domain.errors';

export const ORDER_STATUSES = [
  'received',
  'flagged',
  'accepted',
  'partially-shipped',
  'shipped',
  'invoiced',
  'cancelled',
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  received: ['flagged', 'accepted', 'cancelled'],
  flagged: ['accepted', 'cancelled'],
  accepted: ['partially-shipped', 'shipped', 'cancelled'],
  'partially-shipped': ['partially-shipped', 'shipped'],
  shipped: ['invoiced'],
  invoiced: ['closed'],
  cancelled: [],
  closed: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Returns `to`, or throws ORDER.INVALID_TRANSITION. */
export function transition(from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!canTransition(from, to)) throw new InvalidOrderTransitionError(from, to);
  return to;
}

export function isFinal(status: OrderStatus): boolean {
  switch (status) {
    case 'cancelled':
    case 'closed':
      return true;
    case 'received':
    case 'flagged':
    case 'accepted':
    case 'partially-shipped':
    case 'shipped':
    case 'invoiced':
      return false;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Per line: what is due in total (accepted + backordered, less cancelled) and what has shipped so far. */
export interface LineShipmentProgress {
  lineNumber: number;
  quantityDue: DecimalString;
  /** Including the shipment being recorded. */
  quantityShipped: DecimalString;
}

/** The status after recording a shipment: `shipped` when every line is complete, else `partially-shipped`. */
export function statusAfterShipment(current: OrderStatus, lines: readonly LineShipmentProgress[]): OrderStatus {
  for (const line of lines) {
    if (compare(line.quantityShipped, line.quantityDue) > 0) {
      throw new OvershipmentError({ lineNumber: line.lineNumber, quantityDue: line.quantityDue, quantityShipped: line.quantityShipped });
    }
  }
  const complete = lines.every((l) => compare(l.quantityShipped, l.quantityDue) === 0);
  return transition(current, complete ? 'shipped' : 'partially-shipped');
}

/** Cancelling what has not shipped: a cancellation before any shipment, a short-close after one. */
export function statusAfterCancel(current: OrderStatus): OrderStatus {
  if (current === 'partially-shipped') return transition(current, 'shipped');
  return transition(current, 'cancelled');
}

/**
 * The status after an invoice is issued for a shipment. Invoices of partial shipments leave the order as it is;
 * the order becomes `invoiced` once it is fully shipped and no shipment is left uninvoiced.
 */
export function statusAfterInvoice(current: OrderStatus, progress: { allShipmentsInvoiced: boolean }): OrderStatus {
  switch (current) {
    case 'partially-shipped':
      return current;
    case 'shipped':
      return progress.allShipmentsInvoiced ? transition(current, 'invoiced') : current;
    case 'received':
    case 'flagged':
    case 'accepted':
    case 'invoiced':
    case 'cancelled':
    case 'closed':
      throw new InvalidOrderTransitionError(current, 'invoiced', 'nothing uninvoiced has shipped');
    default: {
      const unreachable: never = current;
      return unreachable;
    }
  }
}
