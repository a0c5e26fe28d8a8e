/**
 * npm run bench — OrderHub end to end on the real PostgreSQL and Kafka: ten-line X12 850s posted to the
 * EDI door, sales orders raised (validation, pricing, stock reservation), 855s written. Prints, in one run:
 *   - latency receipt -> 855 stored (p50/p99) at a fixed offered rate (open loop);
 *   - orders/s at saturation (closed loop, 16 in flight);
 *   - beside PostgreSQL's own rate on this machine for a transaction of the same shape (1 header + 10 lines).
 * Env: BENCH_RATE (orders/s offered, default 20), BENCH_SECONDS (default 15), KAFKA_BROKERS (default: test broker).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { createThrowawayDatabase, startTsProcess } from '@orderhub/testing';
import { pgHeaderAndTenLinesRate } from './support/pg-reference';

const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SKUS = ['HW-1001', 'HW-1002', 'HW-1003', 'HW-1004', 'HW-1005', 'HW-1006', 'HW-1007', 'HW-1008', 'HW-1009', 'HW-1011'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let control = 100000;
function interchange850(poNumber: string): string {
  const isa13 = String(++control).padStart(9, '0');
  const lines = SKUS.map((sku, i) => `PO1*${i + 1}*${(i % 3) + 1}*EA***VN*${sku}~`);
  const body = [`ST*850*0001~`, `BEG*00*SA*${poNumber}**20260301~`, `N1*ST*ACME DC*92*DC01~`, ...lines, `CTT*${lines.length}~`];
  const se = `SE*${body.length + 1}*0001~`;
  return [
    `ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*ORDERHUB       *260301*0930*U*00401*${isa13}*0*P*>~`,
    `GS*PO*ACMERETAIL*ORDERHUB*20260301*0930*${control}*X*004010~`,
    ...body,
    se,
    `GE*1*${control}~`,
    `IEA*1*${isa13}~`,
  ].join('\n');
}

async function post(base: string, poNumber: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/inbound/x12`, {
    method: 'POST',
    headers: { 'content-type': 'application/edi-x12', 'x-api-key': 'demo-acme-key' },
    body: interchange850(poNumber),
  });
  await res.arrayBuffer();
  return res.status;
}

async function count855(client: Client, prefix: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbound_document d JOIN sales_order o ON o.id = d.sales_order_id WHERE d.kind = '855' AND o.po_number LIKE $1`,
    [`${prefix}%`],
  );
  return rows[0].n;
}

async function waitFor855(client: Client, prefix: string, n: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let done = 0;
  while (Date.now() < deadline) {
    done = await count855(client, prefix);
    if (done >= n) return done;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

async function main(): Promise<void> {
  const brokers =
    process.env.KAFKA_BROKERS ?? execFileSync('bash', ['tools/kafka/kafka.sh', 'start'], { encoding: 'utf8' }).trim().split('\n').pop()!;
  const db = await createThrowawayDatabase('orderhub_bench');
  const port = await freePort();
  const hub = startTsProcess('apps/hub/src/main.ts', {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: `bench${randomUUID().slice(0, 6)}.`,
    HUB_CONSUMER_GROUP: `bench-${randomUUID().slice(0, 6)}`,
    HUB_DEMO: '1',
    HUB_ADMIN_PASSWORD: 'bench-admin-password',
    HUB_LOG_LEVEL: 'warn',
    HUB_OUTBOX_POLL_MS: '50',
    PORT: String(port),
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  });
  const base = `http://127.0.0.1:${port}`;
  const client = new Client({ connectionString: db.url });
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error(`hub did not start:\n${hub.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.connect();
    // Plenty of stock, so every line is accepted and the work is the same for every order.
    await client.query(`UPDATE inventory SET on_hand = 100000000`);
    // Warm up (JIT, connection pools, topic creation).
    await Promise.all(Array.from({ length: 10 }, (_v, i) => post(base, `WARM-${i}`)));
    await waitFor855(client, 'WARM-', 10, 60_000);

    console.log(`end-to-end bench: ten-line X12 850 -> sales order -> 855, PostgreSQL 127.0.0.1:5432, Kafka ${brokers}`);
    // Phase A: open loop at a fixed offered rate; latency from receipt to the stored 855.
    const total = RATE * SECONDS;
    const start = Date.now();
    const sends: Array<Promise<number>> = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sends.push(post(base, `RATE-${i}`));
    }
    const statuses = await Promise.all(sends);
    const doneA = await waitFor855(client, 'RATE-', total, 120_000);
    const { rows } = await client.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM (d.created_at - r.received_at)) * 1000 AS ms
         FROM sales_order o JOIN raw_document r ON r.id = o.raw_document_id
         JOIN outbound_document d ON d.sales_order_id = o.id AND d.kind = '855'
        WHERE o.po_number LIKE 'RATE-%'`,
    );
    const latencies = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    console.log(
      `  offered ${RATE}/s for ${SECONDS}s: ${statuses.filter((s) => s === 202).length}/${total} accepted (202), ${doneA} 855s; receipt -> 855 p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`,
    );

    // Phase B: closed loop, 16 in flight, for SECONDS; throughput counted when the 855s exist.
    const satStart = Date.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (Date.now() - satStart < SECONDS * 1000) await post(base, `SAT-${sent++}`);
      }),
    );
    const doneB = await waitFor855(client, 'SAT-', sent, 180_000);
    if (process.env.BENCH_NODE_OPTIONS) {
      hub.signal('SIGUSR2');
      await hub.waitFor(/profile written/, 30_000);
    }
    const satSeconds = (Date.now() - satStart) / 1000;
    const ordersPerSecond = doneB / satSeconds;
    console.log(
      `  saturation (16 in flight): ${sent} posted, ${doneB} sales orders with their 855 in ${satSeconds.toFixed(1)} s = ${ordersPerSecond.toFixed(1)} orders/s`,
    );
    await client.end();
    await hub.kill();

    const pgRate = await pgHeaderAndTenLinesRate(db.url, 8, 8);
    console.log(`  PostgreSQL alone, 1 header + 10 lines per transaction, 8 clients: ${pgRate.toFixed(0)} tx/s`);
    console.log(
      `  ratio: OrderHub end to end ${(ordersPerSecond / pgRate).toFixed(3)} of PostgreSQL's ceiling for the same shape (${(pgRate / ordersPerSecond).toFixed(1)}x)`,
    );
  } finally {
    await client.end().catch(() => undefined);
    await hub.kill();
    await db.drop();
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
