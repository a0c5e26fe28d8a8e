/**
 * npm run bench:bus — throughput of OrderHub's bus path beside the raw broker, measured in one run:
 *   1. kafkajs alone: produce N messages and consume them back (the ceiling on this broker);
 *   2. OrderHub: N messages enqueued through the transactional outbox (committed in PostgreSQL), published
 *      by the relay to Kafka and consumed through the bus port with an idempotent consumer transaction.
 * Also: hub startup time (embedded defaults) beside a bare `node -e ""` start. Prints ratios, not verdicts.
 * Env: BENCH_MESSAGES (default 20000), KAFKA_BROKERS (default: starts the test broker).
 */
import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createEnvelope, Topics } from '@orderhub/contracts';
import { HubConfig, loadHubConfig } from '@orderhub/common';
import {
  IdempotentConsumer,
  KafkaBus,
  OutboxMessageEntity,
  OutboxRelay,
  OutboxSignal,
  ProcessedMessageEntity,
  TypeormOutbox,
  BusMessageEntity,
  BusOffsetEntity,
} from '@orderhub/messaging';
import { RawDocumentEntity } from '@orderhub/persistence';
import { openTestDatabase } from '@orderhub/testing';

const N = Number(process.env.BENCH_MESSAGES ?? 20000);
const root = join(__dirname, '..');

function brokers(): string {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  return execFileSync('bash', [join(root, 'tools/kafka/kafka.sh'), 'start'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
}

async function rawKafka(address: string): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [address], logLevel: logLevel.NOTHING });
  const topic = `bench.raw.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID().slice(0, 8)}`, maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ topic: t, partition, message }) => {
      await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      if (++seen === N) done();
    },
  });
  const payload = JSON.stringify(createEnvelope({ type: 'bench', key: 'k', payload: { n: 0, pad: 'x'.repeat(600) } }));
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i += 500) {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        { topic, messages: Array.from({ length: Math.min(500, N - i) }, (_v, j) => ({ key: `po-${(i + j) % 997}`, value: payload })) },
      ],
    });
  }
  await finished;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await consumer.disconnect();
  await producer.disconnect();
  return N / seconds;
}

async function hubPath(address: string): Promise<{ rate: number; lagP99: number }> {
  const db = await openTestDatabase('postgres', [
    RawDocumentEntity,
    OutboxMessageEntity,
    ProcessedMessageEntity,
    BusMessageEntity,
    BusOffsetEntity,
  ]);
  const prefix = `bench${randomUUID().slice(0, 6)}.`;
  const config: HubConfig = loadHubConfig({
    DATABASE_URL: db.location,
    KAFKA_BROKERS: address,
    HUB_OUTBOX_POLL_MS: '20',
    HUB_LOG_LEVEL: 'warn',
  });
  const bus = new KafkaBus({ brokers: [address], clientId: 'bench-hub', partitions: 6, topicPrefix: prefix });
  const signal = new OutboxSignal();
  const outbox = new TypeormOutbox(db.tx, signal);
  const relay = new OutboxRelay(db.tx, bus, signal, config);
  const inbox = new IdempotentConsumer(db.tx);
  let seen = 0;
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const sub = await bus.subscribe(
    { groupId: `bench-hub-${randomUUID().slice(0, 6)}`, topics: [Topics.PurchaseOrderReceived] },
    async (m) => {
      const envelope = JSON.parse(m.value) as { idempotencyKey: string; occurredAt: string };
      await inbox.once('bench', envelope, async () => undefined);
      latencies.push(Date.now() - Date.parse(envelope.occurredAt));
      if (++seen === N) done();
    },
  );
  relay.start();
  const start = process.hrtime.bigint();
  // Producers commit in small transactions, as channels do (one document, one transaction).
  const writers = 8;
  await Promise.all(
    Array.from({ length: writers }, async (_w, w) => {
      for (let i = w; i < N; i += writers * 10) {
        await db.tx.run(async () => {
          for (let j = i; j < Math.min(N, i + writers * 10); j += writers) {
            await outbox.enqueue(
              Topics.PurchaseOrderReceived,
              createEnvelope({
                type: 'bench',
                key: `po-${j % 997}`,
                idempotencyKey: `bench-${j}`,
                payload: { n: j, pad: 'x'.repeat(600) },
              }) as never,
            );
          }
        });
      }
    }),
  );
  await finished;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await relay.stop();
  await sub.stop();
  await bus.close();
  await db.close();
  latencies.sort((a, b) => a - b);
  return { rate: N / seconds, lagP99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

function timeStart(cmd: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, cmd, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        child.kill('SIGKILL');
        resolve(ms);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => (ready.test(out) ? undefined : reject(new Error(`exited ${code}: ${out.slice(-500)}`))));
  });
}

async function main(): Promise<void> {
  const address = brokers();
  console.log(`bus bench: ${N} messages of ~700 bytes, Kafka at ${address}, PostgreSQL at 127.0.0.1:5432`);
  const raw = await rawKafka(address);
  console.log(`  kafkajs produce+consume (reference):            ${raw.toFixed(0)} msg/s`);
  const hub = await hubPath(address);
  console.log(
    `  outbox (PostgreSQL) -> relay -> Kafka -> consumer: ${hub.rate.toFixed(0)} msg/s   ratio ${(hub.rate / raw).toFixed(2)} of kafkajs; enqueue->consumed p99 ${hub.lagP99} ms`,
  );
  const bare = await timeStart(['-e', 'console.log("ready")'], {}, /ready/);
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-start-'));
  try {
    const hubStart = await timeStart(
      ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'apps/hub/src/main.ts'],
      { HUB_DATA_DIR: dir, PORT: '0', HUB_ADMIN_PASSWORD: 'bench-password' },
      /listening on/,
    );
    const warm = await timeStart(
      ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'apps/hub/src/main.ts'],
      { HUB_DATA_DIR: dir, PORT: '0', HUB_ADMIN_PASSWORD: 'bench-password' },
      /listening on/,
    );
    console.log(
      `  hub startup, embedded defaults: first start ${hubStart.toFixed(0)} ms (creates and migrates the database, loads demo data), restart ${warm.toFixed(0)} ms; bare node start ${bare.toFixed(0)} ms (ratio ${(warm / bare).toFixed(1)}x)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
