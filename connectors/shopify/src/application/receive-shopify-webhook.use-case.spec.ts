import { MESSAGE_TYPES, purchaseOrderReceivedSchema, orderChangeRequestedSchema, Topics, type HubError } from '@orderhub/contracts';
import {
  anOrderPayload,
  aRefundPayload,
  asNodeHeaders,
  signShopifyWebhook,
  withoutHeader,
  type ShopifyWebhookSignOptions,
} from '@orderhub/testing';
import { normalizeShopDomain, parseShopifyWebhookSecrets } from '../domain/shopify-hmac';
import { ShopifyConfig } from '../shopify.config';
import {
  InMemoryIntake,
  InMemoryOutbox,
  InMemoryRawDocumentStore,
  InMemoryTransactionRunner,
  RecordingLogger,
} from '../testing/in-memory-ports';
import { shopifyLibraryAccepts } from '../testing/shopify-library.oracle';
import { ReceiveShopifyWebhookUseCase, type ReceiveShopifyWebhookResult } from './receive-shopify-webhook.use-case';

const SHOP_A = 'shop-a.myshopify.com';
const SHOP_B = 'shop-b.myshopify.com';
const SECRET_A = 'shpss_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const OLD_SECRET_A = 'shpss_0000000000000000000000000000000a';
const SECRET_B = 'shpss_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function setup(maxBodyBytes?: number) {
  const config = new ShopifyConfig(
    parseShopifyWebhookSecrets(`${SHOP_A}=${SECRET_A},${SHOP_A}=${OLD_SECRET_A},${SHOP_B}=${SECRET_B}`),
    maxBodyBytes,
  );
  const rawDocuments = new InMemoryRawDocumentStore();
  const outbox = new InMemoryOutbox();
  const transactions = new InMemoryTransactionRunner([rawDocuments, outbox]);
  const logger = new RecordingLogger();
  const useCase = new ReceiveShopifyWebhookUseCase(
    config,
    transactions,
    rawDocuments,
    new InMemoryIntake(outbox, rawDocuments),
    logger,
    () => new Date('2025-03-14T13:27:00.000Z'),
  );
  return { config, rawDocuments, outbox, transactions, logger, useCase };
}

type Delivery = { headers: Record<string, string>; rawBody: Buffer };

function delivery(payload: object | string, options: Partial<ShopifyWebhookSignOptions> = {}): Delivery {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signed = signShopifyWebhook(body, { secret: SECRET_A, shop: SHOP_A, ...options });
  return { headers: asNodeHeaders(signed.headers), rawBody: signed.rawBody };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as HubError).code;
  }
  throw new Error('expected the delivery to be refused');
}

describe('ReceiveShopifyWebhookUseCase', () => {
  describe('agrees with @shopify/shopify-api on every accept/reject decision', () => {
    const good = (): Delivery => delivery(anOrderPayload());
    // One delivery per case: signing a second payload would make every "missing header" case a bad HMAC instead.
    const without = (name: string) => (): Delivery => {
      const d = good();
      return { ...d, headers: withoutHeader(d.headers, name) };
    };
    const cases: Array<[string, boolean, () => Delivery]> = [
      ['a good delivery', true, good],
      [
        'a tampered body',
        false,
        () => {
          const d = good();
          return { ...d, rawBody: Buffer.from(d.rawBody.toString('utf8').replace('"30.00"', '"0.01"')) };
        },
      ],
      ['a wrong secret', false, () => delivery(anOrderPayload(), { secret: 'not-the-secret' })],
      ['no HMAC header', false, without('x-shopify-hmac-sha256')],
      [
        'malformed base64',
        false,
        () => {
          const d = good();
          return { ...d, headers: { ...d.headers, 'x-shopify-hmac-sha256': '%%%not base64%%%' } };
        },
      ],
      [
        'an unknown shop signing with its own secret',
        false,
        () => delivery(anOrderPayload(), { shop: 'stranger.myshopify.com', secret: 'stranger-secret' }),
      ],
      [
        'a shop domain that is not a myshopify.com host',
        false,
        () => delivery(anOrderPayload(), { shop: 'shop-a.myshopify.com.evil.com' }),
      ],
      ['shop B signing as shop A', false, () => delivery(anOrderPayload(), { shop: SHOP_A, secret: SECRET_B })],
      ['no shop domain header', false, without('x-shopify-shop-domain')],
      ['no topic header', false, without('x-shopify-topic')],
      ['no API version header', false, without('x-shopify-api-version')],
      ['no webhook id header', false, without('x-shopify-webhook-id')],
      ['no event id header (not required)', true, without('x-shopify-event-id')],
      ['an empty signed body', false, () => delivery('')],
      ['the previous secret during a rotation', true, () => delivery(anOrderPayload(), { secret: OLD_SECRET_A })],
      ['shop B with its own secret', true, () => delivery(anOrderPayload(), { shop: SHOP_B, secret: SECRET_B })],
      ['malformed JSON, correctly signed', true, () => delivery('{"id": 1, "line_items": [')],
      ['a topic the hub does not handle, correctly signed', true, () => delivery(anOrderPayload(), { topic: 'products/create' })],
      [
        'header names in Shopify casing',
        true,
        () => {
          const signed = signShopifyWebhook(JSON.stringify(anOrderPayload()), { secret: SECRET_A, shop: SHOP_A });
          return { headers: signed.headers, rawBody: signed.rawBody };
        },
      ],
    ];

    it.each(cases)('%s (accepted: %s)', async (_name, expected, make) => {
      const { useCase, config } = setup();
      const { headers, rawBody } = make();
      const shop = normalizeShopDomain(Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-shopify-shop-domain')?.[1]);
      const shopify = await shopifyLibraryAccepts(headers, rawBody, (shop && config.secretsFor(shop)) || []);
      const ours = await useCase.execute({ headers, rawBody }).then(
        () => true,
        () => false,
      );
      expect({ ours, shopify }).toEqual({ ours: expected, shopify: expected });
    });
  });

  it('stores the raw body and enqueues one PurchaseOrderReceived for orders/create, in one transaction', async () => {
    const { useCase, rawDocuments, outbox, transactions } = setup();
    const order = anOrderPayload();
    const d = delivery(order, { eventId: 'evt-1', webhookId: 'wh-1' });
    const result = await useCase.execute(d);

    expect(result).toEqual({
      status: 'accepted',
      duplicate: false,
      rawDocumentId: 'raw-1',
      messageTopic: Topics.PurchaseOrderReceived,
      idempotencyKey: `shopify:${SHOP_A}:${String(order.id)}:create`,
    });
    expect(transactions.commits).toBe(1);
    const [doc] = rawDocuments.all();
    expect(doc).toMatchObject({
      channel: 'shopify',
      sender: SHOP_A,
      contentType: 'application/json',
      dedupKey: `event:${SHOP_A}:evt-1`,
      status: 'received',
    });
    expect(await rawDocuments.content(doc.id)).toEqual(d.rawBody);
    expect(doc.metadata).toMatchObject({
      topic: 'orders/create',
      shop: SHOP_A,
      webhookId: 'wh-1',
      eventId: 'evt-1',
      apiVersion: '2025-01',
    });
    expect(doc.metadata.headers).not.toHaveProperty('x-shopify-hmac-sha256');
    expect(doc.metadata.headers).toHaveProperty('x-shopify-topic', 'orders/create');

    expect(outbox.messages).toHaveLength(1);
    const [{ topic, envelope }] = outbox.messages;
    expect(topic).toBe(Topics.PurchaseOrderReceived);
    expect(envelope).toMatchObject({
      type: MESSAGE_TYPES[Topics.PurchaseOrderReceived],
      key: `shopify:${SHOP_A}:${String(order.id)}`,
      idempotencyKey: `shopify:${SHOP_A}:${String(order.id)}:create`,
      correlationId: 'raw-1',
      occurredAt: '2025-03-14T13:27:00.000Z',
    });
    const payload = purchaseOrderReceivedSchema.parse(envelope.payload);
    expect(payload.purchaseOrder.source).toMatchObject({ rawDocumentId: 'raw-1', sender: SHOP_A, receivedAt: '2025-03-14T13:27:00.000Z' });
    expect(payload.purchaseOrder.poNumber).toBe('#1001');
  });

  it('answers a replay of the same event as a duplicate: one raw document, one message', async () => {
    const { useCase, rawDocuments, outbox } = setup();
    const d = delivery(anOrderPayload(), { eventId: 'evt-7' });
    await useCase.execute(d);
    // Shopify retries with the same event id (the webhook id may differ between attempts).
    const again = await useCase.execute({ ...d, headers: { ...d.headers, 'x-shopify-webhook-id': 'another-attempt' } });
    expect(again).toEqual({ status: 'duplicate', duplicate: true, rawDocumentId: 'raw-1' });
    expect(rawDocuments.all()).toHaveLength(1);
    expect(outbox.messages).toHaveLength(1);
  });

  it('falls back to the webhook id for dedup when there is no event id', async () => {
    const { useCase, rawDocuments, outbox } = setup();
    const d = delivery(anOrderPayload(), { webhookId: 'wh-9' });
    const headers = withoutHeader(d.headers, 'x-shopify-event-id');
    await useCase.execute({ headers, rawBody: d.rawBody });
    expect((await useCase.execute({ headers, rawBody: d.rawBody })).duplicate).toBe(true);
    expect(rawDocuments.all().map((doc) => doc.dedupKey)).toEqual([`webhook:${SHOP_A}:wh-9`]);
    expect(outbox.messages).toHaveLength(1);
  });

  it('gives the same order state, reported by two events, one idempotency key; a newer state another', async () => {
    const { useCase, outbox } = setup();
    const order = anOrderPayload({ updated_at: '2025-03-14T10:00:00-04:00' });
    await useCase.execute(delivery(order, { topic: 'orders/updated', eventId: 'evt-a' }));
    await useCase.execute(delivery(order, { topic: 'orders/updated', eventId: 'evt-b' }));
    await useCase.execute(delivery({ ...order, updated_at: '2025-03-14T10:05:00-04:00' }, { topic: 'orders/updated', eventId: 'evt-c' }));
    const keys = outbox.messages.map((m) => m.envelope.idempotencyKey);
    expect(keys).toEqual([
      `shopify:${SHOP_A}:${String(order.id)}:update:2025-03-14T14:00:00.000Z`,
      `shopify:${SHOP_A}:${String(order.id)}:update:2025-03-14T14:00:00.000Z`,
      `shopify:${SHOP_A}:${String(order.id)}:update:2025-03-14T14:05:00.000Z`,
    ]);
    // Consumers apply each idempotency key once: the first two are one change for the core.
    expect(new Set(keys).size).toBe(2);
    expect(outbox.messages.every((m) => m.topic === Topics.OrderChangeRequested)).toBe(true);
  });

  it('accepts an update that arrives before its create as just another message, on the same partition key', async () => {
    const { useCase, outbox } = setup();
    const order = anOrderPayload();
    await useCase.execute(delivery(order, { topic: 'orders/updated' }));
    await useCase.execute(delivery(order, { topic: 'orders/create' }));
    expect(outbox.messages.map((m) => m.topic)).toEqual([Topics.OrderChangeRequested, Topics.PurchaseOrderReceived]);
    expect(new Set(outbox.messages.map((m) => m.envelope.key)).size).toBe(1);
    const change = orderChangeRequestedSchema.parse(outbox.messages[0].envelope.payload);
    expect(change).toMatchObject({ kind: 'update', channel: 'shopify', channelOrderKey: `shopify:${SHOP_A}:${String(order.id)}` });
  });

  it('enqueues refunds as OrderChangeRequested', async () => {
    const { useCase, outbox } = setup();
    const result = await useCase.execute(delivery(aRefundPayload(450789469), { topic: 'refunds/create' }));
    expect(result.status).toBe('accepted');
    expect(orderChangeRequestedSchema.parse(outbox.messages[0].envelope.payload).kind).toBe('refund');
  });

  it('stores nothing for a tampered body and logs one security line without the body', async () => {
    const { useCase, rawDocuments, outbox, logger } = setup();
    const d = delivery(anOrderPayload({ note: 'secret-customer-note' }), { webhookId: 'wh-evil' });
    const tampered = Buffer.from(d.rawBody.toString('utf8').replace('"12.50"', '"0.01"'));
    expect(await codeOf(useCase.execute({ headers: d.headers, rawBody: tampered }))).toBe('SHOPIFY.INVALID_HMAC');
    expect(rawDocuments.all()).toHaveLength(0);
    expect(outbox.messages).toHaveLength(0);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0].level).toBe('warn');
    expect(logger.lines[0].message).toContain('reason=hmac-mismatch');
    expect(logger.lines[0].message).toContain(`shop="${SHOP_A}" topic="orders/create" webhookId="wh-evil"`);
    expect(logger.lines[0].message).not.toContain('secret-customer-note');
    expect(logger.lines[0].message).not.toContain(d.headers['x-shopify-hmac-sha256']);
  });

  it.each([
    ['an unknown shop', { shop: 'stranger.myshopify.com' }, 'reason=unknown-shop'],
    ['a malformed shop domain', { shop: 'evil.example.com' }, 'reason=malformed-shop-domain'],
  ])('refuses %s as SHOPIFY.UNKNOWN_SHOP, storing nothing, logging the distinct reason', async (_name, options, reason) => {
    const { useCase, rawDocuments, logger } = setup();
    expect(await codeOf(useCase.execute(delivery(anOrderPayload(), options)))).toBe('SHOPIFY.UNKNOWN_SHOP');
    expect(rawDocuments.all()).toHaveLength(0);
    expect(logger.lines.map((l) => l.message).join('\n')).toContain(reason);
  });

  it('refuses a body over the configured limit before any HMAC work, storing nothing', async () => {
    const { useCase, rawDocuments } = setup(2048);
    const big = delivery(anOrderPayload({ note: 'x'.repeat(4096) }));
    await expect(useCase.execute(big)).rejects.toMatchObject({
      code: 'SHOPIFY.PAYLOAD_TOO_LARGE',
      details: { size: big.rawBody.length, limit: 2048 },
    });
    expect(rawDocuments.all()).toHaveLength(0);
    // Even unsigned: size is checked first.
    expect(await codeOf(useCase.execute({ headers: {}, rawBody: big.rawBody }))).toBe('SHOPIFY.PAYLOAD_TOO_LARGE');
  });

  it('defaults the limit to 1 MiB', async () => {
    const { useCase } = setup();
    const justOver = delivery(JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }));
    expect(await codeOf(useCase.execute(justOver))).toBe('SHOPIFY.PAYLOAD_TOO_LARGE');
  });

  it('keeps authentic malformed JSON, marks it rejected with its code, enqueues nothing, and answers (so Shopify stops retrying)', async () => {
    const { useCase, rawDocuments, outbox, logger } = setup();
    const d = delivery('{"id": 1, "line_items": [', { eventId: 'evt-broken' });
    const result: ReceiveShopifyWebhookResult = await useCase.execute(d);
    expect(result).toMatchObject({ status: 'rejected', duplicate: false, rawDocumentId: 'raw-1', code: 'SHOPIFY.MALFORMED_JSON' });
    const [doc] = rawDocuments.all();
    expect(doc.status).toBe('rejected');
    expect(doc.statusDetail).toMatch(/^SHOPIFY\.MALFORMED_JSON: /);
    expect(await rawDocuments.content(doc.id)).toEqual(d.rawBody);
    expect(outbox.messages).toHaveLength(0);
    expect(logger.lines.at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('stored as rejected: code=SHOPIFY.MALFORMED_JSON'),
    });
    // A redelivery of the same event is a duplicate, not a second rejected document.
    expect((await useCase.execute(d)).duplicate).toBe(true);
  });

  it('keeps an invalid payload and an unsupported topic the same way', async () => {
    const { useCase, rawDocuments, outbox } = setup();
    expect(await useCase.execute(delivery(anOrderPayload({ line_items: [] })))).toMatchObject({
      status: 'rejected',
      code: 'SHOPIFY.INVALID_PAYLOAD',
    });
    expect(await useCase.execute(delivery({ id: 1 }, { topic: 'customers/redact' }))).toMatchObject({
      status: 'rejected',
      code: 'SHOPIFY.UNSUPPORTED_TOPIC',
    });
    expect(rawDocuments.all().map((doc) => doc.status)).toEqual(['rejected', 'rejected']);
    expect(outbox.messages).toHaveLength(0);
  });

  it('refuses a signed delivery without Shopify headers as SHOPIFY.MISSING_HEADERS, storing nothing', async () => {
    const { useCase, rawDocuments } = setup();
    const d = delivery(anOrderPayload());
    await expect(useCase.execute({ ...d, headers: withoutHeader(d.headers, 'x-shopify-topic') })).rejects.toMatchObject({
      code: 'SHOPIFY.MISSING_HEADERS',
      details: { missing: ['X-Shopify-Topic'] },
    });
    expect(rawDocuments.all()).toHaveLength(0);
  });

  it('rolls the raw document back when the outbox write fails, so Shopify retries and nothing is half-stored', async () => {
    const { useCase, rawDocuments, outbox, transactions } = setup();
    outbox.failNext = new Error('connection reset');
    const d = delivery(anOrderPayload(), { eventId: 'evt-retry' });
    await expect(useCase.execute(d)).rejects.toThrow('connection reset');
    expect(transactions.rollbacks).toBe(1);
    expect(rawDocuments.all()).toHaveLength(0);
    // Shopify's retry then succeeds normally: not a duplicate.
    expect((await useCase.execute(d)).status).toBe('accepted');
    expect(outbox.messages).toHaveLength(1);
  });
});
