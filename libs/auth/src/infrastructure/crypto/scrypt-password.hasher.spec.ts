import { DEFAULT_SCRYPT, ScryptPasswordHasher } from './scrypt-password.hasher';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher();

  it('writes a self-describing scrypt$N$r$p$salt$hash string with the default cost', async () => {
    const encoded = await hasher.hash('correct horse battery staple');
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(encoded).not.toContain('correct horse');
  });

  it('verifies the right password and refuses others', async () => {
    const encoded = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify('correct horse battery staple', encoded)).resolves.toBe(true);
    await expect(hasher.verify('correct horse battery stapl', encoded)).resolves.toBe(false);
    await expect(hasher.verify('', encoded)).resolves.toBe(false);
  });

  it('salts each hash, so one password gives different strings that both verify', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password here'), hasher.hash('same password here')]);
    expect(a).not.toBe(b);
    await expect(hasher.verify('same password here', a)).resolves.toBe(true);
    await expect(hasher.verify('same password here', b)).resolves.toBe(true);
  });

  it('treats canonically equal Unicode spellings as one password', async () => {
    const encoded = await hasher.hash('caf\u00e9-password-1');
    await expect(hasher.verify('cafe\u0301-password-1', encoded)).resolves.toBe(true);
  });

  it('answers false, without throwing, for strings it cannot read or parameters it will not run', async () => {
    for (const bad of [
      '',
      'plain',
      'bcrypt$2b$10$abc',
      'scrypt$32768$8$1$salt',
      'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
      `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA`,
    ]) {
      await expect(hasher.verify('anything at all', bad)).resolves.toBe(false);
    }
  });

  it('verifies hashes made with older, cheaper parameters and asks for them to be re-hashed', async () => {
    const cheap = new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });
    const old = await cheap.hash('an old password');
    await expect(hasher.verify('an old password', old)).resolves.toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('a current password'))).toBe(false);
    expect(hasher.needsRehash('garbage')).toBe(true);
  });

  it('costs tens of milliseconds, not microseconds, per check at the default parameters', async () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 15);
    const encoded = await hasher.hash('timing password');
    const started = process.hrtime.bigint();
    await hasher.verify('timing password', encoded);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThan(10);
  });
});
