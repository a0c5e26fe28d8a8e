/**
 * Which of our products a purchase-order line means, from the identifiers the buyer sent.
 *
 * Identifiers are tried in this order, and every one is tried (so contradictions show):
 *   1. VN, SK, VP — our own item number (VP: the seller's part number, which is ours): authoritative when present.
 *   2. BP, IN, CB, MG — the buyer's part / item / catalog number, or the manufacturer's part number the buyer orders
 *      by, each through the customer's cross-reference (kept by us per customer, one entry per exact value, so two
 *      manufacturer parts never share a sku unless someone said so).
 *   3. UP, UK, EN (and UA, UI, EA variants) — UPC-A / GTIN-14 / EAN-13, normalised to GTIN-14 with the check digit
 *      verified; global, but reassigned and mis-keyed more often than the two above.
 * Other qualifiers (PI, ...) are recorded as unsupported and ignored.
 *
 * If the identifiers that matched point at more than one sku, the line is AMBIGUOUS: guessing would ship the
 * wrong goods, so an operator chooses from the candidates.
 */
import type { ProductId } from '@orderhub/contracts';

export type MatchSource = 'sku' | 'customer-part' | 'gtin';

const SOURCE_BY_QUALIFIER: Readonly<Record<string, MatchSource>> = {
  VN: 'sku',
  SK: 'sku',
  VP: 'sku',
  BP: 'customer-part',
  IN: 'customer-part',
  CB: 'customer-part',
  MG: 'customer-part',
  UP: 'gtin',
  UA: 'gtin',
  UK: 'gtin',
  UI: 'gtin',
  EN: 'gtin',
  EA: 'gtin',
};

const SOURCE_ORDER: readonly MatchSource[] = ['sku', 'customer-part', 'gtin'];

/**
 * Synchronous look-ups over catalogue data the caller already loaded (the application layer batches the
 * queries). `byCustomerPartNumber` is already scoped to the ordering customer.
 */
export interface CatalogLookups<P extends { sku: string }> {
  bySku(sku: string): P | undefined;
  byCustomerPartNumber(partNumber: string): P | undefined;
  /** Receives a 14-digit GTIN (UPC-A and EAN-13 are zero-padded). */
  byGtin(gtin14: string): P | undefined;
}

export type IdentifierOutcome = 'matched' | 'not-found' | 'invalid' | 'unsupported';

export interface IdentifierAttempt {
  qualifier: string;
  value: string;
  source: MatchSource | null;
  outcome: IdentifierOutcome;
  sku?: string;
}

export type ProductResolution<P extends { sku: string }> =
  | { status: 'matched'; product: P; matchedBy: { qualifier: string; value: string; source: MatchSource }; attempts: IdentifierAttempt[] }
  | { status: 'ambiguous'; candidates: P[]; attempts: IdentifierAttempt[] }
  | { status: 'unknown'; attempts: IdentifierAttempt[] };

export function resolveProduct<P extends { sku: string }>(
  productIds: readonly ProductId[],
  lookups: CatalogLookups<P>,
): ProductResolution<P> {
  const indexed = productIds.map((id, index) => ({ id, index, source: SOURCE_BY_QUALIFIER[id.qualifier.trim().toUpperCase()] ?? null }));
  // Stable sort by source rank; within a source the buyer's order stands.
  const ordered = [...indexed].sort((a, b) => rank(a.source) - rank(b.source) || a.index - b.index);

  const attempts: IdentifierAttempt[] = [];
  const found = new Map<string, P>();
  let first: { product: P; qualifier: string; value: string; source: MatchSource } | undefined;

  for (const { id, source } of ordered) {
    const value = id.value.trim();
    const base = { qualifier: id.qualifier, value: id.value };
    if (source === null) {
      attempts.push({ ...base, source, outcome: 'unsupported' });
      continue;
    }
    const product = lookUp(source, value, lookups);
    if (product === 'invalid') {
      attempts.push({ ...base, source, outcome: 'invalid' });
      continue;
    }
    if (!product) {
      attempts.push({ ...base, source, outcome: 'not-found' });
      continue;
    }
    attempts.push({ ...base, source, outcome: 'matched', sku: product.sku });
    if (!found.has(product.sku)) found.set(product.sku, product);
    first ??= { product, qualifier: id.qualifier, value: id.value, source };
  }

  if (found.size > 1) return { status: 'ambiguous', candidates: [...found.values()], attempts };
  if (!first) return { status: 'unknown', attempts };
  return {
    status: 'matched',
    product: first.product,
    matchedBy: { qualifier: first.qualifier, value: first.value, source: first.source },
    attempts,
  };
}

function rank(source: MatchSource | null): number {
  return source === null ? SOURCE_ORDER.length : SOURCE_ORDER.indexOf(source);
}

function lookUp<P extends { sku: string }>(source: MatchSource, value: string, lookups: CatalogLookups<P>): P | undefined | 'invalid' {
  switch (source) {
    case 'sku':
      return lookups.bySku(value);
    case 'customer-part':
      return lookups.byCustomerPartNumber(value);
    case 'gtin': {
      const gtin = normalizeGtin(value);
      return gtin === null ? 'invalid' : lookups.byGtin(gtin);
    }
    default: {
      const unreachable: never = source;
      return unreachable;
    }
  }
}

/**
 * GTIN-8/12/13/14 (UPC-A, EAN-13, GTIN-14) as a 14-digit string, or null when it is not one or its check digit is
 * wrong. Spaces and dashes, which people type, are dropped.
 */
export function normalizeGtin(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || ![8, 12, 13, 14].includes(digits.length)) return null;
  const gtin = digits.padStart(14, '0');
  // Mod-10: from the right (excluding the check digit), weights alternate 3, 1.
  let sum = 0;
  for (let i = 0; i < 13; i += 1) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  const check = (10 - (sum % 10)) % 10;
  return check === Number(gtin[13]) ? gtin : null;
}
