import type { Channel } from '@orderhub/contracts';

/**
 * Runs work in one database transaction. Repositories called inside `run` join it (through
 * AsyncLocalStorage), so application code commits raw documents, domain rows and outbox messages
 * together without importing TypeORM.
 */
export abstract class TransactionRunner {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}

export type RawDocumentStatus = 'received' | 'processed' | 'flagged' | 'rejected' | 'duplicate' | 'failed';

/**
 * A raw document's status only moves forward, to a higher rank (enforced in SQL by a trigger): received, then
 * failed (the core could not process it yet), then processed or duplicate, then flagged (an operator must
 * look), then rejected. An approval after a flag leaves it flagged; its outcome lists the order.
 */
export const RAW_DOCUMENT_STATUS_RANK: Record<RawDocumentStatus, number> = {
  received: 0,
  failed: 1,
  processed: 2,
  duplicate: 2,
  flagged: 3,
  rejected: 4,
};

export interface NewRawDocument {
  channel: Channel;
  /** Partner id, sender address, shop domain, operator email. */
  sender: string;
  contentType: string;
  content: Buffer;
  /** Unique per channel when set: a second store with the same key returns the first document. */
  dedupKey?: string;
  metadata?: Record<string, unknown>;
}

export interface RawDocument {
  id: string;
  channel: Channel;
  sender: string;
  contentType: string;
  sha256: string;
  size: number;
  dedupKey: string | null;
  metadata: Record<string, unknown>;
  status: RawDocumentStatus;
  statusDetail: string | null;
  receivedAt: Date;
}

export interface StoreResult {
  document: RawDocument;
  /** False when the dedup key was already stored: the earlier document is returned. */
  created: boolean;
}

/** Every inbound payload is kept here before its sender gets any acknowledgement. */
export abstract class RawDocumentStore {
  abstract store(doc: NewRawDocument): Promise<StoreResult>;
  abstract get(id: string): Promise<RawDocument | null>;
  abstract content(id: string): Promise<Buffer | null>;
  abstract findByDedupKey(channel: Channel, dedupKey: string): Promise<RawDocument | null>;
  abstract setStatus(id: string, status: RawDocumentStatus, detail?: string): Promise<void>;
}
