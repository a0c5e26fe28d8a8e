import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadHubConfig } from '@orderhub/common';
import { bootstrapApp } from '@orderhub/platform';
import { createThrowawayDatabase } from '@orderhub/testing';
import { writeInterchangeText, type X12SegmentDraft } from '@orderhub/x12';
import { parseWithNodeX12 } from '../../../libs/x12/src/x12-test.builders';
import { HubModule } from '../../../apps/hub/src/hub.module';
import { DEMO_PARTNER } from './application/seed-partners.use-case';
import { InventoryAdviceScheduler } from './infrastructure/inventory-advice.scheduler';
import { OutboundAckLedger } from './application/outbound-ack-ledger';

/**
 * The README walkthrough, end to end over HTTP against the whole hub (embedded bus, real PostgreSQL): the demo
 * partner posts the sample 850 with its key; the 997 is on the receipt; the order core raises the sales order;
 * its 855 is listed with the order and lands in the partner's outbound folder.
 */
const ADMIN = { email: 'admin@edi-e2e.example', password: 'edi-e2e-admin-password' };

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('EDI end to end: 850 over HTTP → 997, sales order, 855', () => {
  let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let app: INestApplication;
  let base: string;
  let token = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-edi-e2e-'));
  let orderId = '';

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    db = await createThrowawayDatabase('orderhub_edi_e2e');
    const config = loadHubConfig({
      DATABASE_URL: db.url,
      HUB_DATA_DIR: dataDir,
      HUB_DEMO: '1',
      HUB_ADMIN_EMAIL: ADMIN.email,
      HUB_ADMIN_PASSWORD: ADMIN.password,
      HUB_LOG_LEVEL: 'warn',
      HUB_OUTBOX_POLL_MS: '50',
    });
    app = await bootstrapApp(HubModule.forRoot(config), config, { consume: true, port: 0 });
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const login = await api('POST', '/api/v1/auth/login', ADMIN);
    expect(login.status).toBe(200);
    token = login.body.token;
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('walks the README: post the sample with the demo key, read the 997, find the order and its 855', async () => {
    const sample = readFileSync(join(__dirname, '../samples/acme-850.x12'));
    const posted = await fetch(`${base}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: { 'content-type': 'application/edi-x12', 'x-api-key': DEMO_PARTNER.apiKey },
      body: sample,
    });
    expect(posted.status).toBe(202);
    const { receiptId, interchanges } = (await posted.json()) as { receiptId: string; interchanges: unknown[] };
    expect(interchanges).toEqual([{ control: '000000101', status: 'accepted', transactions: 1 }]);

    const receipt = await api('GET', `/api/v1/receipts/${receiptId}`);
    expect(receipt.status).toBe(200);
    expect(receipt.body.acknowledgements[0]).toMatchObject({ kind: '997', status: 'delivered' });
    expect(receipt.body.acknowledgements[0].content).toContain('AK9*A*1*1*1~');

    const order = await until('the sales order (or see GET /api/v1/exceptions)', async () => {
      const list = await api('GET', '/api/v1/orders?poNumber=ACME-PO-1001');
      if (list.status !== 200) throw new Error(`orders list: ${list.status} ${JSON.stringify(list.body)}`);
      const flagged = await api('GET', '/api/v1/exceptions?status=open&channel=edi');
      if (flagged.body?.total > 0)
        throw new Error(`the order was flagged: ${JSON.stringify(flagged.body.items.map((e: { reasons: unknown }) => e.reasons))}`);
      return (list.body.items as Array<{ id: string; poNumber: string; channel: string }>).find((o) => o.poNumber === 'ACME-PO-1001');
    });
    expect(order.channel).toBe('edi');
    orderId = order.id;

    const po855 = await until('the 855', async () => {
      const docs = await api('GET', `/api/v1/orders/${order.id}/documents`);
      const items: Array<{ kind: string; content: string; status: string; controlNumber: string }> = Array.isArray(docs.body)
        ? docs.body
        : (docs.body?.items ?? []);
      return items.find((d) => d.kind === '855' && d.status === 'delivered');
    });
    expect(po855.content).toContain('~BAK*00*');
    expect(po855.content).toContain('*ACME-PO-1001*');

    const folder = join(dataDir, 'edi', 'outbound', DEMO_PARTNER.id);
    const file = await until(
      'the 855 file',
      async () => existsSync(folder) && readdirSync(folder).find((f) => f.startsWith(`855_${po855.controlNumber}_`)),
    );
    const bytes = readFileSync(join(folder, file));
    expect(bytes.toString()).toBe(po855.content);
    expect(parseWithNodeX12(bytes).functionalGroups[0].transactions[0].header.elements[0].value).toBe('855');
  }, 60_000);

  it('records a shipment with carrier, tracking and cartons: the 856 goes out before its 810, with an SSCC-18 per carton', async () => {
    expect(orderId).not.toBe('');
    const refused = await api('POST', `/api/v1/orders/${orderId}/shipments`, {
      lines: [{ lineNumber: 1, quantity: 24 }],
      cartons: [{ sscc: '000614141123456780', lines: [{ lineNumber: 1, quantity: 24 }] }],
    });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'SHIPMENT.SSCC_INVALID']);
    const shipped = await api('POST', `/api/v1/orders/${orderId}/shipments`, {
      lines: [
        { lineNumber: 1, quantity: 24 },
        { lineNumber: 2, quantity: 6 },
      ],
      carrier: 'UPSN',
      trackingNumber: '1Z999AA10123456784',
      shippedAt: '2026-03-02T16:45:00Z',
      cartons: [
        { sscc: '00061414112345678', lines: [{ lineNumber: 1, quantity: 24 }] },
        { sscc: '00061414112345679', lines: [{ lineNumber: 2, quantity: 6 }] },
      ],
    });
    expect(shipped.status).toBe(201);
    const docs = await until('the 856 and 810, delivered', async () => {
      const list = await api('GET', `/api/v1/orders/${orderId}/documents`);
      const items: Array<{ kind: string; content: string; status: string; controlNumber: string; createdAt: string }> =
        list.body?.items ?? [];
      const notice = items.find((d) => d.kind === '856' && d.status === 'delivered');
      const invoice = items.find((d) => d.kind === '810' && d.status === 'delivered');
      return notice && invoice ? { notice, invoice } : undefined;
    });
    // Written in one step, notice first: its interchange number comes before the invoice's.
    expect(Number(docs.notice.controlNumber)).toBeLessThan(Number(docs.invoice.controlNumber));
    expect(docs.notice.content).toContain('~TD5**2*UPSN~REF*CN*1Z999AA10123456784~DTM*011*20260302*1645~');
    expect(docs.notice.content).toContain('~PRF*ACME-PO-1001***20260301~');
    expect(docs.notice.content).toContain('~MAN*GM*000614141123456781~');
    expect(docs.notice.content).toContain('~LIN*1*BP*AC-778801*VN*HW-1001~SN1**24*EA~');
    const parsed = parseWithNodeX12(Buffer.from(docs.notice.content));
    expect(parsed.functionalGroups[0].transactions[0].header.elements[0].value).toBe('856');
    const folder = join(dataDir, 'edi', 'outbound', DEMO_PARTNER.id);
    expect(readdirSync(folder).some((f) => f.startsWith(`856_${docs.notice.controlNumber}_`))).toBe(true);
  }, 60_000);

  /** An interchange from the demo partner (ACME) with one set. */
  const fromAcme = (control: number, id: '850' | '860' | '997', functionalId: string, segments: X12SegmentDraft[]) =>
    writeInterchangeText({
      identity: {
        sender: { qualifier: 'ZZ', id: 'ACMERETAIL' },
        receiver: { qualifier: 'ZZ', id: 'ORDERHUB' },
        controlNumber: control,
        version: '00401',
      },
      groups: [
        {
          functionalId,
          senderCode: 'ACMERETAIL',
          receiverCode: 'ORDERHUB',
          controlNumber: control,
          version: '004010',
          sets: [{ id, controlNumber: 1, segments }],
        },
      ],
    });
  const post = async (body: string) => {
    const res = await fetch(`${base}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: { 'content-type': 'application/edi-x12', 'x-api-key': DEMO_PARTNER.apiKey },
      body,
    });
    expect(res.status).toBe(202);
    return (await res.json()) as { receiptId: string; interchanges: Array<{ status: string }> };
  };
  const documentsOf = async (id: string) =>
    ((await api('GET', `/api/v1/orders/${id}/documents`)).body?.items ?? []) as Array<{
      id: string;
      kind: string;
      content: string;
      status: string;
      controlNumber: string;
    }>;

  it('applies an 860 to the open order (quantity changed, line deleted, line added, stock re-reserved) and answers with an 865 per line', async () => {
    await post(
      fromAcme(301, '850', 'PO', [
        ['BEG', '00', 'SA', 'ACME-PO-2002', undefined, '20260301'],
        ['N1', 'ST', 'ACME Store 42', '92', '0042'],
        ['PO1', '1', '10', 'EA', '3.95', 'PE', 'BP', 'AC-778801', 'VN', 'HW-1001'],
        ['PO1', '2', '2', 'EA', '14.50', 'PE', 'VN', 'HW-1010'],
        ['CTT', '2', '12'],
      ]),
    );
    const order = await until('order ACME-PO-2002', async () => {
      const list = await api('GET', '/api/v1/orders?poNumber=ACME-PO-2002');
      return (list.body.items as Array<{ id: string }>)[0];
    });
    const receipt = await post(
      fromAcme(302, '860', 'PC', [
        ['BCH', '04', 'SA', 'ACME-PO-2002', undefined, '1', '20260301'],
        ['POC', '1', 'QI', '16', undefined, ['EA'], '3.95', 'PE', 'VN', 'HW-1001'],
        ['POC', '2', 'DI', undefined, undefined, undefined, undefined, undefined, 'VN', 'HW-1010'],
        ['POC', '3', 'AI', '5', undefined, ['EA'], undefined, undefined, 'VN', 'HW-1008'],
        ['POC', '9', 'QD', '1', undefined, ['EA'], undefined, undefined, 'VN', 'HW-1002'],
        ['CTT', '4'],
      ]),
    );
    expect(receipt.interchanges).toEqual([{ control: '000000302', status: 'accepted', transactions: 1 }]);
    const ack865 = await until('the 865', async () =>
      (await documentsOf(order.id)).find((d) => d.kind === '865' && d.status === 'delivered'),
    );
    expect(ack865.content).toContain('~BCA*04*AC*ACME-PO-2002**1*20260301*');
    expect(ack865.content).toContain('~POC*1*QI*16**EA*3.95*PE*VN*HW-1001~ACK*IA*16*EA~');
    expect(ack865.content).toContain('~POC*2*DI******VN*HW-1010~ACK*IA~');
    expect(ack865.content).toContain('~POC*3*AI*5**EA***VN*HW-1008~ACK*IA*5*EA~');
    // Line 9 is not on the order: refused in the 865, the rest applied.
    expect(ack865.content).toContain('~POC*9*QD*1**EA***VN*HW-1002~ACK*IR*1*EA~');
    // The order as it now stands, decided again against stock reserved anew: everything available, so all accepted.
    const detail = (await api('GET', `/api/v1/orders/${order.id}`)).body as {
      lines: Array<{ buyerLineNumber: string; sku: string; quantity: string; acceptedQuantity: string }>;
    };
    expect(detail.lines.map((l) => [l.buyerLineNumber, l.sku, Number(l.quantity), Number(l.acceptedQuantity)])).toEqual([
      ['1', 'HW-1001', 16, 16],
      ['3', 'HW-1008', 5, 5],
    ]);
  }, 60_000);

  it('an 860 for an order that already shipped goes to the exceptions queue and is refused in the 865', async () => {
    await post(
      fromAcme(303, '860', 'PC', [
        ['BCH', '04', 'SA', 'ACME-PO-1001', undefined, '2', '20260301'],
        ['POC', '1', 'QD', '20', undefined, ['EA']],
        ['CTT', '1'],
      ]),
    );
    const exception = await until('the exception', async () => {
      const list = await api('GET', '/api/v1/exceptions?status=open&channel=edi');
      return (list.body.items as Array<{ poNumber: string; reasons: Array<{ code: string }> }>).find((e) => e.poNumber === 'ACME-PO-1001');
    });
    expect(exception.reasons.map((r) => r.code)).toEqual(['ORDER.CHANGE_AFTER_SHIPMENT']);
    const ack865 = await until('the refusing 865', async () => (await documentsOf(orderId)).find((d) => d.kind === '865'));
    expect(ack865.content).toContain('~BCA*04*RJ*ACME-PO-1001**2*20260301*');
    expect(ack865.content).toContain('~POC*1*QD*20**EA~ACK*IR*20*EA~');
  }, 60_000);

  it('846 inventory advice: on request by an admin, and once a day at the profile time, by the partner item numbers', async () => {
    const folder = join(dataDir, 'edi', 'outbound', DEMO_PARTNER.id);
    const asked = await api('POST', `/api/v1/partners/${DEMO_PARTNER.id}/inventory-advice`);
    expect(asked.status).toBe(201);
    expect(asked.body.items).toBeGreaterThan(0);
    const file = await until(
      'the 846 file',
      async () => existsSync(folder) && readdirSync(folder).find((f) => f.startsWith(`846_${asked.body.controlNumber}_`)),
    );
    const content = readFileSync(join(folder, file), 'utf8');
    // ACME calls HW-1001 "AC-778801"; what is left after the orders above is what can be promised.
    expect(content).toMatch(/~LIN\*\*BP\*AC-778801\*VN\*HW-1001~PID\*F\*\*\*\*[^~]+~QTY\*33\*\d+\*EA~/);
    expect(parseWithNodeX12(Buffer.from(content)).functionalGroups[0].transactions[0].header.elements[0].value).toBe('846');

    expect((await api('PATCH', `/api/v1/partners/${DEMO_PARTNER.id}`, { inventoryAdviceAt: '06:00' })).status).toBe(200);
    expect((await api('GET', `/api/v1/partners/${DEMO_PARTNER.id}`)).body).toMatchObject({ inventoryAdviceAt: '06:00' });
    const scheduler = app.get(InventoryAdviceScheduler);
    expect(await scheduler.tick(new Date('2026-03-03T05:59:00Z'))).toEqual([]);
    expect(await scheduler.tick(new Date('2026-03-03T06:00:30Z'))).toEqual([DEMO_PARTNER.id]);
    expect(await scheduler.tick(new Date('2026-03-03T17:00:00Z'))).toEqual([]); // once a day
    expect(await scheduler.tick(new Date('2026-03-04T06:01:00Z'))).toEqual([DEMO_PARTNER.id]);
  }, 60_000);

  it("matches the partner's 997 and TA1 to what we sent: accepted, rejected with its codes, overdue; counted in /metrics; re-sent", async () => {
    const docs = (await documentsOf(orderId)).filter((d) => ['856', '810', '865'].includes(d.kind));
    const control = (content: string, tag: 'GS' | 'ST') => {
      const seg = content.split('~').find((x) => x.startsWith(`${tag}*`)) ?? '';
      return seg.split('*')[tag === 'GS' ? 6 : 2];
    };
    const notice = docs.find((d) => d.kind === '856')!;
    const invoice = docs.find((d) => d.kind === '810')!;
    const refusal = docs.find((d) => d.kind === '865')!;
    const before = (await api('GET', '/api/v1/edi/acknowledgements?status=awaiting')).body as { items: Array<{ documentId: string }> };
    expect(before.items.map((i) => i.documentId)).toEqual(expect.arrayContaining([notice.id, invoice.id, refusal.id]));

    // One 997 per group: the 856 rejected with pointers, the 810's group accepted as a whole.
    await post(
      fromAcme(401, '997', 'FA', [
        ['AK1', 'SH', control(notice.content, 'GS')],
        ['AK2', '856', control(notice.content, 'ST')],
        ['AK3', 'TD5', '5', undefined, '8'],
        ['AK4', ['3'], '67', '4', 'UPSN'],
        ['AK5', 'R', '5'],
        ['AK9', 'R', '1', '1', '0'],
      ]),
    );
    await post(
      fromAcme(402, '997', 'FA', [
        ['AK1', 'IN', control(invoice.content, 'GS')],
        ['AK9', 'A', '1', '1', '1'],
      ]),
    );
    // A TA1 refusing the interchange of the 865.
    const ta1 = `ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*ORDERHUB       *260302*1200*U*00401*000000403*0*P*>~TA1*${refusal.controlNumber}*260302*1200*R*024~IEA*0*000000403~`;
    await post(ta1);

    const rejected = (await api('GET', '/api/v1/edi/acknowledgements?status=rejected')).body as {
      items: Array<{ documentId: string; kind: string; codes: unknown[] }>;
    };
    expect(rejected.items.find((i) => i.documentId === notice.id)).toMatchObject({
      kind: '856',
      codes: [
        { level: 'segment', code: '8', segment: 'TD5', position: '5' },
        { level: 'element', code: '4', segment: 'TD5', position: '5', element: '3' },
        { level: 'set', code: '5' },
      ],
    });
    expect(rejected.items.find((i) => i.documentId === refusal.id)).toMatchObject({ kind: '865', codes: [{ level: 'TA1', code: '024' }] });
    const accepted = (await api('GET', '/api/v1/edi/acknowledgements?status=accepted')).body as { items: Array<{ documentId: string }> };
    expect(accepted.items.map((i) => i.documentId)).toContain(invoice.id);

    // Nothing is overdue yet; two days on, everything still awaiting is.
    const ledger = app.get(OutboundAckLedger);
    expect((await ledger.counts(new Date())).overdue).toBe(0);
    expect((await ledger.counts(new Date(Date.now() + 48 * 3_600_000))).overdue).toBeGreaterThan(0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/orderhub_edi_outbound_ack_rejected 2\b/);
    expect(metrics).toMatch(/orderhub_edi_outbound_ack_overdue 0\b/);

    const resent = await api('POST', `/api/v1/edi/acknowledgements/${notice.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ documentId: notice.id, status: 'awaiting', delivery: 'delivered' });
  }, 60_000);
});
