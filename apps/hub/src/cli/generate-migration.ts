/**
 * Writes a migration for whatever the entities declare beyond the committed migrations.
 *   npm run migration:generate -- AddSomething
 * It boots the hub's modules against a throwaway database on the local PostgreSQL server, runs the
 * committed migrations, diffs the schema with TypeORM's schema builder and writes the difference.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '@orderhub/common';
import { createThrowawayDatabase } from '@orderhub/testing';
import { HubModule } from '../hub.module';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- PascalCaseName');
  const db = await createThrowawayDatabase('orderhub_migration_gen');
  try {
    const config = loadHubConfig({ DATABASE_URL: db.url, HUB_SKIP_MIGRATIONS: '1', HUB_DEMO: '0', HUB_ADMIN_PASSWORD: 'generator-only' });
    const app = await NestFactory.createApplicationContext(HubModule.forRoot(config), { logger: false, abortOnError: false });
    const dataSource = app.get(DataSource);
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    await app.close().catch(() => undefined);
    if (sql.upQueries.length === 0) {
      process.stdout.write('entities and migrations agree; nothing to generate\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const line = (q: { query: string; parameters?: unknown[] }) =>
      `    await queryRunner.query(\`${esc(q.query)}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
    const file = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(line).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map(line).join('\n')}
  }
}
`;
    const dir = join(__dirname, '../../../../libs/persistence/src/migrations');
    const fileName = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
    writeFileSync(join(dir, fileName), file);
    const indexPath = join(dir, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(/(\/\/ Generated migrations[^\n]*\n)/, `$1import { ${className} } from './${fileName.replace(/\.ts$/, '')}';\n`)
      .replace(/export const MIGRATIONS: Function\[\] = \[([^\]]*)\];/, (_m, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return `export const MIGRATIONS: Function[] = [${[...items, className].join(', ')}];`;
      });
    writeFileSync(indexPath, index);
    process.stdout.write(`wrote ${fileName} (${sql.upQueries.length} statements)\n`);
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
