import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { DuplicateMasterDataError } from '../domain/master-data.errors';
import type { Product } from '../domain/product';
import { createProductSchema, parseInput } from './master-data.schemas';
import { ProductStore } from './product-catalog.port';

@Injectable()
export class CreateProductUseCase {
  constructor(
    private readonly products: ProductStore,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(body: unknown): Promise<Product> {
    const input = parseInput(createProductSchema, body);
    return this.tx.run(async () => {
      if (await this.products.findBySku(input.sku)) throw DuplicateMasterDataError.sku(input.sku);
      return (await this.products.upsert(input)).product;
    });
  }
}
