import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import type { Customer } from '../domain/customer';
import { DuplicateMasterDataError } from '../domain/master-data.errors';
import { CustomerStore } from './customer-directory.port';
import { assertCustomerKeysFree } from './customer-keys';
import { createCustomerSchema, parseInput } from './master-data.schemas';

@Injectable()
export class CreateCustomerUseCase {
  constructor(
    private readonly customers: CustomerStore,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(body: unknown): Promise<Customer> {
    const input = parseInput(createCustomerSchema, body);
    return this.tx.run(async () => {
      if (await this.customers.findByCode(input.code)) throw DuplicateMasterDataError.customerCode(input.code);
      await assertCustomerKeysFree(this.customers, input);
      return (await this.customers.upsert(input)).customer;
    });
  }
}
