import { Injectable } from '@nestjs/common';
import { AuditActors } from '@orderhub/auth';
import { createEnvelope, Topics, withoutNulCharacters } from '@orderhub/contracts';
import { Outbox } from '@orderhub/messaging';
import { ExceptionRepository } from '@orderhub/order-core';
import type { RawDocument } from '@orderhub/persistence';
import { mapPoChange860, statusOf, X12Defect, X12TransactionSet } from '@orderhub/x12';
import type { TradingPartner } from '../domain/trading-partner';

/**
 * One 860 of an accepted interchange: a readable change goes to the core (PurchaseOrderChangeReceived), which
 * applies it to the open order and answers with the 865; one it cannot read goes to the exceptions queue. A set
 * the dictionary rejected is left to the 997/999 (the partner fixes and resends).
 */
@Injectable()
export class ReceivePoChange860 {
  constructor(
    private readonly outbox: Outbox,
    private readonly exceptions: ExceptionRepository,
  ) {}

  async receive(
    partner: TradingPartner,
    raw: RawDocument,
    set: X12TransactionSet,
  ): Promise<{ defects: X12Defect[]; enqueued: boolean; exception: boolean }> {
    const key = `edi-860:${partner.id}:${set.interchange.controlNumber}:${set.group.controlNumber}:${set.controlNumber}:${raw.id}`;
    if (statusOf(set.defects) === 'R') return { defects: [], enqueued: false, exception: false };
    const mapping = mapPoChange860(set, {
      rawDocumentId: raw.id,
      sender: partner.id,
      partnerId: partner.id,
      customerId: partner.customerId,
      receivedAt: raw.receivedAt.toISOString(),
    });
    if (mapping.ok) {
      await this.outbox.enqueue(
        Topics.PurchaseOrderChangeReceived,
        createEnvelope({
          type: Topics.PurchaseOrderChangeReceived,
          key: mapping.change.poNumber,
          idempotencyKey: key,
          correlationId: raw.id,
          payload: withoutNulCharacters(mapping.change),
        }),
      );
      return { defects: mapping.defects, enqueued: true, exception: false };
    }
    await this.exceptions.open({
      channel: 'edi',
      reasons: mapping.defects
        .filter((d) => d.severity === 'error')
        .map((d) => ({
          code: `EDI.${d.code}`,
          message: d.message,
          details: { segmentId: d.segmentId, segmentPosition: d.segmentPosition, badValue: d.badValue },
        })),
      purchaseOrder: {
        source: { channel: 'edi', rawDocumentId: raw.id, partnerId: partner.id, reference: key },
        poNumber: mapping.poNumber,
        transactionSet: '860',
      },
      rawDocumentId: raw.id,
      sourceKey: key,
      sender: partner.id,
      partnerId: partner.id,
      customerId: partner.customerId,
      poNumber: mapping.poNumber ?? null,
      receivedAt: raw.receivedAt,
      actor: AuditActors.partner(partner.id),
    });
    return { defects: mapping.defects, enqueued: false, exception: true };
  }
}
