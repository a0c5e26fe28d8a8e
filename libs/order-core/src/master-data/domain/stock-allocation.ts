import { add, compare, sub, type DecimalString } from '@orderhub/contracts';

export interface WarehouseStock {
  warehouse: string;
  onHand: DecimalString;
  reserved: DecimalString;
}

export interface Allocation {
  warehouse: string;
  quantity: DecimalString;
}

/** What can still be promised: on hand less reserved, never negative (a recount may leave on hand below reserved). */
export function availableOf(stock: WarehouseStock): DecimalString {
  const free = sub(stock.onHand, stock.reserved);
  return compare(free, '0') > 0 ? free : '0';
}

/**
 * Decides which warehouses a line's quantity is taken from. The order is part of the contract:
 *   1. If one warehouse can cover the whole line, the first such one by warehouse code: one shipment, and the
 *      same warehouse every time for the same stock picture.
 *   2. Otherwise the line is split, taking from the warehouse with the most available first (ties by code), which
 *      keeps the number of shipments small.
 * Whatever cannot be covered is `short` (the order core backorders it).
 */
export function planAllocation(
  quantity: DecimalString,
  stocks: readonly WarehouseStock[],
): { allocations: Allocation[]; short: DecimalString } {
  const candidates = stocks
    .map((s) => ({ warehouse: s.warehouse, available: availableOf(s) }))
    .filter((s) => compare(s.available, '0') > 0)
    .sort((a, b) => byCode(a.warehouse, b.warehouse));
  if (compare(quantity, '0') <= 0) return { allocations: [], short: '0' };

  const whole = candidates.find((s) => compare(s.available, quantity) >= 0);
  if (whole) return { allocations: [{ warehouse: whole.warehouse, quantity }], short: '0' };

  const allocations: Allocation[] = [];
  let remaining = quantity;
  for (const s of [...candidates].sort((a, b) => compare(b.available, a.available) || byCode(a.warehouse, b.warehouse))) {
    if (compare(remaining, '0') <= 0) break;
    const take = compare(s.available, remaining) >= 0 ? remaining : s.available;
    allocations.push({ warehouse: s.warehouse, quantity: take });
    remaining = sub(remaining, take);
  }
  return { allocations, short: remaining };
}

export function sumQuantities(values: readonly DecimalString[]): DecimalString {
  return values.length === 0 ? '0' : add(...values);
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
