import { Injectable } from '@nestjs/common';
import { OutboundDocuments } from '@orderhub/order-core';
import { ConfirmationMailer, type ConfirmationRequest, type SentConfirmation } from '../application/confirmation.mailer';
import type { ReplyOutbox, ReplyReference, StoredReply } from '../application/ports';
import { EmailDocumentDeliverer } from './email-document.deliverer';
import { SmtpConfirmationMailer } from './smtp-confirmation.mailer';

/**
 * Every email the hub sends goes through here: composed, stored as an outbound document (kind 'email'), then
 * delivered and the outcome recorded. Serves both the intake's replies (as the ConfirmationMailer the inbound
 * use case calls) and the replies driven by order events (as the ReplyOutbox).
 */
@Injectable()
export class RecordedEmailSender extends ConfirmationMailer implements ReplyOutbox {
  constructor(
    private readonly smtp: SmtpConfirmationMailer,
    private readonly outbound: OutboundDocuments,
    private readonly deliverer: EmailDocumentDeliverer,
  ) {
    super();
  }

  /**
   * Intake replies (needs review, could not process): one per inbound email and kind, so reprocessing the same
   * email after a crash finds the stored reply and does not mail the customer twice.
   */
  async send(request: ConfirmationRequest): Promise<SentConfirmation> {
    const answered = request.original.rawDocumentId ?? request.original.messageId ?? request.original.to;
    const stored = await this.store(request, {
      sourceKey: `email-reply:${request.kind}:${answered}`.slice(0, 300),
      rawDocumentId: request.original.rawDocumentId ?? null,
    });
    const final = stored.status === 'pending' ? await this.deliver(stored) : stored;
    const document = await this.outbound.get(stored.documentId);
    const raw = Buffer.from(document?.content ?? '', 'utf8');
    return {
      status: final.status === 'delivered' ? 'sent' : final.status === 'undeliverable' ? 'undeliverable' : 'failed',
      raw,
      messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString('utf8'))?.[1] ?? '',
      to: final.to,
      detail: document?.lastError ?? undefined,
    };
  }

  async store(request: ConfirmationRequest, ref: ReplyReference): Promise<StoredReply> {
    const composed = await this.smtp.compose(request);
    const { document } = await this.outbound.store({
      kind: 'email',
      channel: 'email',
      salesOrderId: ref.salesOrderId ?? null,
      rawDocumentId: ref.rawDocumentId ?? null,
      sourceKey: ref.sourceKey,
      contentType: 'message/rfc822',
      content: composed.raw.toString('utf8'),
      destination: composed.to,
      status: 'pending',
    });
    return { documentId: document.id, to: document.destination ?? composed.to, status: document.status };
  }

  async deliver(reply: StoredReply): Promise<StoredReply> {
    const document = await this.outbound.get(reply.documentId);
    if (!document) return { ...reply, status: 'failed' };
    const outcome = await this.deliverer.deliver(document);
    await this.outbound.recordDelivery(document.id, outcome);
    return { ...reply, status: outcome.status };
  }
}
