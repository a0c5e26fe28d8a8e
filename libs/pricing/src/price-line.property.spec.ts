import fc from 'fast-check';
import { compare, type Channel } from '@orderhub/contracts';
import { priceLine } from './price-line.engine';
import type { PriceRule, PriceRuleKind } from './price-rule';
import { aPriceLineInput, aProduct } from './testing/price-rule.builder';

const CHANNELS: Channel[] = ['edi', 'email', 'shopify', 'phone'];
const money = fc.integer({ min: 0, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2));
const percent = fc.integer({ min: 0, max: 10_000 }).map((bp) => (bp / 100).toFixed(2));
const quantity = fc.integer({ min: 1, max: 100_000 }).map((n) => String(n));
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) }).map((ms) => new Date(ms).toISOString());

/** Any valid rule for the product; `onlyDiscounts` leaves out the fixed prices that may exceed list. */
function ruleArb(onlyDiscounts: boolean): fc.Arbitrary<Omit<PriceRule, 'id'>> {
  const kind = fc.constantFrom<PriceRuleKind>('contract', 'quantity-break', 'promotion', 'channel');
  return fc
    .record({
      kind,
      scope: fc.constantFrom('customer', 'group', 'everyone'),
      channel: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
      minQuantity: fc.option(quantity, { nil: undefined }),
      price: onlyDiscounts ? fc.constant(undefined) : fc.option(money, { nil: undefined }),
      discountPercent: percent,
      window: fc.option(fc.tuple(instant, instant), { nil: undefined }),
      priority: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
      net: fc.boolean(),
    })
    .map((r) => {
      const rule: Omit<PriceRule, 'id'> = { kind: r.kind, sku: 'WIDGET-1' };
      const scope = r.kind === 'contract' && r.scope === 'everyone' ? 'group' : r.scope;
      if (scope === 'customer') rule.customerId = 'cust-acme';
      if (scope === 'group') rule.customerGroup = 'wholesale';
      if (r.kind === 'channel') rule.channel = r.channel ?? 'edi';
      else if (r.channel) rule.channel = r.channel;
      if (r.kind === 'quantity-break') rule.minQuantity = r.minQuantity ?? '1';
      else if (r.minQuantity) rule.minQuantity = r.minQuantity;
      if (r.price !== undefined) rule.price = r.price;
      else rule.discountPercent = r.discountPercent;
      if (r.window) {
        const [a, b] = [r.window[0], r.window[1]].sort();
        if (a !== b) [rule.validFrom, rule.validTo] = [a, b];
      }
      if (r.priority !== undefined) rule.priority = r.priority;
      if (r.kind === 'contract' && r.net) rule.net = true;
      return rule;
    });
}

function scenario(onlyDiscounts: boolean) {
  return fc.record({
    listPrice: money,
    quantity,
    channel: fc.constantFrom(...CHANNELS),
    at: instant,
    rules: fc.array(ruleArb(onlyDiscounts), { maxLength: 25 }).map((rules) => rules.map((r, i): PriceRule => ({ ...r, id: `r${i}` }))),
    seed: fc.integer(),
  });
}

describe('priceLine invariants (fast-check)', () => {
  it('never yields a negative price, and applied steps chain', () => {
    fc.assert(
      fc.property(scenario(false), (s) => {
        const result = priceLine(
          aPriceLineInput({
            product: aProduct({ listPrice: s.listPrice }),
            quantity: s.quantity,
            channel: s.channel,
            at: s.at,
            rules: s.rules,
          }),
        );
        expect(compare(result.unitPrice, '0')).toBeGreaterThanOrEqual(0);
        // Each applied rule starts from what the previous one left.
        result.applied.forEach((a, i) => {
          if (i > 0) expect(a.before).toBe(result.applied[i - 1]?.after);
        });
        expect(result.applied.at(-1)?.after ?? result.exactUnitPrice).toBe(result.exactUnitPrice);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic regardless of rule order', () => {
    fc.assert(
      fc.property(scenario(false), (s) => {
        const input = aPriceLineInput({
          product: aProduct({ listPrice: s.listPrice }),
          quantity: s.quantity,
          channel: s.channel,
          at: s.at,
          rules: s.rules,
        });
        const shuffled = [...s.rules].sort((a, b) => hash(a.id, s.seed) - hash(b.id, s.seed));
        const reversed = [...s.rules].reverse();
        const base = priceLine(input);
        expect(priceLine({ ...input, rules: shuffled })).toEqual(base);
        expect(priceLine({ ...input, rules: reversed })).toEqual(base);
      }),
      { numRuns: 300 },
    );
  });

  it('never exceeds list price when only discounts apply', () => {
    fc.assert(
      fc.property(scenario(true), (s) => {
        const result = priceLine(
          aPriceLineInput({
            product: aProduct({ listPrice: s.listPrice }),
            quantity: s.quantity,
            channel: s.channel,
            at: s.at,
            rules: s.rules,
          }),
        );
        expect(compare(result.unitPrice, result.listPrice)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });

  // Not an invariant, by design: a member can pay MORE than a stranger, because the most specific rule of a kind
  // wins even when a general one is cheaper (see PRICING.md). What does hold: scoped rules never touch strangers.
  it('prices a stranger as if rules scoped to customers and groups did not exist', () => {
    fc.assert(
      fc.property(scenario(false), (s) => {
        const input = aPriceLineInput({
          product: aProduct({ listPrice: s.listPrice }),
          customer: null,
          quantity: s.quantity,
          channel: s.channel,
          at: s.at,
          rules: s.rules,
        });
        const publicOnly = s.rules.filter((r) => r.customerId === undefined && r.customerGroup === undefined);
        const withAll = priceLine(input);
        const withPublic = priceLine({ ...input, rules: publicOnly });
        expect(withAll.exactUnitPrice).toBe(withPublic.exactUnitPrice);
        expect(withAll.applied).toEqual(withPublic.applied);
      }),
      { numRuns: 300 },
    );
  });
});

/** A cheap deterministic shuffle key. */
function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1);
  return h;
}
