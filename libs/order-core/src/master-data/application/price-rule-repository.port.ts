import type { Channel } from '@orderhub/contracts';
import type { PriceRule } from '@orderhub/pricing';
import type { ListQuery, Page } from './page';

/** A price rule as stored: the pricing engine's rule plus bookkeeping the engine does not need. */
export interface StoredPriceRule extends PriceRule {
  /** Optional natural key, so re-importing the same file updates instead of duplicating. */
  code?: string;
  description?: string;
  createdAt: string;
}

export type PriceRuleDraft = Omit<StoredPriceRule, 'id' | 'createdAt'>;

/** What the pricing engine is fed. Joins the caller's transaction. */
export abstract class PriceRuleRepository {
  /**
   * Rules for `sku` whose scope does not exclude this customer, group and channel, valid at `at` (validFrom
   * inclusive, validTo exclusive). Quantity floors are left to the engine, which explains why a rule was skipped.
   */
  abstract applicableRules(
    sku: string,
    customerId: string | null,
    customerGroup: string | null,
    channel: Channel | null,
    at: Date,
  ): Promise<PriceRule[]>;
  /** The same for every sku of an order at once: one query instead of one per line. */
  abstract applicableRulesForSkus(
    skus: readonly string[],
    customerId: string | null,
    customerGroup: string | null,
    channel: Channel | null,
    at: Date,
  ): Promise<Map<string, PriceRule[]>>;
}

export interface PriceRuleListQuery extends ListQuery {
  sku?: string;
  customerId?: string;
  kind?: string;
}

export abstract class PriceRuleStore extends PriceRuleRepository {
  abstract findById(id: string): Promise<StoredPriceRule | null>;
  abstract findByCode(code: string): Promise<StoredPriceRule | null>;
  abstract list(query: PriceRuleListQuery): Promise<Page<StoredPriceRule>>;
  /** Inserts; or with `code` (or `id`) of an existing rule, replaces that rule. */
  abstract upsert(draft: PriceRuleDraft, id?: string): Promise<{ rule: StoredPriceRule; created: boolean }>;
  abstract delete(id: string): Promise<boolean>;
}
