import { explain, priceLine } from './price-line.engine';
import { PricingError } from './pricing.errors';
import { aCustomer, aPriceLineInput, aPriceRule, aProduct } from './testing/price-rule.builder';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof PricingError ? error.code : `not a PricingError: ${String(error)}`;
  }
  return undefined;
}

describe('priceLine', () => {
  it('charges list price when no rule applies', () => {
    const result = priceLine(aPriceLineInput({ product: aProduct({ listPrice: '12.5' }) }));
    expect(result).toMatchObject({ unitPrice: '12.50', listPrice: '12.50', exactUnitPrice: '12.5000', applied: [], skipped: [] });
  });

  it('ignores rules for other skus', () => {
    const rules = [aPriceRule({ sku: 'OTHER', price: '1.00' })];
    expect(priceLine(aPriceLineInput({ rules })).unitPrice).toBe('10.00');
  });

  describe('promotion window', () => {
    const promo = aPriceRule({
      id: 'spring',
      kind: 'promotion',
      discountPercent: '20',
      validFrom: '2025-03-01T00:00:00Z',
      validTo: '2025-04-01T00:00:00Z',
    });

    it('applies one millisecond before validTo', () => {
      expect(priceLine(aPriceLineInput({ rules: [promo], at: '2025-03-31T23:59:59.999Z' })).unitPrice).toBe('8.00');
    });

    it('has ended exactly at validTo (exclusive)', () => {
      expect(priceLine(aPriceLineInput({ rules: [promo], at: new Date('2025-04-01T00:00:00Z') })).unitPrice).toBe('10.00');
    });

    it('has begun exactly at validFrom (inclusive) and not a millisecond before', () => {
      expect(priceLine(aPriceLineInput({ rules: [promo], at: '2025-03-01T00:00:00Z' })).unitPrice).toBe('8.00');
      expect(priceLine(aPriceLineInput({ rules: [promo], at: '2025-02-28T23:59:59.999Z' })).unitPrice).toBe('10.00');
    });

    it('reads an offset: midnight in New York is 05:00 UTC', () => {
      const ny = aPriceRule({ id: 'ny', discountPercent: '50', validTo: '2025-04-01T00:00:00-05:00' });
      expect(priceLine(aPriceLineInput({ rules: [ny], at: '2025-04-01T04:59:59Z' })).unitPrice).toBe('5.00');
      expect(priceLine(aPriceLineInput({ rules: [ny], at: '2025-04-01T05:00:00Z' })).unitPrice).toBe('10.00');
    });

    it('treats a date without a time as midnight UTC', () => {
      const dated = aPriceRule({ id: 'dated', discountPercent: '50', validTo: '2025-04-01' });
      expect(priceLine(aPriceLineInput({ rules: [dated], at: '2025-03-31T23:59:59Z' })).unitPrice).toBe('5.00');
      expect(priceLine(aPriceLineInput({ rules: [dated], at: '2025-04-01T00:00:00Z' })).unitPrice).toBe('10.00');
    });
  });

  describe('quantity breaks', () => {
    const breaks = [
      aPriceRule({ id: 'qb-10', kind: 'quantity-break', minQuantity: '10', price: '9.00' }),
      aPriceRule({ id: 'qb-100', kind: 'quantity-break', minQuantity: '100', price: '8.00' }),
    ];

    it.each([
      ['9', '10.00', []],
      ['10', '9.00', ['qb-10']],
      ['99', '9.00', ['qb-10']],
      ['99.999', '9.00', ['qb-10']],
      ['100', '8.00', ['qb-100']],
      ['5000', '8.00', ['qb-100']],
    ])('quantity %s pays %s', (quantity, unitPrice, appliedIds) => {
      const result = priceLine(aPriceLineInput({ quantity, rules: breaks }));
      expect(result.unitPrice).toBe(unitPrice);
      expect(result.applied.map((a) => a.ruleId)).toEqual(appliedIds);
    });

    it('prefers a customer-specific break over a bigger general one', () => {
      const rules = [
        ...breaks,
        aPriceRule({ id: 'qb-acme-50', kind: 'quantity-break', customerId: 'cust-acme', minQuantity: '50', price: '8.50' }),
      ];
      expect(priceLine(aPriceLineInput({ quantity: '150', rules })).applied.map((a) => a.ruleId)).toEqual(['qb-acme-50']);
      // Below the customer's own tier, the general table still serves.
      expect(priceLine(aPriceLineInput({ quantity: '20', rules })).applied.map((a) => a.ruleId)).toEqual(['qb-10']);
    });

    it('takes a percent break off the contract price', () => {
      const rules = [
        aPriceRule({ id: 'contract', kind: 'contract', customerId: 'cust-acme', price: '9.00' }),
        aPriceRule({ id: 'qb', kind: 'quantity-break', minQuantity: '10', discountPercent: '5' }),
      ];
      const result = priceLine(aPriceLineInput({ quantity: '10', rules }));
      expect(result.exactUnitPrice).toBe('8.5500');
      expect(result.applied).toEqual([
        expect.objectContaining({ ruleId: 'contract', effect: 'replace', before: '10.0000', after: '9.0000' }),
        expect.objectContaining({ ruleId: 'qb', effect: 'discount', before: '9.0000', after: '8.5500' }),
      ]);
    });

    it('never lets a fixed break raise a lower contract price', () => {
      const rules = [
        aPriceRule({ id: 'contract', kind: 'contract', customerId: 'cust-acme', price: '7.00' }),
        aPriceRule({ id: 'qb', kind: 'quantity-break', minQuantity: '10', price: '8.00' }),
      ];
      const result = priceLine(aPriceLineInput({ quantity: '10', rules }));
      expect(result.unitPrice).toBe('7.00');
      expect(result.skipped).toEqual([expect.objectContaining({ ruleId: 'qb', reason: 'not-lower' })]);
    });
  });

  describe('contracts', () => {
    const group = aPriceRule({ id: 'c-group', kind: 'contract', customerGroup: 'wholesale', price: '9.00', priority: 10 });
    const own = aPriceRule({ id: 'c-own', kind: 'contract', customerId: 'cust-acme', price: '9.50' });

    it('lets a customer-specific contract beat a group contract, whatever the priority', () => {
      const result = priceLine(aPriceLineInput({ rules: [group, own] }));
      expect(result.unitPrice).toBe('9.50');
      expect(result.skipped).toEqual([expect.objectContaining({ ruleId: 'c-group', reason: 'outranked' })]);
    });

    it('applies a group contract to a member only', () => {
      expect(priceLine(aPriceLineInput({ rules: [group] })).unitPrice).toBe('9.00');
      expect(priceLine(aPriceLineInput({ rules: [group], customer: aCustomer({ groups: ['retail'] }) })).unitPrice).toBe('10.00');
      expect(priceLine(aPriceLineInput({ rules: [group, own], customer: null })).unitPrice).toBe('10.00');
    });

    it('takes a contract percent off the channel price', () => {
      const rules = [
        aPriceRule({ id: 'ch', kind: 'channel', channel: 'shopify', price: '12.00' }),
        aPriceRule({ id: 'c', kind: 'contract', customerId: 'cust-acme', discountPercent: '12.5' }),
      ];
      expect(priceLine(aPriceLineInput({ channel: 'shopify', rules })).exactUnitPrice).toBe('10.5000');
    });

    it('keeps a net contract free of breaks and promotions', () => {
      const rules = [
        aPriceRule({ id: 'net', kind: 'contract', customerId: 'cust-acme', price: '9.00', net: true }),
        aPriceRule({ id: 'qb', kind: 'quantity-break', minQuantity: '1', discountPercent: '10' }),
        aPriceRule({ id: 'promo', kind: 'promotion', price: '5.00' }),
      ];
      const result = priceLine(aPriceLineInput({ rules }));
      expect(result.unitPrice).toBe('9.00');
      expect(result.skipped.map((s) => [s.ruleId, s.reason])).toEqual([
        ['qb', 'net-contract'],
        ['promo', 'net-contract'],
      ]);
    });
  });

  describe('promotion versus contract', () => {
    const contract = aPriceRule({ id: 'c', kind: 'contract', customerId: 'cust-acme', discountPercent: '10' });

    it('gives the customer the lower of contract and promotion, without stacking', () => {
      const promo = aPriceRule({ id: 'p', kind: 'promotion', discountPercent: '20' });
      const result = priceLine(aPriceLineInput({ rules: [contract, promo] }));
      // 20% off the channel base (10.00), not off the contract price (9.00): 8.00, not 7.20.
      expect(result.unitPrice).toBe('8.00');
      expect(result.applied.at(-1)).toMatchObject({ ruleId: 'p', before: '9.0000', after: '8.0000', effect: 'discount' });
    });

    it('keeps the contract when the promotion is not lower', () => {
      const promo = aPriceRule({ id: 'p', kind: 'promotion', price: '9.50' });
      const result = priceLine(aPriceLineInput({ rules: [contract, promo] }));
      expect(result.unitPrice).toBe('9.00');
      expect(result.skipped).toEqual([expect.objectContaining({ ruleId: 'p', reason: 'not-lower' })]);
    });
  });

  describe('channel prices', () => {
    const shopify = aPriceRule({ id: 'shop', kind: 'channel', channel: 'shopify', price: '11.99' });

    it('apply to their channel only', () => {
      expect(priceLine(aPriceLineInput({ channel: 'shopify', rules: [shopify] })).unitPrice).toBe('11.99');
      expect(priceLine(aPriceLineInput({ channel: 'edi', rules: [shopify] })).unitPrice).toBe('10.00');
      expect(priceLine(aPriceLineInput({ channel: 'phone', rules: [shopify] })).unitPrice).toBe('10.00');
    });

    it('scope other kinds too: a Shopify-only promotion skips EDI', () => {
      const promo = aPriceRule({ id: 'web', kind: 'promotion', channel: 'shopify', discountPercent: '15' });
      expect(priceLine(aPriceLineInput({ channel: 'shopify', rules: [promo] })).unitPrice).toBe('8.50');
      expect(priceLine(aPriceLineInput({ channel: 'edi', rules: [promo] })).unitPrice).toBe('10.00');
    });
  });

  describe('tie-breaks', () => {
    it('lets higher priority win within the same kind and specificity', () => {
      const rules = [
        aPriceRule({ id: 'a', kind: 'promotion', price: '7.00', priority: 1 }),
        aPriceRule({ id: 'b', kind: 'promotion', price: '8.00', priority: 5 }),
      ];
      expect(priceLine(aPriceLineInput({ rules })).unitPrice).toBe('8.00');
    });

    it('puts specificity before price: a targeted promotion hides a cheaper public one', () => {
      const rules = [
        aPriceRule({ id: 'public-sale', kind: 'promotion', discountPercent: '30' }),
        aPriceRule({ id: 'acme-only', kind: 'promotion', customerId: 'cust-acme', discountPercent: '5', priority: -1 }),
      ];
      const result = priceLine(aPriceLineInput({ rules }));
      expect(result.unitPrice).toBe('9.50');
      expect(result.skipped).toEqual([expect.objectContaining({ ruleId: 'public-sale', reason: 'outranked' })]);
    });

    it('then the most recent validFrom', () => {
      const rules = [
        aPriceRule({ id: 'old', kind: 'promotion', price: '7.00', validFrom: '2025-01-01T00:00:00Z' }),
        aPriceRule({ id: 'new', kind: 'promotion', price: '8.00', validFrom: '2025-03-01T00:00:00Z' }),
        aPriceRule({ id: 'none', kind: 'promotion', price: '6.00' }),
      ];
      expect(priceLine(aPriceLineInput({ rules })).applied.map((a) => a.ruleId)).toEqual(['new']);
    });

    it('then the smallest id, whatever order rules arrive in', () => {
      const a = aPriceRule({ id: 'promo-a', kind: 'promotion', price: '8.00' });
      const b = aPriceRule({ id: 'promo-b', kind: 'promotion', price: '7.00' });
      expect(priceLine(aPriceLineInput({ rules: [a, b] })).unitPrice).toBe('8.00');
      expect(priceLine(aPriceLineInput({ rules: [b, a] })).unitPrice).toBe('8.00');
    });
  });

  describe('rounding', () => {
    it('rounds half up to 2 places and keeps 4 inside', () => {
      const rule = aPriceRule({ id: 'p', kind: 'promotion', discountPercent: '12.5' });
      const result = priceLine(aPriceLineInput({ product: aProduct({ listPrice: '0.99' }), rules: [rule] }));
      // 0.99 × 0.875 = 0.86625 → 0.8663 (4 places) → 0.87
      expect(result.exactUnitPrice).toBe('0.8663');
      expect(result.unitPrice).toBe('0.87');
    });

    it('offers up to 4 places for sub-cent items', () => {
      const result = priceLine(aPriceLineInput({ product: aProduct({ listPrice: '0.0125' }) }), { pricePlaces: 4 });
      expect(result.unitPrice).toBe('0.0125');
    });

    it('makes a 100% discount free, never negative', () => {
      expect(priceLine(aPriceLineInput({ rules: [aPriceRule({ discountPercent: '100' })] })).unitPrice).toBe('0.00');
    });
  });

  describe('refuses', () => {
    it.each(['0', '-1', '0.000', 'abc', ''])('quantity %j', (quantity) => {
      expect(codeOf(() => priceLine(aPriceLineInput({ quantity })))).toBe('PRICING.QUANTITY_NOT_POSITIVE');
    });

    it.each([
      ['both price and percent', { price: '1', discountPercent: '5' }],
      ['a percent over 100', { discountPercent: '101' }],
      ['a negative price', { price: '-1' }],
      ['an empty window', { validFrom: '2025-03-01T00:00:00Z', validTo: '2025-03-01T00:00:00Z' }],
      ['a local time without offset', { validTo: '2025-03-01T00:00:00' }],
      ['a contract for everyone', { kind: 'contract' as const, price: '1' }],
      ['a break without minQuantity', { kind: 'quantity-break' as const }],
      ['a channel rule without channel', { kind: 'channel' as const }],
      ['net on a promotion', { net: true }],
    ])('a rule with %s', (_label, overrides) => {
      expect(codeOf(() => priceLine(aPriceLineInput({ rules: [aPriceRule(overrides)] })))).toBe('PRICING.INVALID_RULE');
    });

    it('two rules with one id', () => {
      const rules = [aPriceRule({ id: 'x' }), aPriceRule({ id: 'x', discountPercent: '20' })];
      expect(codeOf(() => priceLine(aPriceLineInput({ rules })))).toBe('PRICING.DUPLICATE_RULE_ID');
    });

    it('an unreadable order date', () => {
      expect(codeOf(() => priceLine(aPriceLineInput({ at: 'yesterday' })))).toBe('PRICING.INVALID_DATE');
      expect(codeOf(() => priceLine(aPriceLineInput({ at: new Date(Number.NaN) })))).toBe('PRICING.INVALID_DATE');
    });

    it('a product without a usable list price', () => {
      expect(codeOf(() => priceLine(aPriceLineInput({ product: aProduct({ listPrice: '-3' }) })))).toBe('PRICING.INVALID_PRODUCT');
    });
  });
});

describe('explain', () => {
  it('tells an operator every step and what was passed over', () => {
    const rules = [
      aPriceRule({ id: 'c-acme', kind: 'contract', customerId: 'cust-acme', price: '9.00' }),
      aPriceRule({ id: 'qb-10', kind: 'quantity-break', minQuantity: '10', discountPercent: '5' }),
      aPriceRule({ id: 'promo', kind: 'promotion', discountPercent: '12' }),
    ];
    const text = explain(priceLine(aPriceLineInput({ quantity: '10', rules })));
    expect(text).toBe(
      [
        'WIDGET-1: list price 10.00 per EA, quantity 10',
        '  1. contract c-acme replaces: 10.0000 -> 9.0000 (contract price 9.00 for customer cust-acme)',
        '  2. quantity-break qb-10 discounts: 9.0000 -> 8.5500 (quantity-break 5% off for everyone, quantity >= 10)',
        '  not applied: promotion promo, not-lower: promotion price 8.8000 is not below 8.5500',
        '  unit price 8.55',
      ].join('\n'),
    );
  });
});
