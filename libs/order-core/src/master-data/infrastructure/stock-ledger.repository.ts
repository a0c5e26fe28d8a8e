import { Injectable } from '@nestjs/common';
import { add, compare, ConflictError, sub, type DecimalString } from '@orderhub/contracts';
import { TransactionManager } from '@orderhub/persistence';
import type { Page } from '../application/page';
import {
  InventoryStore,
  type Availability,
  type InventoryListQuery,
  type InventoryRow,
  type ReservationOutcome,
  type ReservationRequestLine,
} from '../application/stock-ledger.port';
import { StockInsufficientError } from '../domain/master-data.errors';
import { availableOf, planAllocation, sumQuantities, type WarehouseStock } from '../domain/stock-allocation';
import { decimalOut, escapeLike, isoOut } from './sql.helpers';

interface StockRow {
  sku: string;
  warehouse: string;
  on_hand: string;
  reserved: string;
}

interface ReservationRow {
  id: string;
  line_number: number;
  sku: string;
  warehouse: string;
  quantity: string;
  shipped_quantity: string;
}

/**
 * The stock ledger on PostgreSQL. Correctness under concurrency rests on one rule: every change to an inventory
 * row happens after `SELECT ... FOR UPDATE` of ALL the rows the operation touches, taken in one statement in
 * (sku, warehouse) order. Two orders racing for the last units therefore serialise on the row locks, the second
 * sees the first's reservation once it gets the lock (READ COMMITTED re-reads a locked row), and the fixed lock
 * order means they cannot deadlock whatever order their lines come in.
 */
@Injectable()
export class TypeormStockLedger extends InventoryStore {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  async reserve(salesOrderId: string, lines: readonly ReservationRequestLine[]): Promise<ReservationOutcome[]> {
    return this.tx.run(async () => {
      const stock = await this.lockStock(lines.map((l) => l.sku));
      // Read after the locks: a concurrent redelivery of the same order has committed by now, if it ran.
      const held = await this.activeReservations(salesOrderId);
      const outcomes: ReservationOutcome[] = [];
      // Planned in memory under the row locks, written in two statements whatever the number of lines.
      const increments = new Map<string, { sku: string; warehouse: string; quantity: string }>();
      const reservations: Array<[string, number, string, string, string]> = [];
      for (const line of lines) {
        const previous = held.filter((r) => r.line_number === line.lineNumber);
        if (previous.length > 0) {
          const reserved = sumQuantities(previous.map((r) => add(r.quantity, r.shipped_quantity)));
          const short = sub(line.quantity, reserved);
          outcomes.push({ lineNumber: line.lineNumber, reserved, short: compare(short, '0') > 0 ? short : '0' });
          continue;
        }
        const rows = stock.filter((s) => s.sku === line.sku);
        const plan = planAllocation(line.quantity, rows);
        for (const a of plan.allocations) {
          const row = rows.find((r) => r.warehouse === a.warehouse)!;
          // Later lines of the same order for the same sku see this one's reservation.
          row.reserved = add(row.reserved, a.quantity);
          const key = `${line.sku}\u0000${a.warehouse}`;
          const current = increments.get(key);
          increments.set(key, {
            sku: line.sku,
            warehouse: a.warehouse,
            quantity: current ? add(current.quantity, a.quantity) : a.quantity,
          });
          reservations.push([salesOrderId, line.lineNumber, line.sku, a.warehouse, a.quantity]);
        }
        outcomes.push({ lineNumber: line.lineNumber, reserved: sub(line.quantity, plan.short), short: plan.short });
      }
      if (increments.size > 0) {
        const values = [...increments.values()];
        await this.q(
          `UPDATE inventory AS i SET reserved = i.reserved + v.quantity, version = i.version + 1, updated_at = now()
             FROM (SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[]) AS t(sku, warehouse, quantity)) AS v
            WHERE i.sku = v.sku AND i.warehouse = v.warehouse`,
          [values.map((v) => v.sku), values.map((v) => v.warehouse), values.map((v) => v.quantity)],
        );
        await this.q(
          `INSERT INTO stock_reservation (sales_order_id, line_number, sku, warehouse, quantity)
           SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::numeric[])`,
          [0, 1, 2, 3, 4].map((i) => reservations.map((r) => r[i])),
        );
      }
      return outcomes;
    });
  }

  async release(salesOrderId: string): Promise<void> {
    await this.tx.run(async () => {
      const peek = await this.activeReservations(salesOrderId);
      if (peek.length === 0) return;
      // Inventory rows first (the global lock order), then the reservations themselves.
      await this.lockStock(peek.map((r) => r.sku));
      const held = await this.activeReservations(salesOrderId, true);
      for (const r of held) {
        if (compare(r.quantity, '0') > 0) {
          await this.q(
            `UPDATE inventory SET reserved = GREATEST(reserved - $3, 0), version = version + 1, updated_at = now() WHERE sku = $1 AND warehouse = $2`,
            [r.sku, r.warehouse, r.quantity],
          );
        }
        await this.q(`UPDATE stock_reservation SET released_at = now() WHERE id = $1`, [r.id]);
      }
    });
  }

  async ship(salesOrderId: string, lineNumber: number, quantity: DecimalString, sku?: string): Promise<void> {
    await this.tx.run(async () => {
      const known = await this.lineSku(salesOrderId, lineNumber);
      if (known && sku && known !== sku) {
        throw new ConflictError('STOCK.SKU_MISMATCH', `order ${salesOrderId} line ${lineNumber} reserved ${known}, not ${sku}`, {
          salesOrderId,
          lineNumber,
          sku,
          reservedSku: known,
        });
      }
      sku = known ?? sku;
      if (!sku)
        throw new ConflictError('STOCK.NO_RESERVATION', `order ${salesOrderId} line ${lineNumber} never reserved stock; name its sku`, {
          salesOrderId,
          lineNumber,
        });
      const lineSku = sku;
      const stock = await this.lockStock([lineSku]);
      const held = (await this.activeReservations(salesOrderId, true)).filter((r) => r.line_number === lineNumber);
      let remaining = quantity;
      for (const r of held.sort((a, b) => (a.warehouse < b.warehouse ? -1 : 1))) {
        if (compare(remaining, '0') <= 0) break;
        const take = compare(r.quantity, remaining) >= 0 ? remaining : r.quantity;
        if (compare(take, '0') <= 0) continue;
        await this.q(`UPDATE stock_reservation SET quantity = quantity - $2, shipped_quantity = shipped_quantity + $2 WHERE id = $1`, [
          r.id,
          take,
        ]);
        await this.q(
          `UPDATE inventory SET on_hand = on_hand - $3, reserved = reserved - $3, version = version + 1, updated_at = now() WHERE sku = $1 AND warehouse = $2`,
          [lineSku, r.warehouse, take],
        );
        const row = stock.find((s) => s.warehouse === r.warehouse);
        if (row) {
          row.onHand = sub(row.onHand, take);
          row.reserved = sub(row.reserved, take);
        }
        remaining = sub(remaining, take);
      }
      if (compare(remaining, '0') <= 0) return;
      // Shipping more than was reserved: the goods left the building, so take them from free stock, in the
      // same warehouse order as a reservation would.
      const plan = planAllocation(remaining, stock);
      if (compare(plan.short, '0') > 0) {
        const available = sumQuantities(stock.map(availableOf));
        throw new StockInsufficientError({
          sku: lineSku,
          lineNumber,
          requested: quantity,
          available: add(sub(quantity, remaining), available),
        });
      }
      for (const a of plan.allocations) {
        await this.q(
          `UPDATE inventory SET on_hand = on_hand - $3, version = version + 1, updated_at = now() WHERE sku = $1 AND warehouse = $2`,
          [lineSku, a.warehouse, a.quantity],
        );
        await this.q(
          `INSERT INTO stock_reservation (sales_order_id, line_number, sku, warehouse, quantity, shipped_quantity) VALUES ($1, $2, $3, $4, 0, $5)`,
          [salesOrderId, lineNumber, lineSku, a.warehouse, a.quantity],
        );
      }
    });
  }

  async availability(skus: readonly string[]): Promise<Availability[]> {
    const unique = [...new Set(skus)];
    if (unique.length === 0) return [];
    const rows = await this.q<StockRow[]>(
      `SELECT sku, warehouse, on_hand, reserved FROM inventory WHERE sku = ANY($1) ORDER BY sku, warehouse`,
      [unique],
    );
    return unique.map((sku) => {
      const warehouses = rows
        .filter((r) => r.sku === sku)
        .map((r) => {
          const s = toStock(r);
          return { warehouse: s.warehouse, onHand: s.onHand, reserved: s.reserved, available: availableOf(s) };
        });
      return {
        sku,
        onHand: sumQuantities(warehouses.map((w) => w.onHand)),
        reserved: sumQuantities(warehouses.map((w) => w.reserved)),
        available: sumQuantities(warehouses.map((w) => w.available)),
        warehouses,
      };
    });
  }

  async setOnHand(
    sku: string,
    warehouse: string,
    onHand: DecimalString,
    expectedVersion?: number,
  ): Promise<{ row: InventoryRow; created: boolean }> {
    if (expectedVersion !== undefined) {
      // TypeORM answers UPDATE ... RETURNING as [rows, affected].
      const [rows] = await this.q<[Array<Record<string, unknown>>, number]>(
        `UPDATE inventory SET on_hand = $3, version = version + 1, updated_at = now() WHERE sku = $1 AND warehouse = $2 AND version = $4 RETURNING *`,
        [sku, warehouse, onHand, expectedVersion],
      );
      if (rows.length === 0) {
        throw new ConflictError('INVENTORY.VERSION_CONFLICT', `inventory ${sku}@${warehouse} changed since version ${expectedVersion}`, {
          sku,
          warehouse,
          expectedVersion,
        });
      }
      return { row: inventoryOut(rows[0]), created: false };
    }
    // xmax = 0 only on a freshly inserted row: tells insert from update in one round trip.
    const rows = await this.q<Array<Record<string, unknown>>>(
      `INSERT INTO inventory (sku, warehouse, on_hand) VALUES ($1, $2, $3)
       ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = EXCLUDED.on_hand, version = inventory.version + 1, updated_at = now()
       RETURNING *, (xmax = 0) AS inserted`,
      [sku, warehouse, onHand],
    );
    return { row: inventoryOut(rows[0]), created: rows[0].inserted === true };
  }

  async list(query: InventoryListQuery): Promise<Page<InventoryRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.warehouse) {
      params.push(query.warehouse);
      where.push(`warehouse = $${params.length}`);
    }
    if (query.q?.trim()) {
      params.push(`${escapeLike(query.q.trim())}%`);
      where.push(`sku ILIKE $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = await this.q<Array<{ count: string }>>(`SELECT count(*) AS count FROM inventory ${clause}`, params);
    const rows = await this.q<Array<Record<string, unknown>>>(
      `SELECT * FROM inventory ${clause} ORDER BY sku, warehouse LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(inventoryOut), total: Number(count) };
  }

  /** Locks every inventory row of these skus, in (sku, warehouse) order: the one lock order of the ledger. */
  private async lockStock(skus: readonly string[]): Promise<Array<WarehouseStock & { sku: string }>> {
    const unique = [...new Set(skus)].sort();
    if (unique.length === 0) return [];
    const rows = await this.q<StockRow[]>(
      `SELECT sku, warehouse, on_hand, reserved FROM inventory WHERE sku = ANY($1) ORDER BY sku, warehouse FOR UPDATE`,
      [unique],
    );
    return rows.map(toStock);
  }

  private async activeReservations(salesOrderId: string, lock = false): Promise<ReservationRow[]> {
    return this.q<ReservationRow[]>(
      `SELECT id, line_number, sku, warehouse, quantity, shipped_quantity FROM stock_reservation
        WHERE sales_order_id = $1 AND released_at IS NULL ORDER BY line_number, warehouse${lock ? ' FOR UPDATE' : ''}`,
      [salesOrderId],
    );
  }

  /** The sku a line reserved or shipped before (released reservations included). */
  private async lineSku(salesOrderId: string, lineNumber: number): Promise<string | null> {
    const rows = await this.q<Array<{ sku: string }>>(
      `SELECT sku FROM stock_reservation WHERE sales_order_id = $1 AND line_number = $2 LIMIT 1`,
      [salesOrderId, lineNumber],
    );
    return rows[0]?.sku ?? null;
  }

  private async q<T = unknown>(sql: string, params: unknown[]): Promise<T> {
    return await this.tx.manager().query(sql, params);
  }
}

function toStock(r: StockRow): WarehouseStock & { sku: string } {
  return { sku: r.sku, warehouse: r.warehouse, onHand: decimalOut(r.on_hand), reserved: decimalOut(r.reserved) };
}

function inventoryOut(r: Record<string, unknown>): InventoryRow {
  const stock = { warehouse: String(r.warehouse), onHand: decimalOut(String(r.on_hand)), reserved: decimalOut(String(r.reserved)) };
  return {
    sku: String(r.sku),
    ...stock,
    available: availableOf(stock),
    version: Number(r.version),
    updatedAt: isoOut(r.updated_at as Date),
  };
}
