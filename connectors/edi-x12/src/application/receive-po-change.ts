import { Injectable } from '@nestjs/common';
import { AuditActors } from '@orderhub/auth';
import { IntakePort, Topics } from '@orderhub/contracts';
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
  constructor(private readonly intake: IntakePort) {}

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
    const document = { rawDocumentId: raw.id, channel: 'edi' as const, sender: partner.id, partnerId: partner.id };
    if (mapping.ok) {
      await this.intake.record(document, {
        kind: 'received',
        messages: [
          { topic: Topics.PurchaseOrderChangeReceived, key: mapping.change.poNumber, idempotencyKey: key, payload: mapping.change },
        ],
      });
      return { defects: mapping.defects, enqueued: true, exception: false };
    }
    await this.intake.record(document, {
      kind: 'needs-review',
      review: {
        sourceKey: key,
        reasons: mapping.defects
          .filter((d) => d.severity === 'error')
          .map((d) => ({
            code: `EDI.${d.code}`,
            message: d.message,
            details: { segmentId: d.segmentId, segmentPosition: d.segmentPosition, badValue: d.badValue },
          })),
        draft: {
          kind: 'partial',
          fields: {
            source: { channel: 'edi', rawDocumentId: raw.id, partnerId: partner.id, reference: key },
            poNumber: mapping.poNumber,
            transactionSet: '860',
          },
          channelData: {},
        },
        customerId: partner.customerId,
        poNumber: mapping.poNumber ?? null,
        receivedAt: raw.receivedAt,
        actor: AuditActors.partner(partner.id),
      },
    });
    return { defects: mapping.defects, enqueued: false, exception: true };
  }
}
