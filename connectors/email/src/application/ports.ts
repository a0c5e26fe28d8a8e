import type { CatalogMatch, ReviewReason } from '../domain/purchase-order.assembler';
import type { LayoutTemplate } from '../domain/layout-template.schema';
import type { PurchaseOrderInput } from '@orderhub/contracts';
import type { ConfirmationRequest } from './confirmation.mailer';

/**
 * Ports of the email channel. Each is an abstract class that doubles as the Nest injection token; EmailModule
 * implements them over the order core, the database and the outbox.
 */

export interface EmailCustomer {
  id: string;
  name: string;
  /** Addresses and whole domains (`@example.com`) this customer sends from. */
  emails: string[];
}

/** Who is this sender? Matches an exact address first, then an `@domain` entry. */
export abstract class CustomerDirectory {
  abstract findByEmail(address: string): Promise<EmailCustomer | null>;
}

/** Item codes as printed → our SKU, by our SKU or the customer's part number. Codes not found are absent. */
export abstract class ProductCatalog {
  abstract lookup(codes: string[], customerId?: string): Promise<Map<string, CatalogMatch>>;
}

/** Per-customer layout templates (master data). */
export abstract class LayoutTemplateRepository {
  abstract forCustomer(customerId: string): Promise<LayoutTemplate[]>;
  /** Stores a new template for the customer; its id is assigned by the store and returned. */
  abstract add(customerId: string, template: LayoutTemplate): Promise<string>;
}

export interface NeedsReview {
  reasons: ReviewReason[];
  /** As much of the order as could be read (null when not even a PO number and a line were found). */
  extracted: PurchaseOrderInput | null;
  /** When `extracted` is null: the fields that were read all the same (a draft, not a valid order), to pre-fill it. */
  partial?: Record<string, unknown>;
  /** The raw document the operator looks at: the PDF attachment, or the whole email when there is none. */
  rawDocumentId: string;
  /** The email the document came from. */
  emailDocumentId: string;
  sender: string;
  customerId?: string;
  /** Message-ID and friends, for the reply after the operator decides. */
  channelData: Record<string, unknown>;
}

/**
 * Where results go. Implementations write to the outbox (PurchaseOrderReceived / PurchaseOrderFlagged) and must be
 * idempotent per `rawDocumentId`: after a crash the same attachment can be handed over again.
 */
export abstract class EmailIntakeSink {
  abstract purchaseOrderExtracted(po: PurchaseOrderInput): Promise<void>;
  abstract needsReview(review: NeedsReview): Promise<void>;
}

/** A customer's mailable address, for replies to orders that did not arrive by email (phone confirmations). */
export abstract class CustomerContacts {
  /** The first exact address on the customer record; null when it lists only '@domain' entries or none. */
  abstract mailAddressOf(customerId: string): Promise<string | null>;
}

/** What a stored reply answers; `sourceKey` makes storing it idempotent (a redelivered event stores nothing new). */
export interface ReplyReference {
  sourceKey: string;
  salesOrderId?: string | null;
  rawDocumentId?: string | null;
}

export interface StoredReply {
  documentId: string;
  to: string;
  status: 'pending' | 'delivered' | 'failed' | 'undeliverable';
}

/**
 * Replies kept with the order's documents: stored first (so what was sent can be shown and re-sent, and nothing
 * is sent that is not kept), then delivered, and the outcome recorded.
 */
export abstract class ReplyOutbox {
  /** Composes and stores the reply; returns the reply already stored under the same source key if there is one. */
  abstract store(request: ConfirmationRequest, ref: ReplyReference): Promise<StoredReply>;
  abstract deliver(reply: StoredReply): Promise<StoredReply>;
}
