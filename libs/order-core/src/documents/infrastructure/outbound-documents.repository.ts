import { Injectable } from '@nestjs/common';
import { TransactionManager } from '@orderhub/persistence';
import { NewOutboundDocument, OutboundDocument, OutboundDocuments } from '../application/outbound-documents';
import { DeliveryStatus, OutboundDocumentEntity } from './outbound-document.entity';

@Injectable()
export class TypeormOutboundDocuments extends OutboundDocuments {
  constructor(private readonly tx: TransactionManager) {
    super();
  }

  private repo() {
    return this.tx.manager().getRepository(OutboundDocumentEntity);
  }

  async store(doc: NewOutboundDocument): Promise<{ document: OutboundDocument; created: boolean }> {
    const existing = await this.repo().findOne({ where: { sourceKey: doc.sourceKey } });
    if (existing) return { document: toDomain(existing), created: false };
    const saved = await this.repo().save(
      this.repo().create({
        kind: doc.kind,
        channel: doc.channel,
        salesOrderId: doc.salesOrderId ?? null,
        rawDocumentId: doc.rawDocumentId ?? null,
        partnerId: doc.partnerId ?? null,
        sourceKey: doc.sourceKey,
        controlNumber: doc.controlNumber ?? null,
        contentType: doc.contentType,
        content: doc.content,
        destination: doc.destination ?? null,
        status: doc.status ?? 'pending',
      }),
    );
    return { document: toDomain(saved), created: true };
  }

  async get(id: string): Promise<OutboundDocument | null> {
    const row = await this.repo().findOne({ where: { id } });
    return row ? toDomain(row) : null;
  }

  async listForOrder(salesOrderId: string): Promise<OutboundDocument[]> {
    return (await this.repo().find({ where: { salesOrderId }, order: { createdAt: 'ASC' } })).map(toDomain);
  }

  async listForReceipt(rawDocumentId: string): Promise<OutboundDocument[]> {
    return (await this.repo().find({ where: { rawDocumentId }, order: { createdAt: 'ASC' } })).map(toDomain);
  }

  async recordDelivery(id: string, outcome: { status: DeliveryStatus; error?: string }): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update(OutboundDocumentEntity)
      .set({
        status: outcome.status,
        lastError: outcome.error ?? null,
        attempts: () => 'attempts + 1',
        deliveredAt: outcome.status === 'delivered' ? () => 'now()' : undefined,
      })
      .where('id = :id', { id })
      .execute();
  }

  async requeue(id: string): Promise<void> {
    // attempts back to 0 and created_at is left alone: the next pass takes it (its age is past any backoff).
    await this.repo().update({ id }, { status: 'pending', attempts: 0, lastError: null });
  }
}

function toDomain(row: OutboundDocumentEntity): OutboundDocument {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    salesOrderId: row.salesOrderId,
    rawDocumentId: row.rawDocumentId,
    partnerId: row.partnerId,
    sourceKey: row.sourceKey,
    controlNumber: row.controlNumber,
    contentType: row.contentType,
    content: row.content,
    destination: row.destination,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}
