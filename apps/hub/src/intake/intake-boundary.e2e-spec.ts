import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEMO_PARTNER } from '@orderhub/edi-x12';
import { DEMO_CUSTOMERS, SalesOrderRepository } from '@orderhub/order-core';
import { createHash } from 'node:crypto';
import { createEnvelope, IntakePort, purchaseOrderSchema, Topics } from '@orderhub/contracts';
import { MessageBus } from '@orderhub/messaging';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import {
  anOrderPayload,
  aShopifyLineItem,
  demo850Set,
  eventually,
  RunningHub,
  signShopifyWebhook,
  startHub,
  x12Interchange,
} from '@orderhub/testing';
import { HubModule } from '../hub.module';

/**
 * The reproductions of issue 11, through the hub's own doors (HTTP, real PostgreSQL, embedded bus): each is what a
 * new user saw go wrong, and each asserts what they now see instead.
 */
const SHOP = 'orderhub-demo.myshopify.com';
const UNCLAIMED_SHOP = 'unclaimed-shop.myshopify.com';
const SECRET = 'intake-shopify-secret';

interface ExceptionItem {
  id: string;
  poNumber: string | null;
  version: number;
  status: string;
  reasons: Array<{ code: string; message: string }>;
}

describe('intake boundary: every accepted document ends in one visible outcome, never a wrong customer', () => {
  let hub: RunningHub;
  let db: Client;
  const root = mkdtempSync(join(tmpdir(), 'orderhub-intake-'));
  const envBefore = { ...process.env };

  const postX12 = async (bytes: Buffer) => {
    const res = await fetch(`${hub.baseUrl}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: { 'content-type': 'application/edi-x12', 'x-api-key': DEMO_PARTNER.apiKey },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as { receiptId: string; interchanges: Array<{ status: string }> } };
  };
  const exceptionFor = (poNumber: string, channel: string) =>
    eventually(
      async () => {
        const list = await hub.api<{ items: ExceptionItem[] }>('GET', `/api/v1/exceptions?channel=${channel}&limit=500`);
        return list.body.items.find((e) => e.poNumber === poNumber);
      },
      20_000,
      `the exception for ${poNumber}`,
    );
  const ordersFor = async (poNumber: string) =>
    (await hub.api<{ total: number }>('GET', `/api/v1/orders?poNumber=${encodeURIComponent(poNumber)}`)).body.total;
  const ackOf = async (receiptId: string) =>
    (
      await hub.api<{ acknowledgements: Array<{ kind: string; content: string }> }>('GET', `/api/v1/receipts/${receiptId}`)
    ).body.acknowledgements.find((a) => a.kind === '997')?.content ?? '';

  beforeAll(async () => {
    process.env.SHOPIFY_WEBHOOK_SECRETS = `${SHOP}=${SECRET},${UNCLAIMED_SHOP}=${SECRET}`;
    hub = await startHub((config) => HubModule.forRoot(config), { HUB_DATA_DIR: join(root, 'data'), HUB_LOG_LEVEL: 'error' });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await hub?.close();
    for (const key of Object.keys(process.env)) if (!(key in envBefore)) delete process.env[key];
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('sends a Shopify order from a shop no customer claims to CUSTOMER.UNKNOWN, even when the shopper email matches a B2B customer', async () => {
    // ada@example.com is the builder's shopper; Example Hardware Co. claims every address at @example.com.
    const order = anOrderPayload({
      id: 991_000_001,
      name: '#UNCLAIMED-1',
      order_number: 991001,
      email: 'ada@example.com',
      line_items: [aShopifyLineItem({ sku: 'HW-1003', price: '6.95', quantity: 1, current_quantity: 1, fulfillable_quantity: 1 })],
    });
    const signed = signShopifyWebhook(JSON.stringify(order), { secret: SECRET, shop: UNCLAIMED_SHOP, topic: 'orders/create' });
    const res = await fetch(`${hub.baseUrl}/webhooks/shopify`, { method: 'POST', headers: signed.headers, body: signed.rawBody });
    expect(res.status).toBe(200);
    const exception = await exceptionFor('#UNCLAIMED-1', 'shopify');
    expect(exception.reasons.map((r) => r.code)).toContain('CUSTOMER.UNKNOWN');
    expect(await ordersFor('#UNCLAIMED-1')).toBe(0);
    const detail = await hub.api<{ customerId: string | null }>('GET', `/api/v1/exceptions/${exception.id}`);
    expect(detail.body.customerId).toBeNull();
  }, 60_000);

  it('sends an 850 line of quantity 99999999999 to the exceptions queue (LINE.QUANTITY_OUT_OF_RANGE), never a 997 accept followed by silence', async () => {
    const set = demo850Set('0001', 'HUGE-QTY-1');
    set[4] = 'PO1*1*99999999999*EA*3.95*PE*BP*AC-778801*VN*HW-1001';
    const posted = await postX12(x12Interchange({ control: 710_000_001, sets: [set] }));
    expect(posted.status).toBe(202);
    expect(posted.body.interchanges[0].status).toBe('accepted');
    // The standard allows the value, so the 997 accepts the set (E: the CTT hash total no longer adds up, a
    // warning); what we cannot hold is an operator's to see.
    const ack = await ackOf(posted.body.receiptId);
    expect(ack).toMatch(/AK5\*[AE]/);
    expect(ack).not.toMatch(/AK5\*R/);
    const exception = await exceptionFor('HUGE-QTY-1', 'edi');
    expect(exception.reasons.map((r) => r.code)).toContain('LINE.QUANTITY_OUT_OF_RANGE');
    expect(exception.reasons.find((r) => r.code === 'LINE.QUANTITY_OUT_OF_RANGE')?.message).toContain('larger than the hub can hold');
    expect(await ordersFor('HUGE-QTY-1')).toBe(0);
  }, 60_000);

  it('refuses 2.5 EA from a partner (LINE.QUANTITY_NOT_INTEGRAL) and a stock count of 573.5 EA (400)', async () => {
    const set = demo850Set('0001', 'HALF-EACH-1');
    set[4] = 'PO1*1*2.5*EA*3.95*PE*BP*AC-778801*VN*HW-1001';
    expect((await postX12(x12Interchange({ control: 710_000_002, sets: [set] }))).status).toBe(202);
    const exception = await exceptionFor('HALF-EACH-1', 'edi');
    expect(exception.reasons.map((r) => r.code)).toContain('LINE.QUANTITY_NOT_INTEGRAL');
    expect(await ordersFor('HALF-EACH-1')).toBe(0);

    const stock = await hub.api<{ error: { code: string; message: string } }>('PUT', '/api/v1/inventory/HW-1001', {
      warehouse: 'EAST',
      onHand: '573.5',
    });
    expect(stock.status).toBe(400);
    expect(stock.body.error.code).toBe('VALIDATION.FAILED');
    const huge = await hub.api<{ error: { code: string } }>('PUT', '/api/v1/inventory/HW-1001', {
      warehouse: 'EAST',
      onHand: '99999999999',
    });
    expect(huge.status).toBe(400);
  }, 60_000);

  it('answers the phone API 400 for structurally invalid input, never 500 and never 201 with an exception', async () => {
    const before = Number((await db.query(`SELECT count(*) FROM raw_document WHERE channel = 'phone'`)).rows[0].count);
    const cases: Array<[string, unknown, string]> = [
      ['quantity "0"', { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: '0' }] }, 'PHONE.INVALID_QUANTITY'],
      ['quantity 0', { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: 0 }] }, 'PHONE.INVALID_QUANTITY'],
      ['quantity -3', { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: '-3' }] }, 'PHONE.INVALID_QUANTITY'],
      [
        'quantity 99999999999',
        { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: '99999999999' }] },
        'PHONE.INVALID_QUANTITY',
      ],
      [
        'quantity 2.5 of an EA product',
        { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: '2.5' }] },
        'PHONE.INVALID_QUANTITY',
      ],
      ['quantity "1e3"', { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: '1e3' }] }, 'VALIDATION.FAILED'],
      ['quantity "12abc"', { customerId: DEMO_CUSTOMERS.phone.id, lines: [{ sku: 'HW-1001', quantity: '12abc' }] }, 'VALIDATION.FAILED'],
      [
        'unknown customer id',
        { customerId: '00000000-0000-4000-8000-000000000000', lines: [{ sku: 'HW-1001', quantity: '1' }] },
        'PHONE.UNKNOWN_CUSTOMER',
      ],
      ['customer id that is not a uuid', { customerId: 'ACME', lines: [{ sku: 'HW-1001', quantity: '1' }] }, 'VALIDATION.FAILED'],
    ];
    for (const [name, body, code] of cases) {
      const res = await hub.api<{ error?: { code: string } }>('POST', '/api/v1/phone-orders', body);
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 400, code });
    }
    // Nothing was stored for any of them.
    expect(Number((await db.query(`SELECT count(*) FROM raw_document WHERE channel = 'phone'`)).rows[0].count)).toBe(before);
    // A business problem (an unknown SKU) is still an exception.
    const unknownSku = await hub.api<{ exceptionId?: string; reasons?: Array<{ code: string }> }>('POST', '/api/v1/phone-orders', {
      customerId: DEMO_CUSTOMERS.phone.id,
      shipToCode: 'YARD',
      lines: [{ sku: 'NO-SUCH-SKU', quantity: '1' }],
    });
    expect(unknownSku.status).toBe(201);
    expect(unknownSku.body.reasons?.map((r) => r.code)).toContain('PRODUCT.UNKNOWN');
  }, 60_000);

  it('never approves an X12 set its 997 rejected (409 EXCEPTION.REJECTED_TO_SENDER); rejecting it sends no 855', async () => {
    const set = demo850Set('0001', 'AK5R-1');
    set[4] = 'PO1*1*ten*EA*3.95*PE*BP*AC-778801*VN*HW-1001';
    const posted = await postX12(x12Interchange({ control: 710_000_003, sets: [set] }));
    expect(await ackOf(posted.body.receiptId)).toMatch(/AK5\*R/);
    const exception = await exceptionFor('AK5R-1', 'edi');
    const detail = await hub.api<{ senderTold: string | null }>('GET', `/api/v1/exceptions/${exception.id}`);
    expect(detail.body.senderTold).toBe('rejected');
    const approve = await hub.api<{ error: { code: string } }>('POST', `/api/v1/exceptions/${exception.id}/resolve`, {
      action: 'approve',
      version: exception.version,
      corrections: { lines: [{ lineNumber: 1, quantity: '10' }] },
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe('EXCEPTION.REJECTED_TO_SENDER');
    const reject = await hub.api<{ status: string }>('POST', `/api/v1/exceptions/${exception.id}/resolve`, {
      action: 'reject',
      version: exception.version,
      reason: 'partner resends',
    });
    expect(reject.body.status).toBe('rejected');
    expect(await ordersFor('AK5R-1')).toBe(0);
    const { rows } = await db.query(`SELECT kind FROM outbound_document WHERE raw_document_id = $1`, [posted.body.receiptId]);
    expect(rows.map((r: { kind: string }) => r.kind)).toEqual(['997']);
  }, 60_000);

  it('draws invoice numbers without gaps when the transaction that drew one rolls back', async () => {
    const tx = hub.app.get(TransactionRunner);
    const orders = hub.app.get(SalesOrderRepository);
    const first = await tx.run(() => orders.nextInvoiceNumber());
    await tx
      .run(async () => {
        await orders.nextInvoiceNumber();
        await orders.nextNumber();
        throw new Error('the shipment failed after drawing its numbers');
      })
      .catch(() => undefined);
    const second = await tx.run(() => orders.nextInvoiceNumber());
    expect(Number(second.slice(4))).toBe(Number(first.slice(4)) + 1);
  }, 30_000);

  it('turns a message the core cannot process into MESSAGE.UNPROCESSABLE with its cause, and an admin replay raises the order', async () => {
    const raw = hub.app.get(RawDocumentStore);
    const { document } = await hub.app.get(TransactionRunner).run(() =>
      raw.store({
        channel: 'edi',
        sender: DEMO_PARTNER.id,
        contentType: 'application/edi-x12',
        content: Buffer.from('ISA*stand-in for the bytes*~'),
      }),
    );
    const po = purchaseOrderSchema.parse({
      schemaVersion: 1,
      source: {
        channel: 'edi',
        rawDocumentId: document.id,
        sender: DEMO_PARTNER.id,
        partnerId: DEMO_PARTNER.id,
        receivedAt: new Date().toISOString(),
      },
      buyer: { customerId: DEMO_CUSTOMERS.acme.id },
      poNumber: 'BLOCKED-1',
      shipTo: { role: 'ST', code: 'DC01' },
      lines: [{ lineNumber: '1', quantity: '2', uom: 'EA', productIds: [{ qualifier: 'VN', value: 'HW-1001' }] }],
    });
    // A database refusal the core cannot get past however often it retries (as numeric overflow once was).
    await db.query(`ALTER TABLE sales_order ADD CONSTRAINT h11_blocked CHECK (po_number <> 'BLOCKED-1')`);
    try {
      const envelope = createEnvelope({
        type: 'purchase-order.received',
        key: po.poNumber,
        idempotencyKey: `edi:blocked:${document.id}`,
        payload: { purchaseOrder: po },
      });
      await hub.app.get(MessageBus).publish([{ topic: Topics.PurchaseOrderReceived, key: envelope.key, value: JSON.stringify(envelope) }]);
      const exception = await exceptionFor('BLOCKED-1', 'edi');
      expect(exception.reasons.map((r) => r.code)).toEqual(['MESSAGE.UNPROCESSABLE']);
      expect(exception.reasons[0].message).toContain('h11_blocked');
      const listed = await eventually(
        async () => {
          const res = await hub.api<{ items: Array<{ id: string; status: string; outcome: { exceptionIds: string[]; reason?: string } }> }>(
            'GET',
            '/api/v1/inbound-documents?status=failed',
          );
          return res.body.items.find((d) => d.id === document.id);
        },
        10_000,
        'the failed document',
      );
      expect(listed.outcome.exceptionIds).toContain(exception.id);
      expect(listed.outcome.reason).toMatch(/^MESSAGE\.UNPROCESSABLE: BUS\.RETRIES_EXHAUSTED/);
    } finally {
      await db.query(`ALTER TABLE sales_order DROP CONSTRAINT h11_blocked`);
    }
    const replay = await hub.api<{ replayed: number }>('POST', `/api/v1/inbound-documents/${document.id}/replay`);
    expect(replay).toMatchObject({ status: 200, body: { replayed: 1 } });
    await eventually(async () => ((await ordersFor('BLOCKED-1')) === 1 ? true : undefined), 20_000, 'the replayed order');
    const after = await hub.api<{ status: string; outcome: { orderIds: string[] } }>('GET', `/api/v1/inbound-documents/${document.id}`);
    expect(after.body.status).toBe('processed');
    expect(after.body.outcome.orderIds).toHaveLength(1);
    const again = await hub.api<{ error: { code: string } }>('POST', `/api/v1/inbound-documents/${document.id}/replay`);
    expect([again.status, again.body.error.code]).toEqual([409, 'INBOUND.NOT_FAILED']);
  }, 90_000);

  it('lists every inbound document of this run with a terminal status and its outcome, and serves the exact bytes', async () => {
    const docs = await eventually(
      async () => {
        const res = await hub.api<{
          items: Array<{
            id: string;
            channel: string;
            status: string;
            sha256: string;
            size: number;
            outcome: { orderIds: string[]; exceptionIds: string[] };
          }>;
          total: number;
        }>('GET', '/api/v1/inbound-documents?limit=500');
        return res.body.items.every((d) => d.status !== 'received') ? res.body : undefined;
      },
      20_000,
      'every document decided',
    );
    expect(docs.total).toBeGreaterThanOrEqual(6);
    for (const doc of docs.items) {
      // Terminal, and visible: an order, an exception, or a reason.
      expect(['processed', 'flagged', 'rejected', 'duplicate', 'failed']).toContain(doc.status);
      if (doc.status === 'processed') expect(doc.outcome.orderIds.length).toBeGreaterThan(0);
      if (doc.status === 'flagged') expect(doc.outcome.exceptionIds.length).toBeGreaterThan(0);
    }
    const shopify = docs.items.find((d) => d.channel === 'shopify')!;
    const bytes = await fetch(`${hub.baseUrl}/api/v1/inbound-documents/${shopify.id}/raw`, {
      headers: { authorization: `Bearer ${hub.token}` },
    });
    const body = Buffer.from(await bytes.arrayBuffer());
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect(createHash('sha256').update(body).digest('hex')).toBe(shopify.sha256);
    expect(body.length).toBe(shopify.size);
    const edi = await hub.api<{ total: number }>('GET', `/api/v1/inbound-documents?channel=edi&sender=${DEMO_PARTNER.id}`);
    expect(edi.body.total).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('completes an exception where nothing was extracted: corrections set the header and add lines (unit from the product)', async () => {
    const tx = hub.app.get(TransactionRunner);
    const { exceptionId } = await tx.run(async () => {
      const { document } = await hub.app.get(RawDocumentStore).store({
        channel: 'email',
        sender: 'buyer@example.com',
        contentType: 'application/pdf',
        content: Buffer.from('%PDF-1.4 unreadable'),
      });
      return hub.app.get(IntakePort).record(
        { rawDocumentId: document.id, channel: 'email', sender: 'buyer@example.com' },
        {
          kind: 'needs-review',
          review: {
            sourceKey: `test-nothing:${document.id}`,
            reasons: [{ code: 'EXTRACTION.NO_ORDER_FOUND', message: 'no order in the PDF' }],
            draft: { kind: 'partial', fields: {}, channelData: {} },
            receivedAt: new Date(),
            actor: 'channel:email',
          },
        },
      );
    });
    const read = async () => (await hub.api<{ version: number }>('GET', `/api/v1/exceptions/${exceptionId}`)).body.version;
    const incomplete = await hub.api<{ error: { code: string; details: { issues: string[] } } }>(
      'POST',
      `/api/v1/exceptions/${exceptionId}/resolve`,
      {
        action: 'approve',
        version: await read(),
        corrections: { customerId: DEMO_CUSTOMERS.example.id, poNumber: 'FROM-NOTHING-1' },
      },
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe('EXCEPTION.NOT_AN_ORDER');
    expect(incomplete.body.error.details.issues.join(' ')).toContain('lines');
    const done = await hub.api<{ status: string; orderId: string; reasons?: unknown }>(
      'POST',
      `/api/v1/exceptions/${exceptionId}/resolve`,
      {
        action: 'approve',
        version: await read(),
        corrections: {
          customerId: DEMO_CUSTOMERS.example.id,
          poNumber: 'FROM-NOTHING-1',
          poDate: '2026-12-01',
          notes: ['entered from the PDF by hand'],
          shipTo: {
            role: 'ST',
            name: 'Example Hardware dock',
            address1: '1 Dock Rd',
            city: 'Springfield',
            postalCode: '12345',
            country: 'US',
          },
          lines: [
            { lineNumber: 1, sku: 'HW-1001', quantity: 5 },
            { lineNumber: 2, sku: 'HW-1010', quantity: '2', unitPrice: '14.50' },
          ],
        },
      },
    );
    expect(done.body).toMatchObject({ status: 'approved', orderId: expect.any(String) });
    const order = await hub.api<{ poNumber: string; lines: Array<{ sku: string; uom: string; quantity: string }> }>(
      'GET',
      `/api/v1/orders/${done.body.orderId}`,
    );
    expect(order.body.poNumber).toBe('FROM-NOTHING-1');
    expect(order.body.lines.map((l) => [l.sku, l.uom, Number(l.quantity)])).toEqual([
      ['HW-1001', 'EA', 5],
      ['HW-1010', 'EA', 2],
    ]);
  }, 60_000);
});
