import { Injectable, Logger } from '@nestjs/common';
import type { InvoiceIssued, OrderAcknowledged, OrderChangeAnswered } from '@orderhub/contracts';
import { OutboundDocument, OutboundDocuments } from '@orderhub/order-core';
import { TransactionRunner } from '@orderhub/persistence';
import {
  buildInvoice810,
  buildPoAck855,
  buildPoChangeAck865,
  buildShipNotice856,
  FUNCTIONAL_IDS,
  X12TransactionSetDraft,
} from '@orderhub/x12';
import { TradingPartner, writerDelimiters } from '../domain/trading-partner';
import { OutboundAckLedger } from './outbound-ack-ledger';
import { PartnerInterchangeWriter } from './partner-interchange.writer';
import { TradingPartnerRepository } from './ports';

export type PartnerDocumentRequest =
  /** `revision`: a fresh 855 for a changed order (the change's key), beside the first one. */
  | { kind: '855'; event: OrderAcknowledged; revision?: string }
  | { kind: '865'; event: OrderChangeAnswered }
  | { kind: '856'; event: InvoiceIssued }
  | { kind: '810'; event: InvoiceIssued };

function sourceKeyOf(request: PartnerDocumentRequest): string {
  switch (request.kind) {
    case '855':
      return request.revision ? `855:${request.event.salesOrderId}:${request.revision}` : `855:${request.event.salesOrderId}`;
    case '865':
      return `865:${request.event.changeKey}`;
    case '856':
      return `856:${request.event.shipmentId}`;
    case '810':
      return `810:${request.event.invoiceId}`;
  }
}

function setFor(request: PartnerDocumentRequest, options: Parameters<typeof buildPoAck855>[1]): X12TransactionSetDraft {
  switch (request.kind) {
    case '855':
      return buildPoAck855(request.event, options);
    case '865':
      return buildPoChangeAck865(request.event, options);
    case '856':
      return buildShipNotice856(request.event, options);
    case '810':
      return buildInvoice810(request.event, options);
  }
}

export type SendOutcome = { sent: false; reason: string } | { sent: true; document: OutboundDocument; created: boolean };

/**
 * 855 purchase order acknowledgement, 856 ship notice and 810 invoice for EDI orders whose partner wants them: built in the
 * partner's version and delimiters, enveloped with the persisted control numbers and stored, all in the caller's
 * transaction (the bus consumer's, with its idempotency key). Delivery happens after commit.
 */
@Injectable()
export class SendPartnerDocumentUseCase {
  private readonly logger = new Logger('edi-outbound');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly partners: TradingPartnerRepository,
    private readonly documents: OutboundDocuments,
    private readonly writer: PartnerInterchangeWriter,
    private readonly acks: OutboundAckLedger,
  ) {}

  async execute(request: PartnerDocumentRequest): Promise<SendOutcome> {
    const { event, kind } = request;
    if (event.channel !== 'edi') return { sent: false, reason: 'not an EDI order' };
    if (!event.partnerId) return { sent: false, reason: 'no partner on the order' };
    const sourceKey = sourceKeyOf(request);
    return this.tx.run(async () => {
      const partner = await this.partners.findById(event.partnerId as string);
      if (!partner) return { sent: false, reason: `partner ${event.partnerId} not found` };
      if (!partner.documents.includes(kind)) return { sent: false, reason: `partner ${partner.name} does not take ${kind}` };
      // Checked before numbers are drawn: an already written document must not consume (and so skip) a number.
      const existing = (
        event.salesOrderId
          ? await this.documents.listForOrder(event.salesOrderId)
          : await this.documents.listForReceipt(event.rawDocumentId)
      ).find((d) => d.sourceKey === sourceKey);
      if (existing) return { sent: true, document: existing, created: false };
      const content = await this.build(partner, request);
      const stored = await this.documents.store({
        kind,
        channel: 'edi',
        salesOrderId: event.salesOrderId ?? null,
        rawDocumentId: event.rawDocumentId,
        partnerId: partner.id,
        sourceKey,
        controlNumber: content.controlNumber,
        contentType: 'application/edi-x12',
        content: content.content,
        destination: partner.destination.path ?? `folder:${partner.id}`,
      });
      // From now on the partner's 997/999 (or TA1) about it is awaited, and overdue after the profile's hours.
      if (stored.created) await this.acks.expect(expectationFor(partner, stored.document.id, kind, content));
      this.logger.log(`${kind} ${content.controlNumber} for ${event.poNumber} to ${partner.name}`);
      return { sent: true, ...stored };
    });
  }

  private async build(
    partner: TradingPartner,
    request: PartnerDocumentRequest,
  ): Promise<{ content: string; controlNumber: string; gs: number; st: number }> {
    const [gs] = await this.writer.allocate(partner.id, 'GS');
    const [st] = await this.writer.allocate(partner.id, 'ST');
    const options = { version: partner.version, controlNumber: st, delimiters: writerDelimiters(partner) };
    const set = setFor(request, options);
    const written = await this.writer.write(partner, {
      groups: [
        {
          functionalId: FUNCTIONAL_IDS[request.kind],
          senderCode: this.writer.gsId,
          receiverCode: partner.gsId,
          controlNumber: gs,
          version: partner.version,
          sets: [set],
        },
      ],
    });
    return { ...written, gs, st };
  }
}

/** What to match the partner's acknowledgement against: our ISA13, GS06 and ST02 for this document. */
export function expectationFor(
  partner: Pick<TradingPartner, 'id' | 'ackOverdueHours'>,
  documentId: string,
  kind: string,
  written: { controlNumber: string; gs: number; st: number },
) {
  return {
    documentId,
    partnerId: partner.id,
    kind,
    interchangeControl: written.controlNumber,
    groupControl: String(written.gs),
    setControl: String(written.st),
    dueAt: new Date(Date.now() + partner.ackOverdueHours * 3_600_000),
  };
}
