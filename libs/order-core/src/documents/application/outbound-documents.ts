import type { DeliveryStatus, OutboundKind } from '../infrastructure/outbound-document.entity';

export interface NewOutboundDocument {
  kind: OutboundKind;
  channel: string;
  salesOrderId?: string | null;
  rawDocumentId?: string | null;
  partnerId?: string | null;
  sourceKey: string;
  controlNumber?: string | null;
  contentType: string;
  content: string;
  destination?: string | null;
  status?: DeliveryStatus;
}

export interface OutboundDocument extends Required<Omit<NewOutboundDocument, 'status'>> {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Stores what the hub sends back; idempotent by source key, so a redelivered event writes nothing new. */
export abstract class OutboundDocuments {
  abstract store(doc: NewOutboundDocument): Promise<{ document: OutboundDocument; created: boolean }>;
  abstract get(id: string): Promise<OutboundDocument | null>;
  abstract listForOrder(salesOrderId: string): Promise<OutboundDocument[]>;
  abstract listForReceipt(rawDocumentId: string): Promise<OutboundDocument[]>;
  abstract recordDelivery(id: string, outcome: { status: DeliveryStatus; error?: string }): Promise<void>;
  /** Due again for delivery at once (a re-send asked for where the transport lives in another process). */
  abstract requeue(id: string): Promise<void>;
}

/**
 * Delivers a stored document over its channel's transport (partner folder, SMTP...). Channels register
 * theirs with the registry; the re-send endpoint finds it by the document's channel.
 */
export interface DocumentDeliverer {
  readonly channel: string;
  deliver(document: OutboundDocument): Promise<{ status: DeliveryStatus; error?: string }>;
}

export class DocumentDelivererRegistry {
  private readonly deliverers = new Map<string, DocumentDeliverer>();

  register(deliverer: DocumentDeliverer): void {
    this.deliverers.set(deliverer.channel, deliverer);
  }

  for(channel: string): DocumentDeliverer | undefined {
    return this.deliverers.get(channel);
  }
}
