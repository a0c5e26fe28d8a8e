import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import {
  dovecotBinary,
  eventually,
  filesOutside,
  OutcomeTable,
  sampleRss,
  startDovecot,
  startHub,
  startSmtpSink,
  type DovecotServer,
  type RssSampler,
  type RunningHub,
  type SmtpSink,
} from '@orderhub/testing';
import { anOrderEmail } from '../../../../connectors/email/src/testing/order-email.builder';
import {
  decompressionBombPdf,
  encryptedPdf,
  garbagePdf,
  hugePdf,
  javascriptPdf,
  truncatedPdf,
} from '../../../../connectors/email/src/testing/po-pdf.generator';
import { HubModule } from '../hub.module';

/**
 * Hostile PDFs through the email door, the way they arrive: a real Dovecot mailbox read by the whole hub. Each
 * must end as an exception with a PDF.* or EMAIL.* reason and the message filed in Exceptions; the hub stays up,
 * its memory bounded, and nothing lands outside HUB_DATA_DIR (an attachment named ../../evil.pdf included).
 */
const binary = dovecotBinary();
const describeEmail = binary ? describe : describe.skip;
if (!binary)
  console.warn(
    'SKIPPED hostile email input: the `dovecot` binary is not installed (apt-get install -y --no-install-recommends dovecot-imapd)',
  );

const BUYER = 'buyer@example.com';
const RSS_LIMIT_BYTES = 1.5 * 1024 ** 3;
/** The email channel's attachment limit (DEFAULT_EMAIL_INTAKE_LIMITS): a PDF beyond it is never parsed. */
const ATTACHMENT_LIMIT = 15 * 1024 * 1024;

describeEmail('hostile PDFs through the email door', () => {
  let dovecot: DovecotServer;
  let smtp: SmtpSink;
  let hub: RunningHub;
  let imap: ImapFlow;
  let rss: RssSampler;
  const table = new OutcomeTable();
  const root = mkdtempSync(join(tmpdir(), 'orderhub-hostile-email-'));
  const dataDir = join(root, 'data');

  const messageIdsIn = async (folder: string): Promise<string[]> => {
    const lock = await imap.getMailboxLock(folder);
    try {
      await imap.noop();
      if (!imap.mailbox || imap.mailbox.exists === 0) return [];
      return (await imap.fetchAll('1:*', { envelope: true })).map((m) => m.envelope?.messageId ?? '');
    } finally {
      lock.release();
    }
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpSink();
    process.env.IMAP_SWEEP_SECONDS = '5';
    rss = sampleRss(100);
    hub = await startHub((config) => HubModule.forRoot(config), {
      HUB_DATA_DIR: dataDir,
      HUB_LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'error',
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
    imap = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await imap.connect();
  }, 90_000);

  afterAll(async () => {
    rss?.stop();
    console.log(`hostile email outcomes (${table.rows.length} rows):\n${table.toMarkdown()}`);
    await imap?.logout().catch(() => undefined);
    await hub?.close();
    await smtp?.stop();
    await dovecot?.stop();
    delete process.env.IMAP_SWEEP_SECONDS;
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('files every hostile PDF as an exception with a PDF.* or EMAIL.* reason, in the Exceptions folder, and stays up', async () => {
    // A script-bearing PDF is read like any other (the script is never run): it may also end on EXTRACTION.*.
    const cases: Array<{ name: string; filename: string; pdf: () => Promise<Buffer> | Buffer; reasons?: RegExp }> = [
      { name: 'truncated (corrupt) PDF', filename: 'truncated.pdf', pdf: truncatedPdf },
      { name: 'random bytes behind a %PDF header', filename: 'garbage.pdf', pdf: garbagePdf },
      { name: 'encrypted PDF', filename: 'encrypted.pdf', pdf: encryptedPdf },
      { name: 'PDF with /OpenAction JavaScript', filename: 'script.pdf', pdf: () => javascriptPdf(), reasons: /^(PDF|EMAIL|EXTRACTION)\./ },
      { name: 'decompression bomb (64 MB inflated)', filename: 'bomb.pdf', pdf: () => decompressionBombPdf(64) },
      {
        name: `PDF over the ${ATTACHMENT_LIMIT}-byte attachment limit`,
        filename: 'huge.pdf',
        pdf: () => hugePdf(ATTACHMENT_LIMIT + 512 * 1024),
      },
      { name: 'attachment named ../../evil.pdf', filename: '../../evil.pdf', pdf: garbagePdf },
    ];
    const sent: Array<{ name: string; messageId: string; reasons: RegExp }> = [];
    for (const [i, c] of cases.entries()) {
      const messageId = `<hostile-${i}-${Date.now()}@example.com>`;
      await imap.append(
        'INBOX',
        await anOrderEmail({
          from: `Pat Buyer <${BUYER}>`,
          messageId,
          subject: `PO HOSTILE-${i}`,
          attachments: [{ filename: c.filename, content: await c.pdf() }],
        }),
      );
      sent.push({ name: c.name, messageId, reasons: c.reasons ?? /^(PDF|EMAIL)\./ });
    }
    const failures: string[] = [];
    for (const s of sent) {
      const filed = await eventually(
        async () =>
          (await messageIdsIn('Exceptions')).includes(s.messageId)
            ? 'Exceptions'
            : (await messageIdsIn('Archive')).includes(s.messageId)
              ? 'Archive'
              : undefined,
        60_000,
        `${s.name} to be filed`,
      ).catch(() => 'still in INBOX');
      const exception = await eventually(
        async () => {
          const list = await hub.api<{ items: Array<{ id: string; reasons: Array<{ code: string }>; rawDocumentId: string }> }>(
            'GET',
            '/api/v1/exceptions?channel=email&limit=500',
          );
          for (const e of list.body.items) {
            const detail = await hub.api<{
              purchaseOrder?: { channelData?: { messageId?: string } };
              channelData?: { messageId?: string };
            }>('GET', `/api/v1/exceptions/${e.id}`);
            const json = JSON.stringify(detail.body);
            if (json.includes(s.messageId.slice(1, -1))) return e;
          }
          return undefined;
        },
        30_000,
        `the exception for ${s.name}`,
      ).catch(() => undefined);
      const codes = exception?.reasons.map((r) => r.code) ?? [];
      const ok = filed === 'Exceptions' && codes.some((c) => s.reasons.test(c));
      table.record(
        'email',
        s.name,
        `exception with a ${s.reasons.source.replace(/[\\^]/g, '')} reason, message in Exceptions`,
        `${filed}; ${exception ? codes.join(',') : 'no exception'}`,
        ok,
      );
      if (!ok) failures.push(`${s.name}: ${filed}; ${codes.join(',') || 'no exception'}`);
    }

    const health = await fetch(`${hub.baseUrl}/health`);
    await health.arrayBuffer();
    const peak = rss.peak;
    table.record(
      'invariant',
      'after the hostile PDFs',
      `GET /health 200, rss < ${RSS_LIMIT_BYTES / 1024 ** 2} MB`,
      `health ${health.status}, peak rss ${Math.round(peak / 1024 ** 2)} MB`,
      health.status === 200 && peak < RSS_LIMIT_BYTES,
    );
    const stray = filesOutside(root, dataDir);
    const evil = [join(dataDir, '..', 'evil.pdf'), join(root, '..', 'evil.pdf'), join(process.cwd(), 'evil.pdf')].filter((p) =>
      existsSync(p),
    );
    table.record(
      'filesystem',
      'attachment ../../evil.pdf',
      'nothing written outside HUB_DATA_DIR',
      stray.length || evil.length ? [...stray, ...evil].join(', ') : 'nothing outside',
      stray.length === 0 && evil.length === 0,
    );
    expect(failures).toEqual([]);
    expect(health.status).toBe(200);
    expect(peak).toBeLessThan(RSS_LIMIT_BYTES);
    expect(stray).toEqual([]);
    expect(evil).toEqual([]);
  }, 180_000);
});
