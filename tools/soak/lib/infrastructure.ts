import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createThrowawayDatabase, dovecotBinary, startDovecot, type DovecotServer } from '@orderhub/testing';
import { freePort, freePortPair, PROJECT_ROOT, run, sleep } from './processes';

/** A Kafka broker of our own (tools/kafka/kafka.sh with its own KAFKA_PORT/KAFKA_DIR): restarting it disturbs no one. */
export class KafkaBroker {
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private get env(): Record<string, string> {
    return { KAFKA_PORT: String(this.port), KAFKA_DIR: this.dir };
  }

  static async start(): Promise<KafkaBroker> {
    const broker = new KafkaBroker(await freePortPair(), mkdtempSync(join(tmpdir(), 'orderhub-soak-kafka-')));
    await run('bash', ['tools/kafka/kafka.sh', 'start'], broker.env, 180_000);
    return broker;
  }

  pid(): number | null {
    try {
      return Number(readFileSync(join(this.dir, 'pid'), 'utf8').trim()) || null;
    } catch {
      return null;
    }
  }

  async restart(): Promise<void> {
    await run('bash', ['tools/kafka/kafka.sh', 'restart'], this.env, 180_000);
  }

  async stop(): Promise<void> {
    await run('bash', ['tools/kafka/kafka.sh', 'stop'], this.env, 60_000).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Database {
  url: string;
  describe: string;
  /** Only for a private instance: crash (immediate stop) and start again. */
  restart?: (downMs: number) => Promise<void>;
  pid?: () => number | null;
  drop(): Promise<void>;
}

/** A throwaway database on the shared PostgreSQL server (ENVIRONMENT.md): never restarted. */
export async function sharedDatabase(prefix: string): Promise<Database> {
  const db = await createThrowawayDatabase(prefix);
  return { url: db.url, describe: `shared PostgreSQL 127.0.0.1:5432, database ${db.name}`, drop: db.drop };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL instance of our own (initdb into a temp dir, pg_ctl on another port, run as `postgres`), so a
 * chaos run can crash and restart it without touching the server other tests use.
 */
export async function privateDatabase(): Promise<Database> {
  if (!existsSync(`${PG_BIN}/initdb`)) throw new Error(`${PG_BIN}/initdb not found (Debian's postgresql-15)`);
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-soak-pg-'));
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  const port = await freePort();
  const data = join(dir, 'data');
  const asPostgres = (cmd: string, args: string[], timeoutMs = 120_000): Promise<string> =>
    run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${cmd}`, ...args], {}, timeoutMs);
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB`;
  const start = (): Promise<string> =>
    asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-o', opts, '-w', '-t', '60', 'start']);
  await start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE orderhub_chaos');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/orderhub_chaos`,
    describe: `private PostgreSQL 15 on 127.0.0.1:${port} (${dir})`,
    restart: async (downMs) => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await sleep(downMs);
      await start();
    },
    pid: () => {
      try {
        return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
      } catch {
        return null;
      }
    },
    drop: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The folder the hub writes partner documents to (HUB_DATA_DIR/edi/outbound), on a small filesystem of its own
 * when this machine lets us mount one, so a chaos run can fill it. Without a mount it says so, and filling
 * falls back to making the folder unwritable (which root ignores: then the fault is only reported, not felt).
 */
export class OutboundDisk {
  private filler: string;
  readonly mounted: boolean;
  readonly how: string;

  private constructor(
    readonly folder: string,
    mounted: boolean,
    how: string,
  ) {
    this.mounted = mounted;
    this.how = how;
    this.filler = join(folder, '.soak-filler');
  }

  static create(dataDir: string, sizeMb: number, mount: boolean): OutboundDisk {
    const folder = join(dataDir, 'edi', 'outbound');
    mkdirSync(folder, { recursive: true });
    if (!mount) return new OutboundDisk(folder, false, 'plain folder');
    const tmpfs = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', folder], { encoding: 'utf8' });
    if (tmpfs.status === 0) return new OutboundDisk(folder, true, `tmpfs of ${sizeMb} MiB`);
    const image = join(dataDir, 'outbound.img');
    const loop =
      spawnSync('truncate', ['-s', `${sizeMb}M`, image]).status === 0 &&
      spawnSync('mkfs.ext4', ['-q', '-F', image]).status === 0 &&
      spawnSync('mount', ['-o', 'loop', image, folder]).status === 0;
    if (loop) return new OutboundDisk(folder, true, `loop-mounted ext4 of ${sizeMb} MiB`);
    return new OutboundDisk(folder, false, `no mount possible (${tmpfs.stderr.trim()}); simulated with a read-only folder`);
  }

  /** Fills the filesystem to the last byte; returns the bytes written. */
  fill(): number {
    if (!this.mounted) {
      spawnSync('chmod', ['0555', this.folder]);
      return 0;
    }
    const fd = openSync(this.filler, 'w');
    const chunk = Buffer.alloc(256 * 1024);
    let written = 0;
    try {
      for (let size = chunk.length; size >= 512;) {
        try {
          written += writeSync(fd, chunk, 0, size);
        } catch {
          size = Math.floor(size / 2);
        }
      }
    } finally {
      closeSync(fd);
    }
    return written;
  }

  free(): void {
    if (!this.mounted) spawnSync('chmod', ['0755', this.folder]);
    else if (existsSync(this.filler)) unlinkSync(this.filler);
  }

  unmount(): void {
    if (this.mounted) spawnSync('umount', ['-l', this.folder]);
  }
}

/** Dovecot for the email door, restartable without losing its mailbox (the IMAP connection drops). */
export class Imap {
  private own: ChildProcess | null = null;

  private constructor(readonly server: DovecotServer) {}

  static async start(): Promise<Imap | { skipped: string }> {
    if (!dovecotBinary())
      return { skipped: 'dovecot is not installed (apt-get install -y --no-install-recommends dovecot-imapd); emails left out of the mix' };
    try {
      return new Imap(await startDovecot({ user: 'orders' }));
    } catch (error) {
      return { skipped: `Dovecot did not start: ${(error as Error).message.split('\n')[0]}` };
    }
  }

  private masterPid(): number | null {
    try {
      return Number(readFileSync(join(this.server.dir, 'run', 'master.pid'), 'utf8').trim()) || null;
    } catch {
      return null;
    }
  }

  pid(): number | null {
    return this.masterPid();
  }

  /** SIGKILLs the master and its children (every IMAP connection drops), waits, starts it again on the same port. */
  async crash(downMs: number): Promise<void> {
    const master = this.masterPid();
    if (master) {
      const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(master)], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((s) => Number(s.trim()))
        .filter((n) => n > 0);
      for (const pid of [master, ...children]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await sleep(downMs);
    for (let attempt = 0; attempt < 20; attempt++) {
      const child = spawn(dovecotBinary() as string, ['-F', '-c', join(this.server.dir, 'dovecot.conf')], { stdio: 'ignore' });
      this.own = child;
      if (await this.greets(5000)) return;
      child.kill('SIGKILL');
      await sleep(500);
    }
    throw new Error('Dovecot did not come back');
  }

  private async greets(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await new Promise<boolean>((resolve) => {
        const sock = connect(this.server.port, '127.0.0.1');
        sock.setTimeout(1000);
        sock.once('data', (d) => {
          sock.destroy();
          resolve(d.toString().startsWith('* OK'));
        });
        sock.once('error', () => resolve(false));
        sock.once('timeout', () => {
          sock.destroy();
          resolve(false);
        });
      });
      if (ok) return true;
      if (this.own && this.own.exitCode !== null) return false;
      await sleep(100);
    }
    return false;
  }

  async stop(): Promise<void> {
    if (this.own && this.own.exitCode === null) {
      this.own.kill('SIGTERM');
      await sleep(300);
      if (this.own.exitCode === null) this.own.kill('SIGKILL');
    }
    await this.server.stop();
  }
}

export const SOAK_ROOT = PROJECT_ROOT;
