import { add, isPositive, LineDecision, OrderAcknowledged } from '@orderhub/contracts';
import { partySegments, productIdElements, textCleaner, X12BuildOptions } from './x12-documents';
import { formatReal, formatX12Date } from './x12-values';
import type { X12SegmentDraft, X12TransactionSetDraft } from './x12.writer';

/**
 * 855 purchase order acknowledgment from the core's OrderAcknowledged. The same segments serve 004010 and
 * 005010 (only GS08 differs, set by the caller's group). BAK02: AD accepted as sent, AC accepted with
 * changes, RJ rejected; one ACK per line decision (two when part ships now and part is backordered).
 */
export interface PoAck855Options extends X12BuildOptions {
  /** BAK09 acknowledgment date; default now. */
  acknowledgedAt?: Date;
}

const BAK02 = { accepted: 'AD', 'accepted-with-changes': 'AC', rejected: 'RJ' } as const;

export function buildPoAck855(event: OrderAcknowledged, options: PoAck855Options): X12TransactionSetDraft {
  const clean = textCleaner(options.delimiters);
  const ackDate = formatX12Date(options.acknowledgedAt ?? new Date());
  const segments: X12SegmentDraft[] = [];
  segments.push([
    'BAK',
    '00',
    BAK02[event.outcome],
    event.poNumber,
    event.poDate ? formatX12Date(event.poDate) : ackDate,
    undefined,
    undefined,
    undefined,
    event.salesOrderNumber,
    ackDate,
  ]);
  segments.push(['CUR', 'SE', event.currency]);
  if (event.scheduledShipDate) segments.push(['DTM', '068', formatX12Date(event.scheduledShipDate)]);
  segments.push(...partySegments('ST', event.shipTo, clean));
  let hash = '0';
  for (const line of event.lines) {
    hash = add(hash, line.orderedQuantity);
    segments.push([
      'PO1',
      line.buyerLineNumber,
      formatReal(line.orderedQuantity),
      line.uom,
      formatReal(line.unitPrice),
      'PE',
      ...productIdElements(line.productIds),
    ]);
    const description = clean(line.description, 80);
    if (description) segments.push(['PID', 'F', undefined, undefined, undefined, description]);
    const shipDate = line.scheduledShipDate ?? event.scheduledShipDate;
    segments.push(...ackSegments(line, shipDate ? formatX12Date(shipDate) : undefined));
  }
  segments.push(['CTT', String(event.lines.length), formatReal(hash)]);
  return { id: '855', controlNumber: options.controlNumber, segments };
}

/** ACK01 status, ACK02 quantity, ACK03 unit, ACK04 068 (current schedule ship) with ACK05 the date. */
function ackSegments(line: LineDecision, shipDate: string | undefined): X12SegmentDraft[] {
  const ack = (code: string, quantity: string, withDate: boolean): X12SegmentDraft =>
    withDate && shipDate ? ['ACK', code, formatReal(quantity), line.uom, '068', shipDate] : ['ACK', code, formatReal(quantity), line.uom];
  switch (line.ackCode) {
    case 'IR':
      return [ack('IR', line.orderedQuantity, false)];
    case 'IB':
      // Part accepted now, the rest backordered: say both, so the buyer's open quantity adds up.
      return isPositive(line.acceptedQuantity)
        ? [ack('IA', line.acceptedQuantity, true), ack('IB', line.backorderedQuantity, false)]
        : [ack('IB', line.backorderedQuantity, false)];
    case 'IA':
    case 'IQ':
    case 'IP':
    case 'IC':
      return [ack(line.ackCode, line.acceptedQuantity, true)];
  }
}
