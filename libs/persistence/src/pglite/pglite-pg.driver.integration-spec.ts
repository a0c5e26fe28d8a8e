import { openTestDatabase, TestDatabase } from '@orderhub/testing';
import { RawDocumentEntity } from '../raw-documents/raw-document.entity';
import { TypeormRawDocumentStore } from '../raw-documents/raw-document.repository';

/**
 * PGlite has one connection. typeorm-pglite shares it between callers, so a transaction that rolls back can
 * take a concurrent transaction's committed rows with it. Our driver checks the connection out exclusively;
 * these tests interleave transactions the way a busy hub does and check each keeps exactly its own effects.
 */
describe('embedded PostgreSQL (PGlite) under concurrent transactions', () => {
  let db: TestDatabase;
  let store: TypeormRawDocumentStore;

  beforeAll(async () => {
    db = await openTestDatabase('pglite', [RawDocumentEntity]);
    store = new TypeormRawDocumentStore(db.tx);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const doc = (sender: string) => ({
    channel: 'phone' as const,
    sender,
    contentType: 'application/json',
    content: Buffer.from(`{"sender":"${sender}"}`),
  });
  const senders = async () =>
    ((await db.dataSource.query('SELECT sender FROM raw_document ORDER BY sender')) as Array<{ sender: string }>).map((r) => r.sender);

  it('keeps a committed transaction when a concurrent one rolls back', async () => {
    const committed = db.tx.run(async () => {
      await store.store(doc('commit-a'));
      await new Promise((r) => setTimeout(r, 30));
      await store.store(doc('commit-b'));
    });
    const rolledBack = db.tx
      .run(async () => {
        await store.store(doc('rollback-a'));
        await new Promise((r) => setTimeout(r, 10));
        throw new Error('business rule failed');
      })
      .catch((e: Error) => e.message);
    const [, failure] = await Promise.all([committed, rolledBack]);
    expect(failure).toBe('business rule failed');
    expect(await senders()).toEqual(expect.arrayContaining(['commit-a', 'commit-b']));
    expect(await senders()).not.toContain('rollback-a');
  });

  it('gives every one of many interleaved transactions exactly its own outcome', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_v, i) =>
        db.tx.run(async () => {
          await store.store(doc(`many-${String(i).padStart(2, '0')}`));
          await new Promise((r) => setTimeout(r, i % 5));
          if (i % 3 === 0) throw new Error(`fail ${i}`);
        }),
      ),
    );
    const expected = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [`many-${String(i).padStart(2, '0')}`] : []));
    const stored = (await senders()).filter((s) => s.startsWith('many-'));
    expect(stored).toEqual(expected.sort());
    expect(stored).toHaveLength(40 - 14);
  });

  it('answers queries outside transactions while a transaction is open, after it', async () => {
    let inside = false;
    const tx = db.tx.run(async () => {
      await store.store(doc('long-tx'));
      inside = true;
      await new Promise((r) => setTimeout(r, 50));
    });
    await new Promise((r) => setTimeout(r, 5));
    const count = (await db.dataSource.query(`SELECT count(*)::int AS n FROM raw_document WHERE sender = 'long-tx'`)) as Array<{
      n: number;
    }>;
    await tx;
    // The plain query waited for the transaction's turn on the single connection: it saw the committed row.
    expect(inside).toBe(true);
    expect(count[0].n).toBe(1);
  });
});
