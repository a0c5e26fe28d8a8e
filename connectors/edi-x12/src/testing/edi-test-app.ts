import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { HubConfig, HubConfigModule, loadHubConfig } from '@orderhub/common';
import { MessagingModule } from '@orderhub/messaging';
import { OrderCoreModule } from '@orderhub/order-core';
import { PersistenceModule } from '@orderhub/persistence';
import { bootstrapApp } from '@orderhub/platform';
import { createThrowawayDatabase } from '@orderhub/testing';
import { writeInterchangeText, X12Delimiters, X12SegmentDraft, X12TransactionSetDraft } from '@orderhub/x12';
import { EdiX12Module } from '../edi-x12.module';

export interface EdiTestApp {
  app: INestApplication;
  baseUrl: string;
  config: HubConfig;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The EDI module over HTTP with the hub's real bootstrap (body parsers, error filter) on a throwaway PostgreSQL
 * database, demo master data and the demo partner, the order core without its consumers (so the outbox shows
 * exactly what the connector enqueued) and no AuthModule (these tests exercise the channel, not authorization).
 */
export async function startEdiTestApp(ediEnv: Record<string, string> = {}): Promise<EdiTestApp> {
  const db = await createThrowawayDatabase('orderhub_edi');
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-edi-'));
  const config = loadHubConfig({
    DATABASE_URL: db.url,
    HUB_DEMO: '1',
    HUB_ADMIN_PASSWORD: 'edi-tests-password',
    HUB_DATA_DIR: dataDir,
    HUB_LOG_LEVEL: 'warn',
  });

  @Module({
    imports: [
      HubConfigModule.forRoot(config),
      PersistenceModule.forRoot(config),
      MessagingModule.forRoot(config, { relay: false }),
      OrderCoreModule.forRoot({ http: true, consumers: false }),
      EdiX12Module.forRoot({ HUB_EDI_DROP_SCAN_MS: '100', HUB_EDI_DROP_STABLE_MS: '0', ...ediEnv }),
    ],
  })
  class EdiTestModule {}

  const app = await bootstrapApp(EdiTestModule, config, { consume: false, port: 0 });
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    dataDir,
    close: async () => {
      await app.close().catch(() => undefined);
      await db.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An 850 set body: BEG, ship-to, PO1 lines, CTT (hash total = sum of quantities unless overridden). */
export function an850(
  poNumber: string,
  lines: Array<{ qty: string; sku: string; price?: string }> = [{ qty: '2', sku: 'HW-1001', price: '3.95' }],
  extra: X12SegmentDraft[] = [],
): X12SegmentDraft[] {
  const hash = lines.reduce((sum, l) => sum + (Number(l.qty) || 0), 0);
  return [
    ['BEG', '00', 'SA', poNumber, undefined, '20260301'],
    ['N1', 'ST', 'ACME Store 42', '92', '0042'],
    ...lines.map((l, i): X12SegmentDraft => ['PO1', String(i + 1), l.qty, 'EA', l.price ?? '3.95', 'PE', 'VN', l.sku]),
    ...extra,
    ['CTT', String(lines.length), String(hash)],
  ];
}

/** An interchange from the demo partner (ZZ/ACMERETAIL) to the hub (ZZ/ORDERHUB), as text. */
export function anAcmeInterchange(
  options: {
    control?: number;
    sets?: X12SegmentDraft[][];
    receiver?: string;
    sender?: string;
    ackRequested?: boolean;
    delimiters?: X12Delimiters;
    groupControl?: number;
  } = {},
): string {
  const sets: X12TransactionSetDraft[] = (options.sets ?? [an850(`PO-${options.control ?? 1}`)]).map((segments, i) => ({
    id: '850',
    controlNumber: i + 1,
    segments,
  }));
  return writeInterchangeText({
    identity: {
      sender: { qualifier: 'ZZ', id: options.sender ?? 'ACMERETAIL' },
      receiver: { qualifier: 'ZZ', id: options.receiver ?? 'ORDERHUB' },
      controlNumber: options.control ?? 1,
      version: '00401',
      date: new Date('2026-03-01T09:30:00Z'),
      ackRequested: options.ackRequested,
    },
    delimiters: options.delimiters ?? { element: '*', component: '>', segment: '~' },
    groups: [
      {
        functionalId: 'PO',
        senderCode: 'ACMERETAIL',
        receiverCode: 'ORDERHUB',
        controlNumber: options.groupControl ?? options.control ?? 1,
        version: '004010',
        sets,
      },
    ],
  });
}
