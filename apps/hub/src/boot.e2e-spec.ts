import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts the hub as a person would (`npm start`'s command line) with only the given environment; resolves when it
 * exits, or when it printed its start-up report (then it is stopped with SIGTERM, as Ctrl-C would).
 */
function startHub(env: Record<string, string>, args: string[] = ['apps/hub/src/main.ts']): Promise<Run> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (/^data: .*$/m.test(stdout.slice(stdout.indexOf('OrderHub is ready')))) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

function freePortHeld(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '0.0.0.0', () => resolve(server)));
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('a boot error is one line naming the variable and an example, and exit code 78', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'orderhub-boot-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('PORT=abc', async () => {
    const run = await startHub({ PORT: 'abc', HUB_DATA_DIR: dataDir });
    expect(run.code).toBe(78);
    expect(lines(run.stderr)).toEqual(['config error: PORT="abc" is not a TCP port number (0-65535); example: PORT=3000']);
  }, 60_000);

  it('DATABASE_URL=garbage, without echoing a value that may hold a password', async () => {
    const run = await startHub({ DATABASE_URL: 'garbage', HUB_DATA_DIR: dataDir });
    expect(run.code).toBe(78);
    expect(lines(run.stderr)).toEqual([
      'config error: DATABASE_URL is not a PostgreSQL URL (postgres://user:password@host:port/database); example: DATABASE_URL=postgres://orderhub:secret@localhost:5432/orderhub',
    ]);
  }, 60_000);

  it('a malformed SHOPIFY_WEBHOOK_SECRETS, without echoing the secret', async () => {
    const run = await startHub({ SHOPIFY_WEBHOOK_SECRETS: 'my-shop=hunter2', HUB_DATA_DIR: dataDir });
    expect(run.code).toBe(78);
    const [line, ...rest] = lines(run.stderr);
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^config error: SHOPIFY_WEBHOOK_SECRETS is not a comma-separated list of shop=secret: entry 1 of 1: "my-shop" is not a shop domain/,
    );
    expect(line).toMatch(/; example: SHOPIFY_WEBHOOK_SECRETS=my-shop\.myshopify\.com=\S+$/);
    expect(line).not.toContain('hunter2');
  }, 60_000);

  it('a port in use, found before any migration ran or any administrator was made', async () => {
    const held = await freePortHeld();
    const port = (held.address() as { port: number }).port;
    try {
      const run = await startHub({ PORT: String(port), HUB_DATA_DIR: dataDir });
      expect(run.code).toBe(78);
      expect(lines(run.stderr)).toEqual([`config error: PORT=${port} is in use by another process; example: PORT=3000`]);
      // Nothing was created: the embedded database was never opened.
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      held.close();
    }
  }, 60_000);
});

describe('the first start', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'orderhub-first-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ends with the URL, the administrator line and where data lives; routes are logged at debug only', async () => {
    const held = await freePortHeld();
    const port = (held.address() as { port: number }).port;
    held.close();
    const run = await startHub({ PORT: String(port), HUB_DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    const ready = out.findIndex((l) => l.startsWith('OrderHub is ready'));
    expect(out.slice(ready)).toEqual([
      `OrderHub is ready: http://localhost:${port}/   (console; API docs /api/docs; /health; /metrics; PORT=${port})`,
      expect.stringMatching(
        /^administrator: admin@localhost \/ \S{24,} {3}\(shown once; a new one: npm run admin -- reset-password admin@localhost\)$/,
      ),
      `data: ${dataDir} (files); embedded PostgreSQL in ${join(dataDir, 'db')}; in-process bus (durable in the database)`,
    ]);
    expect(out.filter((l) => l.includes('Mapped {'))).toEqual([]);
    // Everything before the report is one JSON object per line.
    for (const line of out.slice(0, ready)) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 120_000);

  it('npm run admin -- reset-password prints a new password once, and it signs in', async () => {
    const reset = await startHub({ HUB_DATA_DIR: dataDir }, ['apps/hub/src/cli/admin.ts', 'reset-password', 'admin@localhost']);
    expect(reset.code).toBe(0);
    const [first, second, ...rest] = lines(reset.stdout);
    expect(first).toMatch(/^new password for admin@localhost: \S{24,}$/);
    expect(second).toBe('(shown once; every session of this user has ended)');
    expect(rest).toEqual([]);
    const password = first.split(': ')[1];

    const held = await freePortHeld();
    const port = (held.address() as { port: number }).port;
    held.close();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'apps/hub/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('OrderHub is ready') && resolve())),
      );
      // A second start shows no administrator password.
      expect(out).not.toMatch(/administrator: admin@localhost \//);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@localhost', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  }, 120_000);

  it('HUB_ADMIN_PASSWORD is the administrator password at every start, also once one exists', async () => {
    const held = await freePortHeld();
    const port = (held.address() as { port: number }).port;
    held.close();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', 'apps/hub/src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        HUB_DATA_DIR: dataDir,
        HUB_ADMIN_PASSWORD: 'change-me-please',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('\ndata: ') && resolve())),
      );
      expect(out).toContain('administrator: admin@localhost with the password in HUB_ADMIN_PASSWORD');
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@localhost', password: 'change-me-please' }),
      });
      expect(login.status).toBe(200);
      // Secrets never reach the logs.
      expect(out).not.toContain('change-me-please');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  }, 120_000);
});
