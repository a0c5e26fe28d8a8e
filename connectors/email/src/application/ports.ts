import type { CatalogMatch, ReviewReason } from '../domain/purchase-order.assembler';
import type { LayoutTemplate } from '../domain/layout-template.schema';
import type { PurchaseOrderInput } from '@orderhub/contracts';

/**
 * Ports of the email channel. Each is an abstract class that doubles as the Nest injection token; the lead
 * implements them over the database and the outbox.
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
}

export interface NeedsReview {
  reasons: ReviewReason[];
  /** As much of the order as could be read (null when not even a PO number and a line were found). */
  extracted: PurchaseOrderInput | null;
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
