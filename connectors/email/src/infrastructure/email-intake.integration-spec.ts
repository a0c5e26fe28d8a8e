import { createServer, connect, type Server, type Socket } from 'node:net';
import { ImapFlow } from 'imapflow';
import { dovecotBinary, startDovecot, type DovecotServer } from '../../../../libs/testing/src/servers/dovecot.server';
import { startSmtpSink, type SmtpSink } from '../../../../libs/testing/src/servers/smtp-sink.server';
import { ExtractPurchaseOrderUseCase } from '../application/extract-purchase-order.use-case';
import { ProcessInboundEmailUseCase, type EmailOutcome } from '../application/process-inbound-email.use-case';
import {
  InMemoryCustomerDirectory,
  InMemoryProductCatalog,
  InMemoryRawDocumentStore,
  PassThroughTransactionRunner,
  RecordingIntakeSink,
} from '../testing/in-memory-email.ports';
import { anOrderEmail } from '../testing/order-email.builder';
import { aGroundTruthPo, generatePurchaseOrderPdf } from '../testing/po-pdf.generator';
import type { ImapConfig } from './email-channel.config';
import { ImapMailboxReader } from './imap-mailbox.reader';
import { SandboxedPdfTextExtractor } from './sandboxed-pdf-text.extractor';
import { SmtpConfirmationMailer } from './smtp-confirmation.mailer';

/** A TCP relay in front of Dovecot whose connections the test can cut, to see the reader reconnect. */
async function startRelay(targetPort: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const binary = dovecotBinary();
const describeImap = binary ? describe : describe.skip;
if (!binary)
  console.warn(
    'SKIPPED email intake integration: the `dovecot` binary is not installed (apt-get install -y --no-install-recommends dovecot-imapd)',
  );

describeImap('email intake: real Dovecot + SMTP sink', () => {
  let dovecot: DovecotServer;
  let smtp: SmtpSink;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let admin: ImapFlow;
  const sandbox = new SandboxedPdfTextExtractor({ poolSize: 2 });
  const store = new InMemoryRawDocumentStore();
  const sink = new RecordingIntakeSink();
  let mailer: SmtpConfirmationMailer;
  let processor: ProcessInboundEmailUseCase;
  let reader: ImapMailboxReader;
  const outcomes: EmailOutcome[] = [];

  const config = (): ImapConfig => ({
    host: '127.0.0.1',
    port: relay.port,
    user: dovecot.user,
    password: dovecot.password,
    tls: false,
    mailbox: 'INBOX',
    archiveFolder: 'Archive',
    exceptionsFolder: 'Exceptions',
    sweepIntervalMs: 1000,
    maxMessageBytes: 400_000,
  });

  const waitForOutcomes = async (n: number, timeoutMs = 20_000): Promise<EmailOutcome[]> => {
    const deadline = Date.now() + timeoutMs;
    while (outcomes.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} outcomes, got ${outcomes.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return outcomes.slice(0, n);
  };

  const folderCount = async (folder: string): Promise<number> => {
    const status = await admin.status(folder, { messages: true });
    return status ? (status.messages ?? 0) : 0;
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpSink();
    relay = await startRelay(dovecot.port);
    admin = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await admin.connect();
    mailer = new SmtpConfirmationMailer({ host: smtp.host, port: smtp.port, tls: false, from: 'OrderHub <orders@hub.example>' });
    const customers = new InMemoryCustomerDirectory([{ id: 'cust-acme', name: 'Acme Hardware', emails: ['@acme.example'] }]);
    const extractor = new ExtractPurchaseOrderUseCase(sandbox, new InMemoryProductCatalog(), null);
    processor = new ProcessInboundEmailUseCase(store, new PassThroughTransactionRunner(), customers, extractor, sink, mailer, {
      maxAttachmentBytes: 150_000,
    });
    reader = new ImapMailboxReader(config(), processor, undefined, { backoffBaseMs: 200, backoffMaxMs: 1000 });
    reader.on('processed', (o: EmailOutcome) => outcomes.push(o));
    reader.start();
  }, 30_000);

  afterAll(async () => {
    await reader?.stop();
    await admin?.logout().catch(() => undefined);
    await sandbox.close();
    mailer?.close();
    await relay?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  beforeEach(() => {
    outcomes.length = 0;
    sink.extracted.length = 0;
    sink.reviews.length = 0;
    smtp.messages.length = 0;
  });

  it('one email with two PDFs and a spreadsheet: two orders, spreadsheet ignored, archived and seen', async () => {
    const a = aGroundTruthPo(101, { layout: 'ruled' });
    const b = aGroundTruthPo(102, { layout: 'plain' });
    await admin.append(
      'INBOX',
      await anOrderEmail({
        messageId: '<two-pdfs@acme.example>',
        attachments: [
          { filename: 'po-a.pdf', content: await generatePurchaseOrderPdf(a) },
          { filename: 'po-b.pdf', content: await generatePurchaseOrderPdf(b) },
          {
            filename: 'prices.xlsx',
            content: 'not a pdf',
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
        ],
      }),
    );
    const [outcome] = await waitForOutcomes(1);
    expect(outcome.status).toBe('processed');
    expect(outcome.attachments.map((x) => x.kind).sort()).toEqual(['ignored', 'order', 'order']);
    expect(sink.extracted.map((po) => po.poNumber).sort()).toEqual([a.poNumber, b.poNumber].sort());
    expect(sink.extracted[0].buyer.customerId).toBe('cust-acme');
    expect(sink.extracted[0].source.reference).toBe('<two-pdfs@acme.example>');
    expect(await folderCount('INBOX')).toBe(0);
    const lock = await admin.getMailboxLock('Archive');
    try {
      const msgs = await admin.fetchAll('1:*', { flags: true, envelope: true });
      const msg = msgs.find((m) => m.envelope?.messageId === '<two-pdfs@acme.example>');
      expect(msg?.flags?.has('\\Seen')).toBe(true);
    } finally {
      lock.release();
    }
    // Raw MIME stored first and kept; each PDF stored as its own document.
    const kinds = [...store.documents.values()].map((d) => d.contentType);
    expect(kinds.filter((k) => k === 'message/rfc822').length).toBeGreaterThanOrEqual(1);
    expect(kinds.filter((k) => k === 'application/pdf').length).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('no attachment: exception, moved to Exceptions, threaded rejection reply to the sender', async () => {
    await admin.append('INBOX', await anOrderEmail({ messageId: '<no-attachment@acme.example>', subject: 'Our order' }));
    const [outcome] = await waitForOutcomes(1);
    expect(outcome).toMatchObject({ status: 'exception', folder: 'exceptions', reasons: [{ code: 'EMAIL.NO_PDF' }] });
    expect(sink.reviews).toHaveLength(1);
    const [reply] = await smtp.waitFor(1);
    expect(reply.to).toEqual(['buyer@acme.example']);
    expect(reply.parsed.inReplyTo).toBe('<no-attachment@acme.example>');
    expect(reply.parsed.references).toContain('<no-attachment@acme.example>');
    expect(reply.parsed.subject).toBe('Re: Our order');
    expect(reply.parsed.text).toContain('no attachment');
    // What was stored as sent is byte for byte what arrived.
    expect(outcome.replies[0]).toMatchObject({ status: 'sent' });
    expect(reply.raw.toString()).toContain(outcome.replies[0].messageId);
    expect(await folderCount('Exceptions')).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('an oversized PDF is skipped with its reason; an oversized email is not downloaded', async () => {
    const big = Buffer.concat([await generatePurchaseOrderPdf(aGroundTruthPo(103)), Buffer.alloc(200_000, 32)]);
    await admin.append(
      'INBOX',
      await anOrderEmail({ messageId: '<big-pdf@acme.example>', attachments: [{ filename: 'big.pdf', content: big }] }),
    );
    const huge = Buffer.alloc(600_000, 65);
    await admin.append(
      'INBOX',
      await anOrderEmail({ messageId: '<huge-mail@acme.example>', attachments: [{ filename: 'huge.pdf', content: huge }] }),
    );
    const got = await waitForOutcomes(2);
    const bigOutcome = got.find((o) => o.messageId === '<big-pdf@acme.example>')!;
    expect(bigOutcome.attachments).toEqual([expect.objectContaining({ kind: 'skipped', filename: 'big.pdf' })]);
    expect(bigOutcome.reasons.map((r) => r.code)).toContain('EMAIL.ATTACHMENT_TOO_LARGE');
    const hugeOutcome = got.find((o) => o.messageId === '<huge-mail@acme.example>')!;
    expect(hugeOutcome.reasons.map((r) => r.code)).toEqual(['EMAIL.TOO_LARGE']);
    const kept = await store.get(hugeOutcome.emailDocumentId);
    expect(kept).toMatchObject({ contentType: 'text/rfc822-headers' });
    expect(kept!.size).toBeLessThan(10_000);
    expect(await folderCount('INBOX')).toBe(0);
  }, 30_000);

  it('a low-confidence PDF goes to review with a "needs review" reply', async () => {
    const flawed = aGroundTruthPo(104, { layout: 'ruled', defect: 'total' });
    await admin.append(
      'INBOX',
      await anOrderEmail({
        messageId: '<flawed@acme.example>',
        attachments: [{ filename: 'po.pdf', content: await generatePurchaseOrderPdf(flawed) }],
      }),
    );
    const [outcome] = await waitForOutcomes(1);
    expect(outcome.folder).toBe('exceptions');
    expect(sink.reviews[0].reasons.map((r) => r.code)).toContain('EXTRACTION.TOTAL_MISMATCH');
    expect(sink.reviews[0].extracted?.poNumber).toBe(flawed.poNumber);
    const [reply] = await smtp.waitFor(1);
    expect(reply.parsed.text).toContain('reviewing');
    expect(reply.parsed.inReplyTo).toBe('<flawed@acme.example>');
  }, 30_000);

  it('UIDVALIDITY reset (mailbox recreated, same message appended again) does not duplicate the order', async () => {
    const truth = aGroundTruthPo(105, { layout: 'eu' });
    const raw = await anOrderEmail({
      messageId: '<again@acme.example>',
      attachments: [{ filename: 'po.pdf', content: await generatePurchaseOrderPdf(truth) }],
    });
    // First delivery in a side mailbox, processed but (as if the process died) never moved.
    await admin.mailboxCreate('Orders-Old').catch(() => undefined);
    const first = await admin.append('Orders-Old', raw);
    const old = await admin.status('Orders-Old', { uidValidity: true });
    if (!old || old.uidValidity === undefined) throw new Error('no UIDVALIDITY');
    await processor.execute(raw, { mailbox: 'INBOX', uidValidity: old.uidValidity, uid: (first as { uid?: number }).uid ?? 1 });
    expect(sink.extracted.map((p) => p.poNumber)).toEqual([truth.poNumber]);
    await admin.mailboxDelete('Orders-Old');
    // The restored mailbox hands the same message over under a new UIDVALIDITY/UID.
    await admin.append('INBOX', raw);
    const [outcome] = await waitForOutcomes(1);
    expect(outcome.status).toBe('duplicate');
    expect(outcome.attachments).toEqual([expect.objectContaining({ kind: 'duplicate' })]);
    expect(sink.extracted).toHaveLength(1);
    expect(await folderCount('INBOX')).toBe(0);
  }, 30_000);

  it('reconnects after the connection drops and processes mail that arrived meanwhile', async () => {
    const reconnected = new Promise<void>((resolve) => reader.once('connected', () => resolve()));
    relay.cut();
    const truth = aGroundTruthPo(106, { layout: 'stacked' });
    await admin.append(
      'INBOX',
      await anOrderEmail({
        messageId: '<after-drop@acme.example>',
        attachments: [{ filename: 'po.pdf', content: await generatePurchaseOrderPdf(truth) }],
      }),
    );
    await reconnected;
    const [outcome] = await waitForOutcomes(1);
    expect(outcome.status).toBe('processed');
    expect(sink.extracted.map((p) => p.poNumber)).toEqual([truth.poNumber]);
  }, 30_000);

  it('SMTP not configured: the reply is composed, recorded undeliverable, nothing sent', async () => {
    const offline = new SmtpConfirmationMailer(null);
    const sent = await offline.send({
      kind: 'rejected',
      original: { to: 'buyer@acme.example', messageId: '<x@acme.example>' },
      reasons: [{ code: 'EMAIL.NO_PDF', message: 'no attachment' }],
    });
    expect(sent.status).toBe('undeliverable');
    expect(sent.raw.toString()).toContain('In-Reply-To: <x@acme.example>');
    expect(smtp.messages).toHaveLength(0);
  });
});
