/**
 * A consumer process for the crash test. It applies each message's effect through IdempotentConsumer and,
 * at message CRASH_AT, kills itself with SIGKILL after the effect committed but before the bus offset
 * was committed: the worst moment. Env: BUS (kafka|embedded), DATABASE_URL or PGLITE_DIR, KAFKA_BROKERS,
 * TOPIC, GROUP, PUBLISH (messages to publish first), EXPECT (exit 0 once this many effects exist), CRASH_AT.
 */
import 'reflect-metadata';
import { createEnvelope } from '@orderhub/contracts';
import {
  EmbeddedBus,
  IdempotentConsumer,
  KafkaBus,
  MessageBus,
  BusMessageEntity,
  BusOffsetEntity,
  OutboxMessageEntity,
  ProcessedMessageEntity,
} from '@orderhub/messaging';
import { RawDocumentEntity } from '@orderhub/persistence';
import { openTestDatabase } from '../test-database';

async function main(): Promise<void> {
  const env = process.env;
  const entities = [RawDocumentEntity, OutboxMessageEntity, ProcessedMessageEntity, BusMessageEntity, BusOffsetEntity];
  const db = env.PGLITE_DIR ? await openTestDatabase('pglite', entities, env.PGLITE_DIR) : await openExisting(env.DATABASE_URL!, entities);
  await db.dataSource.query(`CREATE TABLE IF NOT EXISTS crash_effect (n int NOT NULL, applied_at timestamptz DEFAULT now())`);
  const bus: MessageBus =
    env.BUS === 'kafka'
      ? new KafkaBus({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'crash-child', partitions: 3 })
      : new EmbeddedBus(db.tx, 2, 20);
  const topic = env.TOPIC!;
  const publish = Number(env.PUBLISH ?? 0);
  if (publish > 0) {
    await bus.publish(
      Array.from({ length: publish }, (_v, n) => {
        const e = createEnvelope({ type: 'crash.test', key: `k${n % 5}`, payload: { n }, idempotencyKey: `crash-${n}` });
        return { topic, key: e.key, value: JSON.stringify(e) };
      }),
    );
  }
  const inbox = new IdempotentConsumer(db.tx);
  const crashAt = env.CRASH_AT === undefined ? -1 : Number(env.CRASH_AT);
  const expect = Number(env.EXPECT);
  await bus.subscribe({ groupId: env.GROUP!, topics: [topic], maxAttempts: 3, retryBackoffMs: 20 }, async (m) => {
    const envelope = JSON.parse(m.value) as { idempotencyKey: string; payload: { n: number } };
    await inbox.once('crash-test', envelope, async () => {
      await db.tx.manager().query('INSERT INTO crash_effect (n) VALUES ($1)', [envelope.payload.n]);
    });
    if (envelope.payload.n === crashAt) process.kill(process.pid, 'SIGKILL');
  });
  for (;;) {
    const [{ count }] = (await db.dataSource.query('SELECT count(DISTINCT n)::int AS count FROM crash_effect')) as Array<{ count: number }>;
    if (count >= expect) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await bus.close();
  await db.dataSource.destroy();
  process.exit(0);
}

async function openExisting(url: string, entities: Function[]) {
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions, TransactionManager } = await import('@orderhub/persistence');
  const dataSource = new DataSource({
    ...(await dataSourceOptions({ DATABASE_URL: url, dataDir: '', HUB_SKIP_MIGRATIONS: false })),
    entities,
  });
  await dataSource.initialize();
  return { dataSource, tx: new TransactionManager(dataSource) };
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
