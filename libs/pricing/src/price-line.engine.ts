/**
 * The price-rules engine: one pure function from (product, customer, channel, quantity, date, rules) to a unit
 * price and the trail of rules that produced it. Full write-up with examples: libs/pricing/PRICING.md.
 *
 * Precedence, in the order the stages run (each stage works on the previous stage's result):
 *
 *   1. List price (the product's, in its base uom).
 *   2. Channel: the best `channel` rule for the order's channel replaces (price) or discounts (percent) list.
 *      The result is the CHANNEL BASE: what anyone on that channel pays.
 *   3. Contract: the best `contract` rule replaces or discounts the channel base. A customer-specific contract
 *      beats a customer-group contract. A `net` contract ends pricing here (no break, no promotion).
 *   4. Quantity break: among breaks whose minQuantity <= quantity, the most specific (customer > group >
 *      everyone), then the highest minQuantity, applies to the contract-based price: a percent takes percent off
 *      it, a fixed price replaces it only when lower (a volume reward never raises a price).
 *   5. Promotion: the best promotion in its window is computed against the CHANNEL BASE (never on top of the
 *      contract or break), and the customer pays the LOWER of that and the stage-4 price. Promotions never stack.
 *
 * "Best" within a kind: most specific (customerId 2, customerGroup 1, everyone 0), then higher `priority`
 * (default 0), then the most recent `validFrom` (none counts as oldest), then the smaller `id`, so the answer
 * never depends on the order rules arrive in. Scope fields narrow every kind: `customerId`, `customerGroup`,
 * `channel`, `minQuantity` (a floor), and the window [validFrom, validTo) — validTo is exclusive.
 *
 * Percent discounts therefore compound only along stages 2 → 3 → 4 (channel, contract, break), at most once
 * each; a promotion is an alternative price, not an extra discount.
 *
 * Rounding: every stage's result is rounded to 4 places, half away from zero (= half-up, prices are never
 * negative). `unitPrice` is then rounded to `pricePlaces` (default 2) the same way; `exactUnitPrice` keeps 4.
 */
import { compare, div, isDecimal, mul, normalize, round, sub, type Channel, type DecimalString } from '@orderhub/contracts';
import { PricingError } from './pricing.errors';
import {
  parseInstant,
  priceRuleProblems,
  type PriceRule,
  type PriceRuleKind,
  type PricingCustomer,
  type PricingProduct,
} from './price-rule';

/** Places kept between stages. */
export const INTERNAL_PLACES = 4;

export interface PriceLineInput {
  product: PricingProduct;
  /** Null when the buyer is not (yet) a known customer: only rules for everyone apply. */
  customer: PricingCustomer | null;
  channel: Channel;
  /** Decimal string in the product's base uom; must be > 0. */
  quantity: DecimalString;
  /** The order date that selects date-windowed rules: a Date or an ISO 8601 instant. */
  at: Date | string;
  /** Rules for any sku may be passed; only the product's own are considered. */
  rules: readonly PriceRule[];
}

export interface PriceLineOptions {
  /** Places of `unitPrice` and `listPrice`, 2..4. Default 2. */
  pricePlaces?: number;
}

export interface AppliedRule {
  ruleId: string;
  kind: PriceRuleKind;
  description: string;
  effect: 'replace' | 'discount';
  /** 4 places. */
  before: DecimalString;
  /** 4 places. */
  after: DecimalString;
}

export type SkipReason = 'outranked' | 'not-lower' | 'net-contract';

/** An eligible rule that did not change the price, so an operator can see why. */
export interface SkippedRule {
  ruleId: string;
  kind: PriceRuleKind;
  reason: SkipReason;
  detail: string;
}

export interface PriceResult {
  sku: string;
  quantity: DecimalString;
  uom: string;
  listPrice: DecimalString;
  unitPrice: DecimalString;
  exactUnitPrice: DecimalString;
  applied: AppliedRule[];
  skipped: SkippedRule[];
}

type Specificity = 0 | 1 | 2;

interface Candidate {
  rule: PriceRule;
  specificity: Specificity;
  validFromMs: number;
}

export function priceLine(input: PriceLineInput, options: PriceLineOptions = {}): PriceResult {
  const places = options.pricePlaces ?? 2;
  if (!Number.isInteger(places) || places < 2 || places > INTERNAL_PLACES) {
    throw new PricingError('PRICING.INVALID_OPTIONS', `pricePlaces must be an integer from 2 to ${INTERNAL_PLACES}`, {
      pricePlaces: places,
    });
  }
  const { product, customer, channel, quantity } = input;
  if (!product.sku || !isDecimal(product.listPrice) || compare(product.listPrice, '0') < 0) {
    throw new PricingError('PRICING.INVALID_PRODUCT', `product ${JSON.stringify(product.sku)} needs a list price >= 0`, {
      sku: product.sku,
      listPrice: product.listPrice,
    });
  }
  if (!isDecimal(quantity) || compare(quantity, '0') <= 0) {
    throw new PricingError('PRICING.QUANTITY_NOT_POSITIVE', `quantity must be a decimal > 0, got ${JSON.stringify(quantity)}`, {
      sku: product.sku,
      quantity,
    });
  }
  const atMs = instantOf(input.at);
  assertRulesUsable(input.rules);

  const eligible = input.rules
    .filter((rule) => rule.sku === product.sku)
    .map((rule): Candidate | null => {
      const specificity = specificityFor(rule, customer);
      if (specificity === null) return null;
      if (rule.channel !== undefined && rule.channel !== channel) return null;
      if (rule.minQuantity !== undefined && compare(rule.minQuantity, quantity) > 0) return null;
      const from = rule.validFrom === undefined ? Number.NEGATIVE_INFINITY : (parseInstant(rule.validFrom) as number);
      const to = rule.validTo === undefined ? Number.POSITIVE_INFINITY : (parseInstant(rule.validTo) as number);
      if (atMs < from || atMs >= to) return null;
      return { rule, specificity, validFromMs: from };
    })
    .filter((c): c is Candidate => c !== null)
    // Canonical order up front, so even the skipped list never depends on the order rules arrived in.
    .sort((a, b) => compareIds(a.rule.id, b.rule.id));
  const ofKind = (kind: PriceRuleKind): Candidate[] => eligible.filter((c) => c.rule.kind === kind);

  const applied: AppliedRule[] = [];
  const skipped: SkippedRule[] = [];
  const list = round(product.listPrice, INTERNAL_PLACES);
  let price = list;

  // Stage 2: channel.
  const channelRule = pickBest(ofKind('channel'), byRank, skipped);
  if (channelRule) {
    const after = applyRule(channelRule.rule, price);
    applied.push(appliedEntry(channelRule.rule, price, after));
    price = after;
  }
  const channelBase = price;

  // Stage 3: contract.
  const contract = pickBest(ofKind('contract'), byRank, skipped);
  if (contract) {
    const after = applyRule(contract.rule, price);
    applied.push(appliedEntry(contract.rule, price, after));
    price = after;
  }

  const breaks = ofKind('quantity-break');
  const promotions = ofKind('promotion');
  if (contract?.rule.net === true) {
    for (const c of [...breaks, ...promotions]) {
      skipped.push({ ruleId: c.rule.id, kind: c.rule.kind, reason: 'net-contract', detail: `contract ${contract.rule.id} is net` });
    }
  } else {
    // Stage 4: quantity break.
    const brk = pickBest(breaks, byBreakRank, skipped);
    if (brk) {
      const after = applyRule(brk.rule, price);
      if (brk.rule.discountPercent !== undefined || compare(after, price) < 0) {
        applied.push(appliedEntry(brk.rule, price, after));
        price = after;
      } else {
        skipped.push({
          ruleId: brk.rule.id,
          kind: brk.rule.kind,
          reason: 'not-lower',
          detail: `break price ${after} is not below ${price}`,
        });
      }
    }

    // Stage 5: promotion, as an alternative to everything after the channel base.
    const promo = pickBest(promotions, byRank, skipped);
    if (promo) {
      const promoPrice = applyRule(promo.rule, channelBase);
      if (compare(promoPrice, price) < 0) {
        applied.push(appliedEntry(promo.rule, price, promoPrice, channelBase));
        price = promoPrice;
      } else {
        skipped.push({
          ruleId: promo.rule.id,
          kind: promo.rule.kind,
          reason: 'not-lower',
          detail: `promotion price ${promoPrice} is not below ${price}`,
        });
      }
    }
  }

  return {
    sku: product.sku,
    quantity,
    uom: product.uom,
    listPrice: round(list, places),
    unitPrice: round(price, places),
    exactUnitPrice: price,
    applied,
    skipped,
  };
}

/** Plain-text account of a result, for the operator console and order notes. */
export function explain(result: PriceResult): string {
  const lines = [`${result.sku}: list price ${result.listPrice} per ${result.uom}, quantity ${result.quantity}`];
  if (result.applied.length === 0) lines.push('  no price rule applies');
  result.applied.forEach((a, i) => {
    const verb = a.effect === 'replace' ? 'replaces' : 'discounts';
    lines.push(`  ${i + 1}. ${a.kind} ${a.ruleId} ${verb}: ${a.before} -> ${a.after} (${a.description})`);
  });
  for (const s of result.skipped) lines.push(`  not applied: ${s.kind} ${s.ruleId}, ${s.reason}: ${s.detail}`);
  lines.push(`  unit price ${result.unitPrice}`);
  return lines.join('\n');
}

function instantOf(at: Date | string): number {
  const ms = at instanceof Date ? at.getTime() : parseInstant(at);
  if (ms === null || Number.isNaN(ms)) {
    throw new PricingError('PRICING.INVALID_DATE', `order date ${JSON.stringify(String(at))} is not a valid instant`);
  }
  return ms;
}

function assertRulesUsable(rules: readonly PriceRule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    const problems = priceRuleProblems(rule);
    if (problems.length > 0) {
      throw new PricingError('PRICING.INVALID_RULE', `price rule ${JSON.stringify(rule.id)} is unusable: ${problems.join('; ')}`, {
        ruleId: rule.id,
        problems,
      });
    }
    // Two rules with one id would make the id tie-break meaningless, and the result order-dependent.
    if (seen.has(rule.id))
      throw new PricingError('PRICING.DUPLICATE_RULE_ID', `price rule id ${JSON.stringify(rule.id)} appears twice`, { ruleId: rule.id });
    seen.add(rule.id);
  }
}

/** Null when the rule is scoped to a customer or group this buyer is not. */
function specificityFor(rule: PriceRule, customer: PricingCustomer | null): Specificity | null {
  if (rule.customerId !== undefined && rule.customerId !== customer?.id) return null;
  if (rule.customerGroup !== undefined && !(customer?.groups ?? []).includes(rule.customerGroup)) return null;
  if (rule.customerId !== undefined) return 2;
  if (rule.customerGroup !== undefined) return 1;
  return 0;
}

type Ranking = (a: Candidate, b: Candidate) => number;

/** Negative when `a` wins. Total order: the id settles what nothing else does. */
const byRank: Ranking = (a, b) =>
  b.specificity - a.specificity ||
  (b.rule.priority ?? 0) - (a.rule.priority ?? 0) ||
  compareMs(b.validFromMs, a.validFromMs) ||
  compareIds(a.rule.id, b.rule.id);

const byBreakRank: Ranking = (a, b) =>
  b.specificity - a.specificity ||
  compare(b.rule.minQuantity ?? '0', a.rule.minQuantity ?? '0') ||
  (b.rule.priority ?? 0) - (a.rule.priority ?? 0) ||
  compareMs(b.validFromMs, a.validFromMs) ||
  compareIds(a.rule.id, b.rule.id);

function compareMs(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-unit order, not locale order: the same on every machine. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pickBest(candidates: Candidate[], ranking: Ranking, skipped: SkippedRule[]): Candidate | undefined {
  const [best, ...rest] = [...candidates].sort(ranking);
  for (const c of rest) {
    skipped.push({ ruleId: c.rule.id, kind: c.rule.kind, reason: 'outranked', detail: `outranked by ${best?.rule.id ?? ''}` });
  }
  return best;
}

function applyRule(rule: PriceRule, base: DecimalString): DecimalString {
  if (rule.price !== undefined) return round(rule.price, INTERNAL_PLACES);
  const percent = rule.discountPercent ?? '0';
  // before × (100 − p) / 100; the multiply is exact at these scales, the divide by 100 too.
  return round(div(mul(base, sub('100', percent)), '100'), INTERNAL_PLACES);
}

function appliedEntry(rule: PriceRule, before: DecimalString, after: DecimalString, promoBase?: DecimalString): AppliedRule {
  return {
    ruleId: rule.id,
    kind: rule.kind,
    description: describeRule(rule, promoBase),
    effect: rule.price !== undefined ? 'replace' : 'discount',
    before: round(before, INTERNAL_PLACES),
    after: round(after, INTERNAL_PLACES),
  };
}

/** One line an operator can read: what the rule is and whom it is for. */
export function describeRule(rule: PriceRule, promoBase?: DecimalString): string {
  const what =
    rule.price !== undefined
      ? `price ${round(rule.price, 2)}`
      : `${normalize(rule.discountPercent ?? '0')}% off${promoBase ? ` channel base ${promoBase}` : ''}`;
  const who =
    rule.customerId !== undefined
      ? `customer ${rule.customerId}`
      : rule.customerGroup !== undefined
        ? `group ${rule.customerGroup}`
        : 'everyone';
  const scope: string[] = [];
  if (rule.channel) scope.push(`channel ${rule.channel}`);
  if (rule.minQuantity !== undefined) scope.push(`quantity >= ${normalize(rule.minQuantity)}`);
  if (rule.validFrom || rule.validTo) scope.push(`valid [${rule.validFrom ?? '…'}, ${rule.validTo ?? '…'})`);
  if (rule.net) scope.push('net');
  const label = rule.kind === 'promotion' ? 'promotion, best of promotion and contract' : rule.kind;
  return [`${label} ${what} for ${who}`, ...scope].join(', ');
}
