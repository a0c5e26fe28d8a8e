import { z } from 'zod';
import { defineConfig, env } from '@orderhub/common';
import { parseShopifyWebhookSecrets, type ShopSecrets } from './domain/shopify-hmac';
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
const shopifyConfig = defineConfig(
  'shopify',
  z.object({
    SHOPIFY_WEBHOOK_SECRETS: env(
      z.string().transform((value, ctx): ShopSecrets => {
        try {
          return parseShopifyWebhookSecrets(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^SHOPIFY_WEBHOOK_SECRETS /, '') });
          return z.NEVER;
        }
      }),
      { description: 'a comma-separated list of shop=secret', example: 'my-shop.myshopify.com=shpss_0123abcd', secret: true },
    ).optional(),
    SHOPIFY_WEBHOOK_MAX_BYTES: env(z.coerce.number().int().min(1).max(MAX_MAX_BODY_BYTES).default(DEFAULT_MAX_BODY_BYTES), {
      description: `a whole number of bytes from 1 to ${MAX_MAX_BODY_BYTES}`,
      example: '1048576',
    }),
  }),
);

export class ShopifyConfig implements ShopifyWebhookSettings {
  constructor(
    readonly shops: ShopSecrets,
    readonly maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
  ) {}

  static fromEnv(source: Readonly<Record<string, string | undefined>> = process.env): ShopifyConfig {
    const parsed = shopifyConfig.load(source);
    return new ShopifyConfig(parsed.SHOPIFY_WEBHOOK_SECRETS ?? new Map(), parsed.SHOPIFY_WEBHOOK_MAX_BYTES);
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
