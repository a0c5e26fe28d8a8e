/**
 * npm run bench:shopify — the Shopify webhook door of the real hub beside a bare route that only checks the HMAC,
 * measured in one run with the same load generator (node:http, keep-alive):
 *   1. the hub (apps/hub/src/main.ts as a child, throwaway database on PostgreSQL 127.0.0.1:5432, embedded bus):
 *      distinct signed orders/create deliveries to POST /webhooks/shopify, answered 200 after the raw body and its
 *      outbox row are committed;
 *   2. a bare node:http server (this file again, as a child) that reads the raw body and calls verifyShopifyHmac
 *      from @orderhub/shopify, answering 200/401 — the floor of what any webhook door must do.
 * Each gets an open-loop phase at a fixed offered rate (latency from the scheduled send time to the full answer,
 * so a stalled server cannot hide queueing) and a closed-loop phase (BENCH_INFLIGHT in flight). Prints ratios,
 * not verdicts, then checks from the database that every 200 of the hub left exactly one raw_document row.
 * Env: BENCH_RATE (default 200/s), BENCH_SECONDS (default 15), BENCH_CLOSED_SECONDS (default 10),
 * BENCH_INFLIGHT (default 32).
 */
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { createServer } from 'node:net';
import { Client } from 'pg';

const SHOP = 'orderhub-demo.myshopify.com';
const SECRET = 'bench-shopify-secret-0f3c9a7e5b1d';
const SECRETS_ENV = `${SHOP}=${SECRET}`;
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLOSED_SECONDS = Number(process.env.BENCH_CLOSED_SECONDS ?? 10);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 32);
const REQUEST_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Child role: the bare HMAC-only route.
async function bareServer(): Promise<void> {
  const { parseShopifyWebhookSecrets, verifyShopifyHmac, normalizeShopDomain } = await import('@orderhub/shopify');
  const shops = parseShopifyWebhookSecrets(process.env.SHOPIFY_WEBHOOK_SECRETS);
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const shop = normalizeShopDomain(req.headers['x-shopify-shop-domain'] as string | undefined);
      const signature = req.headers['x-shopify-hmac-sha256'];
      const verdict = verifyShopifyHmac(
        Buffer.concat(chunks),
        typeof signature === 'string' ? signature : undefined,
        (shop && shops.get(shop)) || [],
      );
      res.writeHead(verdict.ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(verdict.ok ? '{"received":true}' : '{"error":"unauthorized"}');
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`bare listening on ${process.env.PORT}`));
}

// ---------------------------------------------------------------------------------------------------------------
// Load generator.
interface Target {
  name: string;
  port: number;
  agent: Agent;
}

interface Outcome {
  status: number; // 0 = network error / timeout
  ms: number;
  body: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let seq = 0;
/** A distinct orders/create delivery (own event id, webhook id and order id), signed as Shopify signs it. */
function delivery(testing: typeof import('@orderhub/testing')): { headers: Record<string, string>; body: Buffer } {
  const n = ++seq;
  const payload = testing.anOrderPayload({ name: `#B${n}`, order_number: 100000 + n, number: n });
  const signed = testing.signShopifyWebhook(JSON.stringify(payload), { secret: SECRET, shop: SHOP, topic: 'orders/create' });
  return { headers: { ...signed.headers, 'Content-Length': String(signed.rawBody.length) }, body: signed.rawBody };
}

/** Sends one request; `startedAt` (hrtime ms) is when it was due, so latency includes any client-side queueing. */
function send(target: Target, d: { headers: Record<string, string>; body: Buffer }, startedAt: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number, body: string) => {
      if (done) return;
      done = true;
      resolve({ status, ms: nowMs() - startedAt, body });
    };
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: '/webhooks/shopify',
        agent: target.agent,
        headers: d.headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
        res.on('error', () => finish(0, 'response error'));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => finish(0, e.message));
    req.end(d.body);
  });
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

interface PhaseResult {
  sent: number;
  ok: number;
  non200: Map<number, number>;
  bodyStatus: Map<string, number>;
  firstError?: string;
  seconds: number;
  p50: number;
  p99: number;
  maxLateMs: number;
}

function summarize(outcomes: Outcome[], seconds: number, maxLateMs: number): PhaseResult {
  const non200 = new Map<number, number>();
  const bodyStatus = new Map<string, number>();
  const lat: number[] = [];
  let firstError: string | undefined;
  for (const o of outcomes) {
    if (o.status !== 200) firstError ??= `${o.status || 'error'}: ${o.body.slice(0, 120)}`;
    if (o.status === 200) {
      lat.push(o.ms);
      const m = /"status":"(\w+)"/.exec(o.body);
      if (m) bodyStatus.set(m[1], (bodyStatus.get(m[1]) ?? 0) + 1);
    } else non200.set(o.status, (non200.get(o.status) ?? 0) + 1);
  }
  lat.sort((a, b) => a - b);
  return {
    sent: outcomes.length,
    ok: lat.length,
    non200,
    bodyStatus,
    firstError,
    seconds,
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    maxLateMs,
  };
}

async function openLoop(target: Target, testing: typeof import('@orderhub/testing')): Promise<PhaseResult> {
  const total = Math.round(RATE * SECONDS);
  const bodies = Array.from({ length: total }, () => delivery(testing)); // built beforehand: the generator only sends
  const start = nowMs();
  const sends: Array<Promise<Outcome>> = [];
  let maxLate = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - nowMs();
    if (wait >= 2) await new Promise((r) => setTimeout(r, wait - 1));
    while (nowMs() < due); // timers have 1 ms granularity and can fire early: spin the last millisecond
    maxLate = Math.max(maxLate, nowMs() - due);
    // Latency from the due time: if the generator runs late it counts (no coordinated omission).
    sends.push(send(target, bodies[i], due));
  }
  const outcomes = await Promise.all(sends);
  return summarize(outcomes, (nowMs() - start) / 1000, maxLate);
}

async function closedLoop(target: Target, testing: typeof import('@orderhub/testing')): Promise<PhaseResult> {
  const outcomes: Outcome[] = [];
  const start = nowMs();
  const end = start + CLOSED_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: INFLIGHT }, async () => {
      while (nowMs() < end) {
        const d = delivery(testing);
        outcomes.push(await send(target, d, nowMs()));
      }
    }),
  );
  return summarize(outcomes, (nowMs() - start) / 1000, 0);
}

function describe(r: PhaseResult): string {
  const non200 = r.non200.size ? [...r.non200].map(([s, n]) => `${n}x ${s === 0 ? 'error/timeout' : s}`).join(', ') : 'none';
  const bodies = r.bodyStatus.size ? ` (${[...r.bodyStatus].map(([s, n]) => `${s} ${n}`).join(', ')})` : '';
  const first = r.firstError ? ` (first: ${r.firstError})` : '';
  return `${(r.ok / r.seconds).toFixed(0).padStart(6)} accepted/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ${r.ok}/${r.sent} 200${bodies}, non-200: ${non200}${first}`;
}

async function waitHttp(port: number, path: string, child: { output(): string }, what: string): Promise<void> {
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    if (i > 900) throw new Error(`${what} did not start:\n${child.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const testing = await import('@orderhub/testing');
  const overallMs = (2 * SECONDS + 2 * CLOSED_SECONDS) * 1000 + 240_000;
  const db = await testing.createThrowawayDatabase('orderhub_bench_shopify');
  const hubPort = await freePort();
  const barePort = await freePort();
  const hub = testing.startTsProcess('apps/hub/src/main.ts', {
    DATABASE_URL: db.url,
    SHOPIFY_WEBHOOK_SECRETS: SECRETS_ENV,
    HUB_DEMO: '1',
    HUB_ADMIN_PASSWORD: 'bench-admin-password',
    HUB_LOG_LEVEL: 'warn',
    PORT: String(hubPort),
  });
  const bare = testing.startTsProcess('bench/shopify.bench.ts', {
    BENCH_SHOPIFY_ROLE: 'bare',
    SHOPIFY_WEBHOOK_SECRETS: SECRETS_ENV,
    PORT: String(barePort),
  });
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all([hub.kill(), bare.kill()]);
    await db.drop().catch((e: unknown) => console.error(`could not drop ${db.name}:`, e));
  };
  const watchdog = setTimeout(() => {
    console.error(`bench exceeded ${overallMs / 1000} s; giving up`);
    void cleanup().finally(() => process.exit(1));
  }, overallMs);
  const client = new Client({ connectionString: db.url });
  try {
    await Promise.all([waitHttp(hubPort, '/health', hub, 'hub'), bare.waitFor(/bare listening/, 60_000)]);
    await client.connect();
    const countRaw = async () =>
      (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_document WHERE channel = 'shopify'`)).rows[0].n;
    const before = await countRaw();
    const agentFor = () => new Agent({ keepAlive: true, maxSockets: 512, keepAliveMsecs: 1000 });
    const hubT: Target = { name: 'hub', port: hubPort, agent: agentFor() };
    const bareT: Target = { name: 'bare', port: barePort, agent: agentFor() };

    // Warm up both (JIT, pools, keep-alive sockets); the hub's 200s here count towards the database check.
    let hub200 = 0;
    for (const t of [hubT, bareT]) {
      const warm = await Promise.all(Array.from({ length: 200 }, () => send(t, delivery(testing), nowMs())));
      const ok = warm.filter((o) => o.status === 200).length;
      if (t === hubT) hub200 += ok;
      if (ok === 0)
        throw new Error(
          `${t.name}: no 200 in warm-up (${warm[0].status} ${warm[0].body.slice(0, 300)})\n${(t === hubT ? hub : bare).output().slice(-2000)}`,
        );
    }

    console.log(
      `shopify webhook bench: signed orders/create (~${delivery(testing).body.length} bytes), node:http keep-alive client, PostgreSQL 127.0.0.1:5432, embedded bus`,
    );
    console.log(`  open loop, offered ${RATE}/s for ${SECONDS} s (latency = scheduled send -> full 200 answer):`);
    const hubOpen = await openLoop(hubT, testing);
    hub200 += hubOpen.ok;
    console.log(`    hub  POST /webhooks/shopify: ${describe(hubOpen)}; generator max lateness ${hubOpen.maxLateMs.toFixed(1)} ms`);
    const bareOpen = await openLoop(bareT, testing);
    console.log(`    bare HMAC-only node:http:    ${describe(bareOpen)}; generator max lateness ${bareOpen.maxLateMs.toFixed(1)} ms`);
    console.log(
      `    ratio hub/bare: rate ${(hubOpen.ok / hubOpen.seconds / (bareOpen.ok / bareOpen.seconds)).toFixed(2)}, p50 ${(hubOpen.p50 / bareOpen.p50).toFixed(1)}x, p99 ${(hubOpen.p99 / bareOpen.p99).toFixed(1)}x`,
    );

    console.log(`  closed loop, ${INFLIGHT} in flight for ${CLOSED_SECONDS} s (latency = send -> full 200 answer):`);
    const hubClosed = await closedLoop(hubT, testing);
    hub200 += hubClosed.ok;
    console.log(`    hub  POST /webhooks/shopify: ${describe(hubClosed)}`);
    const bareClosed = await closedLoop(bareT, testing);
    console.log(`    bare HMAC-only node:http:    ${describe(bareClosed)}`);
    const hubMax = hubClosed.ok / hubClosed.seconds;
    const bareMax = bareClosed.ok / bareClosed.seconds;
    console.log(
      `    ratio hub/bare: max rate ${(hubMax / bareMax).toFixed(3)} (bare is ${(bareMax / hubMax).toFixed(1)}x the hub), p50 ${(hubClosed.p50 / bareClosed.p50).toFixed(1)}x`,
    );

    // Every 200 must be exactly one stored raw document (distinct event ids, so no duplicates expected).
    const stored = (await countRaw()) - before;
    console.log(
      `  database: ${stored} shopify raw_document rows for ${hub200} hub 200s (warm-up included, ${before} before the run) -> ${stored === hub200 ? 'one per 200' : `MISMATCH (${stored - hub200 > 0 ? '+' : ''}${stored - hub200})`}`,
    );
    hubT.agent.destroy();
    bareT.agent.destroy();
  } finally {
    clearTimeout(watchdog);
    await client.end().catch(() => undefined);
    await cleanup();
  }
  process.exit(0);
}

if (process.env.BENCH_SHOPIFY_ROLE === 'bare') {
  bareServer().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
