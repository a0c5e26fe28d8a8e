import type { DecimalString } from '@orderhub/contracts';
import type { ListQuery, Page } from './page';

export interface ReservationRequestLine {
  lineNumber: number;
  sku: string;
  /** In the product's base unit. */
  quantity: DecimalString;
}

export interface ReservationOutcome {
  lineNumber: number;
  reserved: DecimalString;
  /** What could not be reserved: the order core backorders it. */
  short: DecimalString;
}

export interface WarehouseAvailability {
  warehouse: string;
  onHand: DecimalString;
  reserved: DecimalString;
  available: DecimalString;
}

export interface Availability {
  sku: string;
  onHand: DecimalString;
  reserved: DecimalString;
  available: DecimalString;
  warehouses: WarehouseAvailability[];
}

/**
 * Stock promises for sales orders. Every method joins the caller's transaction (or opens its own), and reserve
 * never promises the same unit twice, however many orders race for it.
 */
export abstract class StockLedger {
  /**
   * Reserves each line from the warehouses in the order `planAllocation` documents. Idempotent per
   * (salesOrderId, lineNumber): a line that already holds reservations is answered from them, so a redelivered
   * message does not reserve twice.
   */
  abstract reserve(salesOrderId: string, lines: readonly ReservationRequestLine[]): Promise<ReservationOutcome[]>;
  /** Gives back whatever the order still holds (cancel, reject). */
  abstract release(salesOrderId: string): Promise<void>;
  abstract availability(skus: readonly string[]): Promise<Availability[]>;
  /**
   * Takes shipped goods off the shelf: consumes the line's reservations first (on hand and reserved both drop),
   * and any excess from unreserved stock; refuses to take on hand below zero (STOCK.INSUFFICIENT). `sku` is needed
   * only for a line that never reserved anything (wholly backordered, then shipped once stock came in).
   */
  abstract ship(salesOrderId: string, lineNumber: number, quantity: DecimalString, sku?: string): Promise<void>;
}

export interface InventoryRow {
  sku: string;
  warehouse: string;
  onHand: DecimalString;
  reserved: DecimalString;
  available: DecimalString;
  version: number;
  updatedAt: string;
}

export interface InventoryListQuery extends ListQuery {
  warehouse?: string;
}

export abstract class InventoryStore extends StockLedger {
  /** Sets the counted on-hand quantity; reservations stand. */
  /** With `expectedVersion`, refuses (INVENTORY.VERSION_CONFLICT) when the row changed since it was read. */
  abstract setOnHand(
    sku: string,
    warehouse: string,
    onHand: DecimalString,
    expectedVersion?: number,
  ): Promise<{ row: InventoryRow; created: boolean }>;
  abstract list(query: InventoryListQuery): Promise<Page<InventoryRow>>;
}
