import { join } from 'node:path';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { HubConfig } from '@orderhub/common';
import { MIGRATIONS } from './migrations';
import { openPglite } from './pglite/pglite.factory';
import { pgliteDriver } from './pglite/pglite-pg.driver';
import { RawDocumentStore, TransactionRunner } from './ports';
import { RawDocumentEntity } from './raw-documents/raw-document.entity';
import { TypeormRawDocumentStore } from './raw-documents/raw-document.repository';
import { TransactionManager } from './transaction-manager';

/** Options shared by the app, the migration generator and the drift test. */
export async function dataSourceOptions(config: Pick<HubConfig, 'DATABASE_URL' | 'dataDir' | 'HUB_SKIP_MIGRATIONS'>): Promise<DataSourceOptions> {
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
  const db = await openPglite(join(config.dataDir, 'db'));
  return { ...common, driver: pgliteDriver(db), database: 'postgres' };
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
