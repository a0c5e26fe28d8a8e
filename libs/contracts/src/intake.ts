import { z } from 'zod';
import { createEnvelope, type MessageEnvelope } from './envelope';
import type { OrderChangeRequested, PurchaseOrderChangeReceived, PurchaseOrderReceived } from './events';
import { type Channel, purchaseOrderSchema } from './purchase-order';
import { Topics, type TopicName } from './topics';

/** The envelope `type` of every topic: one vocabulary, so no two builders name the same message differently. */
export const MESSAGE_TYPES: Record<TopicName, string> = {
  [Topics.PurchaseOrderReceived]: 'purchase-order.received',
  [Topics.OrderChangeRequested]: 'order.change-requested',
  [Topics.OrderAcknowledged]: 'order.acknowledged',
  [Topics.PurchaseOrderFlagged]: 'purchase-order.flagged',
  [Topics.PurchaseOrderRejected]: 'purchase-order.rejected',
  [Topics.InvoiceIssued]: 'invoice.issued',
  [Topics.PurchaseOrderChangeReceived]: 'purchase-order.change-received',
  [Topics.OrderChangeAnswered]: 'order.change-answered',
  [Topics.ExceptionResolved]: 'exception.resolved',
};

/**
 * What an exception holds for the operator to complete, validated on the way in and out:
 * - `purchase-order`: a complete canonical order (problems are about master data, prices, dates...);
 * - `partial`: what could be extracted or mapped (an email with no readable order, an X12 set with mapping
 *   defects), possibly nothing; corrections complete it;
 * - `unprocessable-message`: a bus message the core could not process (MESSAGE.UNPROCESSABLE), kept whole for
 *   replay, with the order inside it when there is one.
 */
export const exceptionDraftSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('purchase-order'), purchaseOrder: purchaseOrderSchema }),
  z.object({
    kind: z.literal('partial'),
    fields: z.record(z.string(), z.unknown()),
    channelData: z.record(z.string(), z.unknown()).default({}),
  }),
  z.object({
    kind: z.literal('unprocessable-message'),
    topic: z.string(),
    envelope: z.record(z.string(), z.unknown()),
    cause: z.object({ code: z.string(), message: z.string() }),
    purchaseOrder: purchaseOrderSchema.optional(),
  }),
]);
export type ExceptionDraft = z.infer<typeof exceptionDraftSchema>;

/** The draft as the exceptions queue shows and stores it (`purchaseOrder` of the exception). */
export function draftPurchaseOrder(draft: ExceptionDraft): Record<string, unknown> {
  switch (draft.kind) {
    case 'purchase-order':
      return draft.purchaseOrder as unknown as Record<string, unknown>;
    case 'partial':
      return {
        draft: true,
        ...draft.fields,
        channelData: { ...draft.channelData, ...((draft.fields.channelData as Record<string, unknown> | undefined) ?? {}) },
      };
    case 'unprocessable-message':
      return (
        (draft.purchaseOrder as unknown as Record<string, unknown> | undefined) ?? {
          draft: true,
          unprocessable: { topic: draft.topic, cause: draft.cause },
        }
      );
    default: {
      const unreachable: never = draft;
      return unreachable;
    }
  }
}

export type IntakeMessage =
  | { topic: typeof Topics.PurchaseOrderReceived; payload: PurchaseOrderReceived; key: string; idempotencyKey: string }
  | { topic: typeof Topics.OrderChangeRequested; payload: OrderChangeRequested; key: string; idempotencyKey: string }
  | { topic: typeof Topics.PurchaseOrderChangeReceived; payload: PurchaseOrderChangeReceived; key: string; idempotencyKey: string };

/** The stored raw document an outcome is about. */
export interface IntakeDocument {
  rawDocumentId: string;
  channel: Channel;
  sender: string;
  partnerId?: string;
  occurredAt?: Date;
}

export interface ReviewRequest {
  /** One exception per source key: a redelivery finds the first. */
  sourceKey: string;
  reasons: Array<{ code: string; message: string; lineNumber?: number; details?: Record<string, unknown> }>;
  draft: ExceptionDraft;
  customerId?: string | null;
  customerName?: string | null;
  poNumber?: string | null;
  receivedAt: Date;
  actor: string;
  /** 'rejected' when the channel already told the sender no (an X12 set its 997 rejected). */
  senderTold?: 'rejected' | null;
  /** Carried on the flagged event, so channel replies can thread (email Message-ID, X12 control numbers). */
  channelData?: Record<string, unknown>;
}

/** The four outcomes a door reaches for a stored document. */
export type IntakeOutcome =
  | { kind: 'received'; messages: IntakeMessage[] }
  | { kind: 'needs-review'; review: ReviewRequest }
  | { kind: 'rejected'; code: string; reason: string }
  | { kind: 'duplicate'; of?: string };

/**
 * The one way a channel hands a stored document's outcome to the core, called inside the channel's own
 * transaction (the raw document, the outbox message and the exception commit together). The core implements
 * it once: it builds the envelope, opens the exception with a typed draft, moves the raw document's status
 * forward and counts the outcome.
 */
export abstract class IntakePort {
  abstract record(document: IntakeDocument, outcome: IntakeOutcome): Promise<{ exceptionId?: string }>;
}

/** The envelope for a message a door hands over: `type` from the vocabulary, correlated with the raw document. */
export function intakeEnvelope(document: IntakeDocument, message: IntakeMessage): MessageEnvelope<IntakeMessage['payload']> {
  return createEnvelope({
    type: MESSAGE_TYPES[message.topic],
    key: message.key,
    idempotencyKey: message.idempotencyKey,
    correlationId: document.rawDocumentId,
    occurredAt: document.occurredAt,
    payload: message.payload,
  });
}
