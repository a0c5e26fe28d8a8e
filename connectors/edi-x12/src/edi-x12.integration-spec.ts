import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createEnvelope, Topics } from '@orderhub/contracts';
import { DEMO_CUSTOMERS, DocumentDelivererRegistry, OutboundDocuments } from '@orderhub/order-core';
import { RawDocumentStore, TransactionManager } from '@orderhub/persistence';
import { anInvoiceIssued, anOrderAcknowledged, parseWithNodeX12 } from '../../../libs/x12/src/x12-test.builders';
import { ControlNumberSequence } from './application/ports';
import { DEMO_PARTNER } from './application/seed-partners.use-case';
import { inboundFolder } from './infrastructure/drop-folder.watcher';
import { EdiRawBodyMount } from './infrastructure/edi-raw-body.middleware';
import { PartnerDocumentsConsumer } from './infrastructure/partner-documents.consumer';
import { an850, anAcmeInterchange, EdiTestApp, startEdiTestApp } from './testing/edi-test-app';

jest.setTimeout(60_000);

describe('EDI X12 channel (PostgreSQL, hub bootstrap)', () => {
  let t: EdiTestApp;
  let db: DataSource;
  const key = DEMO_PARTNER.apiKey;
  const partnerId = DEMO_PARTNER.id;

  beforeAll(async () => {
    t = await startEdiTestApp({ HUB_EDI_MAX_BODY_BYTES: String(256 * 1024), HUB_EDI_INLINE_MAX_BYTES: '4096' });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (
    body: string | Buffer,
    headers: Record<string, string> = { 'x-api-key': key },
    contentType = 'application/edi-x12',
  ) => {
    const res = await fetch(`${t.baseUrl}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const receipt = async (id: string) => (await api('GET', `/api/v1/receipts/${id}`)).body;
  const outboxFor = async (idempotencyKeyPrefix: string) =>
    (await db.query(
      `SELECT topic, message_key AS key, value FROM outbox_message WHERE value::jsonb->>'idempotencyKey' LIKE $1 ORDER BY seq`,
      [`${idempotencyKeyPrefix}%`],
    )) as Array<{ topic: string; key: string; value: string }>;
  const outboundFiles = () => {
    const dir = join(t.dataDir, 'edi', 'outbound', partnerId);
    return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
  };
  const isa13 = (x12: string) => x12.split('*')[13];

  it('accepts a sample 850 with the partner key: 202, raw bytes kept, PurchaseOrderReceived enqueued, 997 stored and written', async () => {
    const sample = readFileSync(join(__dirname, '../samples/acme-850.x12'));
    const res = await post(sample);
    expect(res.status).toBe(202);
    expect(res.body.interchanges).toEqual([{ control: '000000101', status: 'accepted', transactions: 1 }]);

    const raw = t.app.get(RawDocumentStore);
    expect((await raw.content(res.body.receiptId))?.equals(sample)).toBe(true);
    expect((await raw.get(res.body.receiptId))?.status).toBe('processed');

    const [message] = await outboxFor(`edi:${partnerId}:000000101:101:0001`);
    expect(message.topic).toBe(Topics.PurchaseOrderReceived);
    expect(message.key).toBe('ACME-PO-1001');
    const po = JSON.parse(message.value).payload.purchaseOrder;
    expect(po.buyer.customerId).toBe(DEMO_CUSTOMERS.acme.id);
    expect(po.source).toMatchObject({ channel: 'edi', partnerId, rawDocumentId: res.body.receiptId });
    expect(po.lines).toHaveLength(2);

    const r = await receipt(res.body.receiptId);
    expect(r.interchanges).toMatchObject([{ control: '000000101', status: 'accepted', transactions: 1 }]);
    expect(r.acknowledgements.map((a: { kind: string }) => a.kind)).toEqual(['997']);
    const ack: string = r.acknowledgements[0].content;
    expect(ack).toContain('ST*997*');
    expect(ack).toContain('AK1*PO*101~');
    expect(ack).toContain('AK2*850*0001~AK5*A~');
    expect(ack).toContain('AK9*A*1*1*1~');
    expect(ack).toMatch(/^ISA\*00\*          \*00\*          \*ZZ\*ORDERHUB       \*ZZ\*ACMERETAIL     \*/);
    expect(r.acknowledgements[0].status).toBe('delivered');
    expect(parseWithNodeX12(Buffer.from(ack)).functionalGroups[0].transactions).toHaveLength(1);
    expect(outboundFiles().some((f) => f.startsWith('997_'))).toBe(true);
  });

  it('draws outbound control numbers per partner that increase and never repeat across posts', async () => {
    const a = await post(anAcmeInterchange({ control: 201 }));
    const b = await post(anAcmeInterchange({ control: 202 }));
    expect([a.status, b.status]).toEqual([202, 202]);
    const ackA: string = (await receipt(a.body.receiptId)).acknowledgements[0].content;
    const ackB: string = (await receipt(b.body.receiptId)).acknowledgements[0].content;
    expect(Number(isa13(ackB))).toBe(Number(isa13(ackA)) + 1);
    const gs = (x: string) =>
      x
        .split('~')
        .find((s) => s.startsWith('GS*'))!
        .split('*')[6];
    expect(Number(gs(ackB))).toBe(Number(gs(ackA)) + 1);
    const all = (await db.query(`SELECT control_number FROM outbound_document WHERE partner_id = $1`, [partnerId])) as Array<{
      control_number: string;
    }>;
    expect(new Set(all.map((d) => d.control_number)).size).toBe(all.length);
  });

  it('answers a repeated interchange within the window as duplicate: no second order, TA1 025', async () => {
    const body = anAcmeInterchange({ control: 301 });
    const first = await post(body);
    const again = await post(body);
    expect(first.body.interchanges[0].status).toBe('accepted');
    expect(again.status).toBe(202);
    expect(again.body.interchanges).toEqual([{ control: '000000301', status: 'duplicate', transactions: 1 }]);
    expect(await outboxFor(`edi:${partnerId}:000000301:`)).toHaveLength(1);
    const r = await receipt(again.body.receiptId);
    expect(r.acknowledgements.map((a: { kind: string }) => a.kind)).toEqual(['TA1']);
    expect(r.acknowledgements[0].content).toContain('TA1*000000301*260301*0930*R*025~');
  });

  it('refuses a missing or unknown key with 401', async () => {
    const missing = await post(anAcmeInterchange({ control: 401 }), {});
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('AUTH.API_KEY_REQUIRED');
    const unknown = await post(anAcmeInterchange({ control: 401 }), { 'x-api-key': 'not-a-partner' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('EDI.UNKNOWN_PARTNER');
  });

  it('rejects an interchange addressed to someone else (ISA08) with a TA1 and no order', async () => {
    const res = await post(anAcmeInterchange({ control: 501, receiver: 'SOMEONEELSE' }));
    expect(res.status).toBe(202);
    expect(res.body.interchanges).toEqual([{ control: '000000501', status: 'rejected', transactions: 1 }]);
    const r = await receipt(res.body.receiptId);
    expect(r.acknowledgements.map((a: { kind: string }) => a.kind)).toEqual(['TA1']);
    expect(r.acknowledgements[0].content).toContain('TA1*000000501*260301*0930*R*009~');
    expect(await outboxFor(`edi:${partnerId}:000000501:`)).toHaveLength(0);
  });

  it('rejects an interchange whose ISA sender is not the partner the key belongs to (TA1 006)', async () => {
    const res = await post(anAcmeInterchange({ control: 502, sender: 'IMPOSTOR' }));
    expect(res.body.interchanges).toEqual([{ control: '000000502', status: 'rejected', transactions: 1 }]);
    expect((await receipt(res.body.receiptId)).acknowledgements[0].content).toContain('TA1*000000502*260301*0930*R*006~');
    expect(await outboxFor(`edi:${partnerId}:000000502:`)).toHaveLength(0);
  });

  it('answers ISA14=1 with a TA1 (A 000) beside the 997', async () => {
    const res = await post(anAcmeInterchange({ control: 503, ackRequested: true }));
    const acks = (await receipt(res.body.receiptId)).acknowledgements as Array<{ kind: string; content: string }>;
    expect(acks.map((a) => a.kind).sort()).toEqual(['997', 'TA1']);
    expect(acks.find((a) => a.kind === 'TA1')?.content).toContain('TA1*000000503*260301*0930*A*000~');
  });

  it('rejects only the bad set of a multi-set interchange: AK5 R in the 997, an exception for it, the others enqueued', async () => {
    const sets = [an850('PO-MULTI-1'), an850('PO-MULTI-2', [{ qty: 'ten', sku: 'HW-1002' }]), an850('PO-MULTI-3')];
    const res = await post(anAcmeInterchange({ control: 601, sets }));
    expect(res.body.interchanges).toEqual([{ control: '000000601', status: 'accepted', transactions: 3 }]);
    const ack: string = (await receipt(res.body.receiptId)).acknowledgements[0].content;
    expect(ack).toContain('AK2*850*0001~AK5*A~');
    expect(ack).toMatch(/AK2\*850\*0002~AK3\*PO1\*\d+\*PO1\*8~AK4\*2\*330\*6\*ten~AK5\*R\*5~/);
    expect(ack).toContain('AK2*850*0003~AK5*A~');
    expect(ack).toContain('AK9*P*3*3*2~');
    const messages = await outboxFor(`edi:${partnerId}:000000601:`);
    expect(messages.map((m) => m.key)).toEqual(['PO-MULTI-1', 'PO-MULTI-3']);
    const [exception] = (await db.query(`SELECT id, reasons, po_number, partner_id FROM order_exception WHERE source_key LIKE $1`, [
      `edi:${partnerId}:000000601:601:0002:%`,
    ])) as Array<{
      id: string;
      reasons: Array<{ code: string }>;
      po_number: string;
      partner_id: string;
    }>;
    expect(exception.reasons.map((r) => r.code)).toContain('EDI.PO850.QUANTITY_INVALID');
    expect(exception).toMatchObject({ po_number: 'PO-MULTI-2', partner_id: partnerId });
    // One flagged event per exception, keyed by the exception (the intake port's one scheme for every channel).
    expect(await outboxFor(`flagged:${exception.id}`)).toHaveLength(1);
  });

  it('undoes the orders of a group whose GE count is wrong (AK9 R 5), keeping the receipt', async () => {
    const text = anAcmeInterchange({ control: 651, sets: [an850('PO-GE-1'), an850('PO-GE-2')] }).replace('GE*2*651~', 'GE*3*651~');
    const res = await post(text);
    expect(res.body.interchanges[0]).toMatchObject({ status: 'accepted', transactions: 2 });
    expect((await receipt(res.body.receiptId)).acknowledgements[0].content).toContain('AK9*R*3*2*0*5~');
    expect(await outboxFor(`edi:${partnerId}:000000651:`)).toHaveLength(0);
  });

  it('answers garbage with 400 EDI.NOT_X12 and keeps the raw document', async () => {
    const res = await post('this is not an X12 interchange at all', { 'x-api-key': key }, 'text/plain');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('EDI.NOT_X12');
    const receiptId = res.body.error.details.receiptId;
    const raw = await t.app.get(RawDocumentStore).get(receiptId);
    expect(raw).toMatchObject({ channel: 'edi', sender: partnerId, status: 'rejected' });
  });

  it('answers an oversized body with 413 EDI.PAYLOAD_TOO_LARGE, before the global body parsers see it', async () => {
    expect(t.app.get(EdiRawBodyMount).mounted).toBe(true);
    const res = await post(Buffer.alloc(300 * 1024, 0x41));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('EDI.PAYLOAD_TOO_LARGE');
  });

  it('keeps the bytes exactly, whatever the content type: control-character delimiters and latin-1 text', async () => {
    const text = anAcmeInterchange({ control: 701, delimiters: { element: '\x07', component: '\x1f', segment: '\x1c' } });
    const bytes = Buffer.concat([Buffer.from(text.replace('ACME Store 42', 'ACME Store Caf'), 'latin1')]);
    const withAccent = Buffer.from(bytes.toString('latin1').replace('Store Caf', 'Store Caf\xe9'), 'latin1');
    for (const contentType of ['application/edi-x12', 'text/plain', 'application/octet-stream']) {
      const body = Buffer.from(
        withAccent
          .toString('latin1')
          .replaceAll(
            '000000701',
            contentType === 'text/plain' ? '000000702' : contentType === 'application/octet-stream' ? '000000703' : '000000701',
          ),
        'latin1',
      );
      const res = await post(body, { 'x-api-key': key }, contentType);
      expect(res.status).toBe(202);
      expect(res.body.interchanges[0].status).toBe('accepted');
      expect((await t.app.get(RawDocumentStore).content(res.body.receiptId))?.equals(body)).toBe(true);
    }
  });

  it('never skips a control number when the transaction that drew it rolls back', async () => {
    const tx = t.app.get(TransactionManager);
    const seq = t.app.get(ControlNumberSequence);
    const [before] = await tx.run(() => seq.next(partnerId, 'ISA'));
    await expect(
      tx.run(async () => {
        await seq.next(partnerId, 'ISA');
        throw new Error('crash after drawing');
      }),
    ).rejects.toThrow('crash after drawing');
    const [after] = await tx.run(() => seq.next(partnerId, 'ISA'));
    expect(after).toBe(before + 1);
  });

  it('wraps ISA13 after 999999999 back to 1', async () => {
    const tx = t.app.get(TransactionManager);
    const seq = t.app.get(ControlNumberSequence);
    const { body } = await api('POST', '/api/v1/partners', {
      name: 'Wrap Co',
      customerId: DEMO_CUSTOMERS.acme.id,
      isaQualifier: 'ZZ',
      isaId: 'WRAPCO',
      gsId: 'WRAPCO',
      version: '004010',
    });
    await db.query(`UPDATE edi_control_sequence SET isa_last = 999999998 WHERE partner_id = $1`, [body.id]);
    expect(await tx.run(() => seq.next(body.id, 'ISA', 3))).toEqual([999999999, 1, 2]);
  });

  describe('drop folder', () => {
    const until = async <T>(probe: () => T | undefined | false, ms = 10_000): Promise<T> => {
      const end = Date.now() + ms;
      for (;;) {
        const v = probe();
        if (v) return v;
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const folder = () => inboundFolder(t.dataDir, partnerId);
    const listing = (sub: string) =>
      existsSync(join(folder(), sub)) ? readdirSync(join(folder(), sub)).filter((n) => !n.startsWith('.')) : [];

    it('picks up a file, processes it like a post, and moves it to processed/; garbage goes to error/', async () => {
      await until(() => existsSync(join(folder(), 'processed')));
      writeFileSync(join(folder(), 'order-801.x12.tmp'), anAcmeInterchange({ control: 801 }));
      writeFileSync(join(folder(), 'junk.txt'), 'definitely not EDI');
      await new Promise((r) => setTimeout(r, 400));
      expect(existsSync(join(folder(), 'order-801.x12.tmp'))).toBe(true); // still being written: left alone
      renameSync(join(folder(), 'order-801.x12.tmp'), join(folder(), 'order-801.x12'));
      const processed = await until(() => listing('processed').find((n) => n.endsWith('order-801.x12')));
      await until(() => listing('error').find((n) => n.endsWith('junk.txt')));
      expect(existsSync(join(folder(), 'order-801.x12'))).toBe(false);
      const messages = await (async () => {
        for (let i = 0; i < 100; i++) {
          const m = await outboxFor(`edi:${partnerId}:000000801:`);
          if (m.length) return m;
          await new Promise((r) => setTimeout(r, 50));
        }
        return [];
      })();
      expect(messages).toHaveLength(1);
      expect(processed).toMatch(/^\d{8}T\d{6}-[0-9a-f]{6}-order-801\.x12$/);
    });

    it('streams a file over the inline threshold from disk and keeps it by reference', async () => {
      const sets = Array.from({ length: 40 }, (_, i) => an850(`PO-BIG-${i}`));
      const text = anAcmeInterchange({ control: 901, sets });
      expect(text.length).toBeGreaterThan(4096);
      writeFileSync(join(folder(), 'big-901.x12'), text);
      const name = await until(() => listing('processed').find((n) => n.endsWith('big-901.x12')));
      let rows: Array<{ id: string; content_path: string | null; status: string }> = [];
      for (let i = 0; i < 100 && !(rows[0]?.status === 'processed'); i++) {
        rows = await db.query(`SELECT id, content_path, status FROM raw_document WHERE metadata->>'fileName' = 'big-901.x12'`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(rows[0].content_path).toBe(join(folder(), 'processed', name));
      expect(rows[0].status).toBe('processed');
      expect((await t.app.get(RawDocumentStore).content(rows[0].id))?.toString()).toBe(text);
      expect(await outboxFor(`edi:${partnerId}:000000901:`)).toHaveLength(40);
    });
  });

  describe('855 and 810 out', () => {
    const consumer = () => t.app.get(PartnerDocumentsConsumer);
    const documents = () => t.app.get(OutboundDocuments);
    const ackEvent = anOrderAcknowledged({
      salesOrderId: '6a1f0000-0000-4000-8000-000000000855',
      partnerId,
      sender: partnerId,
      rawDocumentId: '6a1f0000-0000-4000-8000-0000000000aa',
    });
    const invoiceEvent = anInvoiceIssued({
      salesOrderId: ackEvent.salesOrderId,
      invoiceId: 'inv-810-1',
      partnerId,
      sender: partnerId,
      rawDocumentId: ackEvent.rawDocumentId,
    });

    it('writes an 855 on OrderAcknowledged and an 810 on InvoiceIssued, in the partner folder, that node-x12 reads back', async () => {
      const ackEnvelope = createEnvelope({ type: Topics.OrderAcknowledged, key: 'PO-1001', payload: ackEvent });
      await consumer().onOrderAcknowledged(ackEnvelope);
      await consumer().onOrderAcknowledged(ackEnvelope); // redelivered: nothing new
      await consumer().onInvoiceIssued(createEnvelope({ type: Topics.InvoiceIssued, key: 'PO-1001', payload: invoiceEvent }));
      const docs = await documents().listForOrder(ackEvent.salesOrderId);
      expect(docs.map((d) => [d.kind, d.sourceKey, d.status])).toEqual([
        ['855', `855:${ackEvent.salesOrderId}`, 'delivered'],
        // The partner takes ship notices too: the 856 is written and delivered before its 810.
        ['856', `856:${invoiceEvent.shipmentId}`, 'delivered'],
        ['810', '810:inv-810-1', 'delivered'],
      ]);
      for (const doc of docs) {
        const file = outboundFiles().find((f) => f.startsWith(`${doc.kind}_${doc.controlNumber}_`));
        expect(file).toBeDefined();
        const bytes = readFileSync(join(t.dataDir, 'edi', 'outbound', partnerId, file!));
        expect(bytes.toString()).toBe(doc.content);
        const parsed = parseWithNodeX12(bytes);
        expect(parsed.functionalGroups).toHaveLength(1);
        const [set] = parsed.functionalGroups[0].transactions;
        expect(set.header.elements[0].value).toBe(doc.kind);
        expect(Number(set.trailer.elements[0].value)).toBe(set.segments.length + 2);
      }
      expect(docs[0].content).toContain('~BAK*00*AC*PO-1001*');
      expect(docs[1].content).toContain('~BSN*00*SO-000123-');
      expect(docs[2].content).toContain('~BIG*20240309*INV-9001*');
      expect(Number(isa13(docs[1].content))).toBeGreaterThan(Number(isa13(docs[0].content)));
      expect(Number(isa13(docs[2].content))).toBeGreaterThan(Number(isa13(docs[1].content)));
    });

    it('ignores events of other channels and partners that do not take the document', async () => {
      await consumer().onOrderAcknowledged(
        createEnvelope({
          type: Topics.OrderAcknowledged,
          key: 'x',
          payload: { ...ackEvent, salesOrderId: '6a1f0000-0000-4000-8000-000000000001', channel: 'email' },
        }),
      );
      expect(await documents().listForOrder('6a1f0000-0000-4000-8000-000000000001')).toEqual([]);
    });

    it('re-sends a document exactly as first written', async () => {
      const [doc] = await documents().listForOrder(ackEvent.salesOrderId);
      const dir = join(t.dataDir, 'edi', 'outbound', partnerId);
      const file = outboundFiles().find((f) => f.startsWith(`855_${doc.controlNumber}_`))!;
      rmSync(join(dir, file));
      const outcome = await t.app.get(DocumentDelivererRegistry).for('edi')!.deliver(doc);
      expect(outcome.status).toBe('delivered');
      expect(readFileSync(join(dir, file), 'utf8')).toBe(doc.content);
    });
  });

  describe('partners admin API', () => {
    it('creates a partner (key shown once), lists, reads, patches and rotates its key', async () => {
      const created = await api('POST', '/api/v1/partners', {
        name: 'Globex',
        customerId: DEMO_CUSTOMERS.example.id,
        isaQualifier: '01',
        isaId: '123456789',
        gsId: 'GLOBEX',
        version: '005010',
        documents: ['999', 'TA1', '855'],
      });
      expect(created.status).toBe(201);
      expect(created.body.apiKey).toMatch(/^edi_/);
      const id = created.body.id;
      const got = await api('GET', `/api/v1/partners/${id}`);
      expect(got.body).toMatchObject({
        name: 'Globex',
        delimiters: { element: '*', component: '>', segment: '~', repetition: '^' },
        hashTotalPolicy: 'warning',
        isaWidth: 'lenient',
        duplicateWindowHours: 72,
      });
      expect(JSON.stringify(got.body)).not.toContain('apiKey');
      const list = await api('GET', '/api/v1/partners?limit=100');
      expect(list.body.total).toBeGreaterThanOrEqual(2);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
      expect((await api('PATCH', `/api/v1/partners/${id}`, { hashTotalPolicy: 'reject' })).body.hashTotalPolicy).toBe('reject');
      expect((await api('PATCH', `/api/v1/partners/${id}`, { version: 'x' })).body.error.code).toBe('EDI.PARTNER_INVALID');

      const dup = await api('POST', '/api/v1/partners', {
        name: 'Again',
        customerId: DEMO_CUSTOMERS.example.id,
        isaQualifier: '01',
        isaId: '123456789',
        gsId: 'G',
        version: '004010',
      });
      expect([dup.status, dup.body.error.code]).toEqual([409, 'EDI.PARTNER_DUPLICATE']);
      const noCustomer = await api('POST', '/api/v1/partners', {
        name: 'Nobody',
        customerId: '00000000-0000-4000-8000-000000000000',
        isaQualifier: 'ZZ',
        isaId: 'NOBODY',
        gsId: 'N',
        version: '004010',
      });
      expect(noCustomer.body.error.code).toBe('EDI.CUSTOMER_UNKNOWN');

      const inbound5010 = (control: number) =>
        anAcmeInterchange({ control, sender: '123456789' }).replace('*ZZ*123456789      ', '*01*123456789      ');
      const oldKey = created.body.apiKey;
      expect((await post(inbound5010(11), { 'x-api-key': oldKey })).status).toBe(202);
      const rotated = await api('POST', `/api/v1/partners/${id}/rotate-key`);
      expect(rotated.body.apiKey).not.toBe(oldKey);
      expect((await post(inbound5010(12), { 'x-api-key': oldKey })).body.error.code).toBe('EDI.UNKNOWN_PARTNER');
      expect((await post(inbound5010(12), { 'x-api-key': rotated.body.apiKey })).status).toBe(202);
    });
  });
});
