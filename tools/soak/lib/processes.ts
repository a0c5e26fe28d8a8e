import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '../../..');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A free port whose neighbour (port + 1) is free too: Kafka's controller listens there. */
export async function freePortPair(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error('no free port pair found');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function run(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** Resident set size in MiB of one process (ps), or null when it is not running. */
export async function rssMb(pid: number | null | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const out = await run('ps', ['-o', 'rss=', '-p', String(pid)], {}, 5000);
    const kb = Number(out.trim());
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * One of the hub's deployables (ingest or core) as a child process that can be SIGKILLed and started again
 * with the same environment and port. Output goes to a log file (kept for the post-mortem) and a short tail.
 */
export class HubProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream;
  private tail = '';
  starts = 0;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    readonly port: number,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | null {
    return this.child && this.child.exitCode === null && this.child.signalCode === null ? (this.child.pid ?? null) : null;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.tail;
  }

  start(): void {
    if (this.pid) return;
    this.starts++;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', this.entry], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (d: Buffer): void => {
      this.log.write(d);
      this.tail = (this.tail + d.toString()).slice(-20_000);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.log.write(`\n==== ${new Date().toISOString()} start #${this.starts} pid ${child.pid}\n`);
    this.child = child;
  }

  /** Waits for /health to answer 200 (database and bus reachable). */
  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.pid) throw new Error(`${this.name} exited during start:\n${this.tail.slice(-3000)}`);
      const ok = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`${this.name} not healthy within ${timeoutMs} ms:\n${this.tail.slice(-3000)}`);
  }

  /** Sends `signal` and waits for the exit (SIGKILL after 15 s for anything gentler). */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    this.log.write(`\n==== ${new Date().toISOString()} ${signal} sent to pid ${child.pid}\n`);
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5_000)]);
    }
  }

  async close(): Promise<void> {
    await this.kill('SIGTERM');
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }
}
