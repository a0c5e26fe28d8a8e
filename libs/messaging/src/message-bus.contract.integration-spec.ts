import { randomUUID } from 'node:crypto';
import { createEnvelope, Topics } from '@orderhub/contracts';
import { RawDocumentEntity } from '@orderhub/persistence';
import { openTestDatabase, TestDatabase, testKafkaBrokers } from '@orderhub/testing';
import { BusMessageEntity, BusOffsetEntity } from './embedded/bus-message.entity';
import { EmbeddedBus } from './embedded/embedded.bus';
import { ProcessedMessageEntity } from './inbox/processed-message.entity';
import { KafkaBus } from './kafka/kafka.bus';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { BusMessage, ConsumedMessage, MessageBus, PoisonMessageError, Subscription } from './ports';
import { BusTransport } from './transport/bus.transport';

const ENTITIES = [RawDocumentEntity, OutboxMessageEntity, ProcessedMessageEntity, BusMessageEntity, BusOffsetEntity];

interface Harness {
  bus: MessageBus;
  close(): Promise<void>;
}

const adapters: Array<[string, () => Promise<Harness>]> = [
  [
    'embedded (PGlite, durable through the database)',
    async () => {
      const db: TestDatabase = await openTestDatabase('pglite', ENTITIES);
      const bus = new EmbeddedBus(db.tx, 4, 25);
      return { bus, close: async () => (await bus.close(), await db.close()) };
    },
  ],
  [
    'Kafka (real Apache Kafka broker)',
    async () => {
      const bus = new KafkaBus({ brokers: testKafkaBrokers().split(','), clientId: `contract-${randomUUID().slice(0, 8)}`, partitions: 3 });
      return { bus, close: () => bus.close() };
    },
  ],
];

function msg(topic: string, key: string, body: unknown): BusMessage {
  return { topic, key, value: JSON.stringify(body) };
}

async function until(predicate: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(adapters)('MessageBus contract: %s', (_name, make) => {
  let harness: Harness;
  const subscriptions: Subscription[] = [];
  const topic = () => `contract.${randomUUID().slice(0, 8)}`;
  const group = () => `g-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    harness = await make();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
  }, 30_000);
  afterAll(async () => {
    await harness.close();
  });

  it('delivers every message and keeps each key in publish order', async () => {
    const t = topic();
    const seen = new Map<string, number[]>();
    subscriptions.push(
      await harness.bus.subscribe({ groupId: group(), topics: [t] }, async (m) => {
        const { key, n } = JSON.parse(m.value) as { key: string; n: number };
        seen.set(key, [...(seen.get(key) ?? []), n]);
      }),
    );
    const keys = ['po-1', 'po-2', 'po-3', 'po-4'];
    const batch: BusMessage[] = [];
    for (let n = 0; n < 60; n++) for (const key of keys) batch.push(msg(t, key, { key, n }));
    for (let i = 0; i < batch.length; i += 40) await harness.bus.publish(batch.slice(i, i + 40));
    await until(() => keys.every((k) => (seen.get(k)?.length ?? 0) >= 60), 30_000, 'all messages');
    for (const k of keys) expect(seen.get(k)).toEqual(Array.from({ length: 60 }, (_v, i) => i));
  }, 60_000);

  it('retries a failing handler with backoff and delivers once it succeeds', async () => {
    const t = topic();
    const attempts: number[] = [];
    let done = false;
    subscriptions.push(
      await harness.bus.subscribe({ groupId: group(), topics: [t], maxAttempts: 5, retryBackoffMs: 20 }, async (m) => {
        attempts.push(m.attempt);
        if (attempts.length < 3) throw new Error('database briefly unavailable');
        done = true;
      }),
    );
    await harness.bus.publish([msg(t, 'k', { hello: 'world' })]);
    await until(() => done, 30_000, 'third attempt');
    expect(attempts).toEqual([0, 1, 2]);
  }, 60_000);

  it('dead-letters a message whose retries are spent, with its reason, and keeps consuming', async () => {
    const t = topic();
    const g = group();
    const handled: string[] = [];
    const dead: ConsumedMessage[] = [];
    subscriptions.push(
      await harness.bus.subscribe({ groupId: g, topics: [t], maxAttempts: 3, retryBackoffMs: 10 }, async (m) => {
        const body = JSON.parse(m.value) as { id: string };
        if (body.id === 'bad') throw new Error('customer table locked');
        handled.push(body.id);
      }),
    );
    subscriptions.push(await harness.bus.subscribe({ groupId: `${g}-dlq`, topics: [`${t}.dlq`] }, async (m) => void dead.push(m)));
    await harness.bus.publish([msg(t, 'same-key', { id: 'bad' }), msg(t, 'same-key', { id: 'after' })]);
    await until(() => dead.length === 1 && handled.includes('after'), 30_000, 'dead letter and the next message');
    expect(JSON.parse(dead[0].value)).toEqual({ id: 'bad' });
    expect(dead[0].headers).toMatchObject({ 'x-dlq-code': 'BUS.RETRIES_EXHAUSTED', 'x-dlq-original-topic': t });
    expect(dead[0].headers?.['x-dlq-reason']).toContain('customer table locked');
  }, 60_000);

  it('dead-letters a message that fails schema validation at once, without retries, and the loop lives on', async () => {
    const t = Topics.PurchaseOrderReceived;
    const g = group();
    const transport = new BusTransport(harness.bus, { groupId: g, maxAttempts: 5, retryBackoffMs: 10 });
    const received: string[] = [];
    transport.addHandler(
      t,
      async (envelope: { payload: { purchaseOrder: { poNumber: string } } }) => void received.push(envelope.payload.purchaseOrder.poNumber),
      true,
    );
    const dead: ConsumedMessage[] = [];
    subscriptions.push(await harness.bus.subscribe({ groupId: `${g}-dlq`, topics: [`${t}.dlq`] }, async (m) => void dead.push(m)));
    // Other test runs share this topic on Kafka: only this run's messages (unique key) count.
    const key = `schema-${randomUUID()}`;
    const good = createEnvelope({
      type: 'purchase-order.received',
      key,
      payload: {
        purchaseOrder: {
          schemaVersion: 1,
          source: { channel: 'phone', rawDocumentId: randomUUID(), sender: 'op@example.com', receivedAt: new Date().toISOString() },
          buyer: { customerId: 'c1' },
          poNumber: `PO-${key}`,
          lines: [{ lineNumber: '1', quantity: '2', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'SKU-1' }] }],
        },
      },
    });
    await harness.bus.publish([
      { topic: t, key, value: 'not json at all' },
      { topic: t, key, value: JSON.stringify({ ...good, payload: { purchaseOrder: { poNumber: 42 } } }) },
      { topic: t, key, value: JSON.stringify(good) },
    ]);
    await transport.listen(() => undefined);
    try {
      await until(
        () => received.includes(`PO-${key}`) && dead.filter((d) => d.key === key).length === 2,
        30_000,
        'valid message and two dead letters',
      );
    } finally {
      await transport.close();
    }
    const codes = dead.filter((d) => d.key === key).map((d) => d.headers?.['x-dlq-code']);
    expect(codes).toEqual(['BUS.MALFORMED_JSON', 'BUS.INVALID_PAYLOAD']);
    expect(received.filter((r) => r === `PO-${key}`)).toHaveLength(1);
  }, 60_000);

  it('dead-letters a poison message immediately (one attempt)', async () => {
    const t = topic();
    const attempts: number[] = [];
    const dead: ConsumedMessage[] = [];
    subscriptions.push(
      await harness.bus.subscribe({ groupId: group(), topics: [t], maxAttempts: 5, retryBackoffMs: 10 }, async (m) => {
        attempts.push(m.attempt);
        throw new PoisonMessageError('TEST.POISON', 'cannot ever succeed');
      }),
    );
    subscriptions.push(await harness.bus.subscribe({ groupId: group(), topics: [`${t}.dlq`] }, async (m) => void dead.push(m)));
    await harness.bus.publish([msg(t, 'k', { x: 1 })]);
    await until(() => dead.length === 1, 30_000, 'dead letter');
    expect(attempts).toEqual([0]);
    expect(dead[0].headers?.['x-dlq-code']).toBe('TEST.POISON');
  }, 60_000);

  it('shares the work of one consumer group between two members, each message once', async () => {
    const t = topic();
    const g = group();
    const byMember: Array<string[]> = [[], []];
    for (const member of [0, 1]) {
      subscriptions.push(
        await harness.bus.subscribe({ groupId: g, topics: [t] }, async (m) => {
          byMember[member].push((JSON.parse(m.value) as { id: string }).id);
        }),
      );
    }
    // Kafka needs a moment for both members to join and split the partitions before traffic starts.
    await new Promise((r) => setTimeout(r, harness.bus instanceof KafkaBus ? 4000 : 100));
    const ids = Array.from({ length: 120 }, (_v, i) => `m${i}`);
    await harness.bus.publish(ids.map((id, i) => msg(t, `key-${i % 24}`, { id })));
    await until(() => byMember[0].length + byMember[1].length >= ids.length, 30_000, 'all messages across the group');
    await new Promise((r) => setTimeout(r, 300));
    const all = [...byMember[0], ...byMember[1]];
    expect(new Set(all).size).toBe(ids.length);
    expect(all).toHaveLength(ids.length);
    expect(byMember[0].length).toBeGreaterThan(0);
    expect(byMember[1].length).toBeGreaterThan(0);
  }, 60_000);
});
