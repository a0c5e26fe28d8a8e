import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { DuplicateMasterDataError, UnknownReferenceError } from '../domain/master-data.errors';
import { CustomerDirectory } from './customer-directory.port';
import { parseInput, priceRuleSchema, type PriceRuleInput } from './master-data.schemas';
import { PriceRuleStore, type PriceRuleDraft, type StoredPriceRule } from './price-rule-repository.port';
import { ProductCatalog } from './product-catalog.port';

@Injectable()
export class CreatePriceRuleUseCase {
  constructor(
    private readonly rules: PriceRuleStore,
    private readonly customers: CustomerDirectory,
    private readonly products: ProductCatalog,
    private readonly tx: TransactionRunner,
  ) {}

  async execute(body: unknown): Promise<StoredPriceRule> {
    const input = parseInput(priceRuleSchema, body);
    return this.tx.run(async () => {
      const draft = await resolvePriceRuleReferences(input, this.customers, this.products);
      if (draft.code && (await this.rules.findByCode(draft.code))) {
        throw DuplicateMasterDataError.priceRuleCode(draft.code);
      }
      return (await this.rules.upsert(draft)).rule;
    });
  }
}

/** Checks the sku and customer a rule names exist, and turns a customer code into its id. */
export async function resolvePriceRuleReferences(
  input: PriceRuleInput,
  customers: CustomerDirectory,
  products: ProductCatalog,
): Promise<PriceRuleDraft> {
  const { customerCode, ...rule } = input;
  if (!(await products.findBySku(rule.sku))) throw UnknownReferenceError.sku(rule.sku);
  if (rule.customerId && !(await customers.findById(rule.customerId))) throw UnknownReferenceError.customer(rule.customerId);
  if (customerCode) {
    const customer = await customers.findByCode(customerCode);
    if (!customer) throw UnknownReferenceError.customer(customerCode, 'customerCode');
    rule.customerId = customer.id;
  }
  return rule;
}
