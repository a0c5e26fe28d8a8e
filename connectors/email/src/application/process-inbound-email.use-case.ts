import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { RawDocument, RawDocumentStatus, RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import type { ReviewReason } from '../domain/purchase-order.assembler';
import type { ExtractPurchaseOrderUseCase } from './extract-purchase-order.use-case';
import type { ConfirmationMailer, SentConfirmation } from './confirmation.mailer';
import type { CustomerDirectory, EmailCustomer, EmailIntakeSink } from './ports';

/** Where the message sits: dedup key of the whole email (UIDs are only unique within one UIDVALIDITY). */
export interface MailboxIdentity {
  mailbox: string;
  uidValidity: bigint | string;
  uid: number;
}

export interface EmailIntakeLimits {
  /** Attachments larger than this are skipped with a recorded reason. */
  maxAttachmentBytes: number;
}

export const DEFAULT_EMAIL_INTAKE_LIMITS: EmailIntakeLimits = { maxAttachmentBytes: 15 * 1024 * 1024 };

export type AttachmentOutcome =
  | { filename: string; kind: 'order'; rawDocumentId: string; poNumber: string; confidence: number }
  | { filename: string; kind: 'review'; rawDocumentId: string; reasons: ReviewReason[]; poNumber?: string }
  | { filename: string; kind: 'duplicate'; rawDocumentId: string }
  | { filename: string; kind: 'ignored'; reason: string }
  | { filename: string; kind: 'skipped'; reason: string };

export interface EmailOutcome {
  /** processed: every PDF became an order; exception: something needs a person; duplicate: handled before. */
  status: 'processed' | 'exception' | 'duplicate';
  /** Which folder the reader should move the message to. */
  folder: 'archive' | 'exceptions';
  emailDocumentId: string;
  messageId?: string;
  sender: string;
  customerId?: string;
  attachments: AttachmentOutcome[];
  reasons: ReviewReason[];
  replies: SentConfirmation[];
}

const PDF_TYPES = new Set(['application/pdf', 'application/x-pdf', 'application/acrobat']);
const isPdf = (a: Attachment): boolean =>
  PDF_TYPES.has(a.contentType.toLowerCase()) || /\.pdf$/i.test(a.filename ?? '') || a.content.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * One email → purchase orders. Order of work matters for durability: the raw MIME is stored first (so nothing
 * is acted on that is not kept), then each PDF is stored as its own document keyed by Message-ID + SHA-256 (so a
 * re-delivery — UIDVALIDITY reset, restored mailbox, forwarded twice — finds it and does not raise the order
 * twice), then extracted and handed to the sink together with its status change, in one transaction.
 */
export class ProcessInboundEmailUseCase {
  constructor(
    private readonly rawDocuments: RawDocumentStore,
    private readonly transactions: TransactionRunner,
    private readonly customers: CustomerDirectory,
    private readonly extractor: ExtractPurchaseOrderUseCase,
    private readonly sink: EmailIntakeSink,
    /** Optional: without it no reply is sent (the lead may send replies from the outbox instead). */
    private readonly mailer: ConfirmationMailer | null,
    private readonly limits: EmailIntakeLimits = DEFAULT_EMAIL_INTAKE_LIMITS,
  ) {}

  async execute(raw: Buffer, identity: MailboxIdentity): Promise<EmailOutcome> {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    const sender = firstAddress(parsed.replyTo) ?? firstAddress(parsed.from) ?? 'unknown@invalid';
    const messageId = parsed.messageId?.trim();
    const stored = await this.rawDocuments.store({
      channel: 'email',
      sender,
      contentType: 'message/rfc822',
      content: raw,
      dedupKey: `${identity.mailbox}:${identity.uidValidity.toString()}:${identity.uid}`,
      metadata: {
        messageId,
        subject: parsed.subject,
        mailbox: identity.mailbox,
        uidValidity: identity.uidValidity.toString(),
        uid: identity.uid,
      },
    });
    const email = stored.document;
    if (!stored.created && isFinal(email.status)) return this.alreadyHandled(email, sender, messageId);

    const customer = await this.customers.findByEmail(sender);
    const base = { emailDocumentId: email.id, messageId, sender, customerId: customer?.id };
    // `from` and `messageId` let the replies that follow the order (confirmation, rejection, invoice) thread under it.
    const channelData = {
      messageId,
      subject: parsed.subject,
      from: sender,
      mailbox: identity.mailbox,
      emailDocumentId: email.id,
      references: parsed.references,
    };
    const attachments: AttachmentOutcome[] = [];
    const reasons: ReviewReason[] = [];
    const pdfs: Attachment[] = [];
    for (const a of parsed.attachments) {
      const filename = a.filename ?? `part-${attachments.length + pdfs.length + 1}`;
      if (!isPdf(a)) attachments.push({ filename, kind: 'ignored', reason: `not a PDF (${a.contentType})` });
      else if (a.size > this.limits.maxAttachmentBytes || a.content.length > this.limits.maxAttachmentBytes) {
        attachments.push({
          filename,
          kind: 'skipped',
          reason: `PDF of ${a.content.length} bytes exceeds the ${this.limits.maxAttachmentBytes}-byte limit`,
        });
        reasons.push({ code: 'EMAIL.ATTACHMENT_TOO_LARGE', message: `${filename} is larger than ${this.limits.maxAttachmentBytes} bytes` });
      } else pdfs.push(a);
    }
    if (!customer) reasons.push({ code: 'CUSTOMER.UNKNOWN', message: `no customer has ${sender} or its domain among its email addresses` });
    if (pdfs.length === 0 && !attachments.some((a) => a.kind === 'skipped')) {
      reasons.push({
        code: 'EMAIL.NO_PDF',
        message: attachments.length ? 'the email has attachments but no PDF' : 'the email has no attachment',
      });
    }

    const remarks = [parsed.subject ?? '', parsed.text ?? ''].filter(Boolean).map((t) => t.slice(0, 2000));
    for (const pdf of pdfs) attachments.push(await this.processPdf(pdf, parsed, sender, customer, email, channelData, remarks));

    // An email with nothing extractable is itself the exception: the operator sees the whole email.
    const orders = attachments.filter((a) => a.kind === 'order' || a.kind === 'review' || a.kind === 'duplicate');
    if (orders.length === 0) {
      await this.transactions.run(async () => {
        await this.sink.needsReview({
          reasons,
          extracted: null,
          rawDocumentId: email.id,
          emailDocumentId: email.id,
          sender,
          customerId: customer?.id,
          channelData,
        });
        await this.rawDocuments.setStatus(email.id, 'flagged', reasons.map((r) => r.code).join(','));
      });
    }
    const allReasons = [...reasons, ...attachments.flatMap((a) => (a.kind === 'review' ? a.reasons : []))];
    const exception = allReasons.length > 0;
    if (orders.length > 0)
      await this.rawDocuments.setStatus(
        email.id,
        exception ? 'flagged' : 'processed',
        exception ? allReasons.map((r) => r.code).join(',') : undefined,
      );

    const replies: SentConfirmation[] = [];
    if (this.mailer && sender !== 'unknown@invalid') {
      const original = { messageId, references: parsed.references, subject: parsed.subject, to: sender, rawDocumentId: email.id };
      if (orders.length === 0) replies.push(await this.mailer.send({ kind: 'rejected', original, reasons: allReasons }));
      else if (attachments.some((a) => a.kind === 'review')) {
        replies.push(
          await this.mailer.send({
            kind: 'needs-review',
            original,
            poNumbers: attachments.flatMap((a) => (a.kind === 'review' && a.poNumber ? [a.poNumber] : [])),
            reasons: allReasons,
          }),
        );
      }
    }
    const allDuplicates = orders.length > 0 && orders.every((a) => a.kind === 'duplicate');
    const status = exception ? 'exception' : allDuplicates ? 'duplicate' : 'processed';
    return { status, folder: exception ? 'exceptions' : 'archive', ...base, attachments, reasons: allReasons, replies };
  }

  /**
   * A message larger than the reader may download: only its header was fetched. The header is kept (so the
   * operator sees who sent what), the email goes to the exceptions queue and the sender is told.
   */
  async executeOversized(
    header: Buffer,
    identity: MailboxIdentity,
    size: number,
    limit: number,
    parts: string[] = [],
  ): Promise<EmailOutcome> {
    const parsed = await simpleParser(header, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
    const sender = firstAddress(parsed.replyTo) ?? firstAddress(parsed.from) ?? 'unknown@invalid';
    const messageId = parsed.messageId?.trim();
    const stored = await this.rawDocuments.store({
      channel: 'email',
      sender,
      contentType: 'text/rfc822-headers',
      content: header,
      dedupKey: `${identity.mailbox}:${identity.uidValidity.toString()}:${identity.uid}`,
      metadata: { messageId, subject: parsed.subject, size, limit, parts, truncated: true },
    });
    if (!stored.created && isFinal(stored.document.status)) return this.alreadyHandled(stored.document, sender, messageId);
    const customer = await this.customers.findByEmail(sender);
    const reasons: ReviewReason[] = [
      { code: 'EMAIL.TOO_LARGE', message: `the email is ${size} bytes, more than the ${limit} bytes we accept; it was not downloaded` },
    ];
    const channelData = {
      messageId,
      subject: parsed.subject,
      from: sender,
      mailbox: identity.mailbox,
      emailDocumentId: stored.document.id,
      parts,
    };
    await this.transactions.run(async () => {
      await this.sink.needsReview({
        reasons,
        extracted: null,
        rawDocumentId: stored.document.id,
        emailDocumentId: stored.document.id,
        sender,
        customerId: customer?.id,
        channelData,
      });
      await this.rawDocuments.setStatus(stored.document.id, 'rejected', 'EMAIL.TOO_LARGE');
    });
    const replies: SentConfirmation[] = [];
    if (this.mailer && sender !== 'unknown@invalid') {
      replies.push(
        await this.mailer.send({
          kind: 'rejected',
          original: { to: sender, messageId, references: parsed.references, subject: parsed.subject, rawDocumentId: stored.document.id },
          reasons,
        }),
      );
    }
    return {
      status: 'exception',
      folder: 'exceptions',
      emailDocumentId: stored.document.id,
      messageId,
      sender,
      customerId: customer?.id,
      attachments: [],
      reasons,
      replies,
    };
  }

  private async processPdf(
    pdf: Attachment,
    parsed: ParsedMail,
    sender: string,
    customer: EmailCustomer | null,
    email: RawDocument,
    channelData: Record<string, unknown>,
    remarks: string[],
  ): Promise<AttachmentOutcome> {
    const filename = pdf.filename ?? 'attachment.pdf';
    const sha256 = createHash('sha256').update(pdf.content).digest('hex');
    // Without a Message-ID the sender and Date stand in; a reset mailbox still yields the same key.
    const messageKey = parsed.messageId?.trim() ?? `nomsgid:${sender}:${parsed.date?.toISOString() ?? 'nodate'}`;
    const stored = await this.rawDocuments.store({
      channel: 'email',
      sender,
      contentType: 'application/pdf',
      content: pdf.content,
      dedupKey: `msgid:${messageKey}:${sha256}`,
      metadata: { filename, emailDocumentId: email.id, messageId: parsed.messageId, sha256 },
    });
    const doc = stored.document;
    if (!stored.created && isFinal(doc.status)) return { filename, kind: 'duplicate', rawDocumentId: doc.id };

    const result = await this.extractor.execute(pdf.content, {
      rawDocumentId: doc.id,
      sender,
      receivedAt: (parsed.date ?? new Date()).toISOString(),
      reference: parsed.messageId,
      customerId: customer?.id,
      buyerName: customer?.name,
      remarks,
      subject: parsed.subject,
      channelData: { ...channelData, filename, attachmentSha256: sha256 },
    });
    const reasons: ReviewReason[] = [...(result.kind === 'extracted' ? result.reasons : result.reasons)];
    if (!customer) reasons.push({ code: 'CUSTOMER.UNKNOWN', message: `no customer has ${sender} or its domain among its email addresses` });
    const po = result.purchaseOrder;
    if (po && result.autoAccept && reasons.length === 0) {
      await this.transactions.run(async () => {
        await this.sink.purchaseOrderExtracted(po);
        await this.rawDocuments.setStatus(doc.id, 'processed');
      });
      return {
        filename,
        kind: 'order',
        rawDocumentId: doc.id,
        poNumber: po.poNumber,
        confidence: result.kind === 'extracted' ? result.confidence : 0,
      };
    }
    await this.transactions.run(async () => {
      await this.sink.needsReview({
        reasons,
        extracted: po,
        ...(result.kind === 'extracted' && !po ? { partial: result.partialOrder } : {}),
        rawDocumentId: doc.id,
        emailDocumentId: email.id,
        sender,
        customerId: customer?.id,
        channelData: { ...channelData, filename },
      });
      await this.rawDocuments.setStatus(doc.id, 'flagged', reasons.map((r) => r.code).join(','));
    });
    return { filename, kind: 'review', rawDocumentId: doc.id, reasons, ...(po ? { poNumber: po.poNumber } : {}) };
  }

  private alreadyHandled(email: RawDocument, sender: string, messageId?: string): EmailOutcome {
    return {
      status: 'duplicate',
      folder: email.status === 'processed' ? 'archive' : 'exceptions',
      emailDocumentId: email.id,
      messageId,
      sender,
      attachments: [],
      reasons: [],
      replies: [],
    };
  }
}

/** 'received' means a previous run stopped half-way: the work is redone (the sink is idempotent per document). */
function isFinal(status: RawDocumentStatus): boolean {
  return status !== 'received' && status !== 'failed';
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): string | undefined {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  for (const group of list) for (const a of group.value) if (a.address) return a.address.toLowerCase();
  return undefined;
}
