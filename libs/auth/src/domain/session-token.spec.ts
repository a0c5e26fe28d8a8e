import { createHash } from 'node:crypto';
import { constantTimeEquals, csrfTokenFor, generateSessionToken, hashSessionToken, looksLikeSessionToken } from './session-token';

describe('session tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(looksLikeSessionToken(token)).toBe(true);
    }
  });

  it('rejects obvious junk before any lookup', () => {
    for (const junk of ['', 'abc', 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`])
      expect(looksLikeSessionToken(junk)).toBe(false);
  });

  it('are stored as their SHA-256 in hex, which does not contain the token', () => {
    const token = generateSessionToken();
    const id = hashSessionToken(token);
    expect(id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(token)).toBe(id);
    expect(hashSessionToken(generateSessionToken())).not.toBe(id);
  });
});

describe('CSRF tokens', () => {
  it('are derived from the session token: stable for one session, different across sessions, not the token itself', () => {
    const a = generateSessionToken();
    const b = generateSessionToken();
    expect(csrfTokenFor(a)).toBe(csrfTokenFor(a));
    expect(csrfTokenFor(a)).not.toBe(csrfTokenFor(b));
    expect(csrfTokenFor(a)).not.toContain(a);
    expect(csrfTokenFor(a)).not.toBe(hashSessionToken(a));
  });

  it('are compared exactly, whatever the lengths', () => {
    const token = csrfTokenFor(generateSessionToken());
    expect(constantTimeEquals(token, token)).toBe(true);
    expect(constantTimeEquals(token, `${token}x`)).toBe(false);
    expect(constantTimeEquals(token, token.slice(0, -1))).toBe(false);
    expect(constantTimeEquals(token, '')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(true);
    expect(constantTimeEquals(token, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())).toBe(false);
  });
});
