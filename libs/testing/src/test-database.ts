import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, TransactionManager } from '@orderhub/persistence';
import { createThrowawayDatabase } from './postgres';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  dataSource: DataSource;
  tx: TransactionManager;
  /** For postgres: the throwaway database's URL; for pglite: its data dir. */
  location: string;
  close(): Promise<void>;
}

/**
 * A migrated database outside Nest: PGlite in a temp dir (the embedded mode) or a fresh database on the
 * real PostgreSQL server. Entities are those given; migrations create every table.
 */
export async function openTestDatabase(kind: 'pglite' | 'postgres', entities: Function[], dataDir?: string): Promise<TestDatabase> {
  if (kind === 'postgres') {
    const db = await createThrowawayDatabase();
    const dataSource = new DataSource({
      ...(await dataSourceOptions({ DATABASE_URL: db.url, dataDir: '', HUB_SKIP_MIGRATIONS: false })),
      entities,
    });
    await dataSource.initialize();
    return {
      kind,
      dataSource,
      tx: new TransactionManager(dataSource),
      location: db.url,
      close: async () => {
        await dataSource.destroy().catch(() => undefined);
        await db.drop();
      },
    };
  }
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'orderhub-pglite-'));
  const dataSource = new DataSource({
    ...(await dataSourceOptions({ DATABASE_URL: undefined, dataDir: dir, HUB_SKIP_MIGRATIONS: false })),
    entities,
  });
  await dataSource.initialize();
  return {
    kind,
    dataSource,
    tx: new TransactionManager(dataSource),
    location: dir,
    close: async () => {
      await dataSource.destroy().catch(() => undefined);
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
