import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CustomerStore, OutboundDocument, OutboundDocuments, ProductCatalog, StockLedger } from '@orderhub/order-core';
import { TransactionRunner } from '@orderhub/persistence';
import { buildInventoryAdvice846, FUNCTIONAL_IDS, InventoryAdviceItem } from '@orderhub/x12';
import { EdiErrors } from '../domain/edi.errors';
import { TradingPartner, writerDelimiters } from '../domain/trading-partner';
import { EdiDocumentDeliverer } from './edi-document.deliverer';
import { OutboundAckLedger } from './outbound-ack-ledger';
import { PartnerInterchangeWriter } from './partner-interchange.writer';
import { expectationFor } from './send-partner-document.use-case';
import { TradingPartnerRepository } from './ports';

export type InventoryAdviceTrigger = { kind: 'schedule'; day: string } | { kind: 'request' };

/**
 * 846 inventory advice for one partner: available-to-promise (on hand less what orders hold) for every item the
 * partner's customer has a part number for, in the partner's item numbers (BP) beside ours (VN). Sent daily at the
 * profile's `inventoryAdviceAt` (once a day: the day is in the document's key) and whenever an admin asks.
 */
@Injectable()
export class SendInventoryAdviceUseCase {
  private readonly logger = new Logger('edi-846');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly partners: TradingPartnerRepository,
    private readonly customers: CustomerStore,
    private readonly catalog: ProductCatalog,
    private readonly stock: StockLedger,
    private readonly documents: OutboundDocuments,
    private readonly writer: PartnerInterchangeWriter,
    private readonly deliverer: EdiDocumentDeliverer,
    private readonly acks: OutboundAckLedger,
  ) {}

  async execute(
    partnerId: string,
    trigger: InventoryAdviceTrigger,
  ): Promise<{ document: OutboundDocument; created: boolean; items: number }> {
    const result = await this.tx.run(async () => {
      const partner = await this.partners.findById(partnerId);
      if (!partner) throw EdiErrors.partnerNotFound(partnerId);
      if (!partner.documents.includes('846')) throw EdiErrors.documentNotInProfile(partner.name, '846');
      const items = await this.items(partner);
      const sourceKey = trigger.kind === 'schedule' ? `846:${partner.id}:${trigger.day}` : `846:${partner.id}:request:${randomUUID()}`;
      const [gs] = await this.writer.allocate(partner.id, 'GS');
      const [st] = await this.writer.allocate(partner.id, 'ST');
      const asOf = new Date();
      const set = buildInventoryAdvice846(
        { reportId: `${asOf.toISOString().slice(0, 10).replace(/-/g, '')}-${st}`, asOf, items },
        { version: partner.version, controlNumber: st, delimiters: writerDelimiters(partner) },
      );
      const { content, controlNumber } = await this.writer.write(partner, {
        groups: [
          {
            functionalId: FUNCTIONAL_IDS['846'],
            senderCode: this.writer.gsId,
            receiverCode: partner.gsId,
            controlNumber: gs,
            version: partner.version,
            sets: [set],
          },
        ],
      });
      const stored = await this.documents.store({
        kind: '846',
        channel: 'edi',
        partnerId: partner.id,
        sourceKey,
        controlNumber,
        contentType: 'application/edi-x12',
        content,
        destination: partner.destination.path ?? `folder:${partner.id}`,
      });
      if (stored.created) await this.acks.expect(expectationFor(partner, stored.document.id, '846', { controlNumber, gs, st }));
      return { ...stored, items: items.length };
    });
    if (result.created) {
      await this.deliverer.deliverAndRecord([result.document]);
      this.logger.log(`846 ${result.document.controlNumber ?? ''} to partner ${partnerId}: ${result.items} item(s)`);
    }
    return result;
  }

  private async items(partner: TradingPartner): Promise<InventoryAdviceItem[]> {
    const parts = await this.customers.partNumbers(partner.customerId);
    const skus = [...new Set(parts.map((p) => p.sku))];
    const availability = new Map((await this.stock.availability(skus)).map((a) => [a.sku, a]));
    const items: InventoryAdviceItem[] = [];
    for (const part of [...parts].sort((a, b) => a.partNumber.localeCompare(b.partNumber))) {
      const product = await this.catalog.findBySku(part.sku);
      if (!product) continue;
      items.push({
        productIds: [
          { qualifier: 'BP', value: part.partNumber },
          { qualifier: 'VN', value: product.sku },
        ],
        description: product.description,
        available: availability.get(product.sku)?.available ?? '0',
        uom: product.uom,
      });
    }
    return items;
  }
}
