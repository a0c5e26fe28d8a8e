import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createThrowawayDatabase, runTsChild, testKafkaBrokers } from '@orderhub/testing';

const CHILD = 'libs/testing/src/children/crashing-consumer.child.ts';
const N = 40;
const CRASH_AT = 17;

/**
 * A consumer killed with SIGKILL after its effect committed but before the bus offset did: on restart the
 * message is delivered again, the idempotency key stops a second effect, and nothing after it is lost.
 */
describe('a consumer killed between consume and commit', () => {
  it('on Kafka with PostgreSQL: after restart every message has exactly one effect', async () => {
    const db = await createThrowawayDatabase('orderhub_crash');
    const env = {
      BUS: 'kafka',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      TOPIC: `crash.${randomUUID().slice(0, 8)}`,
      GROUP: `crash-${randomUUID().slice(0, 8)}`,
      EXPECT: String(N),
    };
    try {
      const first = await runTsChild(CHILD, { ...env, PUBLISH: String(N), CRASH_AT: String(CRASH_AT) });
      expect(first.signal).toBe('SIGKILL');
      const second = await runTsChild(CHILD, env);
      expect({ code: second.code, stderr: second.stderr.slice(-500) }).toEqual({ code: 0, stderr: expect.any(String) });
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ n: number; times: number }>(
        'SELECT n, count(*)::int AS times FROM crash_effect GROUP BY n ORDER BY n',
      );
      await client.end();
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: N }, (_v, i) => i));
      expect(rows.every((r) => r.times === 1)).toBe(true);
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('on the embedded bus with PGlite: after restart every message has exactly one effect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-crash-'));
    const env = { BUS: 'embedded', PGLITE_DIR: dir, TOPIC: 'crash.embedded', GROUP: 'crash-embedded', EXPECT: String(N) };
    try {
      const first = await runTsChild(CHILD, { ...env, PUBLISH: String(N), CRASH_AT: String(CRASH_AT) });
      expect(first.signal).toBe('SIGKILL');
      const second = await runTsChild(CHILD, env);
      expect({ code: second.code, stderr: second.stderr.slice(-500) }).toEqual({ code: 0, stderr: expect.any(String) });
      const db = new PGlite(join(dir, 'db'));
      const { rows } = await db.query<{ n: number; times: number }>(
        'SELECT n, count(*)::int AS times FROM crash_effect GROUP BY n ORDER BY n',
      );
      await db.close();
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: N }, (_v, i) => i));
      expect(rows.every((r) => r.times === 1)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
