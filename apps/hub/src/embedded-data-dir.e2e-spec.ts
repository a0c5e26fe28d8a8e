import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CUSTOMERS } from '@orderhub/order-core';
import { runTsChild, startTsProcess, type RunningChild } from '@orderhub/testing';

/**
 * The embedded database (PGlite under HUB_DATA_DIR) belongs to one process. Reproduces what a new user saw:
 * two hubs on one directory both issued SO-001001 and the next start found the database corrupt; and
 * sales-order numbers jumped by 32 after every restart. Real hub processes, started the way `npm start` does.
 */
describe('one hub process per embedded data directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'orderhub-datadir-'));
  const dataDir = join(root, 'data');
  const env = {
    PORT: '0',
    HUB_DATA_DIR: dataDir,
    HUB_DEMO: '1',
    HUB_ADMIN_PASSWORD: 'datadir-admin-pw-1',
    HUB_LOG_LEVEL: 'info',
    DATABASE_URL: '',
    KAFKA_BROKERS: '',
  };
  let hub: RunningChild | undefined;

  afterAll(async () => {
    await hub?.kill();
    rmSync(root, { recursive: true, force: true });
  }, 30_000);

  async function start(): Promise<{ child: RunningChild; base: string; token: string }> {
    const child = startTsProcess('apps/hub/src/main.ts', env);
    await child.waitFor(/listening on :\d+/, 120_000);
    const base = `http://127.0.0.1:${/listening on :(\d+)/.exec(child.output())![1]}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost', password: env.HUB_ADMIN_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    return { child, base, token };
  }

  async function phoneOrder(base: string, token: string, poNumber: string): Promise<string> {
    const res = await fetch(`${base}/api/v1/phone-orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        customerId: DEMO_CUSTOMERS.phone.id,
        shipToCode: 'YARD',
        poNumber,
        lines: [{ sku: 'HW-1001', quantity: '1' }],
      }),
    });
    const body = (await res.json()) as { number?: string };
    expect(res.status).toBe(201);
    return body.number!;
  }

  it('refuses a second process with one line naming the directory, and keeps the first one serving', async () => {
    const first = await start();
    hub = first.child;
    const before = await phoneOrder(first.base, first.token, 'DATADIR-1');

    const second = await runTsChild('apps/hub/src/main.ts', env, 120_000);
    expect(second.code).toBe(1);
    const lines = second.stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes('HUB_DATA_DIR'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`HUB_DATA_DIR ${dataDir} is in use by another OrderHub process`);
    expect(lines[0]).not.toMatch(/\\n\s+at /); // a sentence, not a stack trace

    // The first hub is untouched: it still answers and numbers on from where it was.
    const after = await phoneOrder(first.base, first.token, 'DATADIR-2');
    expect(Number(after.slice(3))).toBe(Number(before.slice(3)) + 1);
    await first.child.kill('SIGTERM');
    hub = undefined;
  }, 300_000);

  it('recovers the stale lock a crash leaves, and numbers sales orders on without a jump after a restart', async () => {
    const running = await start();
    hub = running.child;
    await phoneOrder(running.base, running.token, 'DATADIR-3');
    // A crash: no shutdown hook runs, the lock file stays behind naming a process that is gone.
    await running.child.kill('SIGKILL');
    expect(JSON.parse(readFileSync(join(dataDir, 'orderhub.lock'), 'utf8'))).toMatchObject({ pid: expect.any(Number) });

    const recovered = await start();
    hub = recovered.child;
    const before = await phoneOrder(recovered.base, recovered.token, 'DATADIR-4');
    // An ordinary restart (Ctrl-C, a deploy): the next number follows on, no jump of 32.
    await recovered.child.kill('SIGTERM');
    const restarted = await start();
    hub = restarted.child;
    const after = await phoneOrder(restarted.base, restarted.token, 'DATADIR-5');
    expect(Number(after.slice(3))).toBe(Number(before.slice(3)) + 1);
    await restarted.child.kill('SIGTERM');
    hub = undefined;
  }, 400_000);

  it('treats a lock naming a process that does not exist as stale', async () => {
    writeFileSync(
      join(dataDir, 'orderhub.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: new Date(0).toISOString() }),
    );
    const again = await start();
    hub = again.child;
    const res = await fetch(`${again.base}/health`);
    expect(res.status).toBe(200);
  }, 300_000);
});
