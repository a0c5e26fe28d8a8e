import { HubError, TransientError } from '@orderhub/contracts';
import { ShopifyErrorCode, isShopifyErrorCode } from '../domain/shopify.errors';

export interface HttpErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; details?: Record<string, unknown> } };
}

/** The HTTP status of each Shopify code. Exhaustive: a new code fails to compile until it has a status. */
export function httpStatusForShopifyCode(code: ShopifyErrorCode): number {
  switch (code) {
    case ShopifyErrorCode.UnknownShop:
    case ShopifyErrorCode.InvalidHmac:
      return 401;
    case ShopifyErrorCode.PayloadTooLarge:
      return 413;
    case ShopifyErrorCode.MissingHeaders:
    case ShopifyErrorCode.EmptyBody:
    case ShopifyErrorCode.MalformedJson:
    case ShopifyErrorCode.InvalidPayload:
    case ShopifyErrorCode.UnsupportedTopic:
      return 400;
    case ShopifyErrorCode.RawBodyUnavailable:
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${String(unhandled)}`);
    }
  }
}

/**
 * What the sender sees for an error. An unknown shop is answered exactly like a bad HMAC, so the endpoint does
 * not tell a prober which shop domains are configured; the log keeps the distinct reason. Unauthenticated
 * answers carry no details.
 */
export function httpAnswerFor(error: HubError): HttpErrorAnswer {
  if (isShopifyErrorCode(error.code)) {
    const status = httpStatusForShopifyCode(error.code);
    if (status === 401) {
      return { status, body: { error: { code: ShopifyErrorCode.InvalidHmac, message: 'webhook HMAC is missing or does not match' } } };
    }
    const details = Object.keys(error.details).length > 0 ? error.details : undefined;
    return { status, body: { error: { code: error.code, message: error.message, ...(details ? { details } : {}) } } };
  }
  // Errors from the ports (database, outbox): a 5xx makes Shopify redeliver later, which is what we want.
  const status = error instanceof TransientError ? 503 : 500;
  return { status, body: { error: { code: error.code, message: error.message } } };
}
