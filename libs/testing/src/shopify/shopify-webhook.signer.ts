import { createHmac, randomUUID } from 'node:crypto';

export interface ShopifyWebhookSignOptions {
  /** The shop's webhook secret (the app's client secret). */
  secret: string;
  shop?: string;
  topic?: string;
  apiVersion?: string;
  webhookId?: string;
  /** Shopify keeps this across retries of one event; pass the same value to simulate a redelivery. */
  eventId?: string;
  triggeredAt?: string;
}

export interface SignedShopifyWebhook {
  /** Header names spelled as Shopify sends them. */
  headers: Record<string, string>;
  rawBody: Buffer;
}

export const TEST_SHOP = 'orderhub-test.myshopify.com';
export const TEST_SHOPIFY_API_VERSION = '2025-01';

/**
 * Signs a body exactly as Shopify does: base64(HMAC-SHA256(body bytes, secret)) in X-Shopify-Hmac-Sha256, with
 * the other headers of a real delivery. Written independently of the connector so a bug there cannot hide here.
 */
export function signShopifyWebhook(body: string | Buffer, options: ShopifyWebhookSignOptions): SignedShopifyWebhook {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': options.topic ?? 'orders/create',
    'X-Shopify-Hmac-Sha256': createHmac('sha256', options.secret).update(rawBody).digest('base64'),
    'X-Shopify-Shop-Domain': options.shop ?? TEST_SHOP,
    'X-Shopify-API-Version': options.apiVersion ?? TEST_SHOPIFY_API_VERSION,
    'X-Shopify-Webhook-Id': options.webhookId ?? randomUUID(),
    'X-Shopify-Event-Id': options.eventId ?? randomUUID(),
    'X-Shopify-Triggered-At': options.triggeredAt ?? new Date().toISOString(),
  };
  return { headers, rawBody };
}

/** Headers as Node's IncomingMessage presents them: lower-case names. */
export function asNodeHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** A copy without one header (any case), for "missing header" cases. */
export function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
}
