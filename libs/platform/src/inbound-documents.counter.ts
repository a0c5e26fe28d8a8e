import type { Channel } from '@orderhub/contracts';
import { Metrics } from '@orderhub/common';

/**
 * The one place a door reports that it took a document in (stored it as a raw document): EDI over HTTP and drop
 * folders, Shopify webhooks, emails, phone orders, and any door added later (the intake port). Replays answered
 * from an earlier document are not counted again.
 */
export function countInboundDocument(channel: Channel, documents = 1): void {
  if (documents > 0) Metrics.inboundDocuments.inc({ channel }, documents);
}
