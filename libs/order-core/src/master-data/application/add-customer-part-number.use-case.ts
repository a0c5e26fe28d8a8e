import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import type { CustomerPartNumber } from '../domain/customer';
import { DuplicateMasterDataError, MasterDataNotFoundError, UnknownReferenceError } from '../domain/master-data.errors';
import { CustomerStore } from './customer-directory.port';
import { parseInput, partNumberSchema } from './master-data.schemas';
import { ProductStore } from './product-catalog.port';

/**
 * Maps a buyer's own part number to our sku. Posting the same mapping again is harmless; re-pointing a part
 * number at another sku is refused (409), since open orders may already rely on what it meant.
 */
@Injectable()
export class AddCustomerPartNumberUseCase {
  constructor(
    private readonly customers: CustomerStore,
    private readonly products: ProductStore,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(customerId: string, body: unknown): Promise<{ mapping: CustomerPartNumber; created: boolean }> {
    const input = parseInput(partNumberSchema, body);
    return this.tx.run(async () => {
      if (!(await this.customers.findById(customerId))) throw MasterDataNotFoundError.customer(customerId);
      if (!(await this.products.findBySku(input.sku))) throw UnknownReferenceError.sku(input.sku);
      const existing = (await this.customers.partNumbers(customerId)).find((p) => p.partNumber === input.partNumber);
      if (existing && existing.sku !== input.sku) throw DuplicateMasterDataError.partNumber(input.partNumber, existing.sku);
      const mapping = { customerId, partNumber: input.partNumber, sku: input.sku };
      if (existing) return { mapping, created: false };
      await this.customers.upsertPartNumber(mapping);
      return { mapping, created: true };
    });
  }
}
