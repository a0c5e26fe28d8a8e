import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '@orderhub/common';
import { createThrowawayDatabase } from '@orderhub/testing';
import { HubModule } from './hub.module';

/**
 * Migrations are the schema: they run on boot and `synchronize` is off. If an entity changes without a
 * migration, TypeORM's schema builder finds statements to run, and this test names them.
 */
describe('entities and committed migrations agree', () => {
  async function pendingStatements(env: Record<string, string>): Promise<string[]> {
    const config = loadHubConfig({ HUB_DEMO: '0', HUB_ADMIN_PASSWORD: 'drift-check-password', HUB_LOG_LEVEL: 'error', ...env });
    const app = await NestFactory.createApplicationContext(HubModule.forRoot(config), { logger: false });
    try {
      const sql = await app.get(DataSource).driver.createSchemaBuilder().log();
      return sql.upQueries.map((q) => q.query);
    } finally {
      await app.close();
    }
  }

  it('on PostgreSQL: migrations run on boot and leave nothing for the entities to add', async () => {
    const db = await createThrowawayDatabase('orderhub_drift');
    try {
      expect(await pendingStatements({ DATABASE_URL: db.url })).toEqual([]);
    } finally {
      await db.drop();
    }
  }, 60_000);

  it('on the embedded PGlite: the same migrations run and leave nothing either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-drift-'));
    try {
      expect(await pendingStatements({ HUB_DATA_DIR: dir })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
