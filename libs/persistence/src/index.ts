export * from './ports';
export * from './transaction-manager';
export * from './persistence.module';
export * from './pglite/pglite-pg.driver';
export * from './pglite/pglite.factory';
export * from './raw-documents/raw-document.entity';
export * from './raw-documents/raw-document.repository';
export * from './pglite/data-dir.lock';
