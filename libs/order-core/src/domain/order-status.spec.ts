import { HubError } from '@orderhub/contracts';
import {
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  canTransition,
  isFinal,
  statusAfterCancel,
  statusAfterInvoice,
  statusAfterShipment,
  transition,
  type OrderStatus,
} from './order-status';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof HubError ? error.code : String(error);
  }
  return undefined;
}

describe('order lifecycle', () => {
  it.each([
    ['received', 'accepted'],
    ['received', 'flagged'],
    ['flagged', 'accepted'],
    ['flagged', 'cancelled'],
    ['accepted', 'partially-shipped'],
    ['accepted', 'shipped'],
    ['partially-shipped', 'partially-shipped'],
    ['partially-shipped', 'shipped'],
    ['shipped', 'invoiced'],
    ['invoiced', 'closed'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(transition(from, to)).toBe(to);
  });

  it.each([
    ['received', 'shipped'],
    ['flagged', 'shipped'],
    ['partially-shipped', 'cancelled'],
    ['shipped', 'cancelled'],
    ['cancelled', 'accepted'],
    ['closed', 'received'],
    ['invoiced', 'shipped'],
    ['accepted', 'invoiced'],
  ] as const)('refuses %s → %s with ORDER.INVALID_TRANSITION', (from, to) => {
    expect(codeOf(() => transition(from, to))).toBe('ORDER.INVALID_TRANSITION');
  });

  it('leaves final states nowhere to go', () => {
    const finals = ORDER_STATUSES.filter(isFinal);
    expect(finals).toEqual(['cancelled', 'closed']);
    for (const status of finals) expect(ORDER_TRANSITIONS[status]).toEqual([]);
    for (const status of ORDER_STATUSES.filter((s) => !isFinal(s))) expect(ORDER_TRANSITIONS[status].length).toBeGreaterThan(0);
  });

  it('reaches every status from received', () => {
    const seen = new Set<OrderStatus>(['received']);
    const queue: OrderStatus[] = ['received'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const next of ORDER_STATUSES) {
        if (canTransition(s, next) && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });
});

describe('shipments and invoices', () => {
  const due = (shipped1: string, shipped2: string) => [
    { lineNumber: 1, quantityDue: '10', quantityShipped: shipped1 },
    { lineNumber: 2, quantityDue: '5', quantityShipped: shipped2 },
  ];

  it('stays partially shipped until every line is complete', () => {
    expect(statusAfterShipment('accepted', due('4', '0'))).toBe('partially-shipped');
    expect(statusAfterShipment('partially-shipped', due('10', '0'))).toBe('partially-shipped');
    expect(statusAfterShipment('partially-shipped', due('10', '5'))).toBe('shipped');
    expect(statusAfterShipment('accepted', due('10', '5'))).toBe('shipped');
  });

  it('refuses to ship more than is due, or to ship a cancelled order', () => {
    expect(codeOf(() => statusAfterShipment('accepted', due('11', '0')))).toBe('ORDER.OVERSHIPMENT');
    expect(codeOf(() => statusAfterShipment('cancelled', due('1', '0')))).toBe('ORDER.INVALID_TRANSITION');
    expect(codeOf(() => statusAfterShipment('flagged', due('1', '0')))).toBe('ORDER.INVALID_TRANSITION');
  });

  it('leaves a partially shipped order alone when its partial shipments are invoiced', () => {
    expect(statusAfterInvoice('partially-shipped', { allShipmentsInvoiced: true })).toBe('partially-shipped');
  });

  it('becomes invoiced once fully shipped and every shipment is invoiced', () => {
    expect(statusAfterInvoice('shipped', { allShipmentsInvoiced: false })).toBe('shipped');
    expect(statusAfterInvoice('shipped', { allShipmentsInvoiced: true })).toBe('invoiced');
  });

  it('refuses an invoice for an order that has not shipped', () => {
    expect(codeOf(() => statusAfterInvoice('accepted', { allShipmentsInvoiced: true }))).toBe('ORDER.INVALID_TRANSITION');
  });

  it('cancels before shipping and short-closes after a partial shipment', () => {
    expect(statusAfterCancel('accepted')).toBe('cancelled');
    expect(statusAfterCancel('flagged')).toBe('cancelled');
    expect(statusAfterCancel('partially-shipped')).toBe('shipped');
    expect(codeOf(() => statusAfterCancel('shipped'))).toBe('ORDER.INVALID_TRANSITION');
  });
});
