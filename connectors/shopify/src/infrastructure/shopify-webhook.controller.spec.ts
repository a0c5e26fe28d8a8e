import 'reflect-metadata';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IntakePort } from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { anOrderPayload, signShopifyWebhook } from '@orderhub/testing';
import { ShopifyConfig } from '../shopify.config';
import { ShopifyModule } from '../shopify.module';
import { InMemoryIntake, InMemoryOutbox, InMemoryRawDocumentStore, InMemoryTransactionRunner } from '../testing/in-memory-ports';
import { shopifyRawBodyMiddleware } from './shopify-raw-body.middleware';

const SHOP = 'shop-a.myshopify.com';
const SECRET = 'shpss_controller_spec_secret_0001';
const LIMIT = 8192;

/**
 * Drives POST /webhooks/shopify through a real Nest HTTP stack on a loopback port (in-process, nothing else
 * running), with the ports faked: raw body capture, status codes and error bodies are what Shopify would see.
 */
async function startHub(options: { middleware: boolean }) {
  const rawDocuments = new InMemoryRawDocumentStore();
  const outbox = new InMemoryOutbox();
  const transactions = new InMemoryTransactionRunner([rawDocuments, outbox]);

  @Global()
  @Module({
    providers: [
      { provide: RawDocumentStore, useValue: rawDocuments },
      { provide: Outbox, useValue: outbox },
      { provide: TransactionRunner, useValue: transactions },
      { provide: IntakePort, useValue: new InMemoryIntake(outbox, rawDocuments) },
    ],
    exports: [RawDocumentStore, Outbox, TransactionRunner, IntakePort],
  })
  class FakePortsModule {}

  @Module({ imports: [FakePortsModule, ShopifyModule.forRoot(FakePortsModule)] })
  class TestHubModule {}

  const app: INestApplication = await NestFactory.create(TestHubModule, { rawBody: true, logger: false });
  if (options.middleware) app.use('/webhooks/shopify', shopifyRawBodyMiddleware(app.get(ShopifyConfig).maxBodyBytes));
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/webhooks/shopify`;
  return { app, url, rawDocuments, outbox };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, json: await response.json() };
}

describe('POST /webhooks/shopify', () => {
  const savedEnv = { secrets: process.env.SHOPIFY_WEBHOOK_SECRETS, max: process.env.SHOPIFY_WEBHOOK_MAX_BYTES };
  let hub: Awaited<ReturnType<typeof startHub>>;

  beforeAll(async () => {
    process.env.SHOPIFY_WEBHOOK_SECRETS = `${SHOP}=${SECRET}`;
    process.env.SHOPIFY_WEBHOOK_MAX_BYTES = String(LIMIT);
    hub = await startHub({ middleware: true });
  });

  afterAll(async () => {
    await hub.app.close();
    process.env.SHOPIFY_WEBHOOK_SECRETS = savedEnv.secrets;
    process.env.SHOPIFY_WEBHOOK_MAX_BYTES = savedEnv.max;
    if (savedEnv.secrets === undefined) delete process.env.SHOPIFY_WEBHOOK_SECRETS;
    if (savedEnv.max === undefined) delete process.env.SHOPIFY_WEBHOOK_MAX_BYTES;
  });

  it('answers 200 once stored, and 200 duplicate on redelivery', async () => {
    const body = JSON.stringify(anOrderPayload());
    const { headers } = signShopifyWebhook(body, { secret: SECRET, shop: SHOP, eventId: 'evt-http-1' });
    const first = await post(hub.url, body, headers);
    expect(first).toEqual({
      status: 200,
      json: { received: true, status: 'accepted', duplicate: false, rawDocumentId: expect.any(String) },
    });
    const again = await post(hub.url, body, headers);
    expect(again).toEqual({
      status: 200,
      json: {
        received: true,
        status: 'duplicate',
        duplicate: true,
        rawDocumentId: (first.json as { rawDocumentId: string }).rawDocumentId,
      },
    });
    expect(hub.outbox.messages).toHaveLength(1);
  });

  it('answers 401 with a coded error on a bad HMAC, and the very same answer for an unknown shop', async () => {
    const body = JSON.stringify(anOrderPayload());
    const badHmac = await post(hub.url, body, signShopifyWebhook(body, { secret: 'wrong', shop: SHOP }).headers);
    const unknownShop = await post(hub.url, body, signShopifyWebhook(body, { secret: 'theirs', shop: 'stranger.myshopify.com' }).headers);
    expect(badHmac).toEqual({
      status: 401,
      json: { error: { code: 'SHOPIFY.INVALID_HMAC', message: 'webhook HMAC is missing or does not match' } },
    });
    expect(unknownShop).toEqual(badHmac);
  });

  it('answers 413 for a body over the limit', async () => {
    const body = JSON.stringify(anOrderPayload({ note: 'x'.repeat(LIMIT) }));
    const { status, json } = await post(hub.url, body, signShopifyWebhook(body, { secret: SECRET, shop: SHOP }).headers);
    expect(status).toBe(413);
    expect(json).toMatchObject({ error: { code: 'SHOPIFY.PAYLOAD_TOO_LARGE', details: { limit: LIMIT } } });
  });

  it('keeps authentic malformed JSON (Nest never parses it) and answers 200 rejected', async () => {
    const body = '{"id": 1, "line_items": [';
    const { status, json } = await post(hub.url, body, signShopifyWebhook(body, { secret: SECRET, shop: SHOP }).headers);
    expect(status).toBe(200);
    expect(json).toMatchObject({ received: true, status: 'rejected', code: 'SHOPIFY.MALFORMED_JSON' });
    const stored = hub.rawDocuments.all().find((doc) => doc.id === (json as { rawDocumentId: string }).rawDocumentId);
    expect(stored?.status).toBe('rejected');
  });

  it('answers 400 for a signed request without Shopify headers', async () => {
    const body = JSON.stringify(anOrderPayload());
    const { 'X-Shopify-Topic': _topic, ...headers } = signShopifyWebhook(body, { secret: SECRET, shop: SHOP }).headers;
    const { status, json } = await post(hub.url, body, headers);
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 'SHOPIFY.MISSING_HEADERS' } });
  });

  it("also works from Nest's own rawBody capture without the middleware, except for malformed JSON", async () => {
    const plain = await startHub({ middleware: false });
    try {
      const body = JSON.stringify(anOrderPayload());
      const { status, json } = await post(plain.url, body, signShopifyWebhook(body, { secret: SECRET, shop: SHOP }).headers);
      expect(status).toBe(200);
      expect(json).toMatchObject({ status: 'accepted' });
      expect(plain.outbox.messages).toHaveLength(1);
      // Why the middleware exists: without it Nest's JSON parser refuses authentic malformed JSON before the
      // controller, so the body is lost and Shopify retries it.
      const broken = '{"id": 1, "line_items": [';
      const refused = await fetch(plain.url, {
        method: 'POST',
        body: broken,
        headers: signShopifyWebhook(broken, { secret: SECRET, shop: SHOP }).headers,
      });
      expect(refused.status).toBe(400);
      expect(plain.rawDocuments.all()).toHaveLength(1);
    } finally {
      await plain.app.close();
    }
  });
});
