import type { PriceLineInput } from '../price-line.engine';
import type { PriceRule, PricingCustomer, PricingProduct } from '../price-rule';

export function aProduct(overrides: Partial<PricingProduct> = {}): PricingProduct {
  return { sku: 'WIDGET-1', listPrice: '10.00', uom: 'EA', ...overrides };
}

export function aCustomer(overrides: Partial<PricingCustomer> = {}): PricingCustomer {
  return { id: 'cust-acme', groups: ['wholesale'], ...overrides };
}

let sequence = 0;

/** A rule for the default product; without overrides, a 10% promotion for everyone, always valid. */
export function aPriceRule(overrides: Partial<PriceRule> = {}): PriceRule {
  sequence += 1;
  const rule: PriceRule = { id: `rule-${sequence}`, kind: 'promotion', sku: 'WIDGET-1', ...overrides };
  // A fixed price override means "not a percent" unless the test says both.
  if (rule.price === undefined && rule.discountPercent === undefined) rule.discountPercent = '10';
  return rule;
}

export function aPriceLineInput(overrides: Partial<PriceLineInput> = {}): PriceLineInput {
  return {
    product: aProduct(),
    customer: aCustomer(),
    channel: 'edi',
    quantity: '1',
    at: '2025-03-15T12:00:00Z',
    rules: [],
    ...overrides,
  };
}
