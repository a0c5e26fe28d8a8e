import type { IncomingMessage, ServerResponse } from 'node:http';

/** Strict policy for API answers: JSON needs nothing, and nothing may frame it. Routes may set their own. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** One year, as browsers' preload lists expect; only ever sent on answers that travelled over TLS. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The browsable OpenAPI page runs its own scripts and styles; it carries no personal data. */
const DOCS = /^\/api\/docs(?:[/-]|$)/;

/**
 * Headers every answer carries, set before any parser or route runs (so refusals and errors carry them too):
 * - nosniff, no referrer, no framing (X-Frame-Options for old browsers, frame-ancestors for new ones);
 * - on `/api/*`: `Cache-Control: no-store` (orders, customers and sessions are personal data no cache may keep)
 *   and a CSP that allows nothing; a route may replace either (the raw-document viewer sets its sandbox CSP);
 * - HSTS when the request came over TLS, directly or through a proxy that says so in X-Forwarded-Proto. A forged
 *   X-Forwarded-Proto on plain HTTP only adds a header that browsers ignore on plain HTTP.
 * The console sets its own CSP (libs/console); `x-powered-by` is disabled on the app.
 */
export function securityHeaders(req: IncomingMessage & { path?: string; secure?: boolean }, res: ServerResponse, next: () => void): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  const path = req.path ?? (req.url ?? '/').split('?')[0];
  if (path.startsWith('/api/') && !DOCS.test(path)) {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', API_CSP);
  }
  if (overTls(req)) res.setHeader('Strict-Transport-Security', HSTS);
  next();
}

function overTls(req: IncomingMessage & { secure?: boolean }): boolean {
  if (req.secure) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}
