/**
 * Writes the hub's OpenAPI document and the typed client's types generated from it:
 *   npm run openapi:generate   → apps/hub/src/openapi/orderhub-api.json and orderhub-api.d.ts (openapi-typescript)
 * It boots the whole hub against a throwaway database on the local PostgreSQL server, as the migration generator
 * does, and reads /api/docs-json. Run it after adding a route (with its one-line `@ApiSchemas(...)`).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHubConfig } from '@orderhub/common';
import { bootstrapApp } from '@orderhub/platform';
import { createThrowawayDatabase } from '@orderhub/testing';
import { HubModule } from '../hub.module';

async function main(): Promise<void> {
  const db = await createThrowawayDatabase('orderhub_openapi_gen');
  try {
    const config = loadHubConfig({ DATABASE_URL: db.url, HUB_DEMO: '0', HUB_ADMIN_PASSWORD: 'generator-only', HUB_LOG_LEVEL: 'error' });
    const app = await bootstrapApp(HubModule.forRoot(config), config, { consume: false, port: 0, report: false });
    const port = (app.getHttpServer().address() as { port: number }).port;
    const document = await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json();
    await app.close();
    const dir = join(__dirname, '../openapi');
    writeFileSync(join(dir, 'orderhub-api.json'), JSON.stringify(document, null, 2) + '\n');
    execFileSync('npx', ['openapi-typescript', join(dir, 'orderhub-api.json'), '-o', join(dir, 'orderhub-api.d.ts')], { stdio: 'inherit' });
  } finally {
    await db.drop();
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
