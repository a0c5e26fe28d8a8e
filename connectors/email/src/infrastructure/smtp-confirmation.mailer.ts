import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { ConfirmationMailer, type ConfirmationRequest, type SentConfirmation } from '../application/confirmation.mailer';
import type { SmtpConfig } from './email-channel.config';

export interface ComposedEmail {
  raw: Buffer;
  messageId: string;
  to: string;
}

/**
 * Threaded replies over SMTP. The message is composed to bytes first (MailComposer) and those exact bytes are sent,
 * so what is stored with the order is what the customer received. Without SMTP config nothing is sent and the
 * reply is returned as 'undeliverable' (still composed, so it can be stored and sent later by hand).
 */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/**
 * How nodemailer reaches the relay. SMTP_TLS=1: implicit TLS, certificate checked. SMTP_TLS=0 (port 587/25):
 * STARTTLS. When the hub sends a password to a host other than loopback, STARTTLS is required and the certificate
 * is checked: otherwise a network attacker could strip STARTTLS or present any certificate and read SMTP_PASSWORD.
 * Without a password (an internal relay that trusts our address) or on loopback (a local sink), STARTTLS stays
 * opportunistic and unverified, as such relays often present no certificate worth checking.
 */
export function smtpTransportOptions(config: SmtpConfig) {
  const credentials = Boolean(config.user);
  const strict = config.tls || (credentials && !LOOPBACK.test(config.host));
  return {
    host: config.host,
    port: config.port,
    secure: config.tls,
    requireTLS: !config.tls && strict,
    auth: credentials ? { user: config.user!, pass: config.password ?? '' } : undefined,
    tls: { rejectUnauthorized: strict },
    connectionTimeout: 15_000,
  };
}

export class SmtpConfirmationMailer extends ConfirmationMailer {
  private readonly transport: Transporter | null;

  constructor(
    private readonly config: SmtpConfig | null,
    private readonly fromFallback = 'orderhub@localhost',
  ) {
    super();
    this.transport = config ? createTransport(smtpTransportOptions(config)) : null;
  }

  async send(request: ConfirmationRequest): Promise<SentConfirmation> {
    const composed = await this.compose(request);
    const delivery = await this.deliver(composed.raw, composed.to);
    return { ...composed, status: delivery.status, detail: delivery.detail };
  }

  /** The reply as bytes, with a fresh Message-ID and the thread headers; nothing is sent. */
  async compose(request: ConfirmationRequest): Promise<ComposedEmail> {
    const from = this.config?.from ?? this.fromFallback;
    const domain = from.split('@')[1]?.replace(/>.*$/, '') || 'localhost';
    const messageId = `<${randomUUID()}@${domain}>`;
    const { subject, text } = render(request);
    const original = request.original;
    const references = [...toList(original.references), ...(original.messageId ? [original.messageId] : [])];
    const raw = await new MailComposer({
      from,
      to: original.to,
      subject,
      text,
      messageId,
      date: new Date(),
      ...(original.messageId ? { inReplyTo: original.messageId } : {}),
      ...(references.length ? { references: [...new Set(references)] } : {}),
      headers: { 'Auto-Submitted': 'auto-replied' },
    })
      .compile()
      .build();
    return { raw, messageId, to: original.to };
  }

  /** Sends exactly these bytes (a first delivery or a re-send of a stored reply). */
  async deliver(raw: Buffer, to: string): Promise<{ status: SentConfirmation['status']; detail?: string }> {
    if (!this.transport) return { status: 'undeliverable', detail: 'SMTP is not configured' };
    const from = this.config?.from ?? this.fromFallback;
    try {
      const info = await this.transport.sendMail({ envelope: { from: addressOf(from), to: [to] }, raw });
      const rejected = (info.rejected ?? []).length > 0;
      return { status: rejected ? 'failed' : 'sent', detail: String(info.response ?? '') };
    } catch (error) {
      return { status: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): void {
    this.transport?.close();
  }
}

function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

function toList(v: string | string[] | undefined): string[] {
  if (!v) return [];
  return (Array.isArray(v) ? v : v.split(/\s+/)).filter(Boolean);
}

function reSubject(subject: string | undefined, fallback: string): string {
  if (!subject) return fallback;
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** Plain-text bodies; exhaustive over the request kinds. */
export function render(request: ConfirmationRequest): { subject: string; text: string } {
  switch (request.kind) {
    case 'accepted': {
      const lines = (request.lines ?? []).map((l) =>
        `  ${l.lineNumber}. ${l.sku ?? ''} ${l.description ?? ''} — ${l.quantity} × ${l.unitPrice}${l.status ? ` (${l.status})` : ''}`.replace(
          /\s+—/,
          ' —',
        ),
      );
      return {
        subject: reSubject(request.original.subject, `Your purchase order ${request.poNumber}`),
        text: [
          `Thank you: we received your purchase order ${request.poNumber}.`,
          `Our sales order number is ${request.salesOrderNumber}.`,
          ...(request.outcome === 'accepted-with-changes'
            ? ['Some lines were changed (backordered, quantity or price); see the lines below.']
            : []),
          ...(request.outcome === 'rejected'
            ? ['We are sorry: none of the lines could be accepted, so the order was cancelled; see the lines below.']
            : []),
          `Order total: ${request.total} ${request.currency}.`,
          ...(lines.length ? ['', 'Lines:', ...lines] : []),
        ].join('\n'),
      };
    }
    case 'needs-review':
      return {
        subject: reSubject(request.original.subject, 'Your purchase order'),
        text: [
          `We received your purchase order${request.poNumbers.length ? ` ${request.poNumbers.join(', ')}` : ''}.`,
          'A member of our team is reviewing it before it is confirmed; you will hear from us shortly.',
          '',
          'What needs a look:',
          ...request.reasons.map((r) => `  - ${r.message}`),
        ].join('\n'),
      };
    case 'rejected':
      return {
        subject: reSubject(request.original.subject, 'Your purchase order could not be processed'),
        text: [
          `We could not process your email${request.poNumber ? ` (purchase order ${request.poNumber})` : ''}.`,
          '',
          'Why:',
          ...request.reasons.map((r) => `  - ${r.message}`),
          '',
          'Please send the purchase order as a PDF attachment (text, not a scanned image, no password).',
        ].join('\n'),
      };
    case 'declined':
      return {
        subject: reSubject(request.original.subject, `Your purchase order${request.poNumber ? ` ${request.poNumber}` : ''}`),
        text: [
          `We are sorry: we cannot accept your purchase order${request.poNumber ? ` ${request.poNumber}` : ''}.`,
          '',
          `Reason: ${request.reason}`,
          '',
          'Reply to this email if you have questions or want to send a corrected order.',
        ].join('\n'),
      };
    case 'invoice': {
      const lines = request.lines.map(
        (l) => `  ${l.lineNumber}. ${l.sku}${l.description ? ` ${l.description}` : ''} — ${l.quantity} × ${l.unitPrice} = ${l.amount}`,
      );
      const charges = (request.charges ?? []).map(
        (c) => `  ${c.kind === 'allowance' ? 'Less ' : ''}${c.description ?? c.kind}: ${c.amount}`,
      );
      return {
        subject: `Invoice ${request.invoiceNumber} for your purchase order ${request.poNumber}`,
        text: [
          `Invoice ${request.invoiceNumber} dated ${request.invoiceDate}`,
          `For your purchase order ${request.poNumber} (our sales order ${request.salesOrderNumber}).`,
          '',
          'Lines shipped:',
          ...lines,
          ...(charges.length ? ['', ...charges] : []),
          '',
          `Subtotal: ${request.subtotal} ${request.currency}`,
          `Total due: ${request.total} ${request.currency}`,
          ...(request.netDays !== undefined ? [`Payment terms: net ${request.netDays} days.`] : []),
        ].join('\n'),
      };
    }
  }
}
