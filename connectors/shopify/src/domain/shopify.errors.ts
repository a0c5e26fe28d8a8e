import { HubError, InvalidInputError, PayloadTooLargeError, UnauthorizedError } from '@orderhub/contracts';

/**
 * Every failure the Shopify door can produce. The HTTP filter switches over this union exhaustively, so a new
 * code cannot ship without a status.
 */
export const ShopifyErrorCode = {
  /** Shop domain header missing, malformed, or not configured. Answered like a bad HMAC (no shop enumeration). */
  UnknownShop: 'SHOPIFY.UNKNOWN_SHOP',
  /** HMAC header missing, malformed base64, or not matching any secret of the shop. */
  InvalidHmac: 'SHOPIFY.INVALID_HMAC',
  /** Signed body, but Topic / API-Version / Webhook-Id missing: not a Shopify delivery. */
  MissingHeaders: 'SHOPIFY.MISSING_HEADERS',
  EmptyBody: 'SHOPIFY.EMPTY_BODY',
  PayloadTooLarge: 'SHOPIFY.PAYLOAD_TOO_LARGE',
  MalformedJson: 'SHOPIFY.MALFORMED_JSON',
  InvalidPayload: 'SHOPIFY.INVALID_PAYLOAD',
  UnsupportedTopic: 'SHOPIFY.UNSUPPORTED_TOPIC',
  /** The app was not created with a raw body parser: a wiring bug, answered 500 so Shopify retries later. */
  RawBodyUnavailable: 'SHOPIFY.RAW_BODY_UNAVAILABLE',
} as const;

export type ShopifyErrorCode = (typeof ShopifyErrorCode)[keyof typeof ShopifyErrorCode];

const CODES = new Set<string>(Object.values(ShopifyErrorCode));

export function isShopifyErrorCode(code: string): code is ShopifyErrorCode {
  return CODES.has(code);
}

export function unknownShop(message: string, details: Record<string, unknown> = {}): HubError {
  return new UnauthorizedError(ShopifyErrorCode.UnknownShop, message, details);
}

export function invalidHmac(message: string, details: Record<string, unknown> = {}): HubError {
  return new UnauthorizedError(ShopifyErrorCode.InvalidHmac, message, details);
}

export function payloadTooLarge(size: number, limit: number): HubError {
  return new PayloadTooLargeError(ShopifyErrorCode.PayloadTooLarge, `webhook body of ${size} bytes exceeds the limit of ${limit} bytes`, {
    size,
    limit,
  });
}

export function malformedJson(message: string): HubError {
  return new InvalidInputError(ShopifyErrorCode.MalformedJson, message);
}

export function invalidPayload(message: string, details: Record<string, unknown> = {}): HubError {
  return new InvalidInputError(ShopifyErrorCode.InvalidPayload, message, details);
}

export function unsupportedTopic(topic: string): HubError {
  return new InvalidInputError(ShopifyErrorCode.UnsupportedTopic, `webhook topic ${JSON.stringify(topic)} is not handled by the hub`, {
    topic,
  });
}

/** Raised at boot for a bad SHOPIFY_WEBHOOK_SECRETS / SHOPIFY_WEBHOOK_MAX_BYTES: never reaches HTTP. */
export class ShopifyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShopifyConfigError';
  }
}
