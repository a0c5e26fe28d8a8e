import { UnauthorizedError } from '@orderhub/contracts';
import type { AuthOptions } from '../auth-config';
import { TooManyRequestsError } from '../domain/auth.errors';
import { hashSessionToken } from '../domain/session-token';
import { InMemoryAudit, InMemorySessions, InMemoryUsers, noTransaction, PlainHasher } from './in-memory-auth.fakes';
import { LoginThrottle } from './login-throttle';
import { LoginUseCase } from './login.use-case';

const HOUR = 3_600_000;
const options: AuthOptions = {
  session: { idleMs: 12 * HOUR, absoluteMs: 168 * HOUR },
  loginLimits: { perAccount: { max: 3, windowMs: 60_000 }, perIp: { max: 5, windowMs: 60_000 } },
};

async function setup() {
  const users = new InMemoryUsers();
  const sessions = new InMemorySessions(users);
  const hasher = new PlainHasher();
  const audit = new InMemoryAudit();
  const login = new LoginUseCase(users, sessions, hasher, audit, new LoginThrottle(options), noTransaction, options);
  const ann = await users.create({
    email: 'ann@example.com',
    name: 'Ann',
    role: 'operator',
    passwordHash: await hasher.hash('ann-password-1'),
  });
  return { users, sessions, hasher, audit, login, ann };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('LoginUseCase', () => {
  it('opens a session stored under the token hash, expiring after the idle TTL', async () => {
    const { login, sessions, audit, ann } = await setup();
    const before = Date.now();
    const result = await login.execute({ email: ' ANN@example.com', password: 'ann-password-1', ip: '10.0.0.1' });
    expect(result.user.id).toBe(ann.id);
    expect(sessions.rows.get(hashSessionToken(result.token))?.userId).toBe(ann.id);
    expect(sessions.rows.has(result.token)).toBe(false);
    expect(result.expiresAt.getTime() - before).toBeGreaterThanOrEqual(12 * HOUR);
    expect(result.expiresAt.getTime() - before).toBeLessThan(12 * HOUR + 5_000);
    expect(audit.events.map((e) => e.action)).toEqual(['auth.login']);
  });

  it('checks an unknown email against a dummy hash, so it costs what a known one costs', async () => {
    const { login, hasher } = await setup();
    await expect(login.execute({ email: 'nobody@example.com', password: 'whatever', ip: '10.0.0.1' })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(hasher.verified).toHaveLength(1);
    expect(hasher.verified[0]).toMatch(/^plain:/);
  });

  it('gives a disabled user with the right password the same answer as a wrong password', async () => {
    const { login, users, ann } = await setup();
    await users.update(ann.id, { disabled: true });
    await expect(codeOf(login.execute({ email: 'ann@example.com', password: 'ann-password-1', ip: '10.0.0.1' }))).resolves.toBe(
      'AUTH.INVALID_CREDENTIALS',
    );
  });

  it('throttles an account after its failures, also for the right password, and says when to retry', async () => {
    const { login } = await setup();
    for (let i = 0; i < 3; i++)
      await expect(codeOf(login.execute({ email: 'ann@example.com', password: `guess-${i}`, ip: `10.0.0.${i}` }))).resolves.toBe(
        'AUTH.INVALID_CREDENTIALS',
      );
    const error = await login.execute({ email: 'ann@example.com', password: 'ann-password-1', ip: '10.9.9.9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as TooManyRequestsError).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('throttles a client address that sprays many accounts', async () => {
    const { login } = await setup();
    for (let i = 0; i < 5; i++) await codeOf(login.execute({ email: `user${i}@example.com`, password: 'guess', ip: '10.6.6.6' }));
    await expect(codeOf(login.execute({ email: 'ann@example.com', password: 'ann-password-1', ip: '10.6.6.6' }))).resolves.toBe(
      'AUTH.RATE_LIMITED',
    );
    await expect(codeOf(login.execute({ email: 'ann@example.com', password: 'ann-password-1', ip: '10.0.0.7' }))).resolves.toBe('ok');
  });

  it('clears an account’s failures after a successful sign-in', async () => {
    const { login } = await setup();
    for (let i = 0; i < 2; i++) await codeOf(login.execute({ email: 'ann@example.com', password: 'typo', ip: '10.0.0.1' }));
    await login.execute({ email: 'ann@example.com', password: 'ann-password-1', ip: '10.0.0.1' });
    for (let i = 0; i < 2; i++) await codeOf(login.execute({ email: 'ann@example.com', password: 'typo', ip: '10.0.0.1' }));
    await expect(codeOf(login.execute({ email: 'ann@example.com', password: 'ann-password-1', ip: '10.0.0.1' }))).resolves.toBe('ok');
  });

  it('audits failures with the reason and never the password', async () => {
    const { login, audit } = await setup();
    await codeOf(login.execute({ email: 'ann@example.com', password: 'secret-guess-1', ip: '10.0.0.1' }));
    await codeOf(login.execute({ email: 'bob@example.com', password: 'secret-guess-2', ip: '10.0.0.1' }));
    expect(audit.events.map((e) => e.details.reason)).toEqual(['wrong-password', 'unknown-user']);
    expect(JSON.stringify(audit.events)).not.toContain('secret-guess');
  });
});
