import type { ReviewReason } from '../domain/purchase-order.assembler';

/** The email being answered: replies thread under it (In-Reply-To / References). */
export interface OriginalEmail {
  to: string;
  messageId?: string;
  references?: string | string[];
  subject?: string;
  /** The inbound raw document being answered, so the reply is listed with it (and found again on reprocessing). */
  rawDocumentId?: string;
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
      /** The core's decision; 'rejected' when no line could be accepted (the order is raised, then cancelled). */
      outcome?: 'accepted' | 'accepted-with-changes' | 'rejected';
    }
  | { kind: 'needs-review'; original: OriginalEmail; poNumbers: string[]; reasons: ReviewReason[] }
  | { kind: 'rejected'; original: OriginalEmail; poNumber?: string; reasons: ReviewReason[] }
  /** An operator looked at the order and declined it: the reason is theirs, not a format problem. */
  | { kind: 'declined'; original: OriginalEmail; poNumber?: string; reason: string }
  | {
      kind: 'invoice';
      original: OriginalEmail;
      poNumber: string;
      salesOrderNumber: string;
      invoiceNumber: string;
      invoiceDate: string;
      currency: string;
      subtotal: string;
      total: string;
      lines: Array<{ lineNumber: string; sku: string; description?: string; quantity: string; unitPrice: string; amount: string }>;
      charges?: Array<{ kind: 'charge' | 'allowance'; description?: string; amount: string }>;
      netDays?: number;
    };

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
