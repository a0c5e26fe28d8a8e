import { CHANNELS, compare, isDecimal, type Channel, type DecimalString } from '@orderhub/contracts';

export const PRICE_RULE_KINDS = ['contract', 'quantity-break', 'promotion', 'channel'] as const;
export type PriceRuleKind = (typeof PRICE_RULE_KINDS)[number];

/**
 * A price rule as the admin API stores it (API.md, "Master data"). Scope fields (`customerId`, `customerGroup`,
 * `channel`, `minQuantity`, the validity window) narrow where a rule applies; `price` or `discountPercent` says
 * what it does.
 */
export interface PriceRule {
  id: string;
  kind: PriceRuleKind;
  sku: string;
  customerId?: string;
  customerGroup?: string;
  channel?: Channel;
  /** In the product's base uom. Required for quantity breaks; an eligibility floor for every other kind. */
  minQuantity?: DecimalString;
  /** A fixed unit price that replaces the current base. Exactly one of `price` and `discountPercent`. */
  price?: DecimalString;
  /** Percent off the current base, 0..100. */
  discountPercent?: DecimalString;
  /** ISO 8601; inclusive. A date without a time means 00:00 UTC. */
  validFrom?: string;
  /** ISO 8601; EXCLUSIVE, so a promotion ending at midnight ends exactly then. */
  validTo?: string;
  /** Higher wins among rules of the same kind and specificity; default 0. */
  priority?: number;
  /**
   * Contract rules only: a net price takes no further discount (no quantity break, no promotion).
   * An optional extension of the API.md rule shape; absent means false.
   */
  net?: boolean;
}

export interface PricingProduct {
  sku: string;
  listPrice: DecimalString;
  /** Base unit of measure: rule quantities and the result are per this uom. */
  uom: string;
}

export interface PricingCustomer {
  id: string;
  groups: readonly string[];
}

/** Why a rule cannot be used at all; the admin API should refuse such a rule when it is created. */
export function priceRuleProblems(rule: PriceRule): string[] {
  const problems: string[] = [];
  if (!rule.id) problems.push('id is required');
  if (!rule.sku) problems.push('sku is required');
  if (!(PRICE_RULE_KINDS as readonly string[]).includes(rule.kind)) problems.push(`unknown kind ${JSON.stringify(rule.kind)}`);
  const hasPrice = rule.price !== undefined;
  const hasPercent = rule.discountPercent !== undefined;
  if (hasPrice === hasPercent) problems.push('exactly one of price and discountPercent is required');
  if (hasPrice && (!isDecimal(rule.price ?? '') || compare(rule.price ?? '0', '0') < 0)) {
    problems.push('price must be a decimal string >= 0');
  }
  if (hasPercent) {
    const p = rule.discountPercent ?? '';
    if (!isDecimal(p) || compare(p, '0') < 0 || compare(p, '100') > 0) problems.push('discountPercent must be a decimal between 0 and 100');
  }
  if (rule.minQuantity !== undefined && (!isDecimal(rule.minQuantity) || compare(rule.minQuantity, '0') <= 0)) {
    problems.push('minQuantity must be a decimal string > 0');
  }
  if (rule.channel !== undefined && !(CHANNELS as readonly string[]).includes(rule.channel)) {
    problems.push(`unknown channel ${JSON.stringify(rule.channel)}`);
  }
  if (rule.priority !== undefined && !Number.isSafeInteger(rule.priority)) problems.push('priority must be an integer');
  if (rule.net !== undefined && rule.kind !== 'contract') problems.push('net applies to contract rules only');
  const from = rule.validFrom === undefined ? undefined : parseInstant(rule.validFrom);
  const to = rule.validTo === undefined ? undefined : parseInstant(rule.validTo);
  if (from === null) problems.push('validFrom is not an ISO 8601 date or instant');
  if (to === null) problems.push('validTo is not an ISO 8601 date or instant');
  if (typeof from === 'number' && typeof to === 'number' && from >= to) problems.push('validFrom must be before validTo');
  switch (rule.kind) {
    case 'quantity-break':
      if (rule.minQuantity === undefined) problems.push('a quantity break needs minQuantity');
      break;
    case 'channel':
      if (rule.channel === undefined) problems.push('a channel rule needs channel');
      break;
    case 'contract':
      // A "contract" for everyone is a list price; it belongs on the product.
      if (rule.customerId === undefined && rule.customerGroup === undefined) problems.push('a contract needs customerId or customerGroup');
      break;
    case 'promotion':
      break;
    default: {
      const unknownKind: never = rule.kind;
      void unknownKind;
    }
  }
  return problems;
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Epoch milliseconds of an ISO 8601 date or instant, or null. A local time without an offset is refused:
 * whose midnight it means would depend on the server's time zone.
 */
export function parseInstant(value: string): number | null {
  if (!INSTANT_RE.test(value)) return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}
