import { EnsureFirstAdminUseCase } from './ensure-first-admin.use-case';
import { InMemoryAudit, InMemoryUsers, noTransaction, PlainHasher } from './in-memory-auth.fakes';

function setup() {
  const users = new InMemoryUsers();
  const audit = new InMemoryAudit();
  return { users, audit, ensure: new EnsureFirstAdminUseCase(users, new PlainHasher(), audit, noTransaction) };
}

describe('EnsureFirstAdminUseCase', () => {
  it('creates the configured administrator on an empty database, lower-casing the email', async () => {
    const { users, ensure, audit } = setup();
    const outcome = await ensure.execute({ email: 'Boss@Example.com', password: 'configured-password' });
    expect(outcome).toEqual({ created: true, userId: expect.any(String), email: 'boss@example.com', passwordSource: 'configured' });
    expect((await users.findCredentials('boss@example.com'))?.passwordHash).toBe('plain:configured-password');
    expect(audit.events).toEqual([expect.objectContaining({ actor: 'system', action: 'user.create' })]);
    expect(JSON.stringify(audit.events)).not.toContain('configured-password');
  });

  it('generates a strong password when none is configured and hands it back exactly once', async () => {
    const { users, ensure } = setup();
    const first = await ensure.execute({ email: 'admin@localhost' });
    if (!first.created || first.passwordSource !== 'generated') throw new Error('expected a generated password');
    expect(first.password.length).toBeGreaterThanOrEqual(24);
    expect((await users.findCredentials('admin@localhost'))?.passwordHash).toBe(`plain:${first.password}`);
    await expect(ensure.execute({ email: 'admin@localhost' })).resolves.toEqual({ created: false });
  });

  it('does nothing once any user exists', async () => {
    const { users, ensure } = setup();
    await users.create({ email: 'someone@example.com', name: 'S', role: 'operator', passwordHash: 'x' });
    await expect(ensure.execute({ email: 'admin@localhost', password: 'configured-password' })).resolves.toEqual({ created: false });
    expect(await users.count()).toBe(1);
  });
});
