import { HubModule } from '../../../apps/hub/src/hub.module';
import { startHub, RunningHub } from '@orderhub/testing';

describe('every HTTP answer', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub((config) => HubModule.forRoot(config));
  }, 90_000);
  afterAll(async () => {
    await hub?.close();
  }, 30_000);

  it('carries a correlation id: the caller’s when it sends a safe one, a new one otherwise', async () => {
    const echoed = await fetch(`${hub.baseUrl}/health`, { headers: { 'X-Correlation-Id': 'partner-trace-42' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('partner-trace-42');
    const fresh = await fetch(`${hub.baseUrl}/health`, { headers: { 'X-Correlation-Id': 'bad id with spaces\r\n' } });
    expect(fresh.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries it on answers the body parsers give before any handler runs', async () => {
    const res = await fetch(`${hub.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Request-Id': 'bad-json-1' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-correlation-id')).toBe('bad-json-1');
    expect(await res.json()).toMatchObject({ error: { code: 'HTTP.MALFORMED_JSON' } });
  });

  it('answers errors as coded JSON with protective headers', async () => {
    const res = await fetch(`${hub.baseUrl}/api/v1/orders`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 'AUTH.UNAUTHENTICATED' } });
  });
});
