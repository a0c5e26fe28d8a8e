import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import {
  createEnvelope,
  draftPurchaseOrder,
  exceptionDraftSchema,
  intakeEnvelope,
  IntakePort,
  MESSAGE_TYPES,
  Topics,
  withoutNulCharacters,
  type IntakeDocument,
  type IntakeOutcome,
  type ReviewRequest,
} from '@orderhub/contracts';
import { metricsRegistry } from '@orderhub/common';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore } from '@orderhub/persistence';
import { ExceptionRepository } from '../exceptions/application/exception.repository';

/** Inbound documents by channel and outcome, counted at the one place every door passes. */
const intakeOutcomes = new Counter({
  name: 'orderhub_intake_outcomes_total',
  help: 'Inbound documents (or transaction sets) by channel and intake outcome: received, needs-review, rejected, duplicate',
  labelNames: ['channel', 'outcome'],
  registers: [metricsRegistry],
});

/**
 * The intake port, implemented once: the outbox message (received), the exception with its typed draft and
 * the flagged event (needs review), the raw document's forward-only status, and the count. Runs in the
 * caller's transaction, so all of it commits with the raw document or not at all.
 */
@Injectable()
export class OutboxIntake extends IntakePort {
  constructor(
    private readonly outbox: Outbox,
    private readonly exceptions: ExceptionRepository,
    private readonly rawDocuments: RawDocumentStore,
  ) {
    super();
  }

  async record(document: IntakeDocument, outcome: IntakeOutcome): Promise<{ exceptionId?: string }> {
    intakeOutcomes.inc({ channel: document.channel, outcome: outcome.kind });
    switch (outcome.kind) {
      case 'received':
        for (const message of outcome.messages) {
          // A U+0000 cannot be stored downstream (the order would fail in every consumer): it becomes U+FFFD;
          // the raw document keeps the exact bytes.
          const clean = { ...message, payload: withoutNulCharacters(message.payload) } as typeof message;
          await this.outbox.enqueue(clean.topic, intakeEnvelope(document, clean) as never);
        }
        return {};
      case 'needs-review':
        return { exceptionId: await this.openException(document, outcome.review) };
      case 'rejected':
        await this.rawDocuments.setStatus(document.rawDocumentId, 'rejected', `${outcome.code}: ${outcome.reason}`.slice(0, 2000));
        return {};
      case 'duplicate':
        await this.rawDocuments.setStatus(document.rawDocumentId, 'duplicate', outcome.of ? `duplicate of ${outcome.of}` : undefined);
        return {};
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }

  private async openException(document: IntakeDocument, review: ReviewRequest): Promise<string> {
    const draft = exceptionDraftSchema.parse(withoutNulCharacters(review.draft));
    const { exception, created } = await this.exceptions.open({
      channel: document.channel,
      reasons: withoutNulCharacters(review.reasons),
      purchaseOrder: draftPurchaseOrder(draft),
      rawDocumentId: document.rawDocumentId,
      sourceKey: review.sourceKey,
      sender: document.sender,
      partnerId: document.partnerId ?? null,
      customerId: review.customerId ?? null,
      customerName: review.customerName ?? null,
      poNumber: review.poNumber?.slice(0, 80) ?? null,
      receivedAt: review.receivedAt,
      actor: review.actor,
      senderTold: review.senderTold ?? null,
    });
    if (created) {
      await this.outbox.enqueue(
        Topics.PurchaseOrderFlagged,
        createEnvelope({
          type: MESSAGE_TYPES[Topics.PurchaseOrderFlagged],
          key: exception.id,
          correlationId: document.rawDocumentId,
          idempotencyKey: `flagged:${exception.id}`,
          payload: {
            exceptionId: exception.id,
            channel: document.channel,
            rawDocumentId: document.rawDocumentId,
            sender: document.sender,
            partnerId: document.partnerId,
            customerId: review.customerId ?? undefined,
            poNumber: review.poNumber ?? undefined,
            reasons: exception.reasons.map((r) => ({ code: r.code, message: r.message })),
            channelData: review.channelData ?? {},
          },
        }),
      );
      // A message the core could not process leaves its document failed (replayable), with the cause.
      if (draft.kind === 'unprocessable-message') {
        await this.rawDocuments.setStatus(
          document.rawDocumentId,
          'failed',
          `MESSAGE.UNPROCESSABLE: ${draft.cause.code}: ${draft.cause.message}`.slice(0, 2000),
        );
      } else {
        await this.rawDocuments.setStatus(
          document.rawDocumentId,
          'flagged',
          exception.reasons
            .map((r) => r.code)
            .join(',')
            .slice(0, 2000),
        );
      }
    }
    return exception.id;
  }
}
