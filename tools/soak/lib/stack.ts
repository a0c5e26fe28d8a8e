import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Database, Imap, KafkaBroker, OutboundDisk, privateDatabase, sharedDatabase } from './infrastructure';
import { ADMIN_PASSWORD, LoadGenerator, SHOPIFY_SECRET, SHOPIFY_SHOP } from './load';
import { freePort, HubProcess, PROJECT_ROOT, sleep } from './processes';
import { KafkaLag, Sampler } from './sampler';

export interface StackOptions {
  kind: 'soak' | 'chaos';
  /** Our own PostgreSQL instance (restartable) instead of a throwaway database on the shared server. */
  privatePostgres: boolean;
  /** Put HUB_DATA_DIR/edi/outbound on a small filesystem of its own (so it can be filled). */
  smallOutboundDisk: boolean;
  withEmail: boolean;
  seed: number;
  sampleSeconds: number;
  print: (line: string) => void;
}

/**
 * Everything one run needs, started in order and torn down in reverse whatever happens: a Kafka broker of its
 * own, PostgreSQL, Dovecot, a data folder, then core (migrates, seeds the demo data) and ingest as children.
 */
export class Stack {
  readonly runTag = randomBytes(3).toString('hex').toUpperCase().slice(0, 4);
  readonly artifacts: string;
  broker!: KafkaBroker;
  db!: Database;
  imap: Imap | null = null;
  imapSkipped: string | null = null;
  disk!: OutboundDisk;
  dataDir!: string;
  core!: HubProcess;
  ingest!: HubProcess;
  pool!: Pool;
  lag!: KafkaLag;
  load!: LoadGenerator;
  sampler!: Sampler;
  private cleanups: Array<() => Promise<void> | void> = [];

  constructor(readonly options: StackOptions) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    this.artifacts = join(PROJECT_ROOT, 'artifacts', 'soak', `${options.kind}-${stamp}-${this.runTag}`);
    mkdirSync(this.artifacts, { recursive: true });
  }

  get prefix(): string {
    return `soak${this.runTag.toLowerCase()}.`;
  }

  async start(): Promise<void> {
    const { print } = this.options;
    const t0 = Date.now();
    this.broker = await KafkaBroker.start();
    this.cleanups.push(() => this.broker.stop());
    print(`kafka: own broker ${this.broker.brokers} (${this.broker.dir}), ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    this.db = this.options.privatePostgres ? await privateDatabase() : await sharedDatabase('orderhub_soak');
    this.cleanups.push(() => this.db.drop());
    print(`postgres: ${this.db.describe}`);
    if (this.options.withEmail) {
      const imap = await Imap.start();
      if ('skipped' in imap) {
        this.imapSkipped = imap.skipped;
        print(`email: left out: ${imap.skipped}`);
      } else {
        this.imap = imap;
        this.cleanups.push(() => imap.stop());
        print(`email: Dovecot on 127.0.0.1:${imap.server.port}`);
      }
    }
    this.dataDir = mkdtempSync(join(tmpdir(), 'orderhub-soak-data-'));
    this.cleanups.push(() => rmSync(this.dataDir, { recursive: true, force: true }));
    this.disk = OutboundDisk.create(this.dataDir, 16, this.options.smallOutboundDisk);
    this.cleanups.push(() => this.disk.unmount());
    print(`outbound folder: ${this.disk.folder} (${this.disk.how})`);

    const env: Record<string, string> = {
      DATABASE_URL: this.db.url,
      KAFKA_BROKERS: this.broker.brokers,
      KAFKA_TOPIC_PREFIX: this.prefix,
      HUB_DATA_DIR: this.dataDir,
      HUB_DEMO: '1',
      HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HUB_LOG_LEVEL: 'info',
      HUB_OUTBOX_POLL_MS: '50',
      // Failed deliveries are retried 15 s (doubling) after their last attempt; look for them often.
      HUB_REDELIVERY_INTERVAL_MS: '5000',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const imapEnv: Record<string, string> = this.imap
      ? {
          IMAP_HOST: '127.0.0.1',
          IMAP_PORT: String(this.imap.server.port),
          IMAP_USER: 'orders',
          IMAP_PASSWORD: this.imap.server.password,
          IMAP_TLS: '0',
          IMAP_SWEEP_SECONDS: '5',
        }
      : {};
    this.core = new HubProcess('core', 'apps/core/src/main.ts', env, await freePort(), join(this.artifacts, 'core.log'));
    this.ingest = new HubProcess(
      'ingest',
      'apps/ingest/src/main.ts',
      { ...env, SHOPIFY_WEBHOOK_SECRETS: `${SHOPIFY_SHOP}=${SHOPIFY_SECRET}`, HUB_EDI_DROP_FOLDERS: '0', ...imapEnv },
      await freePort(),
      join(this.artifacts, 'ingest.log'),
    );
    this.cleanups.push(
      () => this.ingest.close(),
      () => this.core.close(),
    );
    // Core first: it migrates and loads the demo master data; ingest then seeds the demo trading partner.
    this.core.start();
    await this.core.waitHealthy();
    this.ingest.start();
    await this.ingest.waitHealthy();
    print(
      `hub: core ${this.core.baseUrl} (pid ${this.core.pid}), ingest ${this.ingest.baseUrl} (pid ${this.ingest.pid}), topics ${this.prefix}*, up in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    this.pool = new Pool({ connectionString: this.db.url, max: 4 });
    this.pool.on('error', () => undefined);
    this.cleanups.push(() => this.pool.end());
    // Plenty of stock: every line can be accepted, so the work per order does not drift during the run.
    await this.pool.query(`UPDATE inventory SET on_hand = 100000000`);
    this.lag = new KafkaLag(this.broker.brokers, this.prefix, ['orderhub-core', 'orderhub-ingest']);
    this.cleanups.push(() => this.lag.close());
    const imap = this.imap
      ? { host: '127.0.0.1', port: this.imap.server.port, user: 'orders', password: this.imap.server.password }
      : undefined;
    this.load = new LoadGenerator({ ingest: this.ingest.baseUrl, core: this.core.baseUrl, imap }, this.runTag, this.options.seed);
    this.cleanups.push(() => this.load.close());
    this.sampler = new Sampler(
      this.pool,
      this.lag,
      () => this.pids(),
      () => this.load.counts().orders,
      print,
    );
    this.cleanups.push(() => this.sampler.stop());
    // Last resort if this process dies: no child outlives it.
    const killAll = (): void => {
      for (const pid of [this.core?.pid, this.ingest?.pid])
        if (pid)
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
    };
    process.once('exit', killAll);
    this.cleanups.push(() => void process.off('exit', killAll));
  }

  pids(): Record<string, number | null> {
    return {
      ingest: this.ingest?.pid ?? null,
      core: this.core?.pid ?? null,
      kafka: this.broker?.pid() ?? null,
      ...(this.db?.pid ? { postgres: this.db.pid() } : {}),
    };
  }

  /** Accepted work not yet done: purchase orders without an outcome, EDI orders without their 855, outbox rows. */
  async backlog(): Promise<{ unaccounted: number; without855: number; outbox: number; undelivered: number } | null> {
    const accepted = this.load.sent.filter((d) => d.accepted);
    const pos = accepted.filter((d) => d.channel !== 'email').flatMap((d) => d.poNumbers);
    const mids = accepted.filter((d) => d.channel === 'email').map((d) => d.key);
    try {
      const { rows } = await this.pool.query<{ pos: number; mids: number; no855: number; outbox: number; undelivered: number }>(
        `SELECT
          (SELECT count(DISTINCT po_number) FROM (SELECT po_number FROM sales_order WHERE po_number = ANY($1) UNION ALL SELECT po_number FROM order_exception WHERE po_number = ANY($1)) x)::int AS pos,
          (SELECT count(DISTINCT r.metadata->>'messageId') FROM raw_document r WHERE r.channel = 'email' AND r.metadata->>'messageId' = ANY($2)
              AND (EXISTS (SELECT 1 FROM sales_order s WHERE s.raw_document_id = r.id) OR EXISTS (SELECT 1 FROM order_exception e WHERE e.raw_document_id = r.id)))::int AS mids,
          (SELECT count(*) FROM sales_order o WHERE o.channel = 'edi' AND NOT EXISTS (SELECT 1 FROM outbound_document d WHERE d.sales_order_id = o.id AND d.kind = '855'))::int AS no855,
          (SELECT count(*) FROM outbox_message WHERE published_at IS NULL)::int AS outbox,
          (SELECT count(*) FROM outbound_document WHERE channel = 'edi' AND status IN ('pending', 'failed'))::int AS undelivered`,
        [pos, mids],
      );
      return {
        unaccounted: pos.length - rows[0].pos + (mids.length - rows[0].mids),
        without855: rows[0].no855,
        outbox: rows[0].outbox,
        undelivered: rows[0].undelivered,
      };
    } catch {
      return null;
    }
  }

  /** Waits until everything accepted has its outcome and acknowledgement, or `timeoutMs` passes. */
  async drain(timeoutMs: number): Promise<{ drained: boolean; seconds: number; left: string }> {
    const start = Date.now();
    let left = '';
    while (Date.now() - start < timeoutMs) {
      const b = await this.backlog();
      if (b) {
        left = `${b.unaccounted} purchase order(s) without outcome, ${b.without855} EDI order(s) without 855, ${b.outbox} outbox row(s), ${b.undelivered} EDI document(s) not yet delivered`;
        // Documents a fault kept from their partner's folder count too: redelivery must get them there.
        if (b.unaccounted <= 0 && b.without855 === 0 && b.outbox === 0 && b.undelivered === 0)
          return { drained: true, seconds: (Date.now() - start) / 1000, left: '' };
      }
      await sleep(500);
    }
    return { drained: false, seconds: (Date.now() - start) / 1000, left };
  }

  /** Tears everything down in reverse order; each step bounded, failures printed, never thrown. */
  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) {
      try {
        await Promise.race([Promise.resolve(cleanup()), sleep(60_000)]);
      } catch (error) {
        this.options.print(`cleanup: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    this.cleanups = [];
  }
}
