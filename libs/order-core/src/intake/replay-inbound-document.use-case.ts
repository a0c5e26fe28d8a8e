import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, type MessageEnvelope, type TopicName } from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { RawDocumentStore, TransactionRunner } from '@orderhub/persistence';
import { ExceptionRepository } from '../exceptions/application/exception.repository';

/**
 * An admin hands a failed document to the core again: the message the core could not process (kept whole in its
 * MESSAGE.UNPROCESSABLE exception) goes back on the outbox, and the exception is marked replayed. If it fails
 * again, a new exception says so. A document that failed before reaching the core has no message to replay:
 * the partner or store sends it again.
 */
@Injectable()
export class ReplayInboundDocumentUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly raw: RawDocumentStore,
    private readonly exceptions: ExceptionRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(rawDocumentId: string, actor: string): Promise<{ id: string; replayed: number; exceptionIds: string[] }> {
    return this.tx.run(async () => {
      const doc = await this.raw.get(rawDocumentId);
      if (!doc) throw new NotFoundError('INBOUND.NOT_FOUND', `inbound document ${rawDocumentId} not found`);
      if (doc.status !== 'failed')
        throw new ConflictError('INBOUND.NOT_FAILED', `only a failed document is replayed; this one is ${doc.status}`, {
          status: doc.status,
        });
      const unprocessable = (await this.exceptions.listForRawDocument(rawDocumentId)).filter(
        (e) => e.status === 'open' && e.reasons.some((r) => r.code === 'MESSAGE.UNPROCESSABLE' && r.details?.envelope && r.details.topic),
      );
      if (unprocessable.length === 0) {
        throw new ConflictError(
          'INBOUND.NOT_REPLAYABLE',
          'the document failed before the core received it, so there is no message to replay; have it sent again',
          {
            statusDetail: doc.statusDetail,
          },
        );
      }
      for (const exception of unprocessable) {
        const reason = exception.reasons.find((r) => r.code === 'MESSAGE.UNPROCESSABLE')!;
        const topic = reason.details!.topic as TopicName;
        await this.outbox.enqueue(topic, reason.details!.envelope as MessageEnvelope<never>);
        const ok = await this.exceptions.update(
          exception.id,
          exception.version,
          { status: 'replayed', resolvedAt: new Date(), resolvedBy: actor },
          { actor, action: 'replayed', note: `message on ${topic} handed to the core again` },
        );
        if (!ok) throw new ConflictError('EXCEPTION.VERSION_CONFLICT', 'someone else changed the exception; reload it');
      }
      return { id: rawDocumentId, replayed: unprocessable.length, exceptionIds: unprocessable.map((e) => e.id) };
    });
  }
}
