import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS } from '@orderhub/order-core';
import { anOrderPayload, aShopifyAddress, aShopifyLineItem, seededRandom, signShopifyWebhook } from '@orderhub/testing';
import { anOrderEmail } from '../../../connectors/email/src/testing/order-email.builder';
import { aGroundTruthPo, generatePurchaseOrderPdf, type GroundTruthLine } from '../../../connectors/email/src/testing/po-pdf.generator';
import { sleep } from './processes';

export type Channel = 'edi' | 'shopify' | 'phone' | 'email';
export const CHANNELS: readonly Channel[] = ['edi', 'shopify', 'phone', 'email'];
export type Mix = Record<Channel, number>;

/** "edi=4,shopify=3,phone=2,email=1" → weights. */
export function parseMix(text: string): Mix {
  const mix: Mix = { edi: 0, shopify: 0, phone: 0, email: 0 };
  for (const part of text.split(',').filter(Boolean)) {
    const [name, weight] = part.split('=');
    if (!CHANNELS.includes(name as Channel) || !(Number(weight) >= 0))
      throw new Error(`bad mix entry "${part}" (want e.g. edi=4,shopify=3,phone=2,email=1)`);
    mix[name as Channel] = Number(weight);
  }
  if (CHANNELS.every((c) => mix[c] === 0)) throw new Error('the mix has no weight');
  return mix;
}

export const SHOPIFY_SHOP = DEMO_CUSTOMERS.shopify.shopifyShopDomain;
export const SHOPIFY_SECRET = 'soak-shopify-secret';
export const EDI_API_KEY = 'demo-acme-key';
export const ADMIN_PASSWORD = 'soak-admin-password';
export const EMAIL_SENDER = 'buyer@example.com';

/** Sellable demo skus with plenty of stock after setup; HW-2001 is sold by the pound. */
const SKUS = DEMO_PRODUCTS.filter((p) => !p.discontinued).map((p) => ({ sku: p.sku, uom: p.uom, price: p.listPrice }));

/** One inbound document the generator offered, and what became of it. */
export interface SentDocument {
  id: number;
  channel: Channel;
  phase: string;
  /** PO numbers it carries (an X12 interchange carries one per 850); for email the PO number in the PDF. */
  poNumbers: string[];
  /** Key the audit finds it by when the PO number is not enough (email: Message-ID). */
  key: string;
  offeredAt: number;
  attempts: number;
  accepted: boolean;
  /** Last HTTP status or error text. */
  last: string;
  /** True when the hub answered "duplicate" to a retry: the first attempt had been stored. */
  duplicateOnRetry?: boolean;
}

export interface LoadTargets {
  ingest: string;
  core: string;
  imap?: { host: string; port: number; user: string; password: string };
}

export interface LoadOptions {
  rate: number;
  seconds: number;
  mix: Mix;
  phase: string;
  /** Retries of unanswered documents stop at this time (ms since epoch). */
  retryUntil: number;
}

const between = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** Most partners send one order per interchange; some batch a few, a few send big batches (1–50 sets). */
function setCount(rnd: () => number): number {
  const r = rnd();
  return r < 0.6 ? 1 : r < 0.9 ? between(rnd, 2, 10) : between(rnd, 11, 50);
}

/** 1–20 lines, mostly short orders. */
function lineCount(rnd: () => number): number {
  const r = rnd();
  return r < 0.5 ? between(rnd, 1, 5) : r < 0.85 ? between(rnd, 6, 12) : between(rnd, 13, 20);
}

function distinctSkus(rnd: () => number, n: number, exclude: string[] = []): typeof SKUS {
  const pool = SKUS.filter((s) => !exclude.includes(s.sku));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.min(n, pool.length));
}

/**
 * Offers inbound documents at a fixed rate (open loop: a slow hub does not slow the offer) through the four
 * doors, the way real senders behave: a failed or unanswered request is retried with the same identity (ISA13,
 * Shopify event id, Idempotency-Key, Message-ID) until it is accepted or the retry window closes.
 */
export class LoadGenerator {
  readonly sent: SentDocument[] = [];
  private rnd: () => number;
  private isa = 100_000;
  private shopifyId = 7_000_000_000;
  private token: string | null = null;
  private imap: ImapFlow | null = null;
  private imapBusy: Promise<unknown> = Promise.resolve();
  private inFlight = new Set<Promise<void>>();
  stopped = false;

  constructor(
    private readonly targets: LoadTargets,
    private readonly runTag: string,
    seed: number,
  ) {
    this.rnd = seededRandom(seed);
  }

  /** Offered documents per second so far in `phase` (or all). */
  counts(phase?: string): { offered: number; orders: number; accepted: number; pending: number } {
    const list = phase ? this.sent.filter((d) => d.phase === phase) : this.sent;
    return {
      offered: list.length,
      orders: list.reduce((n, d) => n + d.poNumbers.length, 0),
      accepted: list.filter((d) => d.accepted).length,
      pending: this.inFlight.size,
    };
  }

  async run(options: LoadOptions): Promise<void> {
    const total = Math.round(options.rate * options.seconds);
    const weights = CHANNELS.map((c) => options.mix[c]);
    const sum = weights.reduce((a, b) => a + b, 0);
    const start = Date.now();
    for (let i = 0; i < total && !this.stopped; i++) {
      const due = start + (i * 1000) / options.rate;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      let r = this.rnd() * sum;
      let channel: Channel = 'edi';
      for (let c = 0; c < CHANNELS.length; c++) {
        r -= weights[c];
        if (r < 0) {
          channel = CHANNELS[c];
          break;
        }
      }
      const p = this.offer(channel, options).catch(() => undefined);
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }
  }

  /** Waits for every document still being sent or retried. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.settle();
    await this.imap?.logout().catch(() => undefined);
  }

  private async offer(channel: Channel, options: LoadOptions): Promise<void> {
    const id = this.sent.length + 1;
    const base = `${this.runTag}-${options.phase}-${channel[0].toUpperCase()}${id}`;
    const doc: SentDocument = {
      id,
      channel,
      phase: options.phase,
      poNumbers: [],
      key: base,
      offeredAt: Date.now(),
      attempts: 0,
      accepted: false,
      last: '',
    };
    this.sent.push(doc);
    let attemptOnce: () => Promise<{ accepted: boolean; retry: boolean; last: string; duplicate?: boolean }>;
    switch (channel) {
      case 'edi':
        attemptOnce = this.edi(doc, base);
        break;
      case 'shopify':
        attemptOnce = this.shopify(doc, base);
        break;
      case 'phone':
        attemptOnce = this.phone(doc, base);
        break;
      case 'email':
        attemptOnce = await this.email(doc, base);
        break;
    }
    for (let attempt = 0; ; attempt++) {
      doc.attempts++;
      const outcome = await attemptOnce().catch((error: unknown) => ({
        accepted: false,
        retry: true,
        last: (error as Error).message.slice(0, 200),
      }));
      doc.last = outcome.last;
      if (outcome.accepted) {
        doc.accepted = true;
        if ('duplicate' in outcome && outcome.duplicate && attempt > 0) doc.duplicateOnRetry = true;
        return;
      }
      if (!outcome.retry || this.stopped || Date.now() > options.retryUntil) return;
      await sleep(Math.min(2000, 200 * 2 ** attempt));
    }
  }

  private edi(doc: SentDocument, base: string): () => Promise<{ accepted: boolean; retry: boolean; last: string; duplicate?: boolean }> {
    const isa13 = String(++this.isa).padStart(9, '0');
    const sets = setCount(this.rnd);
    const body: string[] = [];
    for (let s = 1; s <= sets; s++) {
      const po = `${base}-${s}`;
      doc.poNumbers.push(po);
      const lines = distinctSkus(this.rnd, lineCount(this.rnd)).map(
        (p, i) => `PO1*${i + 1}*${between(this.rnd, 1, 12)}*${p.uom}***VN*${p.sku}~`,
      );
      const segments = [
        `ST*850*${String(s).padStart(4, '0')}~`,
        `BEG*00*SA*${po}**20260301~`,
        `N1*ST*ACME DC*92*DC01~`,
        ...lines,
        `CTT*${lines.length}~`,
      ];
      body.push(...segments, `SE*${segments.length + 1}*${String(s).padStart(4, '0')}~`);
    }
    const gs = Number(isa13) % 1_000_000_000;
    const x12 = [
      `ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*ORDERHUB       *260301*0930*U*00401*${isa13}*0*P*>~`,
      `GS*PO*ACMERETAIL*ORDERHUB*20260301*0930*${gs}*X*004010~`,
      ...body,
      `GE*${sets}*${gs}~`,
      `IEA*1*${isa13}~`,
    ].join('\n');
    doc.key = isa13;
    return async () => {
      const res = await fetch(`${this.targets.ingest}/api/v1/inbound/x12`, {
        method: 'POST',
        headers: { 'content-type': 'application/edi-x12', 'x-api-key': EDI_API_KEY },
        body: x12,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status !== 202)
        return { accepted: false, retry: res.status >= 500 || res.status === 429, last: `${res.status} ${text.slice(0, 160)}` };
      const status = (JSON.parse(text) as { interchanges?: Array<{ status: string }> }).interchanges?.[0]?.status ?? '?';
      return {
        accepted: status === 'accepted' || status === 'duplicate',
        retry: false,
        last: `202 ${status}`,
        duplicate: status === 'duplicate',
      };
    };
  }

  private shopify(doc: SentDocument, base: string): () => Promise<{ accepted: boolean; retry: boolean; last: string }> {
    const po = `#${base}`;
    doc.poNumbers.push(po);
    const skus = distinctSkus(this.rnd, between(this.rnd, 1, 6), ['HW-1004', 'HW-2001']);
    const lineItems = skus.map((p) => {
      const quantity = between(this.rnd, 1, 5);
      return aShopifyLineItem({
        id: ++this.shopifyId,
        sku: p.sku,
        name: p.sku,
        title: p.sku,
        price: p.price,
        quantity,
        current_quantity: quantity,
        fulfillable_quantity: quantity,
      });
    });
    const subtotal = lineItems.reduce((cents, l) => cents + Math.round(Number(l.price) * 100) * Number(l.quantity), 0);
    const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const now = new Date().toISOString();
    const payload = anOrderPayload({
      id: ++this.shopifyId,
      name: po,
      order_number: doc.id,
      created_at: now,
      updated_at: now,
      processed_at: now,
      line_items: lineItems,
      subtotal_price: money(subtotal),
      total_line_items_price: money(subtotal),
      total_price: money(subtotal + 500),
      shipping_address: aShopifyAddress(),
    });
    const eventId = randomUUID();
    doc.key = eventId;
    const body = JSON.stringify(payload);
    return async () => {
      const signed = signShopifyWebhook(body, { secret: SHOPIFY_SECRET, shop: SHOPIFY_SHOP, eventId });
      const res = await fetch(`${this.targets.ingest}/webhooks/shopify`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.rawBody,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      return {
        accepted: res.status === 200,
        retry: res.status >= 500 || res.status === 429,
        last: `${res.status} ${res.status === 200 ? '' : text.slice(0, 160)}`,
      };
    };
  }

  private phone(doc: SentDocument, base: string): () => Promise<{ accepted: boolean; retry: boolean; last: string }> {
    doc.poNumbers.push(base);
    const form = {
      customerId: DEMO_CUSTOMERS.phone.id,
      poNumber: base,
      shipToCode: 'YARD',
      lines: distinctSkus(this.rnd, between(this.rnd, 1, 8)).map((p) => ({ sku: p.sku, quantity: String(between(this.rnd, 1, 20)) })),
    };
    const idempotencyKey = randomUUID();
    doc.key = idempotencyKey;
    return async () => {
      const token = await this.login();
      const res = await fetch(`${this.targets.core}/api/v1/phone-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey },
        body: JSON.stringify(form),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status === 401) this.token = null;
      return {
        accepted: res.status === 201,
        retry: res.status >= 500 || res.status === 429 || res.status === 401,
        last: `${res.status} ${res.status === 201 ? '' : text.slice(0, 160)}`,
      };
    };
  }

  private async login(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.targets.core}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost', password: ADMIN_PASSWORD }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) throw new Error(`login ${res.status}`);
    this.token = ((await res.json()) as { token: string }).token;
    return this.token;
  }

  private async email(doc: SentDocument, base: string): Promise<() => Promise<{ accepted: boolean; retry: boolean; last: string }>> {
    const po = base;
    doc.poNumbers.push(po);
    const lines: GroundTruthLine[] = distinctSkus(this.rnd, between(this.rnd, 1, 5), ['HW-2001']).map((p) => {
      const quantity = between(this.rnd, 1, 40);
      const cents = Math.round(Number(p.price) * 100) * quantity;
      const description = DEMO_PRODUCTS.find((d) => d.sku === p.sku)?.description.slice(0, 40) ?? p.sku;
      return {
        item: p.sku,
        description,
        quantity: String(quantity),
        unitPrice: p.price,
        amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      };
    });
    const truth = aGroundTruthPo(doc.id, { layout: 'ruled', poNumber: po, tax: '0.00', shipping: '0.00', lines });
    const messageId = `<${po.toLowerCase()}@example.com>`;
    doc.key = messageId;
    const mime = await anOrderEmail({
      from: `Pat Buyer <${EMAIL_SENDER}>`,
      messageId,
      subject: `PO ${po}`,
      attachments: [{ filename: `${po}.pdf`, content: await generatePurchaseOrderPdf(truth) }],
    });
    return async () => {
      if (!this.targets.imap) return { accepted: false, retry: false, last: 'no IMAP server' };
      // One IMAP session, one command at a time; a dropped session is replaced (ImapFlow does not reconnect).
      const attempt = this.imapBusy.then(async () => {
        if (!this.imap || !this.imap.usable) {
          await this.imap?.logout().catch(() => undefined);
          const t = this.targets.imap!;
          const client = new ImapFlow({
            host: t.host,
            port: t.port,
            secure: false,
            auth: { user: t.user, pass: t.password },
            logger: false,
          });
          client.on('error', () => undefined);
          this.imap = null;
          await client.connect();
          this.imap = client;
        }
        await this.imap.append('INBOX', mime);
      });
      this.imapBusy = attempt.catch(() => undefined);
      try {
        await attempt;
        return { accepted: true, retry: false, last: 'appended' };
      } catch (error) {
        this.imap = null;
        return { accepted: false, retry: true, last: `IMAP ${(error as Error).message.slice(0, 160)}` };
      }
    };
  }
}
