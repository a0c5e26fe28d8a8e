import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { HubConfig } from '@orderhub/common';
import { MIGRATIONS } from './migrations';
import { acquireDataDirLock } from './pglite/data-dir.lock';
import { openPglite } from './pglite/pglite.factory';
import { pgliteDriver } from './pglite/pglite-pg.driver';
import { RawDocumentStore, TransactionRunner } from './ports';
import { RawDocumentEntity } from './raw-documents/raw-document.entity';
import { TypeormRawDocumentStore } from './raw-documents/raw-document.repository';
import { TransactionManager } from './transaction-manager';

/** Options shared by the app, the migration generator and the drift test. */
export async function dataSourceOptions(
  config: Pick<HubConfig, 'DATABASE_URL' | 'dataDir' | 'HUB_SKIP_MIGRATIONS'>,
): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsRun: !config.HUB_SKIP_MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    // gen_random_uuid() is core PostgreSQL since 13, on the server and in PGlite alike.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: false,
  };
  if (config.DATABASE_URL) {
    return { ...common, url: config.DATABASE_URL, poolSize: 20, applicationName: 'orderhub' };
  }
  // One process per data directory: refuse before PGlite touches the files.
  mkdirSync(config.dataDir, { recursive: true });
  const release = acquireDataDirLock(config.dataDir);
  try {
    const db = await openPglite(join(config.dataDir, 'db'));
    return { ...common, driver: pgliteDriver(db, release), database: 'postgres' };
  } catch (error) {
    release();
    throw error;
  }
}

const MIGRATION_LOCK_ID = 4_281_851;

export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            new Logger('persistence').log(
              config.embeddedDatabase ? `embedded PostgreSQL (PGlite) in ${join(config.dataDir, 'db')}` : 'PostgreSQL at DATABASE_URL',
            );
            return { ...(await dataSourceOptions(config)), autoLoadEntities: true };
          },
          // Several processes (two core, one ingest) may boot at once on an empty database: migrations run
          // under an advisory lock, so exactly one applies them and the others find them applied.
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource({ ...(options as DataSourceOptions), migrationsRun: false });
            await dataSource.initialize();
            if (config.HUB_SKIP_MIGRATIONS) return dataSource;
            // PGlite has one connection and one process: no lock to take (and holding it would deadlock).
            if (config.DATABASE_URL) await runMigrationsLocked(dataSource);
            else await dataSource.runMigrations({ transaction: 'each' });
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature([RawDocumentEntity]),
      ],
      providers: [
        TransactionManager,
        { provide: TransactionRunner, useExisting: TransactionManager },
        TypeormRawDocumentStore,
        { provide: RawDocumentStore, useExisting: TypeormRawDocumentStore },
      ],
      exports: [TransactionManager, TransactionRunner, RawDocumentStore, TypeormRawDocumentStore, TypeOrmModule],
    };
  }
}
