import { randomInt } from 'node:crypto';
import { DEMO_CUSTOMERS } from '@orderhub/order-core';
import { anOrderPayload, aShopifyLineItem, eventually, RunningHub, signShopifyWebhook, startHub } from '@orderhub/testing';
import { HubModule } from '../../../apps/hub/src/hub.module';

const SHOP = 'orderhub-demo.myshopify.com';
const SECRET = 'e2e-shopify-secret';

interface OrderList {
  items: Array<{ id: string; number: string; status: string; total: string }>;
  total: number;
}

/**
 * Shopify cannot run here, so the hub gets exactly what Shopify sends, signed the way Shopify signs it, and the
 * order is followed through the core: replays, updates before creates, cancels after shipment, and bad input.
 */
describe('Shopify webhooks through the whole hub', () => {
  let hub: RunningHub;
  let unitPrice: string;
  const sku = 'HW-1003';

  beforeAll(async () => {
    // The Shopify channel reads its shop secrets from the environment at boot.
    process.env.SHOPIFY_WEBHOOK_SECRETS = `${SHOP}=${SECRET}`;
    hub = await startHub((config) => HubModule.forRoot(config), { HUB_LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn' });
    // The shop's price for the demo item, so orders at that price are touchless.
    const quote = await hub.api<{ lines: Array<{ unitPrice: string }> }>('POST', '/api/v1/pricing/quote', {
      customerId: DEMO_CUSTOMERS.shopify.id,
      channel: 'shopify',
      lines: [{ sku, quantity: '2' }],
    });
    unitPrice = quote.body.lines[0].unitPrice;
  }, 90_000);
  afterAll(async () => {
    delete process.env.SHOPIFY_WEBHOOK_SECRETS;
    await hub?.close();
  }, 30_000);

  function anOrder(overrides: Record<string, unknown> = {}) {
    const n = randomInt(100000, 999999);
    return anOrderPayload({
      id: n * 1000 + 7,
      name: `#E2E${n}`,
      order_number: n,
      line_items: [aShopifyLineItem({ sku, price: unitPrice, quantity: 2, current_quantity: 2, fulfillable_quantity: 2 })],
      ...overrides,
    });
  }

  async function send(payload: unknown, topic = 'orders/create', eventId?: string, secret = SECRET, shop = SHOP): Promise<number> {
    const signed = signShopifyWebhook(JSON.stringify(payload), { secret, shop, topic, eventId });
    const res = await fetch(`${hub.baseUrl}/webhooks/shopify`, { method: 'POST', headers: signed.headers, body: signed.rawBody });
    await res.arrayBuffer();
    return res.status;
  }

  const ordersFor = async (name: string) =>
    (await hub.api<OrderList>('GET', `/api/v1/orders?channel=shopify&poNumber=${encodeURIComponent(name)}`)).body;
  const orderFor = (name: string) =>
    eventually(async () => ((await ordersFor(name)).total === 1 ? (await ordersFor(name)).items[0] : undefined), 20_000, `order ${name}`);

  it('raises one sales order for orders/create, and a replay of the same event changes nothing', async () => {
    const order = anOrder();
    expect(await send(order, 'orders/create', 'event-replay-1')).toBe(200);
    const raised = await orderFor(order.name as string);
    expect(raised.status).toBe('accepted');
    expect(await send(order, 'orders/create', 'event-replay-1')).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    expect((await ordersFor(order.name as string)).total).toBe(1);
  }, 60_000);

  it('raises the order from an orders/updated that arrives before its create; the late create adds nothing', async () => {
    const order = anOrder({ updated_at: '2025-03-14T09:30:00-04:00' });
    const updated = {
      ...order,
      line_items: [aShopifyLineItem({ sku, price: unitPrice, quantity: 3, current_quantity: 3, fulfillable_quantity: 3 })],
      updated_at: '2025-03-14T09:40:00-04:00',
    };
    expect(await send(updated, 'orders/updated')).toBe(200);
    const raised = await orderFor(order.name as string);
    expect(await send(order, 'orders/create')).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    expect((await ordersFor(order.name as string)).total).toBe(1);
    const detail = await hub.api<{ lines: Array<{ quantity: string }> }>('GET', `/api/v1/orders/${raised.id}`);
    expect(detail.body.lines[0].quantity).toBe('3');
  }, 60_000);

  it('applies a quantity change to an open order and cancels an open order, releasing its stock', async () => {
    const reservedNow = async () => (await hub.api<{ reserved: string }>('GET', `/api/v1/inventory/${sku}`)).body.reserved;
    const reservedBefore = await reservedNow();
    const order = anOrder({ updated_at: '2025-03-14T09:30:00-04:00' });
    expect(await send(order, 'orders/create')).toBe(200);
    const raised = await orderFor(order.name as string);
    const changed = {
      ...order,
      line_items: [aShopifyLineItem({ sku, price: unitPrice, quantity: 5, current_quantity: 5, fulfillable_quantity: 5 })],
      updated_at: '2025-03-14T10:00:00-04:00',
    };
    expect(await send(changed, 'orders/updated')).toBe(200);
    await eventually(
      async () => {
        const d = await hub.api<{ lines: Array<{ quantity: string }> }>('GET', `/api/v1/orders/${raised.id}`);
        return d.body.lines[0].quantity === '5' ? true : undefined;
      },
      20_000,
      'the quantity change',
    );
    expect(await send({ ...changed, cancelled_at: '2025-03-14T11:00:00-04:00', cancel_reason: 'customer' }, 'orders/cancelled')).toBe(200);
    const cancelled = await eventually(
      async () => {
        const d = await hub.api<{ status: string }>('GET', `/api/v1/orders/${raised.id}`);
        return d.body.status === 'cancelled' ? d.body : undefined;
      },
      20_000,
      'the cancel',
    );
    expect(cancelled.status).toBe('cancelled');
    expect(await reservedNow()).toBe(reservedBefore);
  }, 60_000);

  it('sends a cancel that arrives after shipment to the exceptions queue and leaves the order as shipped', async () => {
    const order = anOrder();
    expect(await send(order, 'orders/create')).toBe(200);
    const raised = await orderFor(order.name as string);
    const shipped = await hub.api<{ status: string }>('POST', `/api/v1/orders/${raised.id}/shipments`, {
      lines: [{ lineNumber: 1, quantity: '2' }],
    });
    expect(shipped.status).toBe(201);
    expect(await send({ ...order, cancelled_at: '2025-03-15T09:00:00-04:00' }, 'orders/cancelled')).toBe(200);
    const exception = await eventually(
      async () => {
        const list = await hub.api<{ items: Array<{ poNumber: string; reasons: Array<{ code: string }> }> }>(
          'GET',
          '/api/v1/exceptions?channel=shopify',
        );
        return list.body.items.find((e) => e.poNumber === order.name);
      },
      20_000,
      'the exception',
    );
    expect(exception.reasons.map((r) => r.code)).toEqual(['ORDER.CANCEL_AFTER_SHIPMENT']);
    expect((await hub.api<{ status: string }>('GET', `/api/v1/orders/${raised.id}`)).body.status).toBe(shipped.body.status);
  }, 60_000);

  it('refuses a tampered body, a wrong secret and an unknown shop with 401, and stores nothing for them', async () => {
    const before = (await hub.api<OrderList>('GET', '/api/v1/orders?channel=shopify')).body.total;
    const order = anOrder();
    const signed = signShopifyWebhook(JSON.stringify(order), { secret: SECRET, shop: SHOP });
    const tampered = Buffer.from(signed.rawBody.toString().replace(`"quantity":2`, `"quantity":200`));
    const res = await fetch(`${hub.baseUrl}/webhooks/shopify`, { method: 'POST', headers: signed.headers, body: tampered });
    expect(res.status).toBe(401);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: 'SHOPIFY.INVALID_HMAC' } });
    expect(await send(order, 'orders/create', undefined, 'not-the-secret')).toBe(401);
    expect(await send(order, 'orders/create', undefined, SECRET, 'someone-else.myshopify.com')).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    expect((await hub.api<OrderList>('GET', '/api/v1/orders?channel=shopify')).body.total).toBe(before);
  }, 30_000);

  it('answers an oversized body 413 and keeps signed malformed JSON (200, marked rejected) so Shopify stops retrying', async () => {
    const huge = anOrder({ note: 'x'.repeat(1_200_000) });
    expect(await send(huge)).toBe(413);
    const signed = signShopifyWebhook('{"id": 1, "line_items": [', { secret: SECRET, shop: SHOP });
    const res = await fetch(`${hub.baseUrl}/webhooks/shopify`, { method: 'POST', headers: signed.headers, body: signed.rawBody });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; rawDocumentId: string };
    expect(body.status).toBe('rejected');
    const raw = await hub.api<{ status: string; channel: string }>('GET', `/api/v1/raw-documents/${body.rawDocumentId}`);
    expect(raw.body).toMatchObject({ channel: 'shopify', status: 'rejected' });
  }, 30_000);
});
