import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_CSP, HSTS, securityHeaders } from './security-headers';

function run(path: string, options: { headers?: Record<string, string>; secure?: boolean } = {}): Record<string, string> {
  const set: Record<string, string> = {};
  const req = { path, url: path, headers: options.headers ?? {}, secure: options.secure ?? false } as unknown as IncomingMessage & {
    path: string;
  };
  const res = { setHeader: (k: string, v: string) => (set[k.toLowerCase()] = v) } as unknown as ServerResponse;
  let called = false;
  securityHeaders(req, res, () => (called = true));
  expect(called).toBe(true);
  return set;
}

describe('securityHeaders', () => {
  it('sets nosniff, no referrer and no framing on every answer', () => {
    for (const path of ['/', '/orders/1', '/health', '/api/v1/orders', '/webhooks/shopify']) {
      const h = run(path);
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['x-frame-options']).toBe('DENY');
    }
  });

  it('forbids caching of API answers (personal data) and gives them a CSP that allows nothing', () => {
    const h = run('/api/v1/customers');
    expect(h['cache-control']).toBe('no-store');
    expect(h['content-security-policy']).toBe(API_CSP);
    expect(API_CSP).toContain("frame-ancestors 'none'");
  });

  it('leaves the console and the OpenAPI page to their own caching and CSP', () => {
    for (const path of ['/', '/app.js', '/api/docs', '/api/docs/swagger-ui.css', '/api/docs-json']) {
      const h = run(path);
      expect(h['cache-control']).toBeUndefined();
      expect(h['content-security-policy']).toBeUndefined();
    }
  });

  it('sends HSTS only over TLS, direct or behind a proxy that says so', () => {
    expect(run('/api/v1/orders')['strict-transport-security']).toBeUndefined();
    expect(run('/api/v1/orders', { secure: true })['strict-transport-security']).toBe(HSTS);
    expect(run('/', { headers: { 'x-forwarded-proto': 'https, http' } })['strict-transport-security']).toBe(HSTS);
    expect(run('/', { headers: { 'x-forwarded-proto': 'http' } })['strict-transport-security']).toBeUndefined();
  });
});
