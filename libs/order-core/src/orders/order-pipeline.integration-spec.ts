import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createEnvelope, PurchaseOrderInput, purchaseOrderSchema, Topics } from '@orderhub/contracts';
import { MessageBus } from '@orderhub/messaging';
import { eventually, RunningHub, startHub, testKafkaBrokers } from '@orderhub/testing';
import { HubModule } from '../../../../apps/hub/src/hub.module';
import { DEMO_CUSTOMERS } from '../master-data';

/** A canonical purchase order as a channel would put it on the bus. */
function aPurchaseOrder(overrides: Partial<PurchaseOrderInput> = {}): PurchaseOrderInput {
  return {
    schemaVersion: 1,
    source: { channel: 'edi', rawDocumentId: randomUUID(), sender: 'partner-acme', receivedAt: new Date().toISOString() },
    buyer: { customerId: DEMO_CUSTOMERS.acme.id },
    poNumber: `PO-${randomUUID().slice(0, 8)}`,
    shipTo: { role: 'ST', code: 'DC01' },
    lines: [{ lineNumber: '1', quantity: '5', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'HW-1001' }] }],
    ...overrides,
  };
}

interface OrderList {
  items: Array<{ id: string; number: string; poNumber: string; status: string }>;
  total: number;
}

describe('order pipeline on real PostgreSQL and Kafka', () => {
  let hub: RunningHub;
  let bus: MessageBus;

  beforeAll(async () => {
    hub = await startHub((config) => HubModule.forRoot(config), {
      KAFKA_BROKERS: testKafkaBrokers(),
      HUB_CONSUMER_GROUP: `core-${randomUUID().slice(0, 8)}`,
      KAFKA_TOPIC_PREFIX: `t${randomUUID().slice(0, 8)}.`,
      KAFKA_TOPIC_PARTITIONS: '3',
    });
    bus = hub.app.get(MessageBus);
  }, 90_000);
  afterAll(async () => {
    await hub?.close();
  }, 30_000);

  /** Publishes straight onto the bus, as the relay would: a redelivery is the same message again. */
  async function deliver(po: PurchaseOrderInput, idempotencyKey: string): Promise<void> {
    const envelope = createEnvelope({
      type: 'purchase-order.received',
      key: po.poNumber,
      idempotencyKey,
      payload: { purchaseOrder: purchaseOrderSchema.parse(po) },
    });
    await bus.publish([{ topic: Topics.PurchaseOrderReceived, key: envelope.key, value: JSON.stringify(envelope) }]);
  }

  it('raises one sales order when the same purchase order is delivered twice', async () => {
    const po = aPurchaseOrder();
    await deliver(po, `edi:test:${po.poNumber}`);
    await deliver(po, `edi:test:${po.poNumber}`);
    const orders = await eventually(
      async () => {
        const res = await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`);
        return res.body.total >= 1 ? res.body : undefined;
      },
      30_000,
      'the sales order',
    );
    // Give the redelivery time to be consumed too, then check nothing more appeared.
    await new Promise((r) => setTimeout(r, 1500));
    const again = await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`);
    expect(again.body.total).toBe(1);
    expect(orders.items[0].status).toBe('accepted');
    const exceptions = await hub.api<{ total: number }>(
      'GET',
      `/api/v1/exceptions?customerId=${DEMO_CUSTOMERS.acme.id}&reason=ORDER.DUPLICATE_PO`,
    );
    expect(exceptions.body.total).toBe(0);
  }, 60_000);

  it('flags a second, different delivery of a PO number the customer already used as ORDER.DUPLICATE_PO', async () => {
    const po = aPurchaseOrder();
    await deliver(po, `edi:a:${po.poNumber}`);
    await eventually(
      async () => ((await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`)).body.total === 1 ? true : undefined),
      30_000,
      'first order',
    );
    await deliver({ ...po, source: { ...po.source, rawDocumentId: randomUUID() } }, `edi:b:${po.poNumber}`);
    const flagged = await eventually(
      async () => {
        const res = await hub.api<{ items: Array<{ poNumber: string; reasons: Array<{ code: string }> }> }>(
          'GET',
          `/api/v1/exceptions?reason=ORDER.DUPLICATE_PO`,
        );
        return res.body.items.find((e) => e.poNumber === po.poNumber);
      },
      30_000,
      'the duplicate exception',
    );
    expect(flagged.reasons.map((r) => r.code)).toContain('ORDER.DUPLICATE_PO');
    expect((await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`)).body.total).toBe(1);
  }, 60_000);

  it('never oversells when orders race for the last units', async () => {
    const sku = 'HW-1010';
    // Exactly 7 units in one warehouse; 6 orders of 2 race for them.
    const put = await hub.api('PUT', `/api/v1/inventory/${sku}`, { warehouse: 'EAST', onHand: '7' });
    expect([200, 201]).toContain(put.status);
    await hub.api('PUT', `/api/v1/inventory/${sku}`, { warehouse: 'WEST', onHand: '0' });
    const pos = Array.from({ length: 6 }, () =>
      aPurchaseOrder({ lines: [{ lineNumber: '1', quantity: '2', uom: 'EA', productIds: [{ qualifier: 'VN', value: sku }] }] }),
    );
    await Promise.all(pos.map((po) => deliver(po, `race:${po.poNumber}`)));
    const raised = await eventually(
      async () => {
        const lists = await Promise.all(pos.map((po) => hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`)));
        return lists.every((l) => l.body.total === 1) ? lists.map((l) => l.body.items[0]) : undefined;
      },
      40_000,
      'six orders',
    );
    const details = await Promise.all(
      raised.map((o) =>
        hub.api<{ lines: Array<{ acceptedQuantity: string; backorderedQuantity: string }> }>('GET', `/api/v1/orders/${o.id}`),
      ),
    );
    const accepted = details.reduce((sum, d) => sum + Number(d.body.lines[0].acceptedQuantity), 0);
    const backordered = details.reduce((sum, d) => sum + Number(d.body.lines[0].backorderedQuantity), 0);
    // Every unit on the shelf is promised once, never more; what is short is backordered, not lost.
    expect(accepted).toBe(7);
    expect(accepted + backordered).toBe(12);
    const client = new Client({ connectionString: hub.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ on_hand: string; reserved: string }>(
      `SELECT on_hand, reserved FROM inventory WHERE sku = $1 AND warehouse = 'EAST'`,
      [sku],
    );
    await client.end();
    expect(Number(rows[0].reserved)).toBeLessThanOrEqual(Number(rows[0].on_hand));
  }, 90_000);

  it('ships in parts, invoices exactly what shipped, refuses to cancel a shipped order, and counts it in the KPIs', async () => {
    const po = aPurchaseOrder({
      lines: [{ lineNumber: '10', quantity: '4', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'HW-1001' }] }],
    });
    await deliver(po, `ship:${po.poNumber}`);
    const order = await eventually(
      async () => (await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`)).body.items[0],
      30_000,
      'the order',
    );
    const first = await hub.api<{ status: string; invoiceNumber: string }>('POST', `/api/v1/orders/${order.id}/shipments`, {
      lines: [{ lineNumber: 1, quantity: '1' }],
    });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('partially-shipped');
    const over = await hub.api<{ error: { code: string } }>('POST', `/api/v1/orders/${order.id}/shipments`, {
      lines: [{ lineNumber: 1, quantity: '4' }],
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('ORDER.OVERSHIPMENT');
    const rest = await hub.api<{ status: string; invoiceNumber: string }>('POST', `/api/v1/orders/${order.id}/shipments`, {
      lines: [{ lineNumber: 1, quantity: '3' }],
    });
    expect(rest.body.status).toBe('invoiced');
    expect(rest.body.invoiceNumber).not.toBe(first.body.invoiceNumber);
    const detail = await hub.api<{ status: string; lines: Array<{ shippedQuantity: string }>; history: Array<{ action: string }> }>(
      'GET',
      `/api/v1/orders/${order.id}`,
    );
    expect(detail.body.lines[0].shippedQuantity).toBe('4');
    expect(detail.body.history.map((h) => h.action)).toEqual(['received', 'accepted', 'shipped', 'shipped']);
    const cancel = await hub.api<{ error: { code: string } }>('POST', `/api/v1/orders/${order.id}/cancel`, {});
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('ORDER.NOT_CANCELLABLE');

    const other = aPurchaseOrder();
    await deliver(other, `cancel:${other.poNumber}`);
    const open = await eventually(
      async () => (await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${other.poNumber}`)).body.items[0],
      30_000,
      'the second order',
    );
    expect((await hub.api<{ status: string }>('POST', `/api/v1/orders/${open.id}/cancel`, { reason: 'buyer called' })).body.status).toBe(
      'cancelled',
    );

    const kpis = await hub.api<{
      touchlessRate: { byChannel: Record<string, number> };
      fillRate: number;
      ordersPerChannelPerDay: Array<{ channel: string; count: number }>;
      cycleTime: { p50Seconds: number };
    }>('GET', '/api/v1/kpis?days=1');
    expect(kpis.body.ordersPerChannelPerDay.filter((d) => d.channel === 'edi').reduce((n, d) => n + d.count, 0)).toBeGreaterThanOrEqual(2);
    expect(kpis.body.touchlessRate.byChannel.edi).toBeGreaterThan(0);
    expect(kpis.body.fillRate).toBeGreaterThan(0);
    expect(kpis.body.cycleTime.p50Seconds).toBeGreaterThanOrEqual(0);
  }, 90_000);

  it('dead-letters a purchase order message that fails schema validation and keeps raising the next one', async () => {
    await bus.publish([{ topic: Topics.PurchaseOrderReceived, key: 'garbage', value: JSON.stringify({ nonsense: true }) }]);
    const po = aPurchaseOrder();
    await deliver(po, `after-garbage:${po.poNumber}`);
    const list = await eventually(
      async () => {
        const res = await hub.api<OrderList>('GET', `/api/v1/orders?poNumber=${po.poNumber}`);
        return res.body.total === 1 ? res.body : undefined;
      },
      30_000,
      'the order after the garbage',
    );
    expect(list.items[0].poNumber).toBe(po.poNumber);
  }, 60_000);
});
