import type { DecimalString } from '@orderhub/contracts';

/** A buyer's delivery location; `code` is the buyer's own id for it (an EDI N1*ST*..*92*<code> store number). */
export interface ShipTo {
  code: string;
  name: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  isDefault: boolean;
}

export interface Customer {
  id: string;
  code: string;
  name: string;
  /** Lower-cased sender addresses, or whole domains written '@example.com'. */
  emails: string[];
  shopifyShopDomain: string | null;
  shopifyCustomerIds: string[];
  customerGroup: string | null;
  creditHold: boolean;
  /** Percent of our price a buyer's price may differ by; null means the hub's default applies. */
  priceTolerancePercent: DecimalString | null;
  shipTos: ShipTo[];
  createdAt: string;
  updatedAt: string;
}

/** What an admin (or an import row) says about a customer; absent optional fields keep their stored value on update. */
export interface CustomerDraft {
  /** Only on creation, for fixed well-known ids (demo data); otherwise generated. */
  id?: string;
  code: string;
  name: string;
  emails: string[];
  shopifyShopDomain?: string | null;
  shopifyCustomerIds?: string[];
  customerGroup?: string | null;
  creditHold?: boolean;
  priceTolerancePercent?: DecimalString | null;
  /** Upserted by code; ship-tos not named are kept. */
  shipTo?: ShipToDraft[];
}

export type ShipToDraft = Pick<ShipTo, 'code' | 'name'> & Partial<Omit<ShipTo, 'code' | 'name'>>;

export interface CustomerPartNumber {
  customerId: string;
  partNumber: string;
  sku: string;
}

/**
 * Normalises an email-list entry: addresses and '@domain' entries compare case-insensitively (domains are
 * case-insensitive, and no mail system we meet treats local parts otherwise), so they are stored lower-cased.
 * A bare 'example.com' is read as the domain '@example.com'.
 */
export function normalizeEmailEntry(entry: string): string {
  const text = entry.trim().toLowerCase();
  return text.includes('@') ? text : `@${text}`;
}

const ADDRESS_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN_RE = /^@[^\s@]+\.[^\s@]+$/;

export function isValidEmailEntry(entry: string): boolean {
  const text = normalizeEmailEntry(entry);
  return ADDRESS_RE.test(text) || DOMAIN_RE.test(text);
}

/**
 * The keys a sender address is looked up by, most specific first: the exact address, then its domain entry.
 * Display-name forms ('Jane <jane@x.com>') are unwrapped, since that is how mail headers arrive.
 */
export function emailLookupKeys(address: string): string[] {
  const bracketed = /<([^>]+)>/.exec(address);
  const text = (bracketed ? bracketed[1] : address).trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return [];
  return [text, text.slice(at)];
}

/**
 * Picks the customer a sender belongs to: an exact address entry beats a domain entry, so a reseller's own
 * address can be carved out of a domain another customer owns. Ties go to the lowest customer code, which keeps
 * the choice stable (the admin API refuses the same entry on two customers, so ties mean legacy data).
 */
export function matchCustomerByEmail<C extends { code: string; emails: readonly string[] }>(
  customers: readonly C[],
  address: string,
): C | null {
  for (const key of emailLookupKeys(address)) {
    const hits = customers.filter((c) => c.emails.includes(key)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    if (hits.length > 0) return hits[0];
  }
  return null;
}
