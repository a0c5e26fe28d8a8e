import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { countsPieces, describeBoundProblem, quantityProblem } from '@orderhub/contracts';
import { MasterDataNotFoundError, ValidationFailedError } from '../domain/master-data.errors';
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
      const product = await this.products.findBySku(sku);
      if (!product) throw MasterDataNotFoundError.product(sku);
      assertWholePieces(input.onHand, product.uom, 'onHand');
      return this.inventory.setOnHand(sku, input.warehouse, input.onHand, input.expectedVersion);
    });
  }
}

/** Stock of a product sold in a piece-counting unit (EA, CS...) is counted in whole pieces: 573.5 EA is a typo. */
export function assertWholePieces(quantity: string, uom: string, field: string): void {
  if (countsPieces(uom) && quantityProblem(quantity, uom, { allowZero: true }) === 'not-integral') {
    throw new ValidationFailedError({ [field]: [describeBoundProblem('not-integral', 'quantity', quantity, uom)] });
  }
}
