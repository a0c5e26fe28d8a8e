import { createHash, randomUUID } from 'node:crypto';
import type { Channel, PurchaseOrderInput } from '@orderhub/contracts';
// Types only: the fakes stand in for the persistence library without loading TypeORM.
import type {
  NewRawDocument,
  RawDocument,
  RawDocumentStatus,
  RawDocumentStore,
  StoreResult,
  TransactionRunner,
} from '@orderhub/persistence';
import {
  CustomerDirectory,
  EmailIntakeSink,
  LayoutTemplateRepository,
  ProductCatalog,
  type EmailCustomer,
  type NeedsReview,
} from '../application/ports';
import type { LayoutTemplate } from '../domain/layout-template.schema';
import type { CatalogMatch } from '../domain/purchase-order.assembler';
import { TEST_CUSTOMER_PARTS, TEST_SKUS } from './po-pdf.generator';

/** In-memory implementations of the email channel's ports and the persistence ports it uses, for specs and bench. */

export class InMemoryProductCatalog extends ProductCatalog {
  constructor(
    private readonly skus: string[] = TEST_SKUS,
    /** customer part number → our SKU, for any customer. */
    private readonly customerParts: Record<string, string> = Object.fromEntries(TEST_CUSTOMER_PARTS.map((p, i) => [p, TEST_SKUS[i]])),
    /** SKU → the unit it is sold in, where it is not each. */
    private readonly units: Record<string, string> = {},
  ) {
    super();
  }

  async lookup(codes: string[]): Promise<Map<string, CatalogMatch>> {
    const out = new Map<string, CatalogMatch>();
    for (const code of codes) {
      const upper = code.toUpperCase();
      const sku = this.skus.includes(upper) ? upper : this.customerParts[upper];
      if (sku) out.set(code, { code, sku, matchedBy: this.skus.includes(upper) ? 'sku' : 'customer-part', uom: this.units[sku] ?? 'EA' });
    }
    return out;
  }
}

export class InMemoryCustomerDirectory extends CustomerDirectory {
  constructor(readonly customers: EmailCustomer[] = []) {
    super();
  }

  async findByEmail(address: string): Promise<EmailCustomer | null> {
    const a = address.trim().toLowerCase();
    const domain = a.slice(a.lastIndexOf('@'));
    return (
      this.customers.find((c) => c.emails.some((e) => e.toLowerCase() === a)) ??
      this.customers.find((c) => c.emails.some((e) => e.startsWith('@') && e.toLowerCase() === domain)) ??
      null
    );
  }
}

export class InMemoryLayoutTemplateRepository extends LayoutTemplateRepository {
  constructor(readonly templates: LayoutTemplate[] = []) {
    super();
  }

  async forCustomer(customerId: string): Promise<LayoutTemplate[]> {
    return this.templates.filter((t) => t.customerId === customerId);
  }

  async add(customerId: string, template: LayoutTemplate): Promise<string> {
    const id = randomUUID();
    this.templates.push({ ...template, id, customerId });
    return id;
  }
}

export class RecordingIntakeSink extends EmailIntakeSink {
  readonly extracted: PurchaseOrderInput[] = [];
  readonly reviews: NeedsReview[] = [];

  async purchaseOrderExtracted(po: PurchaseOrderInput): Promise<void> {
    this.extracted.push(po);
  }

  async needsReview(review: NeedsReview): Promise<void> {
    this.reviews.push(review);
  }
}

export class InMemoryRawDocumentStore implements RawDocumentStore {
  readonly documents = new Map<string, RawDocument & { content: Buffer }>();

  async store(doc: NewRawDocument): Promise<StoreResult> {
    if (doc.dedupKey) {
      const existing = await this.findByDedupKey(doc.channel, doc.dedupKey);
      if (existing) return { document: existing, created: false };
    }
    const stored = {
      id: randomUUID(),
      channel: doc.channel,
      sender: doc.sender,
      contentType: doc.contentType,
      sha256: createHash('sha256').update(doc.content).digest('hex'),
      size: doc.content.length,
      dedupKey: doc.dedupKey ?? null,
      metadata: doc.metadata ?? {},
      status: 'received' as RawDocumentStatus,
      statusDetail: null,
      receivedAt: new Date(),
      content: doc.content,
    };
    this.documents.set(stored.id, stored);
    return { document: strip(stored), created: true };
  }

  async get(id: string): Promise<RawDocument | null> {
    const d = this.documents.get(id);
    return d ? strip(d) : null;
  }

  async content(id: string): Promise<Buffer | null> {
    return this.documents.get(id)?.content ?? null;
  }

  async findByDedupKey(channel: Channel, dedupKey: string): Promise<RawDocument | null> {
    for (const d of this.documents.values()) if (d.channel === channel && d.dedupKey === dedupKey) return strip(d);
    return null;
  }

  async setStatus(id: string, status: RawDocumentStatus, detail?: string): Promise<void> {
    const d = this.documents.get(id);
    if (d) {
      d.status = status;
      d.statusDetail = detail ?? null;
    }
  }
}

function strip(d: RawDocument & { content: Buffer }): RawDocument {
  const { content: _content, ...rest } = d;
  return { ...rest };
}

export class PassThroughTransactionRunner implements TransactionRunner {
  run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}
