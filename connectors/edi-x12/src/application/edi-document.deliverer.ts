import { Injectable, Logger } from '@nestjs/common';
import type { DeliveryStatus, DocumentDeliverer, OutboundDocument } from '@orderhub/order-core';
import { OutboundDocuments } from '@orderhub/order-core';
import { OutboundTransport, TradingPartnerRepository } from './ports';

/**
 * Delivers stored EDI documents to the partner's destination. Runs after the document's transaction committed:
 * a failed delivery is recorded on the document (never loses it) and `POST /api/v1/documents/:id/resend` tries
 * again through the same deliverer.
 */
@Injectable()
export class EdiDocumentDeliverer implements DocumentDeliverer {
  readonly channel = 'edi';
  private readonly logger = new Logger('edi-delivery');

  constructor(
    private readonly partners: TradingPartnerRepository,
    private readonly transport: OutboundTransport,
    private readonly documents: OutboundDocuments,
  ) {}

  async deliver(document: OutboundDocument): Promise<{ status: DeliveryStatus; error?: string }> {
    const partner = document.partnerId ? await this.partners.findById(document.partnerId) : null;
    if (!partner) return { status: 'undeliverable', error: `EDI.PARTNER_NOT_FOUND: no trading partner ${document.partnerId ?? '(none)'}` };
    try {
      const sent = await this.transport.send(partner, {
        name: fileNameOf(document),
        content: Buffer.from(document.content, 'utf8'),
        documentId: document.id,
      });
      return sent.pending ? { status: 'pending', error: `awaiting confirmation from ${sent.location}` } : { status: 'delivered' };
    } catch (error) {
      return { status: 'failed', error: `EDI.DELIVERY_FAILED: ${(error as Error).message}`.slice(0, 2000) };
    }
  }

  /** Delivers freshly stored documents and records the outcome; never throws (the documents are safe already). */
  async deliverAndRecord(documents: readonly OutboundDocument[]): Promise<void> {
    for (const document of documents) {
      const outcome = await this.deliver(document);
      if (outcome.status !== 'delivered')
        this.logger.warn(`document ${document.id} (${document.kind}) not delivered: ${outcome.error ?? outcome.status}`);
      await this.documents.recordDelivery(document.id, outcome).catch((error: unknown) => {
        this.logger.error(`could not record delivery of ${document.id}: ${(error as Error).message}`);
      });
    }
  }
}

/** Stable per document, so a re-send rewrites the same file rather than adding a second copy. */
export function fileNameOf(document: Pick<OutboundDocument, 'kind' | 'controlNumber' | 'id'>): string {
  return `${document.kind}_${document.controlNumber ?? 'x'}_${document.id.slice(0, 8)}.x12`;
}
