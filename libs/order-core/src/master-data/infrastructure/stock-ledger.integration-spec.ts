import 'reflect-metadata';
import { openTestDatabase, type TestDatabase } from '@orderhub/testing';
import { MASTER_DATA_ENTITIES } from '../master-data.module';
import { TypeormProductRepository } from './product.repository';
import { TypeormStockLedger } from './stock-ledger.repository';

async function stockRow(db: TestDatabase, sku: string, warehouse: string): Promise<{ onHand: string; reserved: string }> {
  const [row] = (await db.dataSource.query(
    `SELECT on_hand::text AS "onHand", reserved::text AS reserved FROM inventory WHERE sku = $1 AND warehouse = $2`,
    [sku, warehouse],
  )) as Array<{
    onHand: string;
    reserved: string;
  }>;
  return { onHand: String(Number(row.onHand)), reserved: String(Number(row.reserved)) };
}

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`StockLedger on ${kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}`, () => {
    let db: TestDatabase;
    let ledger: TypeormStockLedger;
    let skuCounter = 0;

    /** A fresh product with the given on-hand per warehouse. */
    async function aStockedSku(stock: Record<string, string>): Promise<string> {
      skuCounter += 1;
      const sku = `STK-${skuCounter}`;
      await new TypeormProductRepository(db.tx).upsert({ sku, description: sku, uom: 'EA', listPrice: '1' });
      for (const [warehouse, onHand] of Object.entries(stock)) await ledger.setOnHand(sku, warehouse, onHand);
      return sku;
    }

    beforeAll(async () => {
      db = await openTestDatabase(kind, MASTER_DATA_ENTITIES);
      ledger = new TypeormStockLedger(db.tx);
    }, 60_000);

    afterAll(async () => {
      await db?.close();
    });

    it('reserves from one warehouse when it can cover the line, else splits largest first, and reports the short part', async () => {
      const sku = await aStockedSku({ EAST: '4', WEST: '10' });
      expect(await ledger.reserve('SO-A', [{ lineNumber: 1, sku, quantity: '8' }])).toEqual([{ lineNumber: 1, reserved: '8', short: '0' }]);
      expect(await stockRow(db, sku, 'WEST')).toEqual({ onHand: '10', reserved: '8' });
      expect(await ledger.reserve('SO-B', [{ lineNumber: 1, sku, quantity: '7' }])).toEqual([{ lineNumber: 1, reserved: '6', short: '1' }]);
      expect((await ledger.availability([sku]))[0]).toMatchObject({ onHand: '14', reserved: '14', available: '0' });
    });

    it('is idempotent per order line, so a redelivered message does not reserve twice', async () => {
      const sku = await aStockedSku({ EAST: '10' });
      await ledger.reserve('SO-IDEM', [{ lineNumber: 1, sku, quantity: '3' }]);
      expect(await ledger.reserve('SO-IDEM', [{ lineNumber: 1, sku, quantity: '3' }])).toEqual([
        { lineNumber: 1, reserved: '3', short: '0' },
      ]);
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '10', reserved: '3' });
    });

    it('release gives the stock back', async () => {
      const sku = await aStockedSku({ EAST: '5', WEST: '5' });
      await ledger.reserve('SO-REL', [{ lineNumber: 1, sku, quantity: '8' }]);
      expect((await ledger.availability([sku]))[0].available).toBe('2');
      await ledger.release('SO-REL');
      expect((await ledger.availability([sku]))[0]).toMatchObject({ onHand: '10', reserved: '0', available: '10' });
      await ledger.release('SO-REL'); // twice is harmless
      expect((await ledger.availability([sku]))[0].reserved).toBe('0');
    });

    it('ship takes shipped goods off on hand and reserved, partial shipments included', async () => {
      const sku = await aStockedSku({ EAST: '10' });
      await ledger.reserve('SO-SHIP', [{ lineNumber: 1, sku, quantity: '6' }]);
      await ledger.ship('SO-SHIP', 1, '2.5');
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '7.5', reserved: '3.5' });
      await ledger.ship('SO-SHIP', 1, '3.5');
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '4', reserved: '0' });
      // Releasing a fully shipped order gives nothing back that was shipped.
      await ledger.release('SO-SHIP');
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '4', reserved: '0' });
    });

    it('ships beyond the reservation from free stock, but never below zero on hand', async () => {
      const sku = await aStockedSku({ EAST: '5' });
      await ledger.reserve('SO-OVER', [{ lineNumber: 1, sku, quantity: '2' }]);
      await ledger.reserve('SO-OTHER', [{ lineNumber: 1, sku, quantity: '2' }]);
      await ledger.ship('SO-OVER', 1, '3');
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '2', reserved: '2' });
      await expect(ledger.ship('SO-OVER', 1, '1')).rejects.toMatchObject({ code: 'STOCK.INSUFFICIENT' });
      await expect(ledger.ship('SO-NONE', 1, '1')).rejects.toMatchObject({ code: 'STOCK.NO_RESERVATION' });
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '2', reserved: '2' });
    });

    it('joins the caller’s transaction: a rollback undoes the reservation', async () => {
      const sku = await aStockedSku({ EAST: '3' });
      await expect(
        db.tx.run(async () => {
          await ledger.reserve('SO-RB', [{ lineNumber: 1, sku, quantity: '3' }]);
          throw new Error('the order could not be saved');
        }),
      ).rejects.toThrow('the order could not be saved');
      expect(await stockRow(db, sku, 'EAST')).toEqual({ onHand: '3', reserved: '0' });
    });

    if (kind === 'postgres') {
      it('never oversells when orders race for the last units on separate connections', async () => {
        for (let round = 0; round < 5; round += 1) {
          const sku = await aStockedSku({ EAST: '3', WEST: '2' });
          // Each transaction holds its locks for a moment after reserving, so the others really wait on them.
          const race = (order: string) =>
            db.tx.run(async () => {
              const [outcome] = await ledger.reserve(order, [{ lineNumber: 1, sku, quantity: '2' }]);
              await db.tx.manager().query('SELECT pg_sleep(0.05)');
              return outcome;
            });
          const outcomes = await Promise.all(['A', 'B', 'C', 'D'].map((o) => race(`SO-RACE-${round}-${o}`)));
          const reserved = outcomes.reduce((sum, o) => sum + Number(o.reserved), 0);
          expect(reserved).toBe(5);
          expect(outcomes.reduce((sum, o) => sum + Number(o.short), 0)).toBe(3);
          const [availability] = await ledger.availability([sku]);
          expect(availability).toMatchObject({ onHand: '5', reserved: '5', available: '0' });
          for (const w of availability.warehouses) expect(Number(w.reserved)).toBeLessThanOrEqual(Number(w.onHand));
        }
      }, 30_000);

      it('two orders reserving the same skus in opposite line order do not deadlock', async () => {
        const x = await aStockedSku({ EAST: '10' });
        const y = await aStockedSku({ EAST: '10' });
        const run = (order: string, skus: string[]) =>
          db.tx.run(async () => {
            const result = await ledger.reserve(
              order,
              skus.map((sku, i) => ({ lineNumber: i + 1, sku, quantity: '5' })),
            );
            await db.tx.manager().query('SELECT pg_sleep(0.05)');
            return result;
          });
        const [a, b] = await Promise.all([run('SO-DL-A', [x, y]), run('SO-DL-B', [y, x])]);
        expect([...a, ...b].every((o) => o.short === '0')).toBe(true);
        expect((await ledger.availability([x, y])).map((s) => s.available)).toEqual(['0', '0']);
      }, 30_000);
    }
  });
}
