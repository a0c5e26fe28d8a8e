import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createEnvelope, purchaseOrderSchema, Topics } from '@orderhub/contracts';
import { KafkaBus } from '@orderhub/messaging';
import { DEMO_CUSTOMERS } from '@orderhub/order-core';
import { createThrowawayDatabase, RunningChild, startTsProcess, testKafkaBrokers } from '@orderhub/testing';

/**
 * Past one machine the core runs as several processes in one Kafka consumer group on one PostgreSQL: they
 * share the partitions, and every purchase order is raised exactly once.
 */
describe('two core processes in one consumer group', () => {
  it('raise every purchase order once between them', async () => {
    const db = await createThrowawayDatabase('orderhub_scale');
    const prefix = `s${randomUUID().slice(0, 8)}.`;
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: '6',
      HUB_CONSUMER_GROUP: 'orderhub-core',
      HUB_ADMIN_PASSWORD: 'scale-out-password',
      HUB_LOG_LEVEL: 'info',
      PORT: '0',
    };
    const cores: RunningChild[] = [];
    const bus = new KafkaBus({ brokers: testKafkaBrokers().split(','), clientId: 'scale-test', partitions: 6, topicPrefix: prefix });
    try {
      // Both boot at once on the empty database: the migration lock lets one migrate, the other wait.
      cores.push(
        startTsProcess('apps/core/src/main.ts', { ...env, HUB_DEMO: '1' }),
        startTsProcess('apps/core/src/main.ts', { ...env, HUB_DEMO: '0' }),
      );
      await Promise.all(cores.map((c) => c.waitFor(/consuming \d+ topic\(s\) as group orderhub-core/)));
      await cores[0].waitFor(/demo master data loaded/);
      // Let the group settle on both members before traffic starts.
      await new Promise((r) => setTimeout(r, 5000));
      const n = 60;
      const poNumbers = Array.from({ length: n }, (_v, i) => `SCALE-${i}-${randomUUID().slice(0, 6)}`);
      await bus.publish(
        poNumbers.map((poNumber) => {
          const purchaseOrder = purchaseOrderSchema.parse({
            schemaVersion: 1,
            source: { channel: 'edi', rawDocumentId: randomUUID(), sender: 'scale-test', receivedAt: new Date().toISOString() },
            buyer: { customerId: DEMO_CUSTOMERS.acme.id },
            poNumber,
            shipTo: { role: 'ST', code: 'DC01' },
            lines: [{ lineNumber: '1', quantity: '1', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'HW-1002' }] }],
          });
          const e = createEnvelope({
            type: 'purchase-order.received',
            key: poNumber,
            idempotencyKey: `scale:${poNumber}`,
            payload: { purchaseOrder },
          });
          return { topic: Topics.PurchaseOrderReceived, key: e.key, value: JSON.stringify(e) };
        }),
      );
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const deadline = Date.now() + 60_000;
        let count = 0;
        while (Date.now() < deadline) {
          count = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales_order WHERE po_number LIKE 'SCALE-%'`)).rows[0]
            .n;
          if (count >= n) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 1000));
        const { rows } = await client.query<{ po_number: string; times: number }>(
          `SELECT po_number, count(*)::int AS times FROM sales_order WHERE po_number LIKE 'SCALE-%' GROUP BY 1`,
        );
        expect(rows).toHaveLength(n);
        expect(rows.every((r) => r.times === 1)).toBe(true);
        const exceptions = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM order_exception`)).rows[0].n;
        expect(exceptions).toBe(0);
      } finally {
        await client.end();
      }
      // Both members did part of the work.
      const raisedBy = cores.map((c) => (c.output().match(/raised SO-/g) ?? []).length);
      expect(raisedBy[0] + raisedBy[1]).toBe(n);
      expect(raisedBy[0]).toBeGreaterThan(0);
      expect(raisedBy[1]).toBeGreaterThan(0);
    } finally {
      await Promise.all(cores.map((c) => c.kill()));
      await bus.close();
      await db.drop();
    }
  }, 180_000);
});
