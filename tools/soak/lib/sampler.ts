import { Admin, Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { rssMb } from './processes';

/** One acknowledged order: when the hub received its document and when the acknowledgement existed (DB clock). */
export interface Ack {
  channel: string;
  poNumber: string;
  receivedMs: number;
  ackMs: number;
}

export interface Sample {
  /** Seconds since the run started. */
  t: number;
  phase: string;
  offeredOrdersPerS: number;
  acksPerS: number;
  p50: number | null;
  p99: number | null;
  consumerLag: Record<string, number | null>;
  outboxUnpublished: number | null;
  outboxLagS: number | null;
  rss: Record<string, number | null>;
  note: string;
}

/**
 * Acknowledgements from the database: for EDI orders the stored 855, for the other channels the sales order's
 * acknowledged_at; latency is measured from the raw document's received_at (the hub's receipt).
 */
export const ACKS_SQL = `
  SELECT o.channel, o.po_number,
         EXTRACT(EPOCH FROM r.received_at) * 1000 AS received_ms,
         EXTRACT(EPOCH FROM COALESCE(d.created_at, o.acknowledged_at)) * 1000 AS ack_ms
    FROM sales_order o
    JOIN raw_document r ON r.id = o.raw_document_id
    LEFT JOIN outbound_document d ON d.sales_order_id = o.id AND d.kind = '855'
   WHERE (CASE WHEN o.channel = 'edi' THEN d.created_at ELSE o.acknowledged_at END) > to_timestamp($1::float8 / 1000)
     AND (CASE WHEN o.channel = 'edi' THEN d.created_at ELSE o.acknowledged_at END) <= to_timestamp($2::float8 / 1000)`;

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];
}

export class KafkaLag {
  private kafka: Kafka;
  private admin: Admin | null = null;

  constructor(
    brokers: string,
    private readonly prefix: string,
    private readonly groups: string[],
  ) {
    this.kafka = new Kafka({
      clientId: 'soak-monitor',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 200 },
    });
  }

  /** Messages not yet committed by each group, summed over the prefixed topics the group has offsets for. */
  async lag(): Promise<Record<string, number | null>> {
    const out: Record<string, number | null> = {};
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      }
      const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.prefix) && !t.endsWith('.dlq'));
      const ends = new Map<string, Map<number, bigint>>();
      for (const topic of topics) {
        const offsets = await this.admin.fetchTopicOffsets(topic);
        ends.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
      }
      for (const group of this.groups) {
        const committed = await this.admin.fetchOffsets({ groupId: group, topics });
        let lag = 0n;
        for (const t of committed) {
          if (!t.partitions.some((p) => Number(p.offset) >= 0)) continue; // not a topic this group reads
          for (const p of t.partitions) {
            const high = ends.get(t.topic)?.get(p.partition) ?? 0n;
            const at = Number(p.offset) >= 0 ? BigInt(p.offset) : 0n;
            lag += high > at ? high - at : 0n;
          }
        }
        out[group] = Number(lag);
      }
    } catch {
      for (const g of this.groups) out[g] = null;
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = null;
    }
    return out;
  }

  /** Messages in the dead-letter topics (the high watermarks of <prefix>*.dlq). */
  async deadLetters(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of (await admin.listTopics()).filter((t) => t.startsWith(this.prefix) && t.endsWith('.dlq'))) {
        const n = (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
        if (n > 0) out[topic.slice(this.prefix.length)] = n;
      }
    } finally {
      await admin.disconnect();
    }
    return out;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

/**
 * Every few seconds: acknowledgements and their latency since the last sample, consumer lag, outbox lag and
 * the RSS of each process. Prints one line per sample and keeps every acknowledgement for the report.
 */
export class Sampler {
  readonly samples: Sample[] = [];
  readonly acks: Ack[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastDbMs = 0;
  private lastOffered = 0;
  private lastT = 0;
  private busy = false;
  private readonly started = Date.now();
  phase = '';
  private notes: string[] = [];
  private seen = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly lag: KafkaLag,
    private readonly pids: () => Record<string, number | null>,
    private readonly offeredOrders: () => number,
    private readonly print: (line: string) => void,
  ) {}

  elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** Marks an event (a fault) on the next sample and the plot. */
  note(text: string): void {
    this.notes.push(text);
  }

  async start(intervalS: number): Promise<void> {
    this.lastDbMs = await this.dbNow();
    this.lastT = this.elapsed();
    this.print(
      `${'t(s)'.padStart(6)} ${'phase'.padEnd(6)} ${'offer/s'.padStart(8)} ${'acks/s'.padStart(7)} ${'p50ms'.padStart(7)} ${'p99ms'.padStart(7)}  lag(core/ingest)  outbox(n/age s)  RSS MiB (${Object.keys(this.pids()).join('/')})`,
    );
    this.timer = setInterval(() => void this.sample(), intervalS * 1000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 50));
    await this.sample();
  }

  private async dbNow(): Promise<number> {
    const { rows } = await this.pool.query<{ ms: string }>(`SELECT EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS ms`);
    return Number(rows[0].ms);
  }

  async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const t = this.elapsed();
      const dt = Math.max(0.001, t - this.lastT);
      let fresh: Ack[] = [];
      let outboxUnpublished: number | null = null;
      let outboxLagS: number | null = null;
      try {
        const now = await this.dbNow();
        // Timestamps are taken before their transaction commits: look back a while and skip what was seen.
        const { rows } = await this.pool.query<{ channel: string; po_number: string; received_ms: string; ack_ms: string }>(ACKS_SQL, [
          this.lastDbMs - 60_000,
          now,
        ]);
        this.lastDbMs = now;
        fresh = rows
          .filter((r) => !this.seen.has(`${r.channel}:${r.po_number}`))
          .map((r) => ({ channel: r.channel, poNumber: r.po_number, receivedMs: Number(r.received_ms), ackMs: Number(r.ack_ms) }));
        for (const a of fresh) this.seen.add(`${a.channel}:${a.poNumber}`);
        this.acks.push(...fresh);
        const outbox = await this.pool.query<{ n: number; lag: number | null }>(
          `SELECT count(*)::int AS n, EXTRACT(EPOCH FROM (now() - min(created_at)))::float8 AS lag FROM outbox_message WHERE published_at IS NULL`,
        );
        outboxUnpublished = outbox.rows[0].n;
        outboxLagS = Number(outbox.rows[0].lag ?? 0);
      } catch {
        // the database is down (a chaos fault): this sample has no database numbers
      }
      const consumerLag = await this.lag.lag();
      const rss: Record<string, number | null> = {};
      for (const [name, pid] of Object.entries(this.pids())) rss[name] = await rssMb(pid);
      const latencies = fresh.map((a) => a.ackMs - a.receivedMs).sort((a, b) => a - b);
      const offered = this.offeredOrders();
      const sample: Sample = {
        t,
        phase: this.phase,
        offeredOrdersPerS: (offered - this.lastOffered) / dt,
        acksPerS: fresh.length / dt,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        consumerLag,
        outboxUnpublished,
        outboxLagS,
        rss,
        note: this.notes.splice(0).join('; '),
      };
      this.lastOffered = offered;
      this.lastT = t;
      this.samples.push(sample);
      const f = (v: number | null, w: number, d = 0): string => (v === null ? '-' : v.toFixed(d)).padStart(w);
      const lags = Object.values(consumerLag)
        .map((v) => (v === null ? '?' : String(v)))
        .join('/');
      this.print(
        `${f(t, 6, 1)} ${sample.phase.padEnd(6)} ${f(sample.offeredOrdersPerS, 8, 1)} ${f(sample.acksPerS, 7, 1)} ${f(sample.p50, 7)} ${f(sample.p99, 7)}  ${lags.padStart(16)}  ${`${outboxUnpublished ?? '?'}/${outboxLagS === null ? '?' : outboxLagS.toFixed(1)}`.padStart(15)}  ${Object.values(
          rss,
        )
          .map((v) => (v === null ? 'down' : v.toFixed(0)))
          .join('/')}${sample.note ? `  << ${sample.note}` : ''}`,
      );
    } finally {
      this.busy = false;
    }
  }
}
