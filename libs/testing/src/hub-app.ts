import type { INestApplication } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { loadHubConfig, HubConfig } from '@orderhub/common';
import { bootstrapApp } from '@orderhub/platform';
import { createThrowawayDatabase } from './postgres';

export interface RunningHub {
  app: INestApplication;
  config: HubConfig;
  baseUrl: string;
  databaseUrl: string;
  /** Bearer token of the first administrator. */
  token: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export const TEST_ADMIN_PASSWORD = 'integration-admin-pw-1';

/**
 * Boots a whole app (hub, or another deployable's module) over HTTP on a free port, against a throwaway
 * PostgreSQL database and, when asked, the real Kafka broker; logs in as the first administrator.
 */
export async function startHub(makeModule: (config: HubConfig) => DynamicModule, env: Record<string, string> = {}): Promise<RunningHub> {
  const db = await createThrowawayDatabase('orderhub_hub');
  const config = loadHubConfig({
    DATABASE_URL: db.url,
    HUB_DEMO: '1',
    HUB_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    HUB_LOG_LEVEL: 'warn',
    HUB_OUTBOX_POLL_MS: '50',
    HUB_RETRY_BACKOFF_MS: '20',
    ...env,
  });
  const app = await bootstrapApp(makeModule(config), config, { consume: true, port: 0 });
  const port = (app.getHttpServer().address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = async <T>(method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const login = await api<{ token: string }>('POST', '/api/v1/auth/login', {
    email: config.HUB_ADMIN_EMAIL,
    password: TEST_ADMIN_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.token;
  return {
    app,
    config,
    baseUrl,
    databaseUrl: db.url,
    token,
    api: (method, path, body) => api(method, path, body, token),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
