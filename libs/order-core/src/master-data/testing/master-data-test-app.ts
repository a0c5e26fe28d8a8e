import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HttpErrorFilter, HubConfigModule, loadHubConfig } from '@orderhub/common';
import { PersistenceModule } from '@orderhub/persistence';
import { createThrowawayDatabase } from '@orderhub/testing';
import { MasterDataModule } from '../master-data.module';

export interface MasterDataTestApp {
  app: INestApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The master-data module over HTTP on a throwaway PostgreSQL database, with the hub's body parsers and error filter.
 * No AuthModule: its guard is global only when imported, so these tests exercise the API, not authorization.
 */
export async function startMasterDataApp(env: Record<string, string> = {}): Promise<MasterDataTestApp> {
  const db = await createThrowawayDatabase('orderhub_master_data');
  const config = loadHubConfig({ DATABASE_URL: db.url, HUB_DEMO: '0', HUB_ADMIN_PASSWORD: 'x-long-enough', ...env });

  @Module({ imports: [HubConfigModule.forRoot(config), PersistenceModule.forRoot(config), MasterDataModule] })
  class MasterDataTestModule {}

  const app = await NestFactory.create<NestExpressApplication>(MasterDataTestModule, {
    logger: false,
    bodyParser: false,
    abortOnError: false,
  });
  app.useBodyParser('json', { limit: '64mb', type: ['application/json', 'application/*+json'] });
  app.useBodyParser('text', { limit: '64mb', type: ['text/*'] });
  app.useGlobalFilters(new HttpErrorFilter());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close().catch(() => undefined);
      await db.drop();
    },
  };
}

/** fetch with a JSON (or text) body; answers status and parsed body. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API answered
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
