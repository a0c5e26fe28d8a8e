import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { InvalidInputError } from '@orderhub/contracts';
import { MasterDataNotFoundError } from '../domain/master-data.errors';
import type { Product } from '../domain/product';
import { parseInput, updateProductSchema } from './master-data.schemas';
import { ProductStore } from './product-catalog.port';

/**
 * PATCH by id or sku. The sku itself cannot change: EDI partners, part numbers and open orders refer to it, so a
 * renamed item is a new product (and the old one is discontinued).
 */
@Injectable()
export class UpdateProductUseCase {
  constructor(
    private readonly products: ProductStore,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(idOrSku: string, body: unknown): Promise<Product> {
    if (body && typeof body === 'object' && 'sku' in body) {
      throw new InvalidInputError('VALIDATION.FAILED', 'the sku of a product cannot change', {
        fields: { sku: ['cannot change; create a new product'] },
      });
    }
    const change = parseInput(updateProductSchema, body);
    return this.tx.run(async () => {
      const current = (await this.products.findById(idOrSku)) ?? (await this.products.findBySku(idOrSku));
      if (!current) throw MasterDataNotFoundError.product(idOrSku);
      const merged = { ...current, ...change };
      if (merged.conversions.some((c) => c.uom === merged.uom)) {
        throw new InvalidInputError('VALIDATION.FAILED', 'the base unit needs no conversion', {
          fields: { conversions: ['the base unit needs no conversion'] },
        });
      }
      return (await this.products.upsert({ ...merged, conversions: change.conversions })).product;
    });
  }
}
