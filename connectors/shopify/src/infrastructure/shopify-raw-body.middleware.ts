import type { ServerResponse } from 'node:http';
import { boundedRawBodyMiddleware, type RawBodyCarrier } from '@orderhub/platform';
import { payloadTooLarge } from '../domain/shopify.errors';
import { httpAnswerFor } from './shopify-webhook-http';

export type { RawBodyCarrier };

/**
 * Reads the webhook body as bytes before any JSON parser can: a parser answers malformed JSON with its own 400
 * before the controller runs, so an authentic but broken delivery would be lost and retried forever. Mounted by
 * ShopifyModule on the webhook route; bodies over the limit get 413 `SHOPIFY.PAYLOAD_TOO_LARGE` unbuffered.
 */
export function shopifyRawBodyMiddleware(
  limitBytes: number,
): (req: RawBodyCarrier, res: ServerResponse, next: (error?: unknown) => void) => void {
  return boundedRawBodyMiddleware(limitBytes, (size, limit) => httpAnswerFor(payloadTooLarge(size, limit)));
}
