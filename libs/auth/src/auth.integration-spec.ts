import 'reflect-metadata';
import { Controller, Get, HttpCode, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { HttpErrorFilter, HubConfigModule, loadHubConfig } from '@orderhub/common';
import { PersistenceModule } from '@orderhub/persistence';
import { createThrowawayDatabase } from '@orderhub/testing';
import { AuditLog, AuthenticatedUser, AuthModule, CurrentUser, Public, Roles } from '@orderhub/auth';
import { hashSessionToken } from './domain/session-token';

/** Test-only routes, one per kind of protection. */
@Controller('test')
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { ok: true };
  }

  @Get('plain')
  plain(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }

  @Post('plain')
  @HttpCode(200)
  change(@CurrentUser() user: AuthenticatedUser) {
    return { changedBy: user.id };
  }

  @Roles('admin')
  @Get('admin')
  admin() {
    return { ok: true };
  }

  @Roles('operator')
  @Get('operator')
  operator() {
    return { ok: true };
  }
}

const ADMIN = { email: 'Root@Example.com', password: 'first-admin-password' };
const OPERATOR = { email: 'olga@example.com', password: 'operator-password-1' };
const ACCOUNT_LIMIT = 4;

let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
let app: INestApplication;
let base: string;
let adminToken: string;

interface LoginAnswer {
  token: string;
  expiresAt: string;
  csrfToken: string;
  user: { id: string; email: string; role: string; name: string };
}

async function call(method: string, path: string, options: { token?: string; cookie?: string; csrf?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = `orderhub_session=${options.cookie}`;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

async function login(email: string, password: string): Promise<LoginAnswer> {
  const res = await call('POST', '/api/v1/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.json as LoginAnswer;
}

async function createUser(body: Record<string, unknown>) {
  return call('POST', '/api/v1/users', { token: adminToken, body });
}

beforeAll(async () => {
  db = await createThrowawayDatabase('orderhub_auth_test');
  const config = loadHubConfig({ DATABASE_URL: db.url, HUB_DEMO: '0', HUB_ADMIN_EMAIL: ADMIN.email, HUB_ADMIN_PASSWORD: ADMIN.password });
  const perIp = { max: 1000, windowMs: 60_000 };
  @Module({
    imports: [
      HubConfigModule.forRoot(config),
      PersistenceModule.forRoot(config),
      AuthModule.forRoot(config, { loginLimits: { perAccount: { max: ACCOUNT_LIMIT, windowMs: 60_000 }, perIp } }),
    ],
    controllers: [ProbeController],
  })
  class AuthTestModule {}
  app = await NestFactory.create(AuthTestModule, { logger: false });
  app.useGlobalFilters(new HttpErrorFilter());
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  adminToken = (await login(ADMIN.email, ADMIN.password)).token;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('sign-in', () => {
  it('creates the first administrator at boot from HUB_ADMIN_EMAIL (lower-cased) and HUB_ADMIN_PASSWORD', async () => {
    const rows = await app.get(DataSource).query(`SELECT email, role, password_hash FROM app_user`);
    expect(rows).toEqual([{ email: 'root@example.com', role: 'admin', password_hash: expect.stringMatching(/^scrypt\$32768\$8\$1\$/) }]);
  });

  it('answers token, expiry, CSRF token and the user, never the password hash, and sets a strict HttpOnly cookie', async () => {
    const res = await call('POST', '/api/v1/auth/login', { body: { email: 'ROOT@example.com', password: ADMIN.password } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      csrfToken: expect.any(String),
      user: { id: expect.any(String), email: 'root@example.com', role: 'admin', name: 'Administrator' },
    });
    expect(res.text).not.toMatch(/scrypt|hash|password/i);
    const expiresIn = Date.parse(res.json.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(11.9 * 3_600_000);
    expect(expiresIn).toBeLessThanOrEqual(12 * 3_600_000);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('orderhub_session='));
    expect(cookie).toContain(`orderhub_session=${res.json.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('stores only the SHA-256 of the token', async () => {
    const { token } = await login(ADMIN.email, ADMIN.password);
    const rows = await app.get(DataSource).query(`SELECT id FROM app_session`);
    const ids = rows.map((r: { id: string }) => r.id);
    expect(ids).toContain(hashSessionToken(token));
    expect(ids).not.toContain(token);
  });

  it('answers the same 401 for a wrong password and an unknown email, and audits both without the password', async () => {
    const wrong = await call('POST', '/api/v1/auth/login', { body: { email: ADMIN.email, password: 'not-the-password' } });
    const unknown = await call('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'whatever-it-is' } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('AUTH.INVALID_CREDENTIALS');
    }
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
    const failures = await app.get(AuditLog).list({ action: 'auth.login.failed', limit: 50, offset: 0 });
    const reasons = failures.items.map((e) => e.details.reason);
    expect(reasons).toEqual(expect.arrayContaining(['wrong-password', 'unknown-user']));
    expect(JSON.stringify(failures.items)).not.toContain('not-the-password');
    expect(JSON.stringify(failures.items)).not.toContain('whatever-it-is');
  });

  it('rejects a malformed body with 400', async () => {
    const res = await call('POST', '/api/v1/auth/login', { body: { email: ADMIN.email } });
    expect(res.status).toBe(400);
  });

  it(`throttles an account after ${ACCOUNT_LIMIT} failures with 429 AUTH.RATE_LIMITED and Retry-After, even for the right password`, async () => {
    const victim = { email: 'victim@example.com', name: 'Victim', role: 'operator', password: 'victim-password-1' };
    expect((await createUser(victim)).status).toBe(201);
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      const res = await call('POST', '/api/v1/auth/login', { body: { email: victim.email, password: `guess-number-${i}` } });
      expect(res.status).toBe(401);
    }
    const limited = await call('POST', '/api/v1/auth/login', { body: { email: 'VICTIM@example.com', password: victim.password } });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('AUTH.RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Other accounts are unaffected.
    expect((await call('POST', '/api/v1/auth/login', { body: ADMIN })).status).toBe(200);
  });
});

describe('the session guard', () => {
  let operator: LoginAnswer;

  beforeAll(async () => {
    const created = await createUser({ ...OPERATOR, name: 'Olga', role: 'operator' });
    expect(created.status).toBe(201);
    operator = await login(OPERATOR.email, OPERATOR.password);
  });

  it('answers 401 AUTH.UNAUTHENTICATED without a session, and for a token it does not know', async () => {
    for (const res of [
      await call('GET', '/test/plain'),
      await call('GET', '/test/plain', { token: 'A'.repeat(43) }),
      await call('GET', '/test/plain', { token: 'junk' }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('AUTH.UNAUTHENTICATED');
    }
  });

  it('lets anybody through a @Public() route', async () => {
    expect((await call('GET', '/test/public')).status).toBe(200);
  });

  it('gives an operator plain and operator routes, and 403 AUTH.FORBIDDEN on admin routes', async () => {
    const plain = await call('GET', '/test/plain', { token: operator.token });
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual({ id: operator.user.id, email: OPERATOR.email, role: 'operator' });
    expect((await call('GET', '/test/operator', { token: operator.token })).status).toBe(200);
    for (const path of ['/test/admin', '/api/v1/users', `/api/v1/users/${operator.user.id}`]) {
      const res = await call('GET', path, { token: operator.token });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('AUTH.FORBIDDEN');
    }
    const create = await call('POST', '/api/v1/users', {
      token: operator.token,
      body: { email: 'x@example.com', name: 'X', role: 'admin', password: 'x'.repeat(12) },
    });
    expect(create.status).toBe(403);
  });

  it('gives an admin every route, operator routes included', async () => {
    for (const path of ['/test/plain', '/test/admin', '/test/operator', '/api/v1/users']) {
      expect((await call('GET', path, { token: adminToken })).status).toBe(200);
    }
  });

  it('answers 401 AUTH.SESSION_EXPIRED once expires_at has passed', async () => {
    const { token } = await login(OPERATOR.email, OPERATOR.password);
    expect((await call('GET', '/test/plain', { token })).status).toBe(200);
    await app
      .get(DataSource)
      .query(`UPDATE app_session SET expires_at = now() - interval '1 second' WHERE id = $1`, [hashSessionToken(token)]);
    const expired = await call('GET', '/test/plain', { token });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('AUTH.SESSION_EXPIRED');
  });

  it('ends the session on logout', async () => {
    const { token } = await login(OPERATOR.email, OPERATOR.password);
    expect((await call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await call('GET', '/test/plain', { token })).json.error.code).toBe('AUTH.UNAUTHENTICATED');
  });

  describe('with the session cookie (the console)', () => {
    let session: LoginAnswer;
    beforeAll(async () => {
      session = await login(OPERATOR.email, OPERATOR.password);
    });

    it('allows safe methods without a CSRF header and hands the CSRF token out again from /auth/me', async () => {
      const me = await call('GET', '/api/v1/auth/me', { cookie: session.token });
      expect(me.status).toBe(200);
      expect(me.json).toEqual({
        user: { id: operator.user.id, email: OPERATOR.email, role: 'operator', name: 'Olga' },
        expiresAt: expect.any(String),
        csrfToken: session.csrfToken,
      });
    });

    it('answers 403 AUTH.CSRF to an unsafe method without the header or with a wrong one', async () => {
      for (const csrf of [undefined, 'wrong', operator.csrfToken]) {
        const res = await call('POST', '/test/plain', { cookie: session.token, csrf });
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe('AUTH.CSRF');
      }
    });

    it('accepts an unsafe method with the session’s CSRF token', async () => {
      const res = await call('POST', '/test/plain', { cookie: session.token, csrf: session.csrfToken });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ changedBy: operator.user.id });
    });

    it('does not ask bearer requests for a CSRF token', async () => {
      expect((await call('POST', '/test/plain', { token: session.token })).status).toBe(200);
    });
  });
});

describe('user management', () => {
  it('creates a user with a lower-cased email and answers without the hash', async () => {
    const res = await createUser({ email: 'Carl@Example.com', name: 'Carl', role: 'operator', password: 'carl-password-1' });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.any(String),
      email: 'carl@example.com',
      name: 'Carl',
      role: 'operator',
      disabled: false,
      createdAt: expect.any(String),
      lastLoginAt: null,
    });
    expect(res.text).not.toMatch(/hash|scrypt|password/i);
    const audit = await app.get(AuditLog).list({ action: 'user.create', subjectId: res.json.id, limit: 5, offset: 0 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].details).toEqual({ email: 'carl@example.com', role: 'operator' });
  });

  it('refuses short passwords, duplicate emails in any case, unknown fields and bad roles', async () => {
    const weak = await createUser({ email: 'dora@example.com', name: 'Dora', role: 'operator', password: 'short-pw' });
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('USER.WEAK_PASSWORD');
    const duplicate = await createUser({ email: 'CARL@example.com', name: 'Carl 2', role: 'operator', password: 'carl-password-2' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('USER.EMAIL_TAKEN');
    const badRole = await createUser({ email: 'eve@example.com', name: 'Eve', role: 'root', password: 'eve-password-12' });
    expect(badRole.status).toBe(400);
    expect(badRole.json.error.code).toBe('USER.INVALID_INPUT');
    const extra = await createUser({ email: 'eve@example.com', name: 'Eve', role: 'operator', password: 'eve-password-12', admin: true });
    expect(extra.status).toBe(400);
  });

  it('lists users with limit and offset, and reads one; unknown or malformed ids are 404', async () => {
    const all = await call('GET', '/api/v1/users?limit=200', { token: adminToken });
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(all.json.items.length);
    expect(all.text).not.toMatch(/hash|scrypt/i);
    const page = await call('GET', '/api/v1/users?limit=1&offset=1', { token: adminToken });
    expect(page.json.items).toEqual([all.json.items[1]]);
    expect(page.json.total).toBe(all.json.total);
    const one = await call('GET', `/api/v1/users/${all.json.items[0].id}`, { token: adminToken });
    expect(one.json).toEqual(all.json.items[0]);
    expect((await call('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000', { token: adminToken })).status).toBe(404);
    expect((await call('GET', '/api/v1/users/not-a-uuid', { token: adminToken })).status).toBe(404);
    expect((await call('GET', '/api/v1/users?limit=0', { token: adminToken })).status).toBe(400);
  });

  it('disabling a user ends their sessions and stops them signing in', async () => {
    const created = await createUser({ email: 'fred@example.com', name: 'Fred', role: 'operator', password: 'fred-password-1' });
    const { token } = await login('fred@example.com', 'fred-password-1');
    expect((await call('GET', '/test/plain', { token })).status).toBe(200);

    const disabled = await call('PATCH', `/api/v1/users/${created.json.id}`, { token: adminToken, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.json.disabled).toBe(true);
    const after = await call('GET', '/test/plain', { token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('AUTH.UNAUTHENTICATED');
    const relogin = await call('POST', '/api/v1/auth/login', { body: { email: 'fred@example.com', password: 'fred-password-1' } });
    expect(relogin.status).toBe(401);
    expect(relogin.json.error.code).toBe('AUTH.INVALID_CREDENTIALS');
    const [{ count }] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM app_session WHERE user_id = $1`, [created.json.id]);
    expect(count).toBe(0);
    const audit = await app.get(AuditLog).list({ action: 'user.update', subjectId: created.json.id, limit: 5, offset: 0 });
    expect(audit.items[0].details).toEqual({ disabled: { from: false, to: true }, sessionsEnded: 1 });
  });

  it('changes role and password: the role applies to live sessions at once, the new password works, the old sessions end', async () => {
    const created = await createUser({ email: 'gina@example.com', name: 'Gina', role: 'operator', password: 'gina-password-1' });
    const { token } = await login('gina@example.com', 'gina-password-1');
    expect((await call('GET', '/test/admin', { token })).status).toBe(403);
    await call('PATCH', `/api/v1/users/${created.json.id}`, { token: adminToken, body: { role: 'admin' } });
    expect((await call('GET', '/test/admin', { token })).status).toBe(200);

    const changed = await call('PATCH', `/api/v1/users/${created.json.id}`, { token: adminToken, body: { password: 'gina-password-2' } });
    expect(changed.status).toBe(200);
    expect((await call('GET', '/test/plain', { token })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: 'gina@example.com', password: 'gina-password-1' } })).status).toBe(
      401,
    );
    await login('gina@example.com', 'gina-password-2');
    const audit = await app.get(AuditLog).list({ action: 'user.update', subjectId: created.json.id, limit: 5, offset: 0 });
    expect(JSON.stringify(audit.items)).not.toContain('gina-password');
  });

  it('lets every user change their own password with the current one: this session stays, the others end', async () => {
    await createUser({ email: 'hal@example.com', name: 'Hal', role: 'operator', password: 'hal-password-1' });
    const here = await login('hal@example.com', 'hal-password-1');
    const elsewhere = await login('hal@example.com', 'hal-password-1');
    const wrong = await call('POST', '/api/v1/auth/password', {
      token: here.token,
      body: { currentPassword: 'not-it', newPassword: 'hal-password-2' },
    });
    expect(wrong.json.error.code).toBe('USER.WRONG_CURRENT_PASSWORD');
    const weak = await call('POST', '/api/v1/auth/password', {
      token: here.token,
      body: { currentPassword: 'hal-password-1', newPassword: 'short' },
    });
    expect(weak.json.error.code).toBe('USER.WEAK_PASSWORD');
    const changed = await call('POST', '/api/v1/auth/password', {
      token: here.token,
      body: { currentPassword: 'hal-password-1', newPassword: 'hal-password-2' },
    });
    expect(changed.status).toBe(204);
    expect((await call('GET', '/test/plain', { token: here.token })).status).toBe(200);
    expect((await call('GET', '/test/plain', { token: elsewhere.token })).status).toBe(401);
    await login('hal@example.com', 'hal-password-2');
    expect((await call('POST', '/api/v1/auth/password', { body: { currentPassword: 'x', newPassword: 'y' } })).status).toBe(401);
  });

  it('resets a password for an admin: a random one answered once, the user signed out, operators refused', async () => {
    const created = await createUser({ email: 'ida@example.com', name: 'Ida', role: 'operator', password: 'ida-password-1' });
    const { token } = await login('ida@example.com', 'ida-password-1');
    expect((await call('POST', `/api/v1/users/${created.json.id}/reset-password`, { token })).status).toBe(403);
    const reset = await call('POST', `/api/v1/users/${created.json.id}/reset-password`, { token: adminToken });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    const password = reset.json.password as string;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await call('GET', '/test/plain', { token })).status).toBe(401);
    await login('ida@example.com', password);
    const again = await call('POST', `/api/v1/users/${created.json.id}/reset-password`, { token: adminToken });
    expect(again.json.password).not.toBe(password);
  });

  it('refuses a weak new password and an empty change', async () => {
    const all = await call('GET', '/api/v1/users', { token: adminToken });
    const id = all.json.items[0].id;
    expect((await call('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: { password: 'short' } })).json.error.code).toBe(
      'USER.WEAK_PASSWORD',
    );
    expect((await call('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: {} })).status).toBe(400);
  });

  it('keeps the last active administrator', async () => {
    // Demote every other admin first, so the first administrator is the last one.
    const all = await call('GET', '/api/v1/users?limit=200', { token: adminToken });
    const me = (await call('GET', '/api/v1/auth/me', { token: adminToken })).json.user;
    for (const user of all.json.items.filter((u: { role: string; id: string }) => u.role === 'admin' && u.id !== me.id)) {
      expect((await call('PATCH', `/api/v1/users/${user.id}`, { token: adminToken, body: { role: 'operator' } })).status).toBe(200);
    }
    for (const body of [{ role: 'operator' }, { disabled: true }]) {
      const res = await call('PATCH', `/api/v1/users/${me.id}`, { token: adminToken, body });
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('USER.LAST_ADMIN');
    }
  });
});
