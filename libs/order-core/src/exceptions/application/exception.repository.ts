import type { Channel } from '@orderhub/contracts';
import type { ExceptionReason, ExceptionStatus, OrderExceptionEntity } from '../infrastructure/order-exception.entity';

export interface ExceptionListQuery {
  status?: ExceptionStatus;
  channel?: Channel;
  reason?: string;
  customerId?: string;
  minAgeHours?: number;
  limit: number;
  offset: number;
}

export interface NewException {
  channel: Channel;
  reasons: ExceptionReason[];
  purchaseOrder: OrderExceptionEntity['purchaseOrder'];
  rawDocumentId: string;
  sourceKey: string;
  sender: string;
  partnerId?: string | null;
  customerId?: string | null;
  customerName?: string | null;
  poNumber?: string | null;
  receivedAt: Date;
  actor: string;
  /** 'rejected' when the channel already told the sender no (an X12 set rejected in its 997/999). */
  senderTold?: 'rejected' | null;
}

export abstract class ExceptionRepository {
  /** Idempotent by source key: a redelivered flag finds the first exception. */
  abstract open(exception: NewException): Promise<{ exception: OrderExceptionEntity; created: boolean }>;
  abstract findById(id: string): Promise<OrderExceptionEntity | null>;
  abstract findBySourceKey(sourceKey: string): Promise<OrderExceptionEntity | null>;
  abstract listForRawDocument(rawDocumentId: string): Promise<OrderExceptionEntity[]>;
  abstract list(query: ExceptionListQuery): Promise<{
    items: OrderExceptionEntity[];
    total: number;
    counts: { byReason: Record<string, number>; byChannel: Record<string, number> };
  }>;
  /**
   * Applies a change if the exception still has `expectedVersion` (optimistic lock), bumping the version;
   * false when someone else changed it first.
   */
  abstract update(
    id: string,
    expectedVersion: number,
    change: Partial<OrderExceptionEntity>,
    historyEntry: { actor: string; action: string; note?: string },
  ): Promise<boolean>;
  abstract countOpen(): Promise<number>;
}
