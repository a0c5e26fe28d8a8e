import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@orderhub/persistence';
import { CustomerStore } from './customer-directory.port';
import { DEMO_CUSTOMER_DRAFTS, DEMO_INVENTORY, DEMO_PART_NUMBERS, DEMO_PRODUCTS, demoPriceRules } from './demo-master-data';
import { PriceRuleStore } from './price-rule-repository.port';
import { ProductStore } from './product-catalog.port';
import { InventoryStore } from './stock-ledger.port';

/**
 * Loads the demo dataset into an EMPTY customer table, in one transaction. It never touches a database someone
 * has started to fill, and running it twice is harmless: the second run finds customers and does nothing.
 */
@Injectable()
export class SeedDemoMasterDataUseCase {
  constructor(
    private readonly customers: CustomerStore,
    private readonly products: ProductStore,
    private readonly rules: PriceRuleStore,
    private readonly inventory: InventoryStore,
    private readonly tx: TransactionRunner,
  ) {}

  /** True when it seeded. */
  async execute(now = new Date()): Promise<boolean> {
    return this.tx.run(async () => {
      if ((await this.customers.list({ limit: 1, offset: 0 })).total > 0) return false;
      for (const product of DEMO_PRODUCTS) await this.products.upsert(product);
      const ids = new Map<string, string>();
      for (const draft of DEMO_CUSTOMER_DRAFTS) ids.set(draft.code, (await this.customers.upsert(draft)).customer.id);
      for (const p of DEMO_PART_NUMBERS)
        await this.customers.upsertPartNumber({ customerId: ids.get(p.customerCode)!, partNumber: p.partNumber, sku: p.sku });
      for (const rule of demoPriceRules(now)) {
        const existing = rule.code ? await this.rules.findByCode(rule.code) : null;
        await this.rules.upsert(rule, existing?.id);
      }
      for (const row of DEMO_INVENTORY) await this.inventory.setOnHand(row.sku, row.warehouse, row.onHand);
      return true;
    });
  }
}
