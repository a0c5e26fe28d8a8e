import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import { parseInput, setInventorySchema } from './master-data.schemas';
import { ProductCatalog } from './product-catalog.port';
import { InventoryStore, type InventoryRow } from './stock-ledger.port';

/** PUT /inventory/{sku}: the counted on-hand quantity of one warehouse. Reservations are untouched. */
@Injectable()
export class SetInventoryUseCase {
  constructor(
    private readonly inventory: InventoryStore,
    private readonly products: ProductCatalog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(sku: string, body: unknown): Promise<{ row: InventoryRow; created: boolean }> {
    const input = parseInput(setInventorySchema, body);
    return this.tx.run(async () => {
      if (!(await this.products.findBySku(sku))) throw MasterDataNotFoundError.product(sku);
      return this.inventory.setOnHand(sku, input.warehouse, input.onHand, input.expectedVersion);
    });
  }
}
