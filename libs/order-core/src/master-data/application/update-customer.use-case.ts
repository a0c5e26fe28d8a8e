import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import type { Customer } from '../domain/customer';
import { DuplicateMasterDataError, MasterDataNotFoundError } from '../domain/master-data.errors';
import { CustomerStore } from './customer-directory.port';
import { assertCustomerKeysFree } from './customer-keys';
import { parseInput, updateCustomerSchema } from './master-data.schemas';

/** PATCH: fields given replace the stored ones; ship-tos given are upserted by code, others stay. */
@Injectable()
export class UpdateCustomerUseCase {
  constructor(
    private readonly customers: CustomerStore,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(id: string, body: unknown): Promise<Customer> {
    const change = parseInput(updateCustomerSchema, body);
    return this.tx.run(async () => {
      const current = await this.customers.findById(id);
      if (!current) throw MasterDataNotFoundError.customer(id);
      if (change.code !== undefined && change.code !== current.code) {
        if (await this.customers.findByCode(change.code)) throw DuplicateMasterDataError.customerCode(change.code);
      }
      await assertCustomerKeysFree(this.customers, change, current.id);
      return this.customers.update(current.id, change);
    });
  }
}
