import { Injectable } from '@nestjs/common';
import type { DeliveryStatus, DocumentDeliverer, OutboundDocument } from '@orderhub/order-core';
import { SmtpConfirmationMailer } from './smtp-confirmation.mailer';

/**
 * Sends a stored email document over SMTP, byte for byte as stored: used for first delivery and by
 * `POST /api/v1/documents/:id/resend` (registered for channel 'email').
 */
@Injectable()
export class EmailDocumentDeliverer implements DocumentDeliverer {
  readonly channel = 'email';

  constructor(private readonly smtp: SmtpConfirmationMailer) {}

  async deliver(document: OutboundDocument): Promise<{ status: DeliveryStatus; error?: string }> {
    if (!document.destination) return { status: 'failed', error: 'the stored email has no recipient' };
    // Stored as text: MailComposer's output is 7-bit (non-ASCII is QP/base64-encoded), so UTF-8 round-trips it exactly.
    const outcome = await this.smtp.deliver(Buffer.from(document.content, 'utf8'), document.destination);
    switch (outcome.status) {
      case 'sent':
        return { status: 'delivered' };
      case 'failed':
        return { status: 'failed', error: outcome.detail };
      case 'undeliverable':
        return { status: 'undeliverable', error: outcome.detail };
    }
  }
}
