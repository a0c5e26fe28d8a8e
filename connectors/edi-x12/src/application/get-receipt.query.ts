import { Injectable } from '@nestjs/common';
import { OutboundDocuments } from '@orderhub/order-core';
import { RawDocumentStore } from '@orderhub/persistence';
import { EdiErrors } from '../domain/edi.errors';
import { InterchangeReceipts } from './ports';

/** What came in (one raw document, its interchanges) and what went back (TA1, 997/999). */
@Injectable()
export class GetReceiptQuery {
  constructor(
    private readonly raw: RawDocumentStore,
    private readonly receipts: InterchangeReceipts,
    private readonly documents: OutboundDocuments,
  ) {}

  async execute(receiptId: string) {
    const doc = await this.raw.get(receiptId);
    if (!doc || doc.channel !== 'edi') throw EdiErrors.receiptNotFound(receiptId);
    const [interchanges, acks] = await Promise.all([this.receipts.listForRawDocument(receiptId), this.documents.listForReceipt(receiptId)]);
    return {
      receiptId,
      partnerId: doc.sender,
      receivedAt: doc.receivedAt.toISOString(),
      status: doc.status,
      statusDetail: doc.statusDetail,
      size: doc.size,
      sha256: doc.sha256,
      via: doc.metadata.via,
      interchanges: interchanges.map((i) => ({
        control: i.controlNumber,
        status: i.status,
        transactions: i.transactions,
        receivedAt: i.receivedAt.toISOString(),
        detail: i.detail,
      })),
      acknowledgements: acks
        .filter((d) => d.kind === 'TA1' || d.kind === '997' || d.kind === '999')
        .map((d) => ({
          id: d.id,
          kind: d.kind,
          controlNumber: d.controlNumber,
          content: d.content,
          status: d.status,
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
          lastError: d.lastError,
        })),
    };
  }
}
