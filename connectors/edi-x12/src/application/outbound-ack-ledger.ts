/** What the partner said (or has not yet said) about one document we sent. */
export type OutboundAckStatus = 'awaiting' | 'accepted' | 'accepted-with-errors' | 'rejected';

export interface OutboundAckCode {
  /** Where the code came from: TA1, AK9 (group), AK5/IK5 (set), AK3/IK3 (segment), AK4/IK4 (element). */
  level: 'TA1' | 'group' | 'set' | 'segment' | 'element';
  code: string;
  segment?: string;
  position?: string;
  element?: string;
}

export interface OutboundAck {
  documentId: string;
  partnerId: string;
  kind: string;
  interchangeControl: string;
  groupControl: string;
  setControl: string;
  status: OutboundAckStatus;
  overdue: boolean;
  codes: OutboundAckCode[];
  ackRawDocumentId: string | null;
  acknowledgedAt: Date | null;
  dueAt: Date;
  createdAt: Date;
}

export interface SetVerdict {
  setControl: string;
  status: Exclude<OutboundAckStatus, 'awaiting'>;
  codes: OutboundAckCode[];
}

/**
 * The ledger of acknowledgements we expect for what we send (855, 856, 810, 865, 846). Joins the caller's transaction.
 * Control numbers are compared as numbers (a partner may echo "14" for "000000014").
 */
export abstract class OutboundAckLedger {
  abstract expect(
    row: Pick<OutboundAck, 'documentId' | 'partnerId' | 'kind' | 'interchangeControl' | 'groupControl' | 'setControl' | 'dueAt'>,
  ): Promise<void>;
  /** A 997/999 about one of our groups: per-set verdicts, or one verdict for every set of the group. Returns the documents it matched. */
  abstract applyGroup(
    partnerId: string,
    groupControl: string,
    verdict: { sets: SetVerdict[]; whole?: Omit<SetVerdict, 'setControl'> },
    ackRawDocumentId: string,
  ): Promise<string[]>;
  /** A TA1 rejecting one of our interchanges. */
  abstract applyInterchangeRejection(
    partnerId: string,
    interchangeControl: string,
    code: string,
    ackRawDocumentId: string,
  ): Promise<string[]>;
  abstract list(
    query: { status?: 'awaiting' | 'overdue' | 'rejected' | 'accepted'; partnerId?: string; limit: number; offset: number },
    now: Date,
  ): Promise<{ items: OutboundAck[]; total: number }>;
  abstract counts(now: Date): Promise<{ overdue: number; rejected: number }>;
  abstract get(documentId: string): Promise<OutboundAck | null>;
  /** After a re-send: awaiting again, due anew. */
  abstract resent(documentId: string, dueAt: Date): Promise<void>;
}
