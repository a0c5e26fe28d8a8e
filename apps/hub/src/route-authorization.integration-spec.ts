import { RunningHub, startHub } from '@orderhub/testing';
import { HubModule } from './hub.module';

/**
 * Every HTTP route of the whole hub, read from the running router, against the access it must have. A new route
 * fails here until it is listed: public by accident (a forgotten guard) or an admin action open to operators.
 */
const PUBLIC = new Set([
  'POST /api/v1/auth/login',
  'GET /health',
  'GET /metrics',
  'POST /webhooks/shopify',
  'POST /api/v1/inbound/x12',
  'POST /as2',
]);
// POST /as2 is authenticated by the partner's S/MIME signature (an AS2 partner sends no key); see the AS2 specs.

/** Master data, partners, users and email templates: admin only (reads of partners, users and templates too). */
const ADMIN_ONLY = new Set([
  'GET /api/v1/partners/:id/connection',
  'GET /api/v1/partners/:id/exchanges/:exchangeId',
  'GET /api/v1/documents/:id/exchanges',
  'POST /api/v1/users',
  'GET /api/v1/users',
  'GET /api/v1/users/:id',
  'PATCH /api/v1/users/:id',
  'POST /api/v1/users/:id/reset-password',
  'POST /api/v1/products',
  'PATCH /api/v1/products/:id',
  'POST /api/v1/customers',
  'PATCH /api/v1/customers/:id',
  'POST /api/v1/customers/:id/part-numbers',
  'POST /api/v1/price-rules',
  'DELETE /api/v1/price-rules/:id',
  'PUT /api/v1/inventory/:sku',
  // API.md: replaying a failed inbound document is an admin's call.
  'POST /api/v1/inbound-documents/:id/replay',
  'POST /api/v1/master-data/import',
  'POST /api/v1/partners',
  'GET /api/v1/partners',
  'GET /api/v1/partners/:id',
  'PATCH /api/v1/partners/:id',
  'POST /api/v1/partners/:id/rotate-key',
  'POST /api/v1/partners/:id/inventory-advice',
  'POST /api/v1/customers/:id/email-templates',
  'GET /api/v1/customers/:id/email-templates',
  'DELETE /api/v1/email-templates/:id',
  'GET /api/v1/email-templates/:id',
  'PUT /api/v1/email-templates/:id',
]);

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function routesOf(hub: RunningHub): string[] {
  const express = hub.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)!.stack;
  return [
    ...new Set(
      stack.flatMap((layer) => {
        if (!layer.route) return [];
        const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
        // Nest mounts route-bound middleware (the console's static files) for every method: not a controller route.
        if (layer.route.methods._all || methods.length > 5) return [];
        return methods.map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
      }),
    ),
  ].filter((r) => !/ \/api\/docs/.test(r)); // the OpenAPI page and document: public by contract, no data
}

const ID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, ID);

describe('authorization of every route', () => {
  let hub: RunningHub;
  let operatorToken: string;

  beforeAll(async () => {
    hub = await startHub((config) => HubModule.forRoot(config));
    const created = await hub.api('POST', '/api/v1/users', {
      email: 'olga.operator@example.com',
      name: 'Olga',
      role: 'operator',
      password: 'operator-password-42',
    });
    expect(created.status).toBe(201);
    const res = await fetch(`${hub.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'olga.operator@example.com', password: 'operator-password-42' }),
    });
    operatorToken = ((await res.json()) as { token: string }).token;
  }, 120_000);

  afterAll(() => hub?.close());

  it('knows every route it checks (a new route must be classified here)', () => {
    const routes = routesOf(hub);
    expect(routes.length).toBeGreaterThan(40);
    for (const r of [...PUBLIC, ...ADMIN_ONLY]) expect(routes).toContain(r);
  });

  it('answers 401 to an anonymous caller on every route but the deliberately public ones', async () => {
    const open: string[] = [];
    for (const route of routesOf(hub)) {
      if (PUBLIC.has(route)) continue;
      const [method, path] = route.split(' ');
      const res = await fetch(`${hub.baseUrl}${concrete(path)}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      if (res.status !== 401) open.push(`${route} -> ${res.status}`);
    }
    expect(open).toEqual([]);
  }, 60_000);

  it('answers 403 to an operator on every admin route, and lets operators reach the rest', async () => {
    const wrong: string[] = [];
    // Sign-out ends the operator's session: last.
    const routes = routesOf(hub).sort((a, b) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')));
    for (const route of routes) {
      if (PUBLIC.has(route)) continue;
      const [method, path] = route.split(' ');
      const res = await fetch(`${hub.baseUrl}${concrete(path)}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
        body: method === 'GET' ? undefined : '{}',
      });
      const forbidden = res.status === 403;
      if (forbidden !== ADMIN_ONLY.has(route) || res.status === 401) wrong.push(`${route} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
