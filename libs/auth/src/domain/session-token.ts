import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, so guessing is hopeless and no signature is needed. */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Rejects junk before it costs a database lookup. */
export function looksLikeSessionToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * The session row's id. A plain SHA-256 is enough because the token has full entropy (no salt or slow
 * hash needed), and a leaked session table then holds nothing that signs anybody in.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The session's CSRF token, derived from the session token rather than stored: only a holder of the session
 * token can compute it, the console gets it again from /auth/me after a reload, and every process of the
 * hub agrees on it without a shared secret. A cross-site page cannot read it, so it cannot echo it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('orderhub:csrf:v1').digest('base64url');
}

/** Constant-time string equality; hashing first makes the lengths equal, so length leaks nothing either. */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
