import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'orderhub_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Reads one cookie from the raw header (the hub has no cookie-parser middleware, and needs only this one). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Secure when the browser reached us over https, directly or through a TLS-terminating proxy. Trusting
 * X-Forwarded-Proto here can only add the Secure flag, which is harmless for a forged header.
 */
function overHttps(req: Request): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return req.secure || first === 'https';
}

/** HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot send it), lasting at most the session. */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: overHttps(req), path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: overHttps(req), path: '/' });
}
