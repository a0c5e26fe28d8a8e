import { Client } from 'pg';
import { startHub, RunningHub } from '@orderhub/testing';
import { HubModule } from '../../../../apps/hub/src/hub.module';
import { OutboundRedelivery } from './application/outbound-redelivery';
import { DocumentDelivererRegistry, OutboundDocument, OutboundDocuments } from './application/outbound-documents';

describe('outbound documents whose delivery failed or never happened', () => {
  let hub: RunningHub;
  let db: Client;
  const delivered: string[] = [];

  beforeAll(async () => {
    hub = await startHub((config) => HubModule.forRoot(config), { HUB_REDELIVERY_INTERVAL_MS: '0' });
    // A transport that records what it is asked to deliver, standing in for the partner folder.
    hub.app
      .get(DocumentDelivererRegistry)
      .register({ channel: 'edi', deliver: async (d: OutboundDocument) => (delivered.push(d.sourceKey), { status: 'delivered' }) });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
  }, 90_000);
  afterAll(async () => {
    await db?.end();
    await hub?.close();
  }, 30_000);

  async function stored(
    sourceKey: string,
    status: 'pending' | 'failed' | 'delivered',
    attempts: number,
    ageSeconds: number,
  ): Promise<string> {
    const { document } = await hub.app
      .get(OutboundDocuments)
      .store({ kind: '855', channel: 'edi', sourceKey, contentType: 'application/edi-x12', content: 'ISA*...', status });
    await db.query(`UPDATE outbound_document SET attempts = $2, created_at = now() - make_interval(secs => $3) WHERE id = $1`, [
      document.id,
      attempts,
      ageSeconds,
    ]);
    return document.id;
  }

  it('delivers again what failed or was left pending by a crash, with backoff, and leaves delivered documents alone', async () => {
    const failed = await stored('redeliver:failed', 'failed', 1, 120);
    await stored('redeliver:crashed-before-delivery', 'pending', 0, 60);
    await stored('redeliver:already-delivered', 'delivered', 1, 600);
    await stored('redeliver:backing-off', 'failed', 4, 60); // due only after 15 s x 2^4
    await stored('redeliver:just-stored', 'pending', 0, 1); // the normal after-commit delivery is still under way

    await hub.app.get(OutboundRedelivery).redeliverDue();

    expect(delivered.sort()).toEqual(['redeliver:crashed-before-delivery', 'redeliver:failed']);
    const { rows } = await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM outbound_document WHERE id = $1`, [
      failed,
    ]);
    expect(rows[0]).toEqual({ status: 'delivered', attempts: 2 });
  });

  it('queues a re-send asked for in a process without the transport, for the process that has it', async () => {
    const id = await stored('redeliver:resend-elsewhere', 'delivered', 1, 3600);
    await hub.app.get(OutboundDocuments).requeue(id);
    delivered.length = 0;
    await hub.app.get(OutboundRedelivery).redeliverDue();
    expect(delivered).toEqual(['redeliver:resend-elsewhere']);
  });
});
