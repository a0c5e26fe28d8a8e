import { InMemoryAudit, InMemorySessions, InMemoryUsers, noTransaction, PlainHasher } from './in-memory-auth.fakes';
import { UpdateUserUseCase } from './update-user.use-case';

async function setup() {
  const users = new InMemoryUsers();
  const sessions = new InMemorySessions(users);
  const audit = new InMemoryAudit();
  const update = new UpdateUserUseCase(users, sessions, new PlainHasher(), audit, noTransaction);
  const admin = await users.create({ email: 'admin@example.com', name: 'Admin', role: 'admin', passwordHash: 'plain:x' });
  const op = await users.create({ email: 'op@example.com', name: 'Op', role: 'operator', passwordHash: 'plain:y' });
  const now = new Date();
  const open = (id: string, userId: string) =>
    sessions.create({ id, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 60_000) });
  return { users, sessions, audit, update, admin, op, open };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('UpdateUserUseCase', () => {
  it('keeps the last active administrator from being demoted or disabled', async () => {
    const { update, admin } = await setup();
    await expect(codeOf(update.execute({ actorId: admin.id, userId: admin.id, role: 'operator' }))).resolves.toBe('USER.LAST_ADMIN');
    await expect(codeOf(update.execute({ actorId: admin.id, userId: admin.id, disabled: true }))).resolves.toBe('USER.LAST_ADMIN');
  });

  it('allows it once another administrator exists', async () => {
    const { update, admin, op } = await setup();
    await update.execute({ actorId: admin.id, userId: op.id, role: 'admin' });
    await expect(codeOf(update.execute({ actorId: admin.id, userId: admin.id, role: 'operator' }))).resolves.toBe('ok');
  });

  it('ends every session of a disabled user', async () => {
    const { update, admin, op, open, sessions } = await setup();
    await open('s1', op.id);
    await open('s2', op.id);
    await open('s3', admin.id);
    await update.execute({ actorId: admin.id, userId: op.id, disabled: true });
    expect([...sessions.rows.keys()]).toEqual(['s3']);
  });

  it('after a password change ends the user’s other sessions but keeps the actor’s own', async () => {
    const { update, admin, open, sessions } = await setup();
    await open('mine', admin.id);
    await open('elsewhere', admin.id);
    await update.execute({ actorId: admin.id, actorSessionId: 'mine', userId: admin.id, password: 'a-new-password-1' });
    expect([...sessions.rows.keys()]).toEqual(['mine']);
  });

  it('records what changed, never the password, and nothing when nothing changed', async () => {
    const { update, admin, op, audit } = await setup();
    await update.execute({ actorId: admin.id, userId: op.id, role: 'operator', name: 'Op' });
    expect(audit.events).toHaveLength(0);
    await update.execute({ actorId: admin.id, userId: op.id, role: 'admin', password: 'a-new-password-1' });
    expect(audit.events).toEqual([
      expect.objectContaining({
        actor: admin.id,
        action: 'user.update',
        subjectId: op.id,
        details: { role: { from: 'operator', to: 'admin' }, passwordChanged: true },
      }),
    ]);
    expect(JSON.stringify(audit.events)).not.toContain('a-new-password');
  });

  it('refuses weak passwords and unknown users', async () => {
    const { update, admin } = await setup();
    await expect(codeOf(update.execute({ actorId: admin.id, userId: admin.id, password: 'short' }))).resolves.toBe('USER.WEAK_PASSWORD');
    await expect(codeOf(update.execute({ actorId: admin.id, userId: '00000000-0000-4000-8000-000000000000', name: 'x' }))).resolves.toBe(
      'USER.NOT_FOUND',
    );
  });
});
