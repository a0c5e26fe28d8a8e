import { HubError, IntakePort, InvalidInputError, type IntakeMessage, type TopicName } from '@orderhub/contracts';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { normalizeShopDomain, verifyShopifyHmac } from '../domain/shopify-hmac';
import { interpretShopifyWebhook, type ShopifyOutboundMessage } from '../domain/shopify-order.mapper';
import { invalidHmac, isShopifyErrorCode, payloadTooLarge, ShopifyErrorCode, unknownShop } from '../domain/shopify.errors';
import { forLog, headersForStorage, headerValue, readShopifyWebhookHeaders, type RawHeaders } from '../domain/shopify-webhook-headers';

/** What the use case needs to know from configuration (ShopifyConfig implements it). */
export interface ShopifyWebhookSettings {
  /** The shop's secrets (newest first), or undefined when the shop is not configured. */
  secretsFor(shop: string): readonly string[] | undefined;
  /** Largest accepted body in bytes. */
  readonly maxBodyBytes: number;
}

export interface ShopifyWebhookLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface ReceiveShopifyWebhookCommand {
  /** Request headers as Node presents them (any case is accepted). */
  headers: RawHeaders;
  /** The exact bytes received: the HMAC is over these, never over re-serialised JSON. */
  rawBody: Buffer;
}

export type ReceiveShopifyWebhookResult =
  | { status: 'accepted'; duplicate: false; rawDocumentId: string; messageTopic: TopicName; idempotencyKey: string }
  | { status: 'duplicate'; duplicate: true; rawDocumentId: string }
  /** Authentic but unusable (malformed JSON, invalid payload, unsupported topic): kept, flagged, answered 200. */
  | { status: 'rejected'; duplicate: false; rawDocumentId: string; code: ShopifyErrorCode; message: string };

/**
 * Receives one Shopify webhook delivery: authenticate, store the raw bytes, enqueue the canonical message, all
 * before Shopify gets its 200. Processing happens later, off the bus, so the answer stays fast (Shopify gives a
 * delivery five seconds).
 *
 * Failures before authentication store nothing and throw coded errors (401/413/400). After authentication the
 * body is always stored: a body we cannot use is marked 'rejected' with its code and answered 200, because any
 * other answer makes Shopify redeliver the same unusable bytes for 48 hours and then drop the subscription.
 */
export class ReceiveShopifyWebhookUseCase {
  constructor(
    private readonly settings: ShopifyWebhookSettings,
    private readonly transactions: TransactionRunner,
    private readonly rawDocuments: RawDocumentStore,
    private readonly intake: IntakePort,
    private readonly logger: ShopifyWebhookLogger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(command: ReceiveShopifyWebhookCommand): Promise<ReceiveShopifyWebhookResult> {
    const { rawBody, headers } = command;
    const h = readShopifyWebhookHeaders(headers);
    const who = `shop=${forLog(h.shopDomain)} topic=${forLog(h.topic)} webhookId=${forLog(h.webhookId)} eventId=${forLog(h.eventId)}`;

    // Size first: cheapest check, and no HMAC is computed over an unbounded body.
    if (rawBody.length > this.settings.maxBodyBytes) {
      this.logger.warn(`shopify webhook refused: reason=payload-too-large size=${rawBody.length} ${who}`);
      throw payloadTooLarge(rawBody.length, this.settings.maxBodyBytes);
    }
    if (rawBody.length === 0) {
      this.logger.warn(`shopify webhook refused: reason=empty-body ${who}`);
      throw new InvalidInputError(ShopifyErrorCode.EmptyBody, 'webhook body is empty');
    }

    const shop = normalizeShopDomain(h.shopDomain);
    const secrets = shop ? this.settings.secretsFor(shop) : undefined;
    if (!shop || !secrets) {
      const reason = !h.shopDomain ? 'missing-shop-domain' : !shop ? 'malformed-shop-domain' : 'unknown-shop';
      this.logger.warn(`shopify webhook refused: reason=${reason} ${who}`);
      throw unknownShop('webhook is not from a configured shop', { reason });
    }

    const verdict = verifyShopifyHmac(rawBody, h.hmac, secrets);
    if (!verdict.ok) {
      // One security line; never the body or the signature.
      this.logger.warn(`shopify webhook refused: reason=hmac-${verdict.reason} ${who}`);
      throw invalidHmac('webhook HMAC is missing or does not match', { reason: verdict.reason });
    }

    // Shopify's own validator requires these too; a signed body without them is not a Shopify delivery.
    const required: Array<[string, string | undefined]> = [
      ['X-Shopify-Topic', h.topic],
      ['X-Shopify-API-Version', h.apiVersion],
      ['X-Shopify-Webhook-Id', h.webhookId],
    ];
    const missing = required.filter(([, value]) => !value).map(([name]) => name);
    if (missing.length > 0 || !h.topic || !h.webhookId) {
      this.logger.warn(`shopify webhook refused: reason=missing-headers missing=${missing.join('+')} ${who}`);
      throw new InvalidInputError(ShopifyErrorCode.MissingHeaders, `webhook lacks ${missing.join(', ')}`, { missing });
    }
    const topic = h.topic;

    // Shopify keeps X-Shopify-Event-Id across retries and across subscriptions fired by the same event; the
    // shop is part of the key so two shops can never collide.
    const dedupKey = h.eventId ? `event:${shop}:${h.eventId}` : `webhook:${shop}:${h.webhookId}`;
    const receivedAt = this.clock();

    const result = await this.transactions.run(async (): Promise<ReceiveShopifyWebhookResult> => {
      const { document, created } = await this.rawDocuments.store({
        channel: 'shopify',
        sender: shop,
        contentType: headerValue(headers, 'content-type') ?? 'application/json',
        content: rawBody,
        dedupKey,
        metadata: {
          topic,
          shop,
          apiVersion: h.apiVersion,
          webhookId: h.webhookId,
          eventId: h.eventId,
          triggeredAt: h.triggeredAt,
          headers: headersForStorage(headers),
        },
      });
      if (!created) return { status: 'duplicate', duplicate: true, rawDocumentId: document.id };

      let message: ShopifyOutboundMessage;
      try {
        message = interpretShopifyWebhook(topic, rawBody, { shop, rawDocumentId: document.id, receivedAt: receivedAt.toISOString() });
      } catch (error) {
        if (!(error instanceof HubError) || !isShopifyErrorCode(error.code)) throw error;
        await this.intake.record(
          { rawDocumentId: document.id, channel: 'shopify', sender: shop },
          { kind: 'rejected', code: error.code, reason: statusDetail(error).slice(error.code.length + 2) },
        );
        return { status: 'rejected', duplicate: false, rawDocumentId: document.id, code: error.code, message: error.message };
      }
      // One message per delivery; its payload type is checked against its topic by the IntakeMessage union.
      await this.intake.record(
        { rawDocumentId: document.id, channel: 'shopify', sender: shop, occurredAt: receivedAt },
        {
          kind: 'received',
          messages: [
            { topic: message.topic, payload: message.payload, key: message.key, idempotencyKey: message.idempotencyKey } as IntakeMessage,
          ],
        },
      );
      return {
        status: 'accepted',
        duplicate: false,
        rawDocumentId: document.id,
        messageTopic: message.topic,
        idempotencyKey: message.idempotencyKey,
      };
    });

    switch (result.status) {
      case 'accepted':
        this.logger.log(`shopify webhook accepted: rawDocumentId=${result.rawDocumentId} key=${result.idempotencyKey} ${who}`);
        break;
      case 'duplicate':
        this.logger.log(`shopify webhook duplicate: rawDocumentId=${result.rawDocumentId} ${who}`);
        break;
      case 'rejected':
        // Answered 200, so nobody retries: this line and the raw document's status are how operators learn of it.
        this.logger.warn(`shopify webhook stored as rejected: code=${result.code} rawDocumentId=${result.rawDocumentId} ${who}`);
        break;
    }
    return result;
  }
}

function statusDetail(error: HubError): string {
  const detail = `${error.code}: ${error.message}`;
  const extra = Object.keys(error.details).length > 0 ? ` ${JSON.stringify(error.details)}` : '';
  return (detail + extra).slice(0, 2000);
}
