import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createThrowawayDatabase, RunningChild, startTsProcess, TEST_PG_ADMIN_URL } from '@orderhub/testing';

/**
 * The hub as operators run it (apps/hub/src/main.ts in its own process), configured with known secrets, then
 * driven through the failures that log the most: failed sign-ins, a forged webhook, a wrong partner key, bad ids,
 * a database that goes away (a 500), an unreachable mailbox and relay. No secret may appear in anything it prints or answers.
 */
const SECRETS = {
  admin: 'Adm1n-Secret-Pw-7f3a9c',
  db: 'Db-Secret-Pw-4e8b2d',
  shopify: 'shpss_Shopify-Secret-91c0ab',
  smtp: 'Smtp-Secret-Pw-5d7e13',
  imap: 'Imap-Secret-Pw-2b6f48',
  wrongPassword: 'Wrong-Guess-Pw-8a1c55',
  partnerKey: 'edi_Forged-Partner-Key-0c9d77',
};
const SHOP = 'security-test.myshopify.com';

describe('secrets stay out of logs and answers (hub process)', () => {
  let hub: RunningChild;
  let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let base: string;
  const answers: string[] = [];

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
    const res = await fetch(`${base}${path}`, { method, headers: init.headers, body: init.body });
    const text = await res.text();
    answers.push(`${method} ${path} ${res.status} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${text}`);
    return { status: res.status, headers: res.headers, text };
  }

  beforeAll(async () => {
    db = await createThrowawayDatabase('orderhub_security');
    const url = new URL(db.url);
    url.password = SECRETS.db; // the test server trusts local connections, so any password connects
    hub = startTsProcess('apps/hub/src/main.ts', {
      PORT: '0',
      DATABASE_URL: url.toString(),
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-security-')),
      HUB_DEMO: '1',
      HUB_ADMIN_PASSWORD: SECRETS.admin,
      HUB_LOG_LEVEL: 'debug',
      SHOPIFY_WEBHOOK_SECRETS: `${SHOP}=${SECRETS.shopify}`,
      // Nothing listens on port 9: the mailbox and the relay fail, and their errors are logged.
      IMAP_HOST: '127.0.0.1',
      IMAP_PORT: '9',
      IMAP_USER: 'orders@hub.example',
      IMAP_PASSWORD: SECRETS.imap,
      IMAP_TLS: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '9',
      SMTP_USER: 'hub',
      SMTP_PASSWORD: SECRETS.smtp,
      SMTP_FROM: 'OrderHub <orders@hub.example>',
    });
    await hub.waitFor(/listening on :\d+/, 90_000);
    base = `http://127.0.0.1:${/listening on :(\d+)/.exec(hub.output())![1]}`;
  }, 120_000);

  afterAll(async () => {
    await hub?.kill();
    await db?.drop();
  });

  it('prints and answers no secret through failures and successes alike', async () => {
    const json = { 'content-type': 'application/json' };
    // Sign-in: a wrong password, an unknown account, then the right one (its token is a secret too).
    expect(
      (
        await call('POST', '/api/v1/auth/login', {
          headers: json,
          body: JSON.stringify({ email: 'admin@localhost', password: SECRETS.wrongPassword }),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call('POST', '/api/v1/auth/login', {
          headers: json,
          body: JSON.stringify({ email: 'nobody@example.com', password: SECRETS.wrongPassword }),
        })
      ).status,
    ).toBe(401);
    const login = await call('POST', '/api/v1/auth/login', {
      headers: json,
      body: JSON.stringify({ email: 'admin@localhost', password: SECRETS.admin }),
    });
    expect(login.status).toBe(200);
    const token = (JSON.parse(login.text) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };

    // Shopify: signed with the wrong secret, and with none.
    const body = JSON.stringify({ id: 1, name: '#1001' });
    const shopifyHeaders = { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-shop-domain': SHOP };
    const forged = createHmac('sha256', 'not-the-secret').update(body).digest('base64');
    expect(
      (await call('POST', '/webhooks/shopify', { headers: { ...shopifyHeaders, 'x-shopify-hmac-sha256': forged }, body })).status,
    ).toBe(401);
    expect((await call('POST', '/webhooks/shopify', { headers: shopifyHeaders, body })).status).toBe(401);

    // EDI: a key that is no partner's.
    expect(
      (
        await call('POST', '/api/v1/inbound/x12', {
          headers: { 'x-api-key': SECRETS.partnerKey, 'content-type': 'application/edi-x12' },
          body: 'ISA*00*',
        })
      ).status,
    ).toBe(401);

    // Malformed ids, junk bodies and a session token of the right shape that is nobody's.
    const statuses: Record<string, number> = {};
    for (const path of [
      '/api/v1/customers/not-a-uuid',
      '/api/v1/products/%00',
      '/api/v1/price-rules/1',
      '/api/v1/orders/x',
      '/api/v1/exceptions/x',
      '/api/v1/raw-documents/x',
      '/api/v1/users/x',
    ]) {
      statuses[path] = (await call('GET', path, { headers: auth })).status;
    }
    expect(Object.entries(statuses).filter(([, status]) => status >= 500)).toEqual([]);
    await call('POST', '/api/v1/customers', { headers: { ...auth, ...json }, body: '{"name": ' });
    await call('PATCH', '/api/v1/customers/00000000-0000-0000-0000-000000000000', {
      headers: { ...auth, ...json },
      body: JSON.stringify({ emails: 'x'.repeat(5000) }),
    });
    await call('POST', '/api/v1/exceptions/00000000-0000-0000-0000-000000000000/resolve', {
      headers: { ...auth, ...json },
      body: JSON.stringify({ action: 'approve', corrections: { lines: 5 } }),
    });
    expect((await call('GET', '/api/v1/orders', { headers: { authorization: `Bearer ${'A'.repeat(43)}` } })).status).toBe(401);
    // A 500: the database stops accepting connections and the hub's are cut, so the next query fails in the driver
    // (whose errors carry connection details). The answer must be generic, the log must not hold the URL's password.
    await admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}' AND pid <> pg_backend_pid()`);
    try {
      const failed = await call('GET', '/api/v1/orders', { headers: auth });
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect(failed.text).not.toMatch(/postgres|accepting|connection|terminat/i);
      const health = await call('GET', '/health');
      expect(health.status).toBe(503);
      expect(JSON.parse(health.text)).toMatchObject({ status: 'degraded', db: 'unavailable' });
    } finally {
      await admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
    }
    await call('GET', '/health');
    await call('GET', '/metrics');
    await call('GET', '/api/docs-json');

    // Give the mailbox reader and the relay time to fail and log it.
    await new Promise((r) => setTimeout(r, 1500));

    const output = hub.output();
    expect(output).toMatch(/"level":"(warn|error)"/); // failures were logged, so the absence below means something
    // The sign-in answer carries its own token by design; no other answer and no log line may.
    const everything = `${output}\n${answers.filter((a) => a !== answers[2]).join('\n')}`;
    expect(answers[2]).toContain(token);
    const leaked = [...Object.entries(SECRETS), ['session token', token]]
      .filter(([, secret]) => everything.includes(secret))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
  }, 90_000);

  it('answers with the security headers: no-store and a strict CSP on the API, a CSP on the console, no x-powered-by', async () => {
    const api = await call('GET', '/api/v1/orders');
    expect(api.status).toBe(401);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('x-powered-by')).toBeNull();

    const malformed = await call('POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, body: '{' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-content-type-options')).toBe('nosniff');

    const console = await call('GET', '/', { headers: { accept: 'text/html' } });
    expect(console.status).toBe(200);
    expect(console.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(console.headers.get('x-powered-by')).toBeNull();

    const tls = await call('GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);

    // A text body larger than 1 MiB is refused before authentication anywhere but the admin CSV import.
    const big = await call('POST', '/api/v1/auth/login', { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
  }, 60_000);
});
