import { createHmac, timingSafeEqual } from 'node:crypto';
import { ShopifyConfigError } from './shopify.errors';

/** Shopify's own shop host names; anything else in X-Shopify-Shop-Domain is not a shop we could know. */
export const SHOP_DOMAIN_RE = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const MAX_SHOP_DOMAIN_LENGTH = 255;

/** SHA-256 digests are 32 bytes: 43 base64 characters and one '=' of padding, nothing else. */
const SHA256_BASE64_RE = /^[A-Za-z0-9+/]{43}=$/;
const SHA256_BYTES = 32;

/** Shop domain → its webhook secrets, newest first. Several secrets let a rotation overlap old and new. */
export type ShopSecrets = ReadonlyMap<string, readonly string[]>;

export function normalizeShopDomain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Host names are case-insensitive; Shopify sends them lower-case, a proxy might not.
  const domain = value.trim().toLowerCase();
  return domain.length <= MAX_SHOP_DOMAIN_LENGTH && SHOP_DOMAIN_RE.test(domain) ? domain : undefined;
}

export type HmacFailure = 'missing-signature' | 'malformed-signature' | 'no-secrets' | 'mismatch';
export type HmacVerdict = { ok: true } | { ok: false; reason: HmacFailure };

/**
 * Checks X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(raw body bytes, secret)) against each of the shop's secrets.
 *
 * The signature is decoded and compared as bytes with `timingSafeEqual` on two 32-byte buffers, so the time
 * taken says nothing about how many leading bytes matched. The base64 must be canonical (exact length, padding,
 * zero trailing bits): Node's decoder is lenient and would otherwise accept spellings Shopify's own validator
 * (a string comparison) refuses. Every secret is tried, even after a match, so timing does not reveal which one
 * matched. Never throws on attacker input.
 */
export function verifyShopifyHmac(rawBody: Buffer, signature: string | undefined, secrets: readonly string[]): HmacVerdict {
  if (!signature) return { ok: false, reason: 'missing-signature' };
  const provided = decodeSignature(signature);
  if (!provided) return { ok: false, reason: 'malformed-signature' };
  if (secrets.length === 0) return { ok: false, reason: 'no-secrets' };
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // Both buffers are SHA256_BYTES long by construction, which timingSafeEqual requires.
    if (timingSafeEqual(provided, expected)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** The header value Shopify would send for this body and secret (also used by the test signer). */
export function signShopifyBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

function decodeSignature(signature: string): Buffer | undefined {
  if (!SHA256_BASE64_RE.test(signature)) return undefined;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== SHA256_BYTES) return undefined;
  // Non-zero bits in the last character decode to the same bytes; refuse them as Shopify's compare would.
  return bytes.toString('base64') === signature ? bytes : undefined;
}

/**
 * Parses SHOPIFY_WEBHOOK_SECRETS: `shop-a.myshopify.com=secret,shop-b.myshopify.com=secret`. A shop may be
 * listed more than once during a secret rotation (`shop-a…=new,shop-a…=old`); all its secrets are accepted.
 * Unset or blank means the Shopify channel is off (empty map). Anything else that is wrong refuses to boot,
 * naming the entry by position and shop, never echoing a secret. Secrets cannot contain ',' (the separator);
 * everything after the first '=' is the secret, so '=' inside a secret is fine.
 */
export function parseShopifyWebhookSecrets(value: string | undefined, variable = 'SHOPIFY_WEBHOOK_SECRETS'): ShopSecrets {
  const shops = new Map<string, string[]>();
  if (value === undefined || value.trim() === '') return shops;
  const entries = value.split(',');
  entries.forEach((rawEntry, index) => {
    const where = `${variable} entry ${index + 1} of ${entries.length}`;
    const entry = rawEntry.trim();
    if (entry === '') throw new ShopifyConfigError(`${where} is empty (stray comma?); expected shop.myshopify.com=secret`);
    const eq = entry.indexOf('=');
    if (eq < 0) throw new ShopifyConfigError(`${where} has no '=': expected shop.myshopify.com=secret`);
    const shopText = entry.slice(0, eq).trim();
    const secret = entry.slice(eq + 1).trim();
    const shop = normalizeShopDomain(shopText);
    if (!shop) {
      throw new ShopifyConfigError(
        `${where}: ${JSON.stringify(shopText.slice(0, 100))} is not a shop domain like my-shop.myshopify.com (lower-case letters, digits, '-')`,
      );
    }
    if (secret === '') throw new ShopifyConfigError(`${where} (${shop}) has an empty secret`);
    if (/\s/.test(secret))
      throw new ShopifyConfigError(`${where} (${shop}): the secret contains whitespace, which Shopify secrets never do`);
    const list = shops.get(shop) ?? [];
    if (!list.includes(secret)) list.push(secret);
    shops.set(shop, list);
  });
  return shops;
}
