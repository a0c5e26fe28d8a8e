/** The headers Shopify sends with every webhook delivery (lower-case, as Node presents them). */
export const ShopifyHeader = {
  Topic: 'x-shopify-topic',
  Hmac: 'x-shopify-hmac-sha256',
  ShopDomain: 'x-shopify-shop-domain',
  ApiVersion: 'x-shopify-api-version',
  WebhookId: 'x-shopify-webhook-id',
  EventId: 'x-shopify-event-id',
  TriggeredAt: 'x-shopify-triggered-at',
} as const;

/** Node's IncomingHttpHeaders shape, without depending on http types in the domain. */
export type RawHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ShopifyWebhookHeaders {
  topic?: string;
  hmac?: string;
  shopDomain?: string;
  apiVersion?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
}

/** Case-insensitive, first value wins, empty counts as absent (the same reading as @shopify/shopify-api). */
export function headerValue(headers: RawHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') return first;
  }
  return undefined;
}

export function readShopifyWebhookHeaders(headers: RawHeaders): ShopifyWebhookHeaders {
  return {
    topic: headerValue(headers, ShopifyHeader.Topic),
    hmac: headerValue(headers, ShopifyHeader.Hmac),
    shopDomain: headerValue(headers, ShopifyHeader.ShopDomain),
    apiVersion: headerValue(headers, ShopifyHeader.ApiVersion),
    webhookId: headerValue(headers, ShopifyHeader.WebhookId),
    eventId: headerValue(headers, ShopifyHeader.EventId),
    triggeredAt: headerValue(headers, ShopifyHeader.TriggeredAt),
  };
}

/** Headers worth keeping with the raw document: everything but the signature and credentials. */
const NOT_KEPT = new Set([ShopifyHeader.Hmac, 'authorization', 'proxy-authorization', 'cookie']);

export function headersForStorage(headers: RawHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const name = key.toLowerCase();
    if (NOT_KEPT.has(name) || value === undefined) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
}

/** Header values are attacker-controlled until the HMAC passes: keep log lines single and short. */
export function forLog(value: string | undefined): string {
  if (value === undefined) return '-';

  return JSON.stringify(value.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 100));
}
