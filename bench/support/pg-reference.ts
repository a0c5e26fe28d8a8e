import { Pool } from 'pg';

/**
 * PostgreSQL's own ceiling on this machine for the shape of one purchase order: a transaction that inserts
 * one header row and ten line rows (as pgbench would measure it), with `clients` connections for `seconds`.
 */
export async function pgHeaderAndTenLinesRate(databaseUrl: string, clients = 8, seconds = 8): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_header (id bigserial PRIMARY KEY, po text NOT NULL, total numeric(16,4), created_at timestamptz DEFAULT now())`,
  );
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_line (id bigserial PRIMARY KEY, header_id bigint NOT NULL REFERENCES bench_header(id), line int, sku text, qty numeric(16,6), price numeric(16,4))`,
  );
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_c, c) => {
      const client = await pool.connect();
      try {
        for (let i = 0; Date.now() < deadline; i++) {
          await client.query('BEGIN');
          const { rows } = await client.query<{ id: string }>(`INSERT INTO bench_header (po, total) VALUES ($1, 100) RETURNING id`, [
            `PO-${c}-${i}`,
          ]);
          const values: unknown[] = [];
          const tuples = Array.from({ length: 10 }, (_v, l) => {
            values.push(rows[0].id, l + 1, `SKU-${l}`, '5', '9.99');
            const b = l * 5;
            return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
          });
          await client.query(`INSERT INTO bench_line (header_id, line, sku, qty, price) VALUES ${tuples.join(', ')}`, values);
          await client.query('COMMIT');
          done++;
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.query('DROP TABLE bench_line; DROP TABLE bench_header');
  await pool.end();
  return done / seconds;
}
