import { parseShopifyWebhookSecrets, type ShopSecrets } from './domain/shopify-hmac';
import { ShopifyConfigError } from './domain/shopify.errors';
import type { ShopifyWebhookSettings } from './application/receive-shopify-webhook.use-case';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A sanity ceiling: an order webhook is kilobytes; anything near this is a misconfiguration. */
const MAX_MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The Shopify channel's configuration, validated when the module boots:
 * - SHOPIFY_WEBHOOK_SECRETS `shop-a.myshopify.com=secret,shop-b.myshopify.com=secret` (a shop listed twice has
 *   two secrets, for rotation); unset or blank turns the channel off (every delivery is answered 401).
 * - SHOPIFY_WEBHOOK_MAX_BYTES, the largest accepted body (default 1 MiB).
 */
export class ShopifyConfig implements ShopifyWebhookSettings {
  constructor(
    readonly shops: ShopSecrets,
    readonly maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
  ) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ShopifyConfig {
    return new ShopifyConfig(parseShopifyWebhookSecrets(env.SHOPIFY_WEBHOOK_SECRETS), parseMaxBytes(env.SHOPIFY_WEBHOOK_MAX_BYTES));
  }

  get enabled(): boolean {
    return this.shops.size > 0;
  }

  secretsFor(shop: string): readonly string[] | undefined {
    return this.shops.get(shop);
  }

  /** For a boot log line: shops and how many secrets each has, never the secrets. */
  describe(): string {
    if (!this.enabled) return 'shopify channel off (SHOPIFY_WEBHOOK_SECRETS unset)';
    const shops = [...this.shops].map(([shop, secrets]) => `${shop}${secrets.length > 1 ? ` (${secrets.length} secrets)` : ''}`);
    return `shopify webhooks accepted from ${shops.join(', ')}; max body ${this.maxBodyBytes} bytes`;
  }
}

function parseMaxBytes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_BODY_BYTES;
  const text = value.trim();
  const bytes = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > MAX_MAX_BODY_BYTES) {
    throw new ShopifyConfigError(`SHOPIFY_WEBHOOK_MAX_BYTES must be a whole number of bytes between 1 and ${MAX_MAX_BODY_BYTES}, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return bytes;
}
