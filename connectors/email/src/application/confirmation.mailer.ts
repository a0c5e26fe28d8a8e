import type { ReviewReason } from '../domain/purchase-order.assembler';

/** The email being answered: replies thread under it (In-Reply-To / References). */
export interface OriginalEmail {
  to: string;
  messageId?: string;
  references?: string | string[];
  subject?: string;
}

export type ConfirmationRequest =
  | {
      kind: 'accepted';
      original: OriginalEmail;
      poNumber: string;
      salesOrderNumber: string;
      currency: string;
      total: string;
      lines?: Array<{ lineNumber: string; sku?: string; description?: string; quantity: string; unitPrice: string; status?: string }>;
    }
  | { kind: 'needs-review'; original: OriginalEmail; poNumbers: string[]; reasons: ReviewReason[] }
  | { kind: 'rejected'; original: OriginalEmail; poNumber?: string; reasons: ReviewReason[] };

export interface SentConfirmation {
  status: 'sent' | 'failed' | 'undeliverable';
  /** The exact bytes sent (or that would have been sent), to keep with the order's documents. */
  raw: Buffer;
  messageId: string;
  to: string;
  detail?: string;
}

/** Port: sends a threaded reply to the sender of an emailed purchase order. */
export abstract class ConfirmationMailer {
  abstract send(request: ConfirmationRequest): Promise<SentConfirmation>;
}
