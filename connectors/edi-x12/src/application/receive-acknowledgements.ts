import { Injectable, Logger } from '@nestjs/common';
import type { RawDocument } from '@orderhub/persistence';
import { readFunctionalAck, statusOf, X12InterchangeResult, X12TransactionSet } from '@orderhub/x12';
import type { TradingPartner } from '../domain/trading-partner';
import { OutboundAckLedger } from './outbound-ack-ledger';

/**
 * The partner's 997/999 and TA1 about what we sent, matched to our documents: a 997/999 by its AK1 (our GS06) and
 * AK2 (our ST02), a TA1 by TA101 (our ISA13). Each document then shows accepted, accepted with errors or rejected,
 * with the codes as received.
 */
@Injectable()
export class ReceiveAcknowledgements {
  private readonly logger = new Logger('edi-acks-in');

  constructor(private readonly ledger: OutboundAckLedger) {}

  async functionalAck(partner: TradingPartner, raw: RawDocument, set: X12TransactionSet): Promise<void> {
    if (statusOf(set.defects) === 'R') return; // our 997 back says why; nothing trustworthy to match
    const report = readFunctionalAck(set.segments);
    if (!report) return;
    const whole =
      report.sets.length === 0 || report.groupStatus === 'rejected'
        ? { status: report.groupStatus === 'partial' ? ('rejected' as const) : report.groupStatus, codes: report.groupCodes }
        : undefined;
    const matched = await this.ledger.applyGroup(partner.id, report.groupControl, { sets: report.sets, whole }, raw.id);
    this.logger.log(
      `${set.id} from ${partner.name} for group ${report.groupControl}: ${report.groupStatus}, ${matched.length} document(s) matched`,
    );
  }

  async interchangeAcks(partner: TradingPartner, raw: RawDocument, result: X12InterchangeResult): Promise<void> {
    for (const ta1 of result.ta1Segments ?? []) {
      const control = (ta1[1] ?? '').trim();
      if (ta1[4] === 'R') await this.ledger.applyInterchangeRejection(partner.id, control, ta1[5] ?? '', raw.id);
    }
  }
}
