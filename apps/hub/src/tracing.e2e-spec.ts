import { createServer, type Server } from 'node:http';
import { DEMO_PARTNER } from '@orderhub/edi-x12';
import { flushTraces } from '@orderhub/common';
import { randomUUID } from 'node:crypto';
import {
  createThrowawayDatabase,
  demo850Interchange,
  eventually,
  startHub,
  startTsProcess,
  testKafkaBrokers,
  type RunningChild,
  type RunningHub,
} from '@orderhub/testing';
import { HubModule } from './hub.module';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
}

/** A tiny OTLP/HTTP receiver (JSON encoding, as @opentelemetry/exporter-trace-otlp-http sends by default). */
function otlpReceiver(): Promise<{ server: Server; url: string; spans: Array<OtlpSpan & { service: string }> }> {
  const spans: Array<OtlpSpan & { service: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ spans: OtlpSpan[] }>;
        }>;
      };
      for (const rs of payload.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans })),
  );
}

/** The spans of one trace as an indented tree, the way a trace viewer shows them. */
function tree(spans: OtlpSpan[]): string {
  const ids = new Set(spans.map((s) => s.spanId));
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const s of spans
      .filter((x) => (parent ? x.parentSpanId === parent : !x.parentSpanId || !ids.has(x.parentSpanId)))
      .sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1))) {
      lines.push(`${'  '.repeat(depth)}${s.name}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}

describe('W3C trace context from receipt to the last document sent back', () => {
  let hub: RunningHub;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  beforeAll(async () => {
    receiver = await otlpReceiver();
    hub = await startHub((config) => HubModule.forRoot(config), { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  }, 90_000);
  afterAll(async () => {
    await hub?.close();
    receiver?.server.close();
  }, 30_000);

  it('makes one 850 one trace: the HTTP receipt, every consumer after it, and the 855 written back, exported over OTLP', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${hub.baseUrl}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: {
        'content-type': 'application/edi-x12',
        'x-api-key': DEMO_PARTNER.apiKey,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: demo850Interchange(720_000_001, 'TRACE-PO-1'),
    });
    expect(res.status).toBe(202);
    const order = await eventually(
      async () => (await hub.api<{ items: Array<{ id: string }> }>('GET', '/api/v1/orders?poNumber=TRACE-PO-1')).body.items[0],
      30_000,
      'the order',
    );
    await eventually(
      async () =>
        (await hub.api<{ items: Array<{ kind: string }> }>('GET', `/api/v1/orders/${order.id}/documents`)).body.items.some(
          (d) => d.kind === '855',
        )
          ? true
          : undefined,
      30_000,
      'the 855',
    );
    const spans = await eventually(
      async () => {
        await flushTraces();
        const mine = receiver.spans.filter((s) => s.traceId === traceId);
        return mine.some((s) => /^consume .*/.test(s.name)) && mine.length >= 3 ? mine : undefined;
      },
      30_000,
      'the spans of the trace',
    );
    console.log(`one 850, one trace (${traceId}):\n${tree(spans)}`);
    expect(spans[0].traceId).toBe(traceId);
    expect(spans.map((s) => s.name)).toContain('POST /api/v1/inbound/x12');
    // The receipt's span is the child of the partner's own span (its traceparent), and the consumers are below it.
    expect(spans.find((s) => s.name === 'POST /api/v1/inbound/x12')?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(spans.filter((s) => s.name.startsWith('consume ')).length).toBeGreaterThanOrEqual(2);
    // No span of this work started a trace of its own.
    expect(receiver.spans.filter((s) => s.name.startsWith('consume ') && s.traceId !== traceId && !s.parentSpanId)).toEqual([]);
  }, 120_000);
});

describe('one 850 across the ingest and core processes, over Kafka', () => {
  it('is one trace whose spans come from both processes', async () => {
    const receiver = await otlpReceiver();
    const db = await createThrowawayDatabase('orderhub_trace');
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC_PREFIX: `t${randomUUID().slice(0, 8)}.`,
      HUB_ADMIN_PASSWORD: 'trace-test-password',
      HUB_DEMO: '1',
      HUB_LOG_LEVEL: 'warn',
      PORT: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    };
    const children: RunningChild[] = [];
    try {
      const core = startTsProcess('apps/core/src/main.ts', env);
      children.push(core);
      await core.waitFor(/^data: /m, 90_000);
      const ingest = startTsProcess('apps/ingest/src/main.ts', env);
      children.push(ingest);
      await ingest.waitFor(/^data: /m, 90_000);
      const url = (child: RunningChild) => /OrderHub is ready: (http:\/\/localhost:\d+)\//.exec(child.output())![1];
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const posted = await fetch(`${url(ingest)}/api/v1/inbound/x12`, {
        method: 'POST',
        headers: {
          'content-type': 'application/edi-x12',
          'x-api-key': DEMO_PARTNER.apiKey,
          traceparent: `00-${traceId}-b7ad6b7169203331-01`,
        },
        body: demo850Interchange(730_000_001, 'TRACE-KAFKA-1'),
      });
      expect(posted.status).toBe(202);
      const spans = await eventually(
        async () => {
          const mine = receiver.spans.filter((s) => s.traceId === traceId);
          const services = new Set(mine.map((s) => `${s.service}: ${s.name}`));
          return services.has('orderhub-core: consume orderhub.purchase-order.received.v1') &&
            services.has('orderhub-ingest: consume orderhub.order.acknowledged.v1')
            ? mine
            : undefined;
        },
        60_000,
        'spans of the 850 from both processes',
      );
      console.log(`one 850 across ingest and core (${traceId}):\n${tree(spans.map((s) => ({ ...s, name: `[${s.service}] ${s.name}` })))}`);
      expect(spans.find((s) => s.name === 'POST /api/v1/inbound/x12')?.service).toBe('orderhub-ingest');
    } finally {
      await Promise.all(children.map((c) => c.kill()));
      receiver.server.close();
      await db.drop();
    }
  }, 240_000);
});
