import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';

/**
 * Opens the embedded PostgreSQL with pg's type conventions (int8 and numeric as strings, bytea as Buffer),
 * so entities behave the same on PGlite and on a real server.
 */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(dataDir, {
    parsers: {
      [types.INT8]: (value: string) => value,
      [types.NUMERIC]: (value: string) => value,
      [types.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
    },
  });
  await db.waitReady;
  return db;
}
