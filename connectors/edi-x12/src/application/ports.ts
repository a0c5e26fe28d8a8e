import type { ControlNumberKind } from '../domain/control-number';
import type { PartnerDestination, TradingPartner } from '../domain/trading-partner';

/** Trading partner profiles. Joins the caller's transaction. */
export abstract class TradingPartnerRepository {
  abstract findById(id: string): Promise<TradingPartner | null>;
  abstract findByApiKeyHash(hash: string): Promise<TradingPartner | null>;
  abstract findByIsa(qualifier: string, id: string): Promise<TradingPartner | null>;
  abstract list(page: { limit: number; offset: number }): Promise<{ items: TradingPartner[]; total: number }>;
  abstract listActive(): Promise<TradingPartner[]>;
  /** Inserts the profile and its control-number row; EDI.PARTNER_DUPLICATE when the ISA id is taken. */
  abstract insert(partner: TradingPartner, apiKeyHash: string): Promise<void>;
  abstract update(partner: TradingPartner): Promise<void>;
  abstract setApiKeyHash(id: string, hash: string): Promise<void>;
}

/**
 * Outbound control numbers per partner. `next` increments inside the caller's transaction (UPDATE ... RETURNING),
 * so the row stays locked until that transaction ends: numbers are handed out in commit order, and a rollback
 * returns them. Never reused, never skipped.
 */
export abstract class ControlNumberSequence {
  abstract next(partnerId: string, kind: ControlNumberKind, count?: number): Promise<number[]>;
}

export type InterchangeStatus = 'accepted' | 'rejected' | 'duplicate';

export interface InterchangeReceipt {
  id: string;
  partnerId: string;
  rawDocumentId: string;
  /** ISA13 as sent. */
  controlNumber: string;
  /** 0-based position of the interchange in the raw document. */
  position: number;
  status: InterchangeStatus;
  transactions: number;
  detail: Record<string, unknown>;
  receivedAt: Date;
}

export type NewInterchangeReceipt = Omit<InterchangeReceipt, 'id' | 'receivedAt'>;

/** One row per inbound interchange; the duplicate check lives here. */
export abstract class InterchangeReceipts {
  /**
   * Claims ISA13 for the partner as an accepted interchange, unless an accepted one with the same number arrived
   * within `windowHours` (then `duplicateOf` names it and nothing is claimed). Older claims are released first, so
   * a partner whose counter wrapped is not refused forever. Concurrent claims of one number serialize on a unique
   * index: the second waits for the first to commit and then sees the duplicate.
   */
  abstract claim(
    receipt: NewInterchangeReceipt,
    windowHours: number,
  ): Promise<{ claimed: true; id: string } | { claimed: false; duplicateOf: InterchangeReceipt }>;
  abstract record(receipt: NewInterchangeReceipt): Promise<string>;
  abstract update(id: string, change: Pick<InterchangeReceipt, 'status' | 'transactions' | 'detail'>): Promise<void>;
  abstract listForRawDocument(rawDocumentId: string): Promise<InterchangeReceipt[]>;
}

export interface OutboundFile {
  /** File name at the destination (no directories). */
  name: string;
  content: Buffer;
  /** The stored outbound document, so a transport can keep its receipt (an AS2 MDN) with it. */
  documentId?: string;
}

export type TransportPartner = Pick<TradingPartner, 'id' | 'destination' | 'connection'>;

/**
 * Where a partner's documents go: the partner's folder, or AS2 or SFTP by its `connection`. `send` must be
 * idempotent by name (a re-send writes the same file again) and never leave a partial file. `pending` means sent
 * but not yet confirmed (an asynchronous AS2 MDN is still to come): the document stays pending until it is.
 */
export abstract class OutboundTransport {
  abstract describe(partner: TransportPartner): string;
  abstract send(partner: TransportPartner, file: OutboundFile): Promise<{ location: string; pending?: boolean }>;
}

export type { PartnerDestination };

/**
 * Nested rollback points inside the current transaction: a functional group whose trailer turns out wrong is
 * undone (its orders and exceptions) while the rest of the interchange stands, without holding the group in memory.
 */
export abstract class TransactionSavepoints {
  abstract create(name: string): Promise<void>;
  abstract rollbackTo(name: string): Promise<void>;
  abstract release(name: string): Promise<void>;
}
