import { normalizeGtin } from '../../domain/product-resolution';
import { createCustomerSchema, createProductSchema, priceRuleSchema } from './master-data.schemas';
import { DEMO_CUSTOMER_DRAFTS, DEMO_INVENTORY, DEMO_PRODUCTS, demoPriceRules, caseGtin, upcA } from './demo-master-data';

describe('demo master data', () => {
  it('has valid barcodes (a case GTIN-14 is the item number behind indicator 1)', () => {
    expect(upcA('03600029145')).toBe('036000291452');
    expect(caseGtin('036000291452')).toBe('10036000291459');
    for (const p of DEMO_PRODUCTS) {
      if (p.upc) expect(normalizeGtin(p.upc)).not.toBeNull();
      if (p.gtin) expect(normalizeGtin(p.gtin)).not.toBeNull();
    }
  });

  it('passes the same validation the admin API applies', () => {
    for (const c of DEMO_CUSTOMER_DRAFTS) expect(createCustomerSchema.safeParse(c).error).toBeUndefined();
    for (const p of DEMO_PRODUCTS) expect(createProductSchema.safeParse(p).error).toBeUndefined();
    for (const r of demoPriceRules(new Date('2026-11-22T00:00:00Z'))) expect(priceRuleSchema.safeParse(r).error).toBeUndefined();
  });

  it('has about twenty products, one rule of each kind and stock in two warehouses', () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(demoPriceRules(new Date()).map((r) => r.kind))).toEqual(new Set(['contract', 'quantity-break', 'promotion', 'channel']));
    expect(new Set(DEMO_INVENTORY.map((i) => i.warehouse))).toEqual(new Set(['EAST', 'WEST']));
  });

  it('runs the promotion from the first of the seeding month for two months', () => {
    const promo = demoPriceRules(new Date('2026-11-22T10:00:00Z')).find((r) => r.kind === 'promotion');
    expect([promo?.validFrom, promo?.validTo]).toEqual(['2026-11-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });
});
