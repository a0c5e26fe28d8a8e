import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { DEMO_PARTNER, inboundFolder } from '@orderhub/edi-x12';
import { DEMO_CUSTOMERS } from '@orderhub/order-core';
import {
  anOrderPayload,
  aShopifyLineItem,
  demo850Interchange,
  dovecotBinary,
  eventually,
  signShopifyWebhook,
  startDovecot,
  startHub,
  startSmtpSink,
  type DovecotServer,
  type RunningHub,
  type SmtpSink,
} from '@orderhub/testing';
import { anOrderEmail } from '../../../connectors/email/src/testing/order-email.builder';
import { garbagePdf } from '../../../connectors/email/src/testing/po-pdf.generator';
import { HubModule } from './hub.module';

const SHOP = 'metrics-shop.myshopify.com';
const SECRET = 'metrics-shopify-secret';
const hasDovecot = dovecotBinary() !== null;
if (!hasDovecot)
  console.warn('SKIPPED the email door in the /metrics test: the `dovecot` binary is not installed (apt-get install -y dovecot-imapd)');

/** `name{labels} value` lines of a Prometheus text scrape. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics after traffic through every door', () => {
  let hub: RunningHub;
  let dovecot: DovecotServer | undefined;
  let smtp: SmtpSink | undefined;
  const root = mkdtempSync(join(tmpdir(), 'orderhub-metrics-'));
  const dataDir = join(root, 'data');
  const envBefore = { ...process.env };
  const scrape = async () => (await fetch(`${hub.baseUrl}/metrics`)).text();

  beforeAll(async () => {
    process.env.SHOPIFY_WEBHOOK_SECRETS = `${SHOP}=${SECRET}`;
    process.env.HUB_EDI_DROP_SCAN_MS = '200';
    process.env.HUB_EDI_DROP_STABLE_MS = '0';
    process.env.IMAP_SWEEP_SECONDS = '5';
    const email: Record<string, string> = {};
    if (hasDovecot) {
      dovecot = await startDovecot();
      smtp = await startSmtpSink();
      Object.assign(email, {
        IMAP_HOST: dovecot.host,
        IMAP_PORT: String(dovecot.port),
        IMAP_USER: dovecot.user,
        IMAP_PASSWORD: dovecot.password,
        IMAP_TLS: '0',
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_TLS: '0',
        SMTP_FROM: 'OrderHub <orders@hub.example>',
      });
    }
    hub = await startHub((config) => HubModule.forRoot(config), { HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'error', ...email });
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    await smtp?.stop();
    await dovecot?.stop();
    for (const key of Object.keys(process.env)) if (!(key in envBefore)) delete process.env[key];
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('names process metrics once (orderhub_process_*, never orderhub_process_process_*)', async () => {
    const text = await scrape();
    expect(text).toMatch(/^orderhub_process_cpu_seconds_total /m);
    expect(text).toMatch(/^orderhub_nodejs_heap_size_used_bytes /m);
    expect(text).not.toContain('orderhub_process_process_');
    expect(text).not.toContain('orderhub_process_nodejs_');
  });

  it('counts a document through each door in orderhub_inbound_documents_total, and reads gauges at scrape time', async () => {
    const before = await scrape();
    const count = (text: string, channel: string) => sample(text, 'orderhub_inbound_documents_total', { channel }) ?? 0;

    // EDI over HTTP and through the drop folder
    const posted = await fetch(`${hub.baseUrl}/api/v1/inbound/x12`, {
      method: 'POST',
      headers: { 'content-type': 'application/edi-x12', 'x-api-key': DEMO_PARTNER.apiKey },
      body: demo850Interchange(710_000_001, 'METRICS-EDI-1'),
    });
    expect(posted.status).toBe(202);
    const folder = inboundFolder(dataDir, DEMO_PARTNER.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'metrics-850.x12'), demo850Interchange(710_000_002, 'METRICS-EDI-2'));
    // Shopify
    const quote = await hub.api<{ lines: Array<{ unitPrice: string }> }>('POST', '/api/v1/pricing/quote', {
      customerId: DEMO_CUSTOMERS.shopify.id,
      channel: 'shopify',
      lines: [{ sku: 'HW-1003', quantity: '1' }],
    });
    const payload = anOrderPayload({
      id: 990_000_001,
      name: '#METRICS-1',
      order_number: 990001,
      line_items: [
        aShopifyLineItem({
          sku: 'HW-1003',
          price: quote.body.lines[0].unitPrice,
          quantity: 1,
          current_quantity: 1,
          fulfillable_quantity: 1,
        }),
      ],
    });
    const signed = signShopifyWebhook(JSON.stringify(payload), { secret: SECRET, shop: SHOP, topic: 'orders/create' });
    expect((await fetch(`${hub.baseUrl}/webhooks/shopify`, { method: 'POST', headers: signed.headers, body: signed.rawBody })).status).toBe(
      200,
    );
    // Phone
    const phone = await hub.api('POST', '/api/v1/phone-orders', {
      customerId: DEMO_CUSTOMERS.phone.id,
      shipToCode: 'YARD',
      poNumber: 'METRICS-PHONE-1',
      lines: [{ sku: 'HW-1001', quantity: '2' }],
    });
    expect(phone.status).toBe(201);
    // Email: an unreadable PDF, which also opens an exception
    if (dovecot) {
      const imap = new ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      await imap.connect();
      await imap.append(
        'INBOX',
        await anOrderEmail({
          from: 'Pat Buyer <buyer@example.com>',
          subject: 'PO METRICS-EMAIL-1',
          attachments: [{ filename: 'po.pdf', content: garbagePdf() }],
        }),
      );
      await imap.logout();
    }

    const channels = ['edi', 'shopify', 'phone', ...(dovecot ? ['email'] : [])];
    const after = await eventually(
      async () => {
        const text = await scrape();
        const grown = {
          edi: count(text, 'edi') - count(before, 'edi'),
          shopify: count(text, 'shopify') - count(before, 'shopify'),
          phone: count(text, 'phone') - count(before, 'phone'),
          email: count(text, 'email') - count(before, 'email'),
        };
        return grown.edi >= 2 && channels.every((c) => grown[c as keyof typeof grown] >= 1) ? { text, grown } : undefined;
      },
      60_000,
      'a document counted through every door',
    );
    expect(after.grown).toEqual({ edi: 2, shopify: 1, phone: 1, email: dovecot ? 1 : 0 });

    // Gauges are read at the scrape: the open exceptions are what the API says, without anyone opening the KPIs.
    const open = await eventually(
      async () => {
        const api = await hub.api<{ total: number }>('GET', '/api/v1/exceptions?status=open');
        const text = await scrape();
        const gauge = sample(text, 'orderhub_exceptions_open');
        return dovecot && api.body.total === 0 ? undefined : gauge === api.body.total ? { gauge, text } : undefined;
      },
      60_000,
      'the open-exceptions gauge to match the API',
    );
    if (dovecot) expect(open.gauge).toBeGreaterThanOrEqual(1);
    expect(sample(open.text, 'orderhub_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(open.text, 'orderhub_outbound_documents_overdue')).toBe(0);
    expect(sample(open.text, 'orderhub_consumer_lag_messages', { group: hub.config.HUB_CONSUMER_GROUP })).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
